import { plural } from '@/lib/format'

/** The fields the API refuses to change once a pair has mirrors. */
export const LOCKABLE_FIELDS = ['source_instance_id', 'target_instance_id', 'mirror_direction'] as const

export interface PairLock {
  locked: boolean
  /** Why the fields are disabled, shown next to them; null when they are not. */
  reason: string | null
}

/**
 * Whether instances and direction can still change. A new pair (`mirrorCount` undefined in create mode) never
 * locks; an existing pair whose count is not known yet stays locked, so nothing is offered the server would refuse.
 */
export function pairLock(mode: 'create' | 'edit', mirrorCount: number | null | undefined): PairLock {
  if (mode === 'create') return { locked: false, reason: null }
  if (mirrorCount === null || mirrorCount === undefined) {
    return { locked: true, reason: 'locked until the number of mirrors is known' }
  }
  if (mirrorCount > 0) return { locked: true, reason: `locked: the pair has ${plural(mirrorCount, 'mirror')}` }
  return { locked: false, reason: null }
}
