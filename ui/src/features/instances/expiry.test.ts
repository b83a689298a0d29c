import { describe, expect, it } from 'vitest'

import { describeImpact, tokenExpiry } from './expiry'

const NOW = Date.parse('2026-12-07T12:00:00Z')

describe('tokenExpiry', () => {
  it('has no badge without a date or far from it', () => {
    expect(tokenExpiry(null, NOW)).toEqual({ level: 'none', badge: '' })
    expect(tokenExpiry('2027-10-03', NOW)).toEqual({ level: 'ok', badge: '' })
    expect(tokenExpiry('2027-01-07', NOW).level).toBe('soon') // 30.5 days: still within 30
    expect(tokenExpiry('2027-01-08', NOW).level).toBe('ok') // 31.5 days
  })

  it('warns at 30 days or less', () => {
    expect(tokenExpiry('2027-01-06', NOW)).toEqual({ level: 'soon', badge: 'expires in 29 days' })
    expect(tokenExpiry('2026-12-09', NOW)).toEqual({ level: 'soon', badge: 'expires in 1 day' })
    expect(tokenExpiry('2026-12-08', NOW)).toEqual({ level: 'soon', badge: 'expires today' })
  })

  it('calls the expiry day itself and earlier days expired', () => {
    expect(tokenExpiry('2026-12-07', NOW)).toEqual({ level: 'expired', badge: 'expired' })
    expect(tokenExpiry('2025-01-01', NOW).level).toBe('expired')
  })

  it('ignores a date it cannot read', () => {
    expect(tokenExpiry('soon', NOW).level).toBe('none')
  })
})

describe('describeImpact', () => {
  it('lists the non-zero counts in a fixed order with singular and plural', () => {
    expect(
      describeImpact({ group_tokens: 3, mirrors: 5, instance_pairs: 1, group_defaults: 0, instances: 1, extra_things: 2 }),
    ).toEqual(['1 instance', '1 instance pair', '5 mirrors', '3 group access tokens', '2 extra things'])
  })
})
