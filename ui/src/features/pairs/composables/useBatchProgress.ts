import { effectScope, onScopeDispose, ref, type EffectScope } from 'vue'

import { describeError } from '@/lib/http'
import { useTopic } from '@/lib/live'

import { pairsApi } from '../api'
import { applyBatchFrame, isBatchFrame } from '../batchProgress'
import type { BatchFrame } from '../types'

/**
 * Live progress of one batch: subscribes to `/topic/batches/{id}` and reads the counters once over REST (and
 * again after a reconnect) for what was sent before the subscription; frames older than the one shown are ignored.
 */
export function useBatchProgress() {
  const frame = ref<BatchFrame | null>(null)
  const batchId = ref<string | null>(null)
  const error = ref<string | null>(null)
  let scope: EffectScope | null = null
  let controller: AbortController | null = null

  function apply(next: BatchFrame): void {
    if (next.batch_id !== batchId.value) return
    frame.value = applyBatchFrame(frame.value, next)
  }

  async function catchUp(id: string): Promise<void> {
    try {
      const answer = await pairsApi.batch(id, controller?.signal)
      error.value = null
      apply(answer.batch)
    } catch (e) {
      if (!controller?.signal.aborted) error.value = describeError(e)
    }
  }

  function stop(): void {
    scope?.stop()
    scope = null
    controller?.abort()
    controller = null
  }

  /** Follows a batch (stops following the previous one). */
  function follow(id: string): Promise<void> {
    stop()
    batchId.value = id
    frame.value = null
    error.value = null
    controller = new AbortController()
    scope = effectScope(true)
    scope.run(() =>
      useTopic(
        `/topic/batches/${id}`,
        (body) => {
          if (isBatchFrame(body)) apply(body)
        },
        () => void catchUp(id),
      ),
    )
    return catchUp(id)
  }

  onScopeDispose(stop)
  return { frame, batchId, error, follow, stop, apply }
}
