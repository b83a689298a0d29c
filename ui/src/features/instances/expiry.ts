import { daysUntil } from '@/lib/format'

/** Tokens expiring within this many days get a warning. */
export const EXPIRY_WARNING_DAYS = 30

export interface ExpiryState {
  /** `none`: no expiry known; `ok`; `soon`: ≤ 30 days left; `expired`. */
  level: 'none' | 'ok' | 'soon' | 'expired'
  /** Badge text, empty when no badge is due. */
  badge: string
}

/**
 * How an instance token's expiry date should be flagged. GitLab gives a date (a token stops working at the
 * start of that day, UTC), so the day itself counts as expired.
 */
export function tokenExpiry(expiresAt: string | null | undefined, now: number = Date.now()): ExpiryState {
  if (!expiresAt) return { level: 'none', badge: '' }
  const days = daysUntil(expiresAt.length === 10 ? `${expiresAt}T00:00:00Z` : expiresAt, now)
  if (days === null) return { level: 'none', badge: '' }
  if (days < 0) return { level: 'expired', badge: 'expired' }
  if (days <= EXPIRY_WARNING_DAYS) {
    return { level: 'soon', badge: days === 0 ? 'expires today' : `expires in ${days} day${days === 1 ? '' : 's'}` }
  }
  return { level: 'ok', badge: '' }
}

/** Human names for the keys of a delete-impact answer, in the order they are listed. */
const IMPACT_LABELS: [string, string, string][] = [
  ['instances', 'instance', 'instances'],
  ['instance_pairs', 'instance pair', 'instance pairs'],
  ['mirrors', 'mirror', 'mirrors'],
  ['group_defaults', 'group default', 'group defaults'],
  ['group_tokens', 'group access token', 'group access tokens'],
]

/** One line per non-zero count, e.g. `2 instance pairs`; unknown keys are listed as they come. */
export function describeImpact(impact: Record<string, number>): string[] {
  const lines: string[] = []
  const known = new Set(IMPACT_LABELS.map(([key]) => key))
  for (const [key, one, many] of IMPACT_LABELS) {
    const count = impact[key]
    if (count) lines.push(`${count.toLocaleString()} ${count === 1 ? one : many}`)
  }
  for (const [key, count] of Object.entries(impact)) {
    if (!known.has(key) && count) lines.push(`${count.toLocaleString()} ${key.replace(/_/g, ' ')}`)
  }
  return lines
}
