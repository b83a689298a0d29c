import { describe, expect, it } from 'vitest'

import { applyFrame, countsText, isFinished, parseBatchFrame, percentDone, progressSegments } from './progress'
import { summary } from './testFixtures'
import type { BatchSummary } from './types'


describe('applyFrame', () => {
  it('takes the first frame, then only frames with a higher sequence, whatever order they arrive in', () => {
    const arrivals = [
      summary({ sequence: 3, pending: 7, succeeded: 3 }),
      summary({ sequence: 2, pending: 8, succeeded: 2 }),
      summary({ sequence: 5, pending: 5, succeeded: 5 }),
      summary({ sequence: 4, pending: 6, succeeded: 4 }),
      summary({ sequence: 5, pending: 9, succeeded: 1 }),
    ]
    const seen = arrivals.reduce<BatchSummary | null>((state, frame) => applyFrame(state, frame), null)
    expect(seen?.sequence).toBe(5)
    expect(seen?.succeeded).toBe(5)
    expect(seen?.pending).toBe(5)
  })

  it('ignores a frame of another batch', () => {
    const current = summary({ sequence: 1 })
    expect(applyFrame(current, summary({ batch_id: 'other', sequence: 9 }))).toBe(current)
  })
})

describe('parseBatchFrame', () => {
  it('accepts a full summary and refuses bodies missing counters, id or sequence', () => {
    expect(parseBatchFrame(summary())).not.toBeNull()
    expect(parseBatchFrame({ ...summary(), failed: undefined })).toBeNull()
    expect(parseBatchFrame({ ...summary(), sequence: '3' })).toBeNull()
    expect(parseBatchFrame({ ...summary(), batch_id: 7 })).toBeNull()
    expect(parseBatchFrame('not json')).toBeNull()
    expect(parseBatchFrame(null)).toBeNull()
  })
})

describe('percentDone', () => {
  it('counts succeeded, failed, skipped and cancelled lines as done, rounding down', () => {
    expect(percentDone(summary({ total: 10, pending: 10 }))).toBe(0)
    expect(percentDone(summary({ total: 3, pending: 1, succeeded: 1, failed: 1 }))).toBe(66)
    expect(percentDone(summary({ total: 1000, pending: 1, succeeded: 999 }))).toBe(99)
    expect(percentDone(summary({ total: 4, pending: 0, succeeded: 1, failed: 1, skipped: 1, cancelled: 1 }))).toBe(100)
  })

  it('does not count lines in progress, and an empty batch is complete', () => {
    expect(percentDone(summary({ total: 4, pending: 0, in_progress: 4 }))).toBe(0)
    expect(percentDone(summary({ total: 0, pending: 0 }))).toBe(100)
  })
})

describe('progressSegments and countsText', () => {
  it('gives each outcome its width of the bar and leaves pending out', () => {
    const c = summary({ total: 8, pending: 2, in_progress: 1, succeeded: 2, failed: 1, skipped: 2, cancelled: 0 })
    expect(progressSegments(c).map((s) => [s.key, s.width])).toEqual([
      ['succeeded', 25],
      ['skipped', 25],
      ['failed', 12.5],
      ['in_progress', 12.5],
    ])
    expect(countsText(c)).toBe('5 of 8 lines done · 2 succeeded, 2 skipped, 1 failed · 1 running · 2 pending')
  })

  it('copes with an empty batch: no segment at all', () => {
    expect(progressSegments(summary({ total: 0, pending: 0 }))).toEqual([])
  })

  it('says plainly when nothing happened yet', () => {
    expect(countsText(summary({ total: 1, pending: 1 }))).toBe('0 of 1 line done · 1 pending')
  })
})

describe('isFinished', () => {
  it('is true for completed and cancelled only', () => {
    expect(['running', 'cancelling', 'completed', 'cancelled'].map(isFinished)).toEqual([false, false, true, true])
  })
})
