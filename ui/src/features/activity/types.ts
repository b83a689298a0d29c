/**
 * One entry of the activity log, exactly as `GET /api/activity` and the
 * `/topic/activity` STOMP topic send it (snake_case, timestamps as ISO-8601).
 */
export interface ActivityEntry {
  id: string
  /** The command that produced the entry; absent for events not caused by a command. */
  command_id?: string | null
  /** Event type, e.g. `InstanceChecked`. */
  type: string
  /** The type of the command, e.g. `CheckInstance`. */
  command_type?: string | null
  /** What the entry concerns, e.g. `instance:1`, `mirror:42`, `batch:7`. */
  subject_id?: string | null
  /** e.g. `succeeded`, `failed`. */
  outcome: string
  message: string
  /** Who caused it: a user name, or `system` for work nobody asked for. */
  actor?: string | null
  occurred_at: string
}

function isOptionalString(value: unknown): value is string | null | undefined {
  return value === undefined || value === null || typeof value === 'string'
}

/**
 * Checks that `value` has the shape of an {@link ActivityEntry}; returns it typed, or `null`
 * when a required field is missing or has the wrong type. Unknown extra fields are kept.
 */
export function parseActivityEntry(value: unknown): ActivityEntry | null {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return null
  }
  const candidate = value as Record<string, unknown>
  const required = ['id', 'type', 'outcome', 'message', 'occurred_at'] as const
  if (!required.every((field) => typeof candidate[field] === 'string')) {
    return null
  }
  if (!isOptionalString(candidate.command_id) || !isOptionalString(candidate.subject_id) ||
    !isOptionalString(candidate.command_type) || !isOptionalString(candidate.actor)) {
    return null
  }
  return candidate as unknown as ActivityEntry
}

function timestamp(entry: ActivityEntry): number {
  const millis = Date.parse(entry.occurred_at)
  return Number.isNaN(millis) ? Number.NEGATIVE_INFINITY : millis
}

/** Sort comparator: most recent `occurred_at` first; unparseable timestamps last. */
export function newestFirst(a: ActivityEntry, b: ActivityEntry): number {
  return timestamp(b) - timestamp(a) || 0
}
