import { ref, shallowRef, watch, type Ref } from 'vue'

import { ApiError, describeError } from '@/lib/http'
import { useTopic } from '@/lib/live'
import type { ActivityEntry } from '@/features/activity/types'
import type { EffectiveSettings } from '@/features/pairs/types'

import { mirrorsApi } from '../api'
import { mirrorIdOf, type Mirror } from '../types'

/**
 * One mirror with its inherited settings and its recent activity, kept live: an activity entry
 * about it is prepended and the mirror refetched (one request at a time, one more if asked meanwhile).
 */
export function useMirrorDetail(id: Ref<number>) {
  const mirror = shallowRef<Mirror | null>(null)
  const settings = shallowRef<EffectiveSettings | null>(null)
  const activity = shallowRef<ActivityEntry[]>([])
  const loading = ref(true)
  const error = ref<string | null>(null)
  const gone = ref(false)
  let inFlight: Promise<void> | null = null
  let again = false

  async function fetchMirror(): Promise<void> {
    try {
      const fresh = await mirrorsApi.get(id.value)
      const pathsChanged =
        !mirror.value ||
        mirror.value.source_project_path !== fresh.source_project_path ||
        mirror.value.instance_pair_id !== fresh.instance_pair_id
      mirror.value = fresh
      error.value = null
      if (pathsChanged) void loadSettings(fresh)
    } catch (cause) {
      if (cause instanceof ApiError && cause.status === 404) gone.value = true
      else error.value = describeError(cause)
    }
  }

  async function loadSettings(m: Mirror): Promise<void> {
    try {
      settings.value = await mirrorsApi.effectiveSettings(m.instance_pair_id, m.source_project_path, m.target_project_path)
    } catch {
      settings.value = null
    }
  }

  function refresh(): Promise<void> {
    if (inFlight) {
      again = true
      return inFlight
    }
    inFlight = (async () => {
      do {
        again = false
        await fetchMirror()
      } while (again)
    })().finally(() => (inFlight = null))
    return inFlight
  }

  async function loadActivity(): Promise<void> {
    try {
      activity.value = await mirrorsApi.activity(id.value, 20)
    } catch {
      // the mirror itself still shows; the activity list says it is empty
    }
  }

  async function load(): Promise<void> {
    loading.value = true
    gone.value = false
    mirror.value = null
    await Promise.all([refresh(), loadActivity()])
    loading.value = false
  }

  useTopic(
    '/topic/activity',
    (body) => {
      const entry = body as ActivityEntry | null
      if (!entry || mirrorIdOf(entry.subject_id) !== id.value || typeof entry.id !== 'string') return
      if (!activity.value.some((known) => known.id === entry.id)) activity.value = [entry, ...activity.value].slice(0, 50)
      void refresh()
    },
    () => void load(),
  )
  watch(id, () => void load(), { immediate: true })

  /** The API answered an edit: show it (and its settings) at once. */
  function replace(fresh: Mirror): void {
    mirror.value = fresh
    void loadSettings(fresh)
  }

  return { mirror, settings, activity, loading, error, gone, refresh, replace }
}
