import { onScopeDispose, ref } from 'vue'

import { describeError } from '@/lib/http'

import { pairsApi } from '../api'
import type { InstanceSummary } from '../types'

/** The GitLab instances, for names and pickers; loaded once per component. */
export function useInstances() {
  const data = ref<InstanceSummary[]>([])
  const loading = ref(false)
  const error = ref<string | null>(null)
  const controller = new AbortController()

  async function load(): Promise<void> {
    loading.value = true
    error.value = null
    try {
      data.value = await pairsApi.instances(controller.signal)
    } catch (e) {
      if (!controller.signal.aborted) error.value = describeError(e)
    } finally {
      loading.value = false
    }
  }

  function nameOf(id: number): string {
    return data.value.find((i) => i.id === id)?.name ?? `instance ${id}`
  }

  onScopeDispose(() => controller.abort())
  void load()
  return { data, loading, error, load, nameOf }
}
