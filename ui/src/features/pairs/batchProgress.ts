import type { BatchFrame } from './types'

/**
 * The newer of two batch frames: one with a lower sequence than what is shown is stale (frames and the REST
 * catch-up can cross) and is ignored; an equal one changes nothing either.
 */
export function applyBatchFrame(current: BatchFrame | null, frame: BatchFrame): BatchFrame {
  if (current && current.batch_id === frame.batch_id && frame.sequence <= current.sequence) return current
  return frame
}

/** A STOMP body is untrusted JSON: only a frame with the counters is taken. */
export function isBatchFrame(body: unknown): body is BatchFrame {
  if (typeof body !== 'object' || body === null) return false
  const b = body as Record<string, unknown>
  return (
    typeof b.batch_id === 'string' &&
    typeof b.sequence === 'number' &&
    ['total', 'pending', 'in_progress', 'succeeded', 'failed', 'skipped', 'cancelled'].every(
      (key) => typeof b[key] === 'number',
    )
  )
}

export function isFinished(frame: BatchFrame): boolean {
  return frame.status === 'completed' || frame.status === 'cancelled'
}

export function doneCount(frame: BatchFrame): number {
  return frame.succeeded + frame.failed + frame.skipped + frame.cancelled
}

export interface BatchSegment {
  key: 'succeeded' | 'failed' | 'skipped' | 'cancelled'
  count: number
  percent: number
  cssClass: string
}

export function batchSegments(frame: BatchFrame): BatchSegment[] {
  const total = Math.max(frame.total, doneCount(frame))
  const entries: [BatchSegment['key'], string][] = [
    ['succeeded', 'progress__ok'],
    ['failed', 'progress__bad'],
    ['skipped', 'progress__skip'],
    ['cancelled', 'progress__other'],
  ]
  return entries.map(([key, cssClass]) => ({
    key,
    count: frame[key],
    percent: total === 0 ? 0 : (frame[key] / total) * 100,
    cssClass,
  }))
}

export function batchSummary(frame: BatchFrame): string {
  const done = doneCount(frame)
  return (
    `${done.toLocaleString()} of ${frame.total.toLocaleString()} done: ${frame.succeeded} succeeded, ` +
    `${frame.failed} failed, ${frame.skipped} skipped, ${frame.cancelled} cancelled; ` +
    `${frame.in_progress} in progress, ${frame.pending} pending`
  )
}
