/** One command waiting for a retry (`GET /api/jobs/scheduled`). */
export interface ScheduledRetry {
  command_id: string
  type: string
  subject_id: string | null
  mirror_id: number | null
  batch_id: string | null
  /** The attempt that will run. */
  attempt: number
  attempts_made: number
  scheduled_at: string | null
  /** Its time has passed and no worker took it yet. */
  overdue: boolean
  last_error: string | null
  accepted_at: string | null
}

export interface ScheduledRetriesPage {
  retries: ScheduledRetry[]
  total: number
  page: number
  page_size: number
  total_pages: number
  /** Every job JobRunr holds as scheduled: these retries, sync follow-ups, take-overs. */
  jobrunr_scheduled: number
}

/** A JobRunr recurring job (`GET /api/jobs/recurring`). */
export interface RecurringJob {
  id: string
  job_name: string | null
  /** An ISO-8601 duration for an interval, else a cron expression. */
  schedule: string
  schedule_kind: 'interval' | 'cron'
  zone_id: string | null
  next_run: string | null
  last_run: string | null
  created_at: string | null
}

/** A worker's JobRunr server. */
export interface JobServer {
  id: string
  name: string | null
  running: boolean
  worker_pool_size: number
  poll_interval_seconds: number
  first_heartbeat: string | null
  last_heartbeat: string | null
}

export interface RecurringOverview {
  jobs: RecurringJob[]
  servers: JobServer[]
}
