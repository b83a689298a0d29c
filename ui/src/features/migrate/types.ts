/** What moving an item over does: see the README, "Moving over from the original tool". */
export type MigrationAction = 'create' | 'adopt' | 'existing' | 'conflict'

export interface InstanceItem {
  original_id: number
  name: string
  original_url: string
  url: string
  action: MigrationAction
  detail: string
  id: number | null
}

export interface PairItem {
  original_id: number
  name: string
  direction: string
  action: MigrationAction
  detail: string
  id: number | null
}

export interface MirrorItem {
  original_id: number
  original_pair_id: number
  source_project_path: string
  target_project_path: string
  direction: string
  gitlab_mirror_id: number | null
  action: MigrationAction
  detail: string
  token: string
  id: number | null
}

/** `POST /api/migrate/original`'s answer: the dry run's plan, or what was moved over. */
export interface MigrationPlan {
  dry_run: boolean
  archive: { version: string; counts: Record<string, number> }
  summary: Record<'instances' | 'pairs' | 'mirrors', Partial<Record<MigrationAction, number>>>
  conflicts: number
  instances: InstanceItem[]
  pairs: PairItem[]
  mirrors: MirrorItem[]
  notes: string[]
}

export interface OwnToken {
  mirror_id: number
  source_project_path: string
  target_project_path: string
  token_name: string
  token_expires_at: string | null
}

/** `GET /api/migrate/original/own-tokens`: mirrors that still use the project token the original created. */
export interface OwnTokens {
  total: number
  mirrors: OwnToken[]
}

export interface BatchAccepted {
  batch_id: string
  total: number
}
