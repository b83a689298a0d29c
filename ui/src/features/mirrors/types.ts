/** A mirror as `GET /api/mirrors` and `GET /api/mirrors/{id}` answer it (snake_case, as the API sends it). */
export interface Mirror {
  id: number
  instance_pair_id: number
  source_instance_id: number
  target_instance_id: number
  source_project_id: number
  source_project_path: string
  target_project_id: number
  target_project_path: string
  mirror_direction: string
  mirror_protected_branches: boolean | null
  mirror_overwrite_diverged: boolean | null
  mirror_trigger_builds: boolean | null
  only_mirror_protected_branches: boolean | null
  mirror_branch_regex: string | null
  mirror_user_id: number | null
  effective_mirror_direction: string | null
  effective_mirror_overwrite_diverged: boolean | null
  effective_mirror_trigger_builds: boolean | null
  effective_only_mirror_protected_branches: boolean | null
  effective_mirror_branch_regex: string | null
  effective_mirror_user_id: number | null
  enabled: boolean
  lifecycle: string
  mirror_id: number | null
  last_update_status: string | null
  last_update_at: string | null
  last_successful_update: string | null
  last_error: string | null
  last_checked_at: string | null
  drift: string[]
  stuck: boolean
  /** GitLab paused the mirror after repeated failures; resume lifts it. Absent from older servers. */
  paused?: boolean | null
  orphaned: boolean
  group_token_id: number | null
  token_expires_at: string | null
  token_status: string | null
  /** The expiry warning level the embedded token reached (`30_days`, `7_days`, `1_day`, `expired`), null when none. */
  token_warning?: '30_days' | '7_days' | '1_day' | 'expired' | null
  created_at: string | null
  updated_at: string | null
}

export interface MirrorPage {
  mirrors: Mirror[]
  total: number
  page: number
  page_size: number
  total_pages: number
}

export interface GitLabProject {
  id: number
  name: string
  path: string
  path_with_namespace: string
  description?: string | null
}

export interface ProjectPage {
  projects: GitLabProject[]
  next_page: number | null
}

/** The 202 answer of a create or update: the mirror, and the command making GitLab follow (none when nothing changed there). */
export type MirrorAccepted = Mirror & { status: string; command_id: string | null; status_url?: string | null }

export type BatchAction = 'sync' | 'resume' | 'enable' | 'disable' | 'delete' | 'verify' | 'repair'

/** `mirror:42` → 42; anything else → null. */
export function mirrorIdOf(subjectId: string | null | undefined): number | null {
  const match = /^mirror:(\d+)$/.exec(subjectId ?? '')
  return match ? Number(match[1]) : null
}
