import { describe, expect, it } from 'vitest'

import { donut, healthSummary, hourChart, hourSlots, pairBars } from './charts'
import type { HourOutcomes, PairHealth } from './types'

const TAU = 2 * Math.PI

describe('donut', () => {
  it('gives each bucket with mirrors a slice, the angles summing to 2π in the order success, failed, pending, unknown', () => {
    const chart = donut({ success: 20, failed: 10, pending: 3, unknown: 1 }, 80, 54)
    expect(chart.total).toBe(34)
    expect(chart.slices.map((s) => s.kind)).toEqual(['success', 'failed', 'pending', 'unknown'])
    const swept = chart.slices.reduce((acc, s) => acc + (s.endAngle - s.startAngle), 0)
    expect(swept).toBeCloseTo(TAU, 10)
    expect(chart.slices[0]!.startAngle).toBe(0)
    expect(chart.slices.at(-1)!.endAngle).toBeCloseTo(TAU, 10)
    // slices are contiguous and proportional
    expect(chart.slices[1]!.startAngle).toBeCloseTo(chart.slices[0]!.endAngle, 10)
    expect(chart.slices[1]!.endAngle - chart.slices[1]!.startAngle).toBeCloseTo((10 / 34) * TAU, 10)
    expect(chart.slices[0]!.percent).toBe(58.8)
    for (const slice of chart.slices) expect(slice.path).toMatch(/^M/)
  })

  it('leaves out empty buckets; a single bucket is the whole ring', () => {
    const chart = donut({ success: 0, failed: 5, pending: 0, unknown: 0 }, 80, 54)
    expect(chart.slices).toHaveLength(1)
    expect(chart.slices[0]!.kind).toBe('failed')
    expect(chart.slices[0]!.endAngle - chart.slices[0]!.startAngle).toBeCloseTo(TAU, 10)
    expect(chart.slices[0]!.percent).toBe(100)
  })

  it('draws only the empty track for an estate without mirrors (no NaN in any path)', () => {
    const chart = donut({ success: 0, failed: 0, pending: 0, unknown: 0 }, 80, 54)
    expect(chart.total).toBe(0)
    expect(chart.slices).toEqual([])
    expect(chart.track).toMatch(/^M/)
    expect(chart.track).not.toContain('NaN')
  })

  it('summarises the numbers for screen readers', () => {
    expect(healthSummary({ success: 3, failed: 1, pending: 0, unknown: 0 })).toBe(
      'Health of 4 mirrors: 3 success (75%), 1 failed (25%), 0 pending (0%), 0 unknown (0%)',
    )
    expect(healthSummary({ success: 0, failed: 0, pending: 0, unknown: 0 })).toBe('Health by status: no mirrors yet')
  })
})

describe('hourly outcome bars', () => {
  const now = Date.parse('2026-12-07T10:30:00Z')
  const at = (hoursAgo: number, succeeded: number, failed: number): HourOutcomes => ({
    hour: new Date(Date.parse('2026-12-07T10:00:00Z') - hoursAgo * 3600_000).toISOString(),
    succeeded,
    failed,
  })

  it('makes 24 hourly slots ending at the current hour, filling hours the server left out with zero', () => {
    const slots = hourSlots([at(0, 5, 1), at(3, 2, 0), at(30, 99, 99)], now)
    expect(slots).toHaveLength(24)
    expect(slots.at(-1)).toEqual({ hour: '2026-12-07T10:00:00.000Z', succeeded: 5, failed: 1 })
    expect(slots[0]!.hour).toBe('2026-12-06T11:00:00.000Z')
    expect(slots.at(-4)).toEqual({ hour: '2026-12-07T07:00:00.000Z', succeeded: 2, failed: 0 })
    // older than 24 h: not shown
    expect(slots.reduce((a, s) => a + s.succeeded, 0)).toBe(7)
  })

  it('sums entries that fall into the same hour', () => {
    const slots = hourSlots([{ hour: '2026-12-07T10:05:00Z', succeeded: 1, failed: 0 }, { hour: '2026-12-07T10:45:00Z', succeeded: 2, failed: 3 }], now)
    expect(slots.at(-1)).toMatchObject({ succeeded: 3, failed: 3 })
  })

  it('scales bar heights linearly from the plot bottom, failed stacked on succeeded', () => {
    const slots = hourSlots([at(0, 30, 10), at(1, 20, 0), at(2, 0, 0)], now)
    const chart = hourChart(slots, 500, 170, { top: 10, right: 10, bottom: 20, left: 30 })
    expect(chart.bars).toHaveLength(24)
    const plotHeight = 170 - 20 - 10
    const last = chart.bars.at(-1)!
    // y domain is [0, 40] (already nice): the tallest bar fills the plot
    expect(last.succeededHeight + last.failedHeight).toBeCloseTo(plotHeight, 6)
    expect(last.succeededHeight).toBeCloseTo((30 / 40) * plotHeight, 6)
    expect(last.failedY + last.failedHeight).toBeCloseTo(last.succeededY, 6)
    expect(last.succeededY + last.succeededHeight).toBeCloseTo(170 - 20, 6)
    const second = chart.bars.at(-2)!
    expect(second.succeededHeight).toBeCloseTo((20 / 40) * plotHeight, 6)
    expect(second.failedHeight).toBe(0)
    expect(chart.bars.at(-3)!.succeededHeight).toBe(0)
    // bars stay inside the plot, left to right, equally wide
    expect(chart.bars[0]!.x).toBeGreaterThanOrEqual(30)
    expect(last.x + last.width).toBeLessThanOrEqual(490)
    expect(chart.bars[1]!.x).toBeGreaterThan(chart.bars[0]!.x)
    expect(chart.succeeded).toBe(50)
    expect(chart.failed).toBe(10)
    expect(chart.yTicks.map((t) => t.value)).toContain(40)
    expect(chart.xLabels.at(-1)!.hour).toBe(last.hour)
  })

  it('keeps a usable scale when nothing synced (no division by zero)', () => {
    const chart = hourChart(hourSlots([], now), 500, 170)
    expect(chart.maxTotal).toBe(0)
    for (const bar of chart.bars) {
      expect(bar.succeededHeight).toBe(0)
      expect(bar.failedHeight).toBe(0)
      expect(Number.isFinite(bar.succeededY)).toBe(true)
    }
  })
})

describe('pair bars', () => {
  const pair = (id: number, counts: Partial<PairHealth>): PairHealth => ({
    pair_id: id,
    pair_name: `p${id}`,
    success: 0,
    failed: 0,
    pending: 0,
    unknown: 0,
    total: 0,
    ...counts,
  })

  it('scales lengths to the largest pair and stacks the buckets contiguously', () => {
    const bars = pairBars([
      pair(1, { success: 60, failed: 30, pending: 10, total: 100 }),
      pair(2, { success: 25, total: 25 }),
    ])
    expect(bars[0]!.length).toBeCloseTo(100)
    expect(bars[1]!.length).toBeCloseTo(25)
    expect(bars[0]!.segments.map((s) => [s.kind, s.left, s.width])).toEqual([
      ['success', 0, 60],
      ['failed', 60, 30],
      ['pending', 90, 10],
    ])
    expect(bars[1]!.segments).toEqual([{ kind: 'success', value: 25, left: 0, width: 25 }])
  })

  it('shows mirrors counted without a breakdown as "other"', () => {
    const [bar] = pairBars([pair(1, { total: 12 })])
    expect(bar!.segments).toEqual([{ kind: 'other', value: 12, left: 0, width: 100 }])
  })

  it('handles pairs without mirrors', () => {
    const bars = pairBars([pair(1, {}), pair(2, {})])
    expect(bars.map((b) => b.length)).toEqual([0, 0])
    expect(bars.every((b) => b.segments.length === 0)).toBe(true)
  })
})
