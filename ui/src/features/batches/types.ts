/** The counters of a batch, as `GET /api/batches/{id}` and `/topic/batches/{id}` send them. */
export interface BatchCounters {
  total: number
  pending: number
  in_progress: number
  succeeded: number
  failed: number
  skipped: number
  cancelled: number
}

export type BatchStatus = 'running' | 'cancelling' | 'completed' | 'cancelled'

/** A batch's summary (the api-service's `BatchView`), also the body of every progress frame. */
export interface BatchSummary extends BatchCounters {
  batch_id: string
  /** `import`, or an operation over mirrors: sync, enable, disable, delete, verify, repair */
  kind: string
  /** 0 for an operation over a selection across pairs */
  instance_pair_id: number
  status: BatchStatus | string
  /** Increases with every change; a frame with a lower or equal sequence is stale. */
  sequence: number
  created_at: string | null
  started_at: string | null
  finished_at: string | null
}

/** Line statuses the server uses (`creating` is counted as in progress). */
export const LINE_STATUSES = [
  'pending',
  'creating',
  'in_progress',
  'succeeded',
  'failed',
  'skipped',
  'cancelled',
] as const

export const BATCH_KINDS = ['import', 'sync', 'enable', 'disable', 'delete', 'verify', 'repair'] as const
export const BATCH_STATUSES = ['running', 'cancelling', 'completed', 'cancelled'] as const

export interface BatchLine {
  line: number
  source_project_path: string | null
  target_project_path: string | null
  status: string
  mirror_id: number | null
  message: string | null
  /** Not sent by every server version. */
  command_id?: string | null
}

export interface BatchDetail {
  batch: BatchSummary
  lines: BatchLine[]
}

/** The 202 answer of `POST /api/mirrors/batch`. */
export interface BatchStarted {
  status: string
  batch_id: string
  total: number
  status_url: string
}

export interface BatchPage {
  batches: BatchSummary[]
  total: number
  page: number
  page_size: number
  total_pages: number
}

export interface BatchListQuery {
  kind?: string
  status?: string
  instance_pair_id?: number | null
  page?: number
  page_size?: number
}

export interface BatchLinesQuery {
  line_status?: string
  lines_page?: number
  lines_page_size?: number
}
