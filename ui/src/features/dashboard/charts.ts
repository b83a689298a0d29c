import { arc, max, pie, scaleBand, scaleLinear, sum } from 'd3'

import { HEALTH_KINDS, type HealthCounts, type HealthKind, type HourOutcomes, type PairHealth } from './types'

/**
 * The dashboard's chart geometry, computed with D3 and nothing else: no DOM here, Vue renders
 * the SVG (or the HTML bars) from these numbers.
 */

export const HEALTH_LABELS: Record<HealthKind, string> = {
  success: 'Success',
  failed: 'Failed',
  pending: 'Pending',
  unknown: 'Unknown',
}

const percentOf = (value: number, total: number) => (total === 0 ? 0 : Math.round((value / total) * 1000) / 10)

// ---- health donut ----

export interface DonutSlice {
  kind: HealthKind
  value: number
  percent: number
  startAngle: number
  endAngle: number
  /** SVG path data, centred on (0, 0). */
  path: string
}

export interface Donut {
  total: number
  /** One slice per bucket with mirrors, in the order success, failed, pending, unknown. */
  slices: DonutSlice[]
  /** The full ring, drawn under the slices (and alone when there are no mirrors). */
  track: string
}

export function donut(health: HealthCounts, outerRadius: number, innerRadius: number): Donut {
  const entries = HEALTH_KINDS.map((kind) => ({ kind, value: Math.max(0, health[kind] || 0) }))
  const total = sum(entries, (e) => e.value)
  const shape = arc<{ startAngle: number; endAngle: number; padAngle?: number }>()
    .innerRadius(innerRadius)
    .outerRadius(outerRadius)
  const track = shape({ startAngle: 0, endAngle: 2 * Math.PI }) ?? ''
  if (total === 0) return { total, slices: [], track }
  const layout = pie<{ kind: HealthKind; value: number }>()
    .value((e) => e.value)
    .sort(null)(entries)
  const slices = layout
    .filter((d) => d.value > 0)
    .map((d) => ({
      kind: d.data.kind,
      value: d.value,
      percent: percentOf(d.value, total),
      startAngle: d.startAngle,
      endAngle: d.endAngle,
      path: shape(d) ?? '',
    }))
  return { total, slices, track }
}

/** "Health of 34 mirrors: 20 success (58.8%), 10 failed (29.4%), ..." — the chart's accessible name. */
export function healthSummary(health: HealthCounts): string {
  const total = sum(HEALTH_KINDS, (k) => health[k] || 0)
  if (total === 0) return 'Health by status: no mirrors yet'
  const parts = HEALTH_KINDS.map(
    (k) => `${(health[k] || 0).toLocaleString()} ${k} (${percentOf(health[k] || 0, total)}%)`,
  )
  return `Health of ${total.toLocaleString()} mirror${total === 1 ? '' : 's'}: ${parts.join(', ')}`
}

// ---- sync outcomes, hourly bars ----

const HOUR = 3600 * 1000

/**
 * Exactly 24 hourly slots ending with the hour of `now`, the server's hours summed into them (an
 * hour the server left out is zero). Without `now` the slots end at the server's last hour.
 */
export function hourSlots(outcomes: HourOutcomes[], now?: number): HourOutcomes[] {
  const byHour = new Map<number, HourOutcomes>()
  let latest = Number.NEGATIVE_INFINITY
  for (const entry of outcomes) {
    const millis = Date.parse(entry.hour)
    if (Number.isNaN(millis)) continue
    const start = Math.floor(millis / HOUR) * HOUR
    latest = Math.max(latest, start)
    const slot = byHour.get(start) ?? { hour: new Date(start).toISOString(), succeeded: 0, failed: 0 }
    slot.succeeded += Math.max(0, entry.succeeded)
    slot.failed += Math.max(0, entry.failed)
    byHour.set(start, slot)
  }
  const end = now !== undefined ? Math.floor(now / HOUR) * HOUR : Number.isFinite(latest) ? latest : Math.floor(Date.now() / HOUR) * HOUR
  const slots: HourOutcomes[] = []
  for (let i = 23; i >= 0; i--) {
    const start = end - i * HOUR
    slots.push(byHour.get(start) ?? { hour: new Date(start).toISOString(), succeeded: 0, failed: 0 })
  }
  return slots
}

export interface HourBar {
  hour: string
  x: number
  width: number
  succeeded: number
  failed: number
  /** Succeeded at the bottom, failed stacked on top (SVG y grows downwards). */
  succeededY: number
  succeededHeight: number
  failedY: number
  failedHeight: number
}

export interface HourChart {
  width: number
  height: number
  /** Plot area inside the axes. */
  plot: { left: number; top: number; right: number; bottom: number }
  bars: HourBar[]
  yTicks: { value: number; y: number }[]
  /** A label every few hours at the bar's centre; `anchor` keeps the outermost ones inside the chart. */
  xLabels: { hour: string; x: number; anchor: 'start' | 'middle' | 'end' }[]
  maxTotal: number
  succeeded: number
  failed: number
}

export function hourChart(
  slots: HourOutcomes[],
  width: number,
  height: number,
  margin = { top: 8, right: 8, bottom: 22, left: 34 },
): HourChart {
  const plot = { left: margin.left, top: margin.top, right: width - margin.right, bottom: height - margin.bottom }
  const x = scaleBand<string>()
    .domain(slots.map((s) => s.hour))
    .range([plot.left, plot.right])
    .paddingInner(0.2)
    .paddingOuter(0.1)
  const maxTotal = max(slots, (s) => s.succeeded + s.failed) ?? 0
  const y = scaleLinear()
    .domain([0, Math.max(maxTotal, 1)])
    .nice(4)
    .range([plot.bottom, plot.top])
  const bars = slots.map((s) => {
    const succeededTop = y(s.succeeded)
    const top = y(s.succeeded + s.failed)
    return {
      hour: s.hour,
      x: x(s.hour) ?? 0,
      width: x.bandwidth(),
      succeeded: s.succeeded,
      failed: s.failed,
      succeededY: succeededTop,
      succeededHeight: plot.bottom - succeededTop,
      failedY: top,
      failedHeight: succeededTop - top,
    }
  })
  const yTicks = y
    .ticks(4)
    .filter((v) => Number.isInteger(v))
    .map((value) => ({ value, y: y(value) }))
  const every = slots.length > 12 ? 6 : 3
  const xLabels = slots
    .map((s, i) => ({ s, i }))
    .filter(({ i }) => (slots.length - 1 - i) % every === 0)
    .map(({ s }) => {
      const centre = (x(s.hour) ?? 0) + x.bandwidth() / 2
      const anchor: 'start' | 'middle' | 'end' =
        centre > width - 20 ? 'end' : centre < plot.left + 20 ? 'start' : 'middle'
      return { hour: s.hour, x: anchor === 'end' ? plot.right : anchor === 'start' ? x(s.hour) ?? 0 : centre, anchor }
    })
  return {
    width,
    height,
    plot,
    bars,
    yTicks,
    xLabels,
    maxTotal,
    succeeded: sum(slots, (s) => s.succeeded),
    failed: sum(slots, (s) => s.failed),
  }
}

// ---- per-pair stacked bars ----

export type PairSegmentKind = HealthKind | 'other'

export interface PairSegment {
  kind: PairSegmentKind
  value: number
  /** Left edge and width in percent of the bar track (the largest pair fills it). */
  left: number
  width: number
}

export interface PairBar {
  pair: PairHealth
  /** The bar's length in percent of the track. */
  length: number
  segments: PairSegment[]
}

/**
 * One horizontal bar per pair, scaled so the largest pair fills the track; its segments are the
 * health buckets, plus `other` for mirrors the server counted without a bucket (a count-only answer).
 */
export function pairBars(pairs: PairHealth[]): PairBar[] {
  const largest = max(pairs, (p) => Math.max(p.total, p.success + p.failed + p.pending + p.unknown)) ?? 0
  const x = scaleLinear().domain([0, Math.max(largest, 1)]).range([0, 100])
  return pairs.map((pair) => {
    const counted = pair.success + pair.failed + pair.pending + pair.unknown
    const values: [PairSegmentKind, number][] = [
      ['success', pair.success],
      ['failed', pair.failed],
      ['pending', pair.pending],
      ['unknown', pair.unknown],
      ['other', Math.max(0, pair.total - counted)],
    ]
    let start = 0
    const segments: PairSegment[] = []
    for (const [kind, value] of values) {
      if (value <= 0) continue
      segments.push({ kind, value, left: x(start), width: x(start + value) - x(start) })
      start += value
    }
    return { pair, length: x(start), segments }
  })
}
