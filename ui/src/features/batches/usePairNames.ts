import { onScopeDispose, ref, shallowRef } from 'vue'

import { describeError } from '@/lib/http'

import { fetchPairOptions, type PairOption } from './api'

/** The pairs (id and name) for pickers and for naming a batch's pair; loads once per use. */
export function usePairNames() {
  const data = shallowRef<PairOption[]>([])
  const loading = ref(true)
  const error = ref<string | null>(null)
  const controller = new AbortController()

  async function load(): Promise<void> {
    loading.value = true
    try {
      data.value = await fetchPairOptions(controller.signal)
      error.value = null
    } catch (cause) {
      if (controller.signal.aborted) return
      error.value = describeError(cause)
    } finally {
      loading.value = false
    }
  }

  function nameOf(id: number | null | undefined): string {
    if (!id) return 'several pairs'
    return data.value.find((pair) => pair.id === id)?.name ?? `pair ${id}`
  }

  onScopeDispose(() => controller.abort())
  void load()
  return { data, loading, error, load, nameOf }
}
