import { plural } from '@/lib/format'

/** Mirror counts of one pair, as the mirror list's `total` gives them for each status filter. */
export interface HealthCounts {
  total: number
  finished: number
  failed: number
  pending: number
}

export type HealthKind = 'finished' | 'failed' | 'pending' | 'unknown'

export interface HealthSegment {
  kind: HealthKind
  count: number
  /** Share of the bar, 0..100. */
  percent: number
  /** The `progress` CSS class that colours it. */
  cssClass: string
}

const CLASSES: Record<HealthKind, string> = {
  finished: 'progress__ok',
  failed: 'progress__bad',
  pending: 'progress__skip',
  unknown: 'progress__other',
}

/** The status filters of `GET /api/mirrors` that make the bar; `unknown` is what none of them counts. */
export const HEALTH_STATUSES = ['finished', 'failed', 'pending'] as const

/**
 * The bar's segments, in a fixed order. `unknown` is the rest of the total (never negative). The
 * filters can overlap (a mirror whose creation failed may still report GitLab's last sync as finished),
 * so shares are taken of whichever is larger, the total or the sum, and never add up beyond 100.
 * With no mirrors every segment is 0 %.
 */
export function healthSegments(counts: HealthCounts): HealthSegment[] {
  const finished = Math.max(0, counts.finished)
  const failed = Math.max(0, counts.failed)
  const pending = Math.max(0, counts.pending)
  const total = Math.max(0, counts.total)
  const unknown = Math.max(0, total - finished - failed - pending)
  const base = Math.max(total, finished + failed + pending + unknown)
  const entries: [HealthKind, number][] = [
    ['finished', finished],
    ['failed', failed],
    ['pending', pending],
    ['unknown', unknown],
  ]
  return entries.map(([kind, count]) => ({
    kind,
    count,
    percent: base === 0 ? 0 : (count / base) * 100,
    cssClass: CLASSES[kind],
  }))
}

/** The sentence screen readers get instead of the bar. */
export function healthSummary(counts: HealthCounts): string {
  if (counts.total <= 0) return 'No mirrors'
  const parts = healthSegments(counts).map((s) => `${s.count.toLocaleString()} ${s.kind}`)
  return `${plural(counts.total, 'mirror')}: ${parts.join(', ')}`
}
