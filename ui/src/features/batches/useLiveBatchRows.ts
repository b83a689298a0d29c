import { onScopeDispose, watch, type Ref } from 'vue'

import { useLive } from '@/lib/live'

import { batchTopic } from './api'
import { applyFrame, isFinished, parseBatchFrame } from './progress'
import type { BatchSummary } from './types'

/**
 * Keeps the rows of a batch list live: subscribes to `/topic/batches/{id}` for every row that is
 * still running (and only those), applying frames in sequence order to the row in place.
 */
export function useLiveBatchRows(rows: Ref<BatchSummary[]>): void {
  const live = useLive()
  const subscriptions = new Map<string, () => void>()

  function onFrame(body: unknown): void {
    const frame = parseBatchFrame(body)
    if (!frame) return
    const index = rows.value.findIndex((row) => row.batch_id === frame.batch_id)
    if (index < 0) return
    const current = rows.value[index]!
    const next = applyFrame(current, frame)
    if (next === current) return
    const copy = rows.value.slice()
    copy[index] = next
    rows.value = copy
  }

  watch(
    () => rows.value.filter((row) => !isFinished(row.status)).map((row) => row.batch_id),
    (running) => {
      const wanted = new Set(running)
      for (const [id, unsubscribe] of subscriptions) {
        if (!wanted.has(id)) {
          unsubscribe()
          subscriptions.delete(id)
        }
      }
      for (const id of wanted) {
        if (!subscriptions.has(id)) subscriptions.set(id, live.subscribe(batchTopic(id), onFrame))
      }
    },
    { immediate: true },
  )

  onScopeDispose(() => {
    subscriptions.forEach((unsubscribe) => unsubscribe())
    subscriptions.clear()
  })
}

