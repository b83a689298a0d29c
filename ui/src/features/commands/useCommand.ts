import { computed, onScopeDispose, ref, shallowRef, watch, type Ref } from 'vue'

import { ApiError, describeError } from '@/lib/http'
import { useTopic } from '@/lib/live'

import { fetchCommand } from './api'
import { normalizeCommand } from './command'
import type { CommandState } from './types'

/**
 * One command's state, fetched again whenever an activity entry about it arrives on
 * `/topic/activity` (and after a reconnect).
 */
export function useCommand(id: Ref<string>) {
  const data = shallowRef<CommandState | null>(null)
  const loading = ref(false)
  const error = ref<string | null>(null)
  const notFound = ref(false)
  let controller: AbortController | null = null

  async function load(): Promise<void> {
    controller?.abort()
    const mine = new AbortController()
    controller = mine
    loading.value = true
    try {
      const state = await fetchCommand(id.value, mine.signal)
      if (mine.signal.aborted) return
      data.value = state
      error.value = null
      notFound.value = false
    } catch (cause) {
      if (mine.signal.aborted) return
      notFound.value = cause instanceof ApiError && (cause.status === 404 || cause.status === 400)
      error.value = describeError(cause)
    } finally {
      if (controller === mine) {
        controller = null
        loading.value = false
      }
    }
  }

  useTopic(
    '/topic/activity',
    (body) => {
      if (typeof body === 'object' && body !== null && (body as { command_id?: unknown }).command_id === id.value) {
        void load()
      }
    },
    () => void load(),
  )
  watch(
    id,
    () => {
      data.value = null
      void load()
    },
    { immediate: true },
  )
  onScopeDispose(() => controller?.abort())

  const facts = computed(() => (data.value ? normalizeCommand(data.value) : null))
  return { data, facts, loading, error, notFound, load }
}
