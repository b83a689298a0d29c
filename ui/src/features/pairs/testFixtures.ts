import type { Pair } from './types'

/** A pair for tests: pair 1 "a-to-b", pull from instance 1 to 2, protected branches only on (not shipped). */
export function pair(overrides: Partial<Pair> = {}): Pair {
  return {
    id: 1,
    name: 'a-to-b',
    description: null,
    source_instance_id: 1,
    target_instance_id: 2,
    mirror_direction: 'pull',
    mirror_protected_branches: true,
    mirror_overwrite_diverged: false,
    mirror_trigger_builds: false,
    only_mirror_protected_branches: false,
    mirror_branch_regex: null,
    mirror_user_id: null,
    created_at: null,
    updated_at: null,
    ...overrides,
  }
}
