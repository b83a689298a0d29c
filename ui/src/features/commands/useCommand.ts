import { computed, ref, shallowRef, watch, type Ref } from 'vue'

import { ApiError, describeError } from '@/lib/http'
import { useLatestRequest } from '@/lib/latestRequest'
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
  const error = ref<string | null>(null)
  const notFound = ref(false)
  const { loading, run } = useLatestRequest()

  function load(): Promise<void> {
    return run(
      (signal) => fetchCommand(id.value, signal),
      (state) => {
        data.value = state
        error.value = null
        notFound.value = false
      },
      (cause) => {
        notFound.value = cause instanceof ApiError && (cause.status === 404 || cause.status === 400)
        error.value = describeError(cause)
      },
    )
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

  const facts = computed(() => (data.value ? normalizeCommand(data.value) : null))
  return { data, facts, loading, error, notFound, load }
}
