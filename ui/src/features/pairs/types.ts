import type { Instance } from '@/features/instances/types'

/** JSON shapes of the pair endpoints (snake_case, as the api-service sends them). */

export type Direction = 'push' | 'pull'

export interface Pair {
  id: number
  name: string
  description: string | null
  source_instance_id: number
  target_instance_id: number
  mirror_direction: Direction
  mirror_protected_branches: boolean
  mirror_overwrite_diverged: boolean
  mirror_trigger_builds: boolean
  only_mirror_protected_branches: boolean
  mirror_branch_regex: string | null
  mirror_user_id: number | null
  created_at: string | null
  updated_at: string | null
}

/** The body of `POST /api/pairs`; a `PUT` sends any subset of it (`null` clears the nullable ones). */
export interface PairInput {
  name: string
  description: string | null
  source_instance_id: number | null
  target_instance_id: number | null
  mirror_direction: Direction
  mirror_protected_branches: boolean
  mirror_overwrite_diverged: boolean
  mirror_trigger_builds: boolean
  only_mirror_protected_branches: boolean
  mirror_branch_regex: string | null
  mirror_user_id: number | null
}

/** Only what this feature needs of `GET /api/instances`. */
export type InstanceSummary = Pick<Instance, 'id' | 'name' | 'url'>

/** `GET /api/pairs/{id}/delete-impact`: what a delete removes, by kind. */
export type DeleteImpact = Record<string, number>

/** A value and its origin: `mirror`, `group:<path>`, `pair`, or a sentence when the setting does not apply. */
export interface SettingSource<T> {
  value: T
  source: string
}

export interface EffectiveSettings {
  instance_pair_id: number
  source_project_path: string
  target_project_path: string
  settings: {
    mirror_direction: SettingSource<string>
    mirror_protected_branches: SettingSource<boolean | null>
    mirror_overwrite_diverged: SettingSource<boolean | null>
    mirror_trigger_builds: SettingSource<boolean | null>
    only_mirror_protected_branches: SettingSource<boolean | null>
    mirror_branch_regex: SettingSource<string | null>
    mirror_user_id: SettingSource<number | null>
  }
  token: {
    instance_id: number
    project_path: string
    /** Groups looked at, most specific first. */
    candidates: string[]
    token_id: number | null
    token_name: string | null
    group_path: string | null
  }
}

