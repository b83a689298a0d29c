import { useTopic } from '@/lib/live'

/** The api-service's coalesced change stream: at most one frame per `MM_LIVE_COALESCE` window. */
export const ESTATE_TOPIC = '/topic/estate'

/** One frame of `/topic/estate`: which things changed since the previous frame. */
export interface EstateChange {
  mirror_ids: number[]
  pair_ids: number[]
  instance_ids: number[]
  token_ids: number[]
  /** Some list was cut short: anything may have changed. */
  truncated: boolean
}

function ids(value: unknown): number[] {
  return Array.isArray(value) ? value.filter((id): id is number => typeof id === 'number') : []
}

export function toChange(body: unknown): EstateChange {
  const frame = typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {}
  return {
    mirror_ids: ids(frame.mirror_ids),
    pair_ids: ids(frame.pair_ids),
    instance_ids: ids(frame.instance_ids),
    token_ids: ids(frame.token_ids),
    truncated: frame.truncated === true,
  }
}

/** Whether a change may move a token warning (an instance or a group token changed). */
export function touchesTokens(change: EstateChange): boolean {
  return change.truncated || change.instance_ids.length > 0 || change.token_ids.length > 0
}

/**
 * The dashboard's one source of "something in the estate changed": the frames of `/topic/estate`,
 * which the api-service coalesces, so a batch of 10,000 outcomes is a handful of frames, not
 * 10,000 messages. `onMissed` runs after the connection came back (changes may have been missed).
 */
export function useEstateChanges(onChange: (change: EstateChange) => void, onMissed: () => void): void {
  useTopic(ESTATE_TOPIC, (body) => onChange(toChange(body)), onMissed)
}
