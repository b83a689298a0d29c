import type { CommandAttempt, CommandFacts, CommandState } from './types'

function str(value: unknown): string | null {
  return typeof value === 'string' && value !== '' ? value : null
}

function firstString(record: Record<string, unknown>, keys: string[]): string | null {
  for (const key of keys) {
    const value = str(record[key])
    if (value !== null) return value
  }
  return null
}

function attemptOf(raw: unknown, index: number): CommandAttempt {
  if (typeof raw === 'string') return { number: index + 1, at: null, error: raw, outcome: 'failed' }
  const record = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>
  const number = typeof record.attempt === 'number' ? record.attempt : typeof record.number === 'number' ? record.number : index + 1
  return {
    number,
    at: firstString(record, ['at', 'occurred_at', 'finished_at', 'failed_at', 'started_at', 'attempted_at']),
    error: firstString(record, ['error', 'message', 'reason', 'last_error']),
    outcome: firstString(record, ['outcome', 'status', 'result']),
  }
}

/**
 * The command as the page shows it. The server sends `attempts` as a count and `last_error`; a
 * newer one may add a list of attempts (`attempts` as an array, or `attempt_history`,
 * `attempt_errors`, `errors`) and a retry time (`next_attempt_at` or `next_retry_at`).
 */
export function normalizeCommand(state: CommandState): CommandFacts {
  const record = state as Record<string, unknown>
  const list = [state.attempts, record.attempt_history, record.attempt_log, record.attempt_errors, record.errors].find(
    (candidate): candidate is unknown[] => Array.isArray(candidate),
  )
  const attempts = (list ?? []).map(attemptOf).sort((a, b) => a.number - b.number)
  const count = typeof state.attempts === 'number' ? state.attempts : typeof record.attempt_count === 'number' ? record.attempt_count : attempts.length
  return {
    id: state.command_id,
    type: state.type,
    subjectId: state.subject_id ?? null,
    status: state.status,
    attemptCount: Math.max(count, attempts.length),
    attempts,
    lastError: str(state.last_error),
    nextRetryAt: firstString(record, ['next_retry_at', 'next_attempt_at', 'retry_at', 'scheduled_retry_at']),
    createdAt: firstString(record, ['created_at', 'accepted_at']),
    updatedAt: str(state.updated_at),
    result: str(state.result),
    actor: str(record.actor),
  }
}

export interface SubjectLink {
  to: string
  label: string
}

/** `mirror:42` → the mirror page, `instance:1` → instances, `pair:3` → the pair, `batch:x` → the batch. */
export function subjectLink(subjectId: string | null | undefined): SubjectLink | null {
  if (!subjectId) return null
  const colon = subjectId.indexOf(':')
  if (colon < 0) return null
  const kind = subjectId.slice(0, colon)
  const id = subjectId.slice(colon + 1)
  if (!id) return null
  switch (kind) {
    case 'mirror':
      return { to: `/mirrors/${encodeURIComponent(id)}`, label: `Mirror ${id}` }
    case 'instance':
      return { to: '/instances', label: `Instance ${id}` }
    case 'pair':
      return { to: `/pairs/${encodeURIComponent(id)}`, label: `Pair ${id}` }
    case 'batch':
      return { to: `/batches/${encodeURIComponent(id)}`, label: `Batch ${id.length > 12 ? id.slice(0, 8) : id}` }
    default:
      return null
  }
}

/** Whether the command can still change (more attempts or a final outcome to come). */
export function isSettled(status: string): boolean {
  return status === 'succeeded' || status === 'failed'
}
