/** `GET /api/commands/{id}`; fields beyond the first ones are read defensively (see {@link normalizeCommand}). */
export interface CommandState {
  command_id: string
  type: string
  subject_id: string | null
  status: string
  /** How many attempts were made (some servers send the list of attempts instead). */
  attempts?: number | unknown[]
  accepted_at?: string | null
  created_at?: string | null
  updated_at?: string | null
  next_attempt_at?: string | null
  next_retry_at?: string | null
  last_error?: string | null
  result?: string | null
  [key: string]: unknown
}

export interface CommandAttempt {
  number: number
  at: string | null
  error: string | null
  outcome: string | null
}

/** What the command page shows, whatever shape the server sent. */
export interface CommandFacts {
  id: string
  type: string
  subjectId: string | null
  status: string
  attemptCount: number
  attempts: CommandAttempt[]
  lastError: string | null
  nextRetryAt: string | null
  createdAt: string | null
  updatedAt: string | null
  result: string | null
  /** Who asked for it. */
  actor: string | null
}

/** The 202 answer of a command: `GET status_url` (= `/api/commands/{command_id}`) gives its state. */
export interface CommandAccepted {
  status: string
  command_id: string
  status_url: string
}
