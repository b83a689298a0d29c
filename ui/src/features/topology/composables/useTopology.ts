import { onScopeDispose, ref, shallowRef, watch, type Ref } from 'vue'

import { describeError } from '@/lib/http'
import { useTopic } from '@/lib/live'

import { topologyApi } from '../api'
import type { Topology, TopologyQuery } from '../types'
import { coalesce } from './coalesce'

export const LIVE_REFETCH_MS = 3000

/**
 * The topology for the current filters, refetched when they change and, coalesced to at most one
 * request every 3 s, when the coalesced change stream `/topic/estate` says something changed (or the connection comes back).
 * The previous data stays on screen while a refetch runs. `refreshed` counts successful loads, so
 * dependants (the drill-down) can follow.
 */
export function useTopology(query: Ref<TopologyQuery>) {
  const data = shallowRef<Topology | null>(null)
  const loading = ref(false)
  const error = ref<string | null>(null)
  const refreshed = ref(0)
  let controller: AbortController | null = null

  async function load(): Promise<void> {
    controller?.abort()
    const current = new AbortController()
    controller = current
    loading.value = true
    try {
      const answer = await topologyApi.topology(query.value, current.signal)
      if (current.signal.aborted) return
      data.value = { nodes: answer?.nodes ?? [], links: answer?.links ?? [] }
      error.value = null
      refreshed.value++
    } catch (e) {
      if (!current.signal.aborted) error.value = describeError(e)
    } finally {
      if (controller === current) loading.value = false
    }
  }

  const live = coalesce(() => void load(), LIVE_REFETCH_MS)
  useTopic('/topic/estate', () => live.trigger(), () => live.trigger())
  watch(query, () => void load(), { deep: true, immediate: true })

  onScopeDispose(() => {
    live.cancel()
    controller?.abort()
  })

  return { data, loading, error, refreshed, load }
}
