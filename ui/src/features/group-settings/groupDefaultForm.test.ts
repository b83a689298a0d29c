import { describe, expect, it } from 'vitest'

import { buildUpsert, draftFrom } from './groupDefaultForm'
import type { GroupDefault } from './types'

const stored: GroupDefault = {
  id: 4,
  instance_pair_id: 1,
  group_path: 'platform',
  mirror_direction: null,
  mirror_protected_branches: false,
  mirror_overwrite_diverged: true,
  mirror_trigger_builds: null,
  only_mirror_protected_branches: null,
  mirror_branch_regex: '^release/',
  mirror_user_id: 12,
}

describe('group default form', () => {
  it('starts from what is stored', () => {
    const draft = draftFrom(stored)
    expect(draft.mirror_direction).toEqual({ choice: 'inherit', text: '' })
    expect(draft.mirror_protected_branches.choice).toBe('off')
    expect(draft.mirror_overwrite_diverged.choice).toBe('on')
    expect(draft.mirror_branch_regex).toEqual({ choice: 'set', text: '^release/' })
    expect(draft.mirror_user_id).toEqual({ choice: 'set', text: '12' })
  })

  it('sends nothing but the key when nothing changed', () => {
    expect(buildUpsert(1, 'platform', draftFrom(stored), stored)).toEqual({
      body: { instance_pair_id: 1, group_path: 'platform' },
      errors: {},
    })
  })

  it('sends changed settings only, with null for inherit', () => {
    const draft = draftFrom(stored)
    draft.mirror_overwrite_diverged.choice = 'inherit'
    draft.mirror_trigger_builds.choice = 'on'
    draft.mirror_direction.choice = 'push'
    draft.mirror_user_id.text = '13'
    expect(buildUpsert(1, 'platform', draft, stored).body).toEqual({
      instance_pair_id: 1,
      group_path: 'platform',
      mirror_overwrite_diverged: null,
      mirror_trigger_builds: true,
      mirror_direction: 'push',
      mirror_user_id: 13,
    })
  })

  it('sends only what is set for a new group path', () => {
    const draft = draftFrom(null)
    draft.only_mirror_protected_branches.choice = 'off'
    draft.mirror_branch_regex = { choice: 'set', text: '^main$' }
    expect(buildUpsert(2, ' platform/core ', draft, null)).toEqual({
      body: { instance_pair_id: 2, group_path: 'platform/core', only_mirror_protected_branches: false, mirror_branch_regex: '^main$' },
      errors: {},
    })
  })

  it('refuses an empty path, a blank value and a user id that is not a number', () => {
    const draft = draftFrom(null)
    draft.mirror_branch_regex = { choice: 'set', text: '  ' }
    draft.mirror_user_id = { choice: 'set', text: 'root' }
    expect(buildUpsert(1, '', draft, null).errors).toEqual({
      group_path: 'enter a group path such as platform/core',
      mirror_branch_regex: 'enter a value, or choose Inherit',
      mirror_user_id: 'must be a positive whole number (a GitLab user id)',
    })
  })
})
