import type { BatchLine, BatchSummary } from './types'

/** A batch summary for tests: a running import of 10 lines on pair 1, nothing done yet. */
export function summary(overrides: Partial<BatchSummary> = {}): BatchSummary {
  return {
    batch_id: 'b-1',
    kind: 'import',
    instance_pair_id: 1,
    status: 'running',
    total: 10,
    pending: 10,
    in_progress: 0,
    succeeded: 0,
    failed: 0,
    skipped: 0,
    cancelled: 0,
    sequence: 1,
    created_at: '2026-12-07T01:00:00Z',
    started_at: '2026-12-07T01:00:01Z',
    finished_at: null,
    ...overrides,
  }
}

export function line(n: number, overrides: Partial<BatchLine> = {}): BatchLine {
  return {
    line: n,
    source_project_path: `group/project-${n}`,
    target_project_path: `group/project-${n}`,
    status: 'succeeded',
    mirror_id: 100 + n,
    message: `created mirror ${100 + n}`,
    ...overrides,
  }
}
