/** A group access token as `GET /api/tokens` shows it (never the token itself). */
export interface GroupToken {
  id: number
  gitlab_instance_id: number
  group_path: string
  token_name: string
  token_scopes: string[]
  token_expires_at: string | null
  token_status: TokenStatus | string
  token_checked_at: string | null
  created_at: string
  updated_at: string
}

export type TokenStatus = 'active' | 'expiring_soon' | 'expired' | 'unknown'

export interface CreateTokenBody {
  gitlab_instance_id: number
  group_path: string
  token_name: string
  token: string
}

/** The mirror settings a pair defines and a group default may override. */
export interface MirrorSettingValues {
  mirror_direction: string | null
  mirror_protected_branches: boolean | null
  mirror_overwrite_diverged: boolean | null
  mirror_trigger_builds: boolean | null
  only_mirror_protected_branches: boolean | null
  mirror_branch_regex: string | null
  mirror_user_id: number | null
}

export type SettingKey = keyof MirrorSettingValues

/** Group-level overrides of a pair's defaults; a null (or absent) setting inherits. */
export interface GroupDefault extends Partial<MirrorSettingValues> {
  id: number
  instance_pair_id: number
  group_path: string
  created_at?: string
  updated_at?: string
}

/** `POST /api/group-defaults`: absent fields keep their value, null inherits again. */
export type GroupDefaultUpsert = { instance_pair_id: number; group_path: string } & Partial<MirrorSettingValues>
