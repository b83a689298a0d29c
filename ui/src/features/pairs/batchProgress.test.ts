import { describe, expect, it } from 'vitest'

import { applyBatchFrame, batchSegments, batchSummary, isBatchFrame } from './batchProgress'
import type { BatchFrame } from './types'

function frame(sequence: number, counters: Partial<BatchFrame> = {}): BatchFrame {
  return {
    batch_id: 'b-1',
    kind: 'sync',
    instance_pair_id: 1,
    status: 'running',
    total: 10,
    pending: 10,
    in_progress: 0,
    succeeded: 0,
    failed: 0,
    skipped: 0,
    cancelled: 0,
    sequence,
    ...counters,
  }
}

describe('applyBatchFrame', () => {
  it('applies frames in sequence order and ignores older ones that arrive late', () => {
    const arrivals = [
      frame(1, { pending: 8, in_progress: 2 }),
      frame(3, { pending: 4, in_progress: 2, succeeded: 3, failed: 1 }),
      frame(2, { pending: 6, in_progress: 2, succeeded: 2 }), // late: must not go backwards
      frame(3, { pending: 0, succeeded: 99 }), // same sequence again: no change
      frame(4, { status: 'completed', pending: 0, in_progress: 0, succeeded: 8, failed: 2 }),
    ]
    const seen: number[] = []
    let current: BatchFrame | null = null
    for (const next of arrivals) {
      current = applyBatchFrame(current, next)
      seen.push(current.succeeded)
    }
    expect(seen).toEqual([0, 3, 3, 3, 8])
    expect(current!.status).toBe('completed')
  })

  it('takes a frame of another batch as a fresh start', () => {
    const other = { ...frame(1), batch_id: 'b-2' }
    expect(applyBatchFrame(frame(9), other)).toBe(other)
  })
})

describe('isBatchFrame', () => {
  it('accepts the counters and rejects anything else', () => {
    expect(isBatchFrame(frame(1))).toBe(true)
    expect(isBatchFrame({ batch_id: 'x', sequence: 1 })).toBe(false)
    expect(isBatchFrame('text')).toBe(false)
    expect(isBatchFrame(null)).toBe(false)
  })
})

describe('batchSegments and batchSummary', () => {
  it('shows finished lines by outcome and says what is left', () => {
    const f = frame(5, { pending: 3, in_progress: 1, succeeded: 4, failed: 1, skipped: 1 })
    expect(batchSegments(f).map((s) => [s.key, s.percent])).toEqual([
      ['succeeded', 40],
      ['failed', 10],
      ['skipped', 10],
      ['cancelled', 0],
    ])
    expect(batchSummary(f)).toBe('6 of 10 done: 4 succeeded, 1 failed, 1 skipped, 0 cancelled; 1 in progress, 3 pending')
  })

  it('copes with an empty batch', () => {
    expect(batchSegments(frame(1, { total: 0, pending: 0 })).every((s) => s.percent === 0)).toBe(true)
  })
})
