import { ACTIVITY_TOPIC } from '@/features/activity/api'
import { useTopic } from '@/lib/live'

/** What the dashboard learns about a change: enough to tell which of its parts are affected. */
export interface EstateChange {
  subject_id: string | null
  type: string | null
}

function toChange(body: unknown): EstateChange {
  const entry = typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {}
  return {
    subject_id: typeof entry.subject_id === 'string' ? entry.subject_id : null,
    type: typeof entry.type === 'string' ? entry.type : null,
  }
}

/** Whether a change may move a token warning (an instance or a group token changed). */
export function touchesTokens(change: EstateChange): boolean {
  const subject = change.subject_id ?? ''
  return (
    subject.startsWith('instance:') ||
    subject.startsWith('token:') ||
    subject.startsWith('group-token:') ||
    /token/i.test(change.type ?? '')
  )
}

/**
 * The dashboard's one source of "something in the estate changed": every entry on
 * `/topic/activity` today. Should the api-service push a dedicated `/topic/dashboard`, only this
 * function changes. `onMissed` runs after the connection came back (changes may have been missed).
 */
export function useEstateChanges(onChange: (change: EstateChange) => void, onMissed: () => void): void {
  useTopic(ACTIVITY_TOPIC, (body) => onChange(toChange(body)), onMissed)
}
