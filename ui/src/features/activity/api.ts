import { parseActivityEntry, type ActivityEntry } from './types'

/** STOMP destination on which the api-service broadcasts every new activity entry. */
export const ACTIVITY_TOPIC = '/topic/activity'

/** How many entries the dashboard loads before live updates take over. */
export const DEFAULT_ACTIVITY_LIMIT = 50

export class ActivityApiError extends Error {
  constructor(
    message: string,
    readonly status?: number,
  ) {
    super(message)
    this.name = 'ActivityApiError'
  }
}

/**
 * Loads the latest activity entries from `GET /api/activity?limit=…`.
 * Entries that do not have the expected shape are dropped.
 *
 * @throws ActivityApiError when the server answers with a non-2xx status or not with an array
 */
export async function fetchRecentActivity(
  limit: number = DEFAULT_ACTIVITY_LIMIT,
  signal?: AbortSignal,
): Promise<ActivityEntry[]> {
  const query = new URLSearchParams({ limit: String(limit) })
  const response = await fetch(`/api/activity?${query}`, {
    headers: { Accept: 'application/json' },
    signal,
  })
  if (!response.ok) {
    throw new ActivityApiError(`the server answered HTTP ${response.status}`, response.status)
  }
  const body: unknown = await response.json()
  if (!Array.isArray(body)) {
    throw new ActivityApiError('the server did not answer with a list of entries')
  }
  return body.map(parseActivityEntry).filter((entry): entry is ActivityEntry => entry !== null)
}
