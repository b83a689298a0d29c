import { daysUntil } from '@/lib/format'

export interface TokenBadge {
  /** A class of the shared `.badge` (`badge--ok`, `badge--pending`, `badge--bad` or plain). */
  tone: 'ok' | 'pending' | 'bad' | 'neutral'
  label: string
}

/**
 * The badge for a group token's `token_status` (the API decides it: `expiring_soon` is 14 days or less);
 * the expiry date adds how long is left. An unknown status word is shown as it is, neutral.
 */
export function tokenStatusBadge(status: string | null | undefined, expiresAt?: string | null, now = Date.now()): TokenBadge {
  const days = expiresAt ? daysUntil(expiresAt.length === 10 ? `${expiresAt}T00:00:00Z` : expiresAt, now) : null
  switch (status) {
    case 'active':
      return { tone: 'ok', label: 'active' }
    case 'expiring_soon':
      return {
        tone: 'pending',
        label:
          days === null || days < 0
            ? 'expiring soon'
            : days === 0
              ? 'expiring soon (today)'
              : `expiring soon (${days} day${days === 1 ? '' : 's'})`,
      }
    case 'expired':
      return { tone: 'bad', label: 'expired' }
    case 'unknown':
    case null:
    case undefined:
    case '':
      return { tone: 'neutral', label: 'unknown' }
    default:
      return { tone: 'neutral', label: status.replace(/_/g, ' ') }
  }
}
