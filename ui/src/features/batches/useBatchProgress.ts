import { computed, onScopeDispose, ref, shallowRef, watch, type ComputedRef, type Ref } from 'vue'

import { describeError } from '@/lib/http'
import { useConfirm } from '@/lib/confirm'
import { useLive } from '@/lib/live'
import { useToasts } from '@/lib/toasts'

import { batchTopic, cancelBatch, fetchBatchSummary } from './api'
import { applyFrame, countersOf, isFinished, parseBatchFrame, percentDone } from './progress'
import type { BatchCounters, BatchSummary } from './types'

export interface CancelOptions {
  /** Ask the user first through the app's confirmation dialog (default true). */
  confirm?: boolean
  /** What the dialog calls the batch, e.g. "import" (default "batch"). */
  noun?: string
}

export interface BatchProgress {
  /** The latest summary seen (REST or push), null before the first answer or without a batch id. */
  batch: Readonly<Ref<BatchSummary | null>>
  counters: ComputedRef<BatchCounters | null>
  status: ComputedRef<string | null>
  /** Completed or cancelled: nothing will change any more. */
  done: ComputedRef<boolean>
  /** Whole percent of lines finished (0–100). */
  percent: ComputedRef<number>
  loading: Readonly<Ref<boolean>>
  error: Readonly<Ref<string | null>>
  /** Fetches the counters again (`lines_page_size=0`). */
  refresh: () => Promise<void>
  /** Asks to cancel (pending lines are not started); true when the server accepted it. */
  cancel: (options?: CancelOptions) => Promise<boolean>
  /** Feeds one frame (as pushed on `/topic/batches/{id}`); older frames are ignored. */
  apply: (frame: unknown) => void
}

/**
 * Live progress of one batch: fetches its counters, then follows `/topic/batches/{id}`,
 * applying frames in `sequence` order (an older frame never overwrites a newer state) and
 * fetching again after a reconnect. Follows `batchId` when it changes; null means no batch.
 * Call inside a component's setup (or an effect scope): it unsubscribes when disposed.
 */
export function useBatchProgress(batchId: Ref<string | null>): BatchProgress {
  const live = useLive()
  const confirm = useConfirm()
  const toasts = useToasts()

  const batch = shallowRef<BatchSummary | null>(null)
  const loading = ref(false)
  const error = ref<string | null>(null)
  let controller: AbortController | null = null

  function apply(frame: unknown): void {
    const parsed = parseBatchFrame(frame)
    if (parsed === null || parsed.batch_id !== batchId.value) return
    batch.value = applyFrame(batch.value, parsed)
  }

  async function refresh(): Promise<void> {
    const id = batchId.value
    if (!id) return
    controller?.abort()
    const mine = new AbortController()
    controller = mine
    loading.value = true
    try {
      const summary = await fetchBatchSummary(id, mine.signal)
      if (mine.signal.aborted) return
      apply(summary)
      error.value = null
    } catch (cause) {
      if (mine.signal.aborted) return
      error.value = describeError(cause)
    } finally {
      if (controller === mine) {
        controller = null
        loading.value = false
      }
    }
  }

  async function cancel(options: CancelOptions = {}): Promise<boolean> {
    const id = batchId.value
    if (!id || isFinished(batch.value?.status)) return false
    const noun = options.noun ?? 'batch'
    if (options.confirm !== false) {
      const pending = batch.value?.pending
      const yes = await confirm.ask({
        title: `Cancel this ${noun}?`,
        message: 'Lines not started yet will not be started; lines already handed to workers still finish.',
        details: pending !== undefined ? [`${pending.toLocaleString()} pending lines will be cancelled`] : undefined,
        confirmLabel: `Cancel ${noun}`,
        danger: true,
      })
      if (!yes) return false
    }
    try {
      apply(await cancelBatch(id))
      toasts.info(`Cancelling the ${noun}: pending lines will not be started.`)
      return true
    } catch (cause) {
      toasts.failure(`Could not cancel the ${noun}`, cause)
      return false
    }
  }

  let unsubscribe: (() => void) | null = null
  watch(
    batchId,
    (id) => {
      unsubscribe?.()
      unsubscribe = null
      controller?.abort()
      batch.value = null
      error.value = null
      if (!id) return
      unsubscribe = live.subscribe(batchTopic(id), apply)
      void refresh()
    },
    { immediate: true },
  )
  const unhook = live.onReconnect(() => void refresh())

  onScopeDispose(() => {
    unsubscribe?.()
    unhook()
    controller?.abort()
  })

  const counters = computed(() => (batch.value ? countersOf(batch.value) : null))
  return {
    batch,
    counters,
    status: computed(() => batch.value?.status ?? null),
    done: computed(() => isFinished(batch.value?.status)),
    percent: computed(() => (counters.value ? percentDone(counters.value) : 0)),
    loading,
    error,
    refresh,
    cancel,
    apply,
  }
}
