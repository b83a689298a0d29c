import { http } from '@/lib/http'

import { parseActivityEntry, type ActivityEntry } from './types'

/** STOMP destination on which the api-service broadcasts every new activity entry. */
export const ACTIVITY_TOPIC = '/topic/activity'

/** How many entries a feed loads at a time. */
export const DEFAULT_ACTIVITY_LIMIT = 50

/** The filters `GET /api/activity` takes (all exact matches); `before` pages back in time. */
export interface ActivityFilters {
  subject_id?: string
  command_id?: string
  outcome?: string
  actor?: string
  type?: string
}

/**
 * Loads activity entries, newest first, from `GET /api/activity`. Entries without the expected
 * shape are dropped. `before` (an entry's `occurred_at`) returns only older entries.
 */
export async function fetchActivity(
  filters: ActivityFilters = {},
  limit: number = DEFAULT_ACTIVITY_LIMIT,
  before?: string,
  signal?: AbortSignal,
): Promise<ActivityEntry[]> {
  const body = await http.get<unknown>('/api/activity', { limit, ...filters, before }, signal)
  if (!Array.isArray(body)) throw new Error('the server did not answer with a list of entries')
  return body.map(parseActivityEntry).filter((entry): entry is ActivityEntry => entry !== null)
}

/** Whether a live entry belongs in a feed with these filters. */
export function matchesFilters(entry: ActivityEntry, filters: ActivityFilters): boolean {
  return (
    (!filters.subject_id || entry.subject_id === filters.subject_id) &&
    (!filters.command_id || entry.command_id === filters.command_id) &&
    (!filters.outcome || entry.outcome === filters.outcome) &&
    (!filters.actor || entry.actor === filters.actor) &&
    (!filters.type || entry.type === filters.type)
  )
}

/** Where an entry's subject is shown in the app (`mirror:42` → `/mirrors/42`), if anywhere. */
export function subjectLink(subjectId: string | null | undefined): string | null {
  if (!subjectId) return null
  const colon = subjectId.indexOf(':')
  if (colon < 0) return null
  const kind = subjectId.slice(0, colon)
  const id = subjectId.slice(colon + 1)
  switch (kind) {
    case 'mirror':
      return `/mirrors/${encodeURIComponent(id)}`
    case 'pair':
      return `/pairs/${encodeURIComponent(id)}`
    case 'batch':
      return `/batches/${encodeURIComponent(id)}`
    case 'instance':
      return '/instances'
    case 'token':
    case 'group-token':
      return '/group-settings'
    default:
      return null
  }
}
