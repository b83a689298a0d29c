import { onScopeDispose, ref, shallowRef } from 'vue'

import { describeError } from '@/lib/http'

import { pairsApi } from '../api'
import type { Pair } from '../types'

/**
 * The instance pairs (`GET /api/pairs`), for pickers, filters and naming a pair by id; loads once
 * per use (call `load` again to retry or refresh), and stops loading when the component goes away.
 */
export function usePairs() {
  const data = shallowRef<Pair[]>([])
  const loading = ref(true)
  const error = ref<string | null>(null)
  let controller: AbortController | null = null

  async function load(): Promise<void> {
    controller?.abort()
    const mine = new AbortController()
    controller = mine
    loading.value = true
    error.value = null
    try {
      data.value = await pairsApi.list({}, mine.signal)
    } catch (cause) {
      if (mine.signal.aborted) return
      error.value = describeError(cause)
    } finally {
      if (controller === mine) loading.value = false
    }
  }

  /** The pair's name; 0 or none (a batch over a selection across pairs) is "several pairs". */
  function nameOf(id: number | null | undefined): string {
    if (!id) return 'several pairs'
    return data.value.find((pair) => pair.id === id)?.name ?? `pair ${id}`
  }

  onScopeDispose(() => controller?.abort())
  void load()
  return { data, loading, error, load, nameOf }
}
