import { ref, shallowRef, toValue, watch, type MaybeRefOrGetter, type Ref } from 'vue'

import { describeError } from '@/lib/http'
import { useTopic } from '@/lib/live'

import { ACTIVITY_TOPIC, DEFAULT_ACTIVITY_LIMIT, fetchActivity, matchesFilters, type ActivityFilters } from './api'
import { newestFirst, parseActivityEntry, type ActivityEntry } from './types'

export interface UseActivityFeedOptions {
  filters?: MaybeRefOrGetter<ActivityFilters>
  /** How many entries one fetch loads (default 50). */
  limit?: number
  /** Upper bound of entries kept in memory; older ones are dropped (default 1000). */
  maxEntries?: number
}

export interface ActivityFeed {
  /** Entries, newest first, without duplicates. */
  data: Readonly<Ref<readonly ActivityEntry[]>>
  loading: Readonly<Ref<boolean>>
  error: Readonly<Ref<string | null>>
  /** False once a page back in time came back short. */
  hasOlder: Readonly<Ref<boolean>>
  /** Fetches the latest entries again and merges them in. */
  refresh: () => Promise<void>
  /** Loads the page of entries before the oldest one shown. */
  loadOlder: () => Promise<void>
}

/**
 * The activity log: loads the latest entries matching the filters over REST, keeps them current
 * from `/topic/activity` through the app's one STOMP connection, catches up after a reconnect,
 * and pages back in time. Call inside a component's setup (it subscribes for the component's life).
 */
export function useActivityFeed(options: UseActivityFeedOptions = {}): ActivityFeed {
  const limit = options.limit ?? DEFAULT_ACTIVITY_LIMIT
  const maxEntries = options.maxEntries ?? 1000
  const filters = (): ActivityFilters => toValue(options.filters) ?? {}

  const data = shallowRef<readonly ActivityEntry[]>([])
  const loading = ref(false)
  const error = ref<string | null>(null)
  const hasOlder = ref(true)
  let pending: AbortController | null = null

  function merge(incoming: readonly ActivityEntry[]): void {
    const ids = new Set(incoming.map((entry) => entry.id))
    const kept = data.value.filter((entry) => !ids.has(entry.id))
    data.value = [...incoming, ...kept].sort(newestFirst).slice(0, maxEntries)
  }

  async function load(before?: string): Promise<void> {
    pending?.abort()
    const controller = new AbortController()
    pending = controller
    loading.value = true
    try {
      const entries = await fetchActivity(filters(), limit, before, controller.signal)
      if (controller.signal.aborted) return
      merge(entries)
      if (before !== undefined || data.value.length === entries.length) hasOlder.value = entries.length === limit
      error.value = null
    } catch (cause) {
      if (controller.signal.aborted) return
      error.value = `Could not load activity: ${describeError(cause)}`
    } finally {
      if (pending === controller) {
        pending = null
        loading.value = false
      }
    }
  }

  const refresh = () => load()
  const loadOlder = async () => {
    const oldest = data.value[data.value.length - 1]
    await load(oldest?.occurred_at)
  }

  useTopic(
    ACTIVITY_TOPIC,
    (body) => {
      const entry = parseActivityEntry(body)
      if (entry === null) {
        console.warn(`Ignoring malformed message on ${ACTIVITY_TOPIC}:`, body)
        return
      }
      if (matchesFilters(entry, filters())) merge([entry])
    },
    () => void refresh(),
  )

  watch(
    () => JSON.stringify(filters()),
    () => {
      data.value = []
      hasOlder.value = true
      void refresh()
    },
    { immediate: true },
  )

  return { data, loading, error, hasOlder, refresh, loadOlder }
}
