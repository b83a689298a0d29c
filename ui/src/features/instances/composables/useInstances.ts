import { onScopeDispose, ref } from 'vue'

import { ApiError, describeError } from '@/lib/http'

import { instancesApi } from '../api'
import type { Instance } from '../types'

/** The instance list with loading/error state, names by id, and in-place refreshes of single rows. */
export function useInstances() {
  const data = ref<Instance[]>([])
  const loading = ref(false)
  const error = ref<string | null>(null)
  let controller: AbortController | null = null

  async function load(): Promise<void> {
    controller?.abort()
    const current = new AbortController()
    controller = current
    loading.value = true
    error.value = null
    try {
      data.value = await instancesApi.list(current.signal)
    } catch (e) {
      if (current.signal.aborted) return
      error.value = describeError(e)
    } finally {
      if (controller === current) loading.value = false
    }
  }

  function upsert(instance: Instance): void {
    const index = data.value.findIndex((i) => i.id === instance.id)
    if (index === -1) data.value = [...data.value, instance].sort((a, b) => a.id - b.id)
    else data.value = data.value.map((i) => (i.id === instance.id ? instance : i))
  }

  function remove(id: number): void {
    data.value = data.value.filter((i) => i.id !== id)
  }

  /** Reloads one instance (after a live event about it); a 404 means it was deleted meanwhile. */
  async function refetchOne(id: number): Promise<void> {
    try {
      upsert(await instancesApi.get(id))
    } catch (e) {
      if (e instanceof ApiError && e.status === 404) remove(id)
    }
  }

  function nameOf(id: number): string {
    return data.value.find((i) => i.id === id)?.name ?? `instance ${id}`
  }

  onScopeDispose(() => controller?.abort())

  return { data, loading, error, load, upsert, remove, refetchOne, nameOf }
}
