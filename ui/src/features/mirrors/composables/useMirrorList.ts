import { onScopeDispose, ref, shallowRef, watch } from 'vue'

import { ApiError, describeError } from '@/lib/http'
import { useTopic } from '@/lib/live'

import { mirrorsApi } from '../api'
import type { ListParams } from '../listQuery'
import { mirrorIdOf, type Mirror } from '../types'

/**
 * One server-side page of mirrors for the given query, refetched whenever the query changes (the
 * first request goes out at once, in setup). Rows stay live: an activity entry about a mirror on
 * screen refetches that one mirror, with at most one request per mirror in flight (a further
 * entry during it asks for one more fetch after it, so the row ends up current).
 */
export function useMirrorList(params: () => ListParams) {
  const rows = shallowRef<Mirror[]>([])
  const total = ref(0)
  const totalPages = ref(0)
  const loading = ref(false)
  const loaded = ref(false)
  const error = ref<string | null>(null)

  let pageRequest: AbortController | null = null
  const inFlight = new Map<number, Promise<void>>()
  const again = new Set<number>()

  async function reload(): Promise<void> {
    pageRequest?.abort()
    const controller = new AbortController()
    pageRequest = controller
    loading.value = true
    try {
      const page = await mirrorsApi.list(params(), controller.signal)
      if (controller.signal.aborted) return
      rows.value = page.mirrors
      total.value = page.total
      totalPages.value = page.total_pages
      error.value = null
      loaded.value = true
    } catch (cause) {
      if (controller.signal.aborted) return
      error.value = describeError(cause)
    } finally {
      if (pageRequest === controller) {
        pageRequest = null
        loading.value = false
      }
    }
  }

  function replaceRow(mirror: Mirror): void {
    rows.value = rows.value.map((row) => (row.id === mirror.id ? mirror : row))
  }

  function removeRow(id: number): void {
    const before = rows.value.length
    rows.value = rows.value.filter((row) => row.id !== id)
    if (rows.value.length < before) total.value = Math.max(0, total.value - 1)
  }

  function isOnScreen(id: number): boolean {
    return rows.value.some((row) => row.id === id)
  }

  /** Fetches one mirror again and puts it in its row (a 404: it is gone, the row goes too). */
  function refreshRow(id: number): Promise<void> {
    const running = inFlight.get(id)
    if (running) {
      again.add(id)
      return running
    }
    const run = (async () => {
      try {
        do {
          again.delete(id)
          try {
            const mirror = await mirrorsApi.get(id)
            replaceRow(mirror)
          } catch (cause) {
            if (cause instanceof ApiError && cause.status === 404) removeRow(id)
            else throw cause
          }
        } while (again.has(id))
      } catch {
        // a failed refresh keeps the row as it was; the next entry about it tries again
      } finally {
        inFlight.delete(id)
        again.delete(id)
      }
    })()
    inFlight.set(id, run)
    return run
  }

  useTopic(
    '/topic/activity',
    (body) => {
      const id = mirrorIdOf((body as { subject_id?: string } | null)?.subject_id)
      if (id !== null && isOnScreen(id)) void refreshRow(id)
    },
    () => void reload(),
  )

  watch(() => JSON.stringify(params()), () => void reload(), { immediate: true })
  onScopeDispose(() => pageRequest?.abort())

  return { rows, total, totalPages, loading, loaded, error, reload, refreshRow, replaceRow, removeRow }
}
