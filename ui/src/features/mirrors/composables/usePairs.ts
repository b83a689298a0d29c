import { ref, shallowRef } from 'vue'

import { describeError } from '@/lib/http'
import type { Pair } from '@/features/pairs/types'

import { mirrorsApi } from '../api'

/** The instance pairs, for the pair filter and the create dialog. */
export function usePairs() {
  const pairs = shallowRef<Pair[]>([])
  const loading = ref(true)
  const error = ref<string | null>(null)

  async function load(): Promise<void> {
    loading.value = true
    try {
      pairs.value = await mirrorsApi.pairs()
      error.value = null
    } catch (cause) {
      error.value = describeError(cause)
    } finally {
      loading.value = false
    }
  }

  void load()
  return { pairs, loading, error, load }
}
