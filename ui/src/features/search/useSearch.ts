import { computed, onScopeDispose, ref, shallowRef, watch, type Ref } from 'vue'

import { describeError } from '@/lib/http'

import { groupResults, searchApi } from './api'
import type { SearchResponse } from './types'

export const SEARCH_DEBOUNCE_MS = 200

/**
 * Searches as the user types: waits for a pause of {@link SEARCH_DEBOUNCE_MS}, aborts a request
 * that a newer query overtook, and clears the results when the box is empty.
 */
export function useSearch(query: Ref<string>) {
  const answer = shallowRef<SearchResponse | null>(null)
  const loading = ref(false)
  const error = ref<string | null>(null)
  let timer: ReturnType<typeof setTimeout> | null = null
  let controller: AbortController | null = null

  async function run(q: string): Promise<void> {
    controller?.abort()
    const current = new AbortController()
    controller = current
    loading.value = true
    try {
      const result = await searchApi.search(q, current.signal)
      if (current.signal.aborted) return
      answer.value = result
      error.value = null
    } catch (e) {
      if (!current.signal.aborted) {
        error.value = describeError(e)
        answer.value = null
      }
    } finally {
      if (controller === current) loading.value = false
    }
  }

  watch(query, (value) => {
    if (timer !== null) clearTimeout(timer)
    timer = null
    const q = value.trim()
    if (!q) {
      controller?.abort()
      answer.value = null
      error.value = null
      loading.value = false
      return
    }
    loading.value = true
    timer = setTimeout(() => {
      timer = null
      void run(q)
    }, SEARCH_DEBOUNCE_MS)
  })

  onScopeDispose(() => {
    if (timer !== null) clearTimeout(timer)
    controller?.abort()
  })

  const groups = computed(() => groupResults(answer.value))
  return { answer, groups, loading, error }
}
