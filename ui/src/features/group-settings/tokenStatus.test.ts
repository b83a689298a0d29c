import { describe, expect, it } from 'vitest'

import { tokenStatusBadge } from './tokenStatus'

const NOW = Date.parse('2026-12-07T12:00:00Z')

describe('tokenStatusBadge', () => {
  it('maps each API status to a tone', () => {
    expect(tokenStatusBadge('active', '2027-10-03', NOW)).toEqual({ tone: 'ok', label: 'active' })
    expect(tokenStatusBadge('expired', '2026-12-01', NOW)).toEqual({ tone: 'bad', label: 'expired' })
    expect(tokenStatusBadge('unknown', null, NOW)).toEqual({ tone: 'neutral', label: 'unknown' })
    expect(tokenStatusBadge(null, null, NOW)).toEqual({ tone: 'neutral', label: 'unknown' })
  })

  it('says how long an expiring token has left', () => {
    expect(tokenStatusBadge('expiring_soon', '2026-12-17', NOW)).toEqual({
      tone: 'pending',
      label: 'expiring soon (9 days)',
    })
    expect(tokenStatusBadge('expiring_soon', '2026-12-09', NOW).label).toBe('expiring soon (1 day)')
    expect(tokenStatusBadge('expiring_soon', '2026-12-08', NOW).label).toBe('expiring soon (today)')
    expect(tokenStatusBadge('expiring_soon', null, NOW).label).toBe('expiring soon')
  })

  it('shows a status it does not know as neutral text', () => {
    expect(tokenStatusBadge('revoked_by_admin', null, NOW)).toEqual({ tone: 'neutral', label: 'revoked by admin' })
  })
})
