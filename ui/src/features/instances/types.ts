/** A GitLab instance as `GET /api/instances` shows it (never the token, only whether one is set). */
export interface Instance {
  id: number
  name: string
  url: string
  description: string | null
  token_user_id: number | null
  token_username: string | null
  token_set: boolean
  token_scopes: string[]
  /** A date (`2027-10-03`) or null when the token never expires or GitLab did not say. */
  token_expires_at: string | null
  gitlab_version: string | null
  gitlab_revision: string | null
  gitlab_edition: string | null
  last_checked_at: string | null
  created_at: string
  updated_at: string
}

export interface CreateInstanceBody {
  name: string
  url: string
  token: string
  description?: string
}

/** Partial update: absent fields stay as they are. */
export interface UpdateInstanceBody {
  name?: string
  url?: string
  token?: string
  description?: string | null
}

/** What deleting an instance would remove, e.g. `{instance_pairs: 2, mirrors: 5, group_tokens: 3}`. */
export type DeleteImpact = Record<string, number>
