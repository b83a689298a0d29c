import { describe, expect, it } from 'vitest'

import { createBody, draftOf, updateBody } from './overrides'
import { mirror } from './testFixtures'

describe('override tri-state mapping', () => {
  const stored = mirror(1, { mirror_overwrite_diverged: true, only_mirror_protected_branches: false, mirror_branch_regex: '^main$' })

  it('reads stored overrides as on / off / inherit', () => {
    const draft = draftOf(stored)
    expect(draft.booleans).toEqual({
      mirror_protected_branches: 'inherit',
      mirror_overwrite_diverged: 'on',
      only_mirror_protected_branches: 'off',
      mirror_trigger_builds: 'inherit',
    })
    expect(draft.regex).toEqual({ mode: 'override', value: '^main$' })
  })

  it('leaves unchanged fields absent and sends inherit as null', () => {
    const initial = draftOf(stored)
    expect(updateBody(initial, draftOf(stored))).toEqual({})

    const edited = draftOf(stored)
    edited.booleans.mirror_overwrite_diverged = 'inherit'
    edited.booleans.mirror_protected_branches = 'off'
    edited.regex = { mode: 'inherit', value: '^main$' }
    expect(updateBody(initial, edited)).toEqual({
      mirror_overwrite_diverged: null,
      mirror_protected_branches: false,
      mirror_branch_regex: null,
    })
    expect('only_mirror_protected_branches' in updateBody(initial, edited)).toBe(false)
  })

  it('sends a changed regex value, and an emptied override as inherit', () => {
    const initial = draftOf(stored)
    expect(updateBody(initial, { ...initial, regex: { mode: 'override', value: '^release/' } })).toEqual({
      mirror_branch_regex: '^release/',
    })
    expect(updateBody(initial, { ...initial, regex: { mode: 'override', value: '' } })).toEqual({
      mirror_branch_regex: null,
    })
  })

  it('creates with only the fields that do not inherit', () => {
    const draft = draftOf(null)
    expect(createBody(draft)).toEqual({})
    draft.booleans.mirror_trigger_builds = 'off'
    draft.regex = { mode: 'override', value: '^main$' }
    expect(createBody(draft)).toEqual({ mirror_trigger_builds: false, mirror_branch_regex: '^main$' })
  })
})
