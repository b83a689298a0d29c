import { plural } from '@/lib/format'

import type { BatchCounters, BatchSummary } from './types'

const COUNTERS = ['total', 'pending', 'in_progress', 'succeeded', 'failed', 'skipped', 'cancelled'] as const

function isCount(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0
}

/**
 * Checks that a STOMP body or REST answer is a batch summary (id, status, sequence and every
 * counter); returns it typed, or null.
 */
export function parseBatchFrame(value: unknown): BatchSummary | null {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return null
  const frame = value as Record<string, unknown>
  if (typeof frame.batch_id !== 'string' || typeof frame.status !== 'string') return null
  if (typeof frame.sequence !== 'number' || !COUNTERS.every((key) => isCount(frame[key]))) return null
  return frame as unknown as BatchSummary
}

/**
 * The batch state after `incoming` arrived: frames can arrive out of order (a REST answer racing
 * a push), so one whose sequence is not newer than what we show is ignored. A frame for another
 * batch is ignored too.
 */
export function applyFrame(current: BatchSummary | null, incoming: BatchSummary): BatchSummary {
  if (current === null) return incoming
  if (incoming.batch_id !== current.batch_id) return current
  return incoming.sequence > current.sequence ? incoming : current
}

/** A batch is finished once it is completed or cancelled (a cancelling one still has lines running). */
export function isFinished(status: string | null | undefined): boolean {
  return status === 'completed' || status === 'cancelled'
}

export function finishedCount(c: BatchCounters): number {
  return c.succeeded + c.failed + c.skipped + c.cancelled
}

/** Whole percent of lines finished, 0–100 (100 for an empty batch); never 100 before the last line. */
export function percentDone(c: BatchCounters): number {
  if (c.total <= 0) return 100
  const done = finishedCount(c)
  const percent = Math.floor((done * 100) / c.total)
  return Math.min(100, Math.max(0, percent))
}

export interface ProgressSegment {
  key: 'succeeded' | 'failed' | 'skipped' | 'cancelled' | 'in_progress'
  /** CSS class of the segment (see `.progress__*` in style.css). */
  className: string
  count: number
  /** Width in percent of the whole bar, 0–100. */
  width: number
}

/** The coloured parts of a progress bar, in a stable order; pending is the empty rest. */
export function progressSegments(c: BatchCounters): ProgressSegment[] {
  const parts: [ProgressSegment['key'], string][] = [
    ['succeeded', 'progress__ok'],
    ['skipped', 'progress__skip'],
    ['failed', 'progress__bad'],
    ['cancelled', 'progress__other'],
    ['in_progress', 'progress__running'],
  ]
  return parts
    .map(([key, className]) => ({
      key,
      className,
      count: c[key],
      width: c.total > 0 ? (c[key] * 100) / c.total : 0,
    }))
    .filter((segment) => segment.count > 0)
}

/** "7 of 10 done · 5 succeeded, 1 skipped, 1 failed · 2 running · 1 pending" */
export function countsText(c: BatchCounters): string {
  const done = finishedCount(c)
  const parts = [`${done.toLocaleString()} of ${plural(c.total, 'line')} done`]
  const outcomes = (
    [
      ['succeeded', c.succeeded],
      ['skipped', c.skipped],
      ['failed', c.failed],
      ['cancelled', c.cancelled],
    ] as const
  )
    .filter(([, n]) => n > 0)
    .map(([word, n]) => `${n.toLocaleString()} ${word}`)
  if (outcomes.length) parts.push(outcomes.join(', '))
  if (c.in_progress > 0) parts.push(`${c.in_progress.toLocaleString()} running`)
  if (c.pending > 0) parts.push(`${c.pending.toLocaleString()} pending`)
  return parts.join(' · ')
}

export function countersOf(b: BatchSummary): BatchCounters {
  return {
    total: b.total,
    pending: b.pending,
    in_progress: b.in_progress,
    succeeded: b.succeeded,
    failed: b.failed,
    skipped: b.skipped,
    cancelled: b.cancelled,
  }
}

const KIND_LABELS: Record<string, string> = {
  import: 'Import',
  sync: 'Sync',
  enable: 'Enable',
  disable: 'Disable',
  delete: 'Delete',
  verify: 'Verify',
  repair: 'Repair',
}

export function kindLabel(kind: string): string {
  return KIND_LABELS[kind] ?? kind
}

export function shortId(id: string): string {
  return id.length > 12 ? id.slice(0, 8) : id
}
