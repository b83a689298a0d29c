import { describe, expect, it } from 'vitest'

import { healthSegments, healthSummary } from './health'

const percents = (total: number, finished: number, failed: number, pending: number) =>
  Object.fromEntries(healthSegments({ total, finished, failed, pending }).map((s) => [s.kind, s.percent]))

describe('healthSegments', () => {
  it('splits the bar by share of the total, the rest being unknown', () => {
    expect(percents(8, 4, 2, 1)).toEqual({ finished: 50, failed: 25, pending: 12.5, unknown: 12.5 })
    const segments = healthSegments({ total: 8, finished: 4, failed: 2, pending: 1 })
    expect(segments.map((s) => s.cssClass)).toEqual(['progress__ok', 'progress__bad', 'progress__skip', 'progress__other'])
    expect(segments.map((s) => s.count)).toEqual([4, 2, 1, 1])
  })

  it('gives every segment 0 % when the pair has no mirrors', () => {
    expect(percents(0, 0, 0, 0)).toEqual({ finished: 0, failed: 0, pending: 0, unknown: 0 })
    expect(healthSummary({ total: 0, finished: 0, failed: 0, pending: 0 })).toBe('No mirrors')
  })

  it('is all unknown when no filter counts anything', () => {
    expect(percents(4, 0, 0, 0)).toEqual({ finished: 0, failed: 0, pending: 0, unknown: 100 })
  })

  it('never goes beyond 100 % when the filters overlap', () => {
    // a mirror whose creation failed but whose last GitLab sync finished is counted by both filters
    const p = percents(3, 2, 2, 0)
    expect(p.unknown).toBe(0)
    expect(p.finished! + p.failed! + p.pending! + p.unknown!).toBeCloseTo(100)
    expect(p.finished).toBeCloseTo(50)
  })

  it('summarises the counts for screen readers', () => {
    expect(healthSummary({ total: 5, finished: 3, failed: 1, pending: 0 })).toBe(
      '5 mirrors: 3 finished, 1 failed, 0 pending, 1 unknown',
    )
    expect(healthSummary({ total: 1, finished: 1, failed: 0, pending: 0 })).toBe(
      '1 mirror: 1 finished, 0 failed, 0 pending, 0 unknown',
    )
  })
})
