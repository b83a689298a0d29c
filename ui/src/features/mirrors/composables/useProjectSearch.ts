import { onScopeDispose, ref, shallowRef, watch, type Ref } from 'vue'

import { describeError } from '@/lib/http'

import { mirrorsApi } from '../api'
import type { GitLabProject } from '../types'

export const SEARCH_DEBOUNCE_MS = 250

/**
 * GitLab project search on one instance, as the user types: debounced, the previous request
 * aborted, and paged (`more()` appends GitLab's next page).
 */
export function useProjectSearch(instanceId: Ref<number | null>, query: Ref<string>) {
  const projects = shallowRef<GitLabProject[]>([])
  const nextPage = ref<number | null>(null)
  const loading = ref(false)
  const error = ref<string | null>(null)
  let controller: AbortController | null = null
  let timer: ReturnType<typeof setTimeout> | undefined

  async function fetchPage(page: number): Promise<void> {
    const instance = instanceId.value
    if (instance === null) return
    controller?.abort()
    const current = new AbortController()
    controller = current
    loading.value = true
    try {
      const answer = await mirrorsApi.projects(instance, query.value.trim(), page, current.signal)
      if (current.signal.aborted) return
      projects.value = page === 1 ? answer.projects : [...projects.value, ...answer.projects]
      nextPage.value = answer.next_page
      error.value = null
    } catch (cause) {
      if (current.signal.aborted) return
      error.value = describeError(cause)
    } finally {
      if (controller === current) {
        controller = null
        loading.value = false
      }
    }
  }

  function more(): void {
    if (nextPage.value !== null && !loading.value) void fetchPage(nextPage.value)
  }

  watch(query, () => {
    clearTimeout(timer)
    timer = setTimeout(() => void fetchPage(1), SEARCH_DEBOUNCE_MS)
  })
  watch(
    instanceId,
    () => {
      clearTimeout(timer)
      projects.value = []
      nextPage.value = null
      void fetchPage(1)
    },
    { immediate: true },
  )
  onScopeDispose(() => {
    clearTimeout(timer)
    controller?.abort()
  })

  return { projects, nextPage, loading, error, more }
}
