import { describe, expect, it } from 'vitest'

import { describeSource, describeSpec, modeOf } from './schedule'

describe('schedule helpers', () => {
  it('describes a schedule and its absence', () => {
    expect(describeSpec({ cron: '0 2 * * *', time_zone: 'Europe/Berlin' })).toBe('0 2 * * * (Europe/Berlin)')
    expect(describeSpec({ none: true })).toBe('none')
    expect(describeSpec(null)).toBe('none')
  })

  it('says where the schedule comes from, seen from each level', () => {
    expect(describeSource('pair', 'pair')).toBe('set here')
    expect(describeSource('pair', 'mirror')).toBe('from the pair')
    expect(describeSource('mirror', 'mirror')).toBe('set here')
    expect(describeSource('group:platform', 'mirror')).toBe('from group platform')
    expect(describeSource('group:platform', 'group', 'platform/core')).toBe('from group platform')
    expect(describeSource('group:platform/core', 'group', 'platform/core')).toBe('set here')
    expect(describeSource(null, 'group')).toBe('nothing set at any level')
  })

  it('picks the form mode from what the level says', () => {
    expect(modeOf(null)).toBe('inherit')
    expect(modeOf({ none: true })).toBe('none')
    expect(modeOf({ cron: '0 2 * * *', time_zone: 'UTC' })).toBe('cron')
  })
})
