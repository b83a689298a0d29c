import { computed, onScopeDispose, ref, shallowRef, watch, type Ref } from 'vue'

import { describeError } from '@/lib/http'

import { topologyApi } from '../api'
import type { LinkMirror, TopologyLink, TopologyQuery } from '../types'

export const LINK_PAGE_SIZE = 10

/**
 * One link's mirrors, worst first, a page at a time (the server pages: `limit` + `offset`).
 * Reloads when the link, the filters or the page change; `reload()` keeps the page (live updates).
 */
export function useLinkMirrors(
  link: Ref<Pick<TopologyLink, 'source' | 'target' | 'mirror_direction'> | null>,
  query: Ref<TopologyQuery>,
  page: Ref<number>,
  pageSize = LINK_PAGE_SIZE,
) {
  const rows = shallowRef<LinkMirror[]>([])
  const total = ref(0)
  const loading = ref(false)
  const error = ref<string | null>(null)
  const loaded = ref(false)
  let controller: AbortController | null = null

  const totalPages = computed(() => Math.max(1, Math.ceil(total.value / pageSize)))

  async function reload(): Promise<void> {
    controller?.abort()
    const target = link.value
    if (!target) {
      rows.value = []
      total.value = 0
      loaded.value = false
      return
    }
    const current = new AbortController()
    controller = current
    loading.value = true
    try {
      const answer = await topologyApi.linkMirrors(
        target,
        { ...query.value, limit: pageSize, offset: (Math.max(page.value, 1) - 1) * pageSize },
        current.signal,
      )
      if (current.signal.aborted) return
      rows.value = answer?.mirrors ?? []
      total.value = answer?.total ?? rows.value.length
      error.value = null
      loaded.value = true
    } catch (e) {
      if (!current.signal.aborted) error.value = describeError(e)
    } finally {
      if (controller === current) loading.value = false
    }
  }

  watch([link, query, page], () => void reload(), { deep: true, immediate: true })
  onScopeDispose(() => controller?.abort())

  return { rows, total, totalPages, loading, error, loaded, reload }
}
