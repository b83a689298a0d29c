/** Names of one kind of change in a restore plan: the full count, the first names. */
export interface PlanNames {
  count: number
  names: string[]
}

/** What a restore does to one collection. */
export interface CollectionPlan {
  name: string
  in_archive: number
  created: PlanNames
  replaced: PlanNames
  unchanged: PlanNames
  kept: PlanNames
}

/** `POST /api/backup/restore`'s answer: the dry run's plan, or what was restored. */
export interface RestorePlan {
  dry_run: boolean
  backup_created_at: string | null
  collections: CollectionPlan[]
  conflicts: string[]
  secrets: number
}

export interface KeyRotationCounts {
  collection: string
  total: number
  current: number
  previous: number
  unreadable: number
}

/** `GET /api/ops/key-rotation`. */
export interface KeyRotationStatus {
  state: 'none' | 'in_progress' | 'done' | 'attention'
  previous_key_configured: boolean
  total: number
  done: number
  remaining: number
  unreadable: number
  collections: KeyRotationCounts[]
  last_pass_at: string | null
}
