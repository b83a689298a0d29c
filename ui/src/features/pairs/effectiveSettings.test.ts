import { describe, expect, it } from 'vitest'

import { describeSource, describeToken, settingRows } from './effectiveSettings'
import type { EffectiveSettings } from './types'

function result(overrides: Partial<EffectiveSettings> = {}): EffectiveSettings {
  return {
    instance_pair_id: 1,
    source_project_path: 'platform/core/api',
    target_project_path: 'platform/core/api',
    settings: {
      mirror_direction: { value: 'pull', source: 'pair' },
      mirror_protected_branches: { value: false, source: 'group:platform/core' },
      mirror_overwrite_diverged: { value: true, source: 'mirror' },
      mirror_trigger_builds: { value: true, source: 'group:platform' },
      only_mirror_protected_branches: { value: false, source: 'pair' },
      mirror_branch_regex: { value: '^release/.*$', source: 'group:platform/core' },
      mirror_user_id: { value: null, source: 'pair' },
    },
    token: {
      instance_id: 1,
      project_path: 'platform/core/api',
      candidates: ['platform/core', 'platform'],
      token_id: 7,
      token_name: 'mirror-core',
      group_path: 'platform/core',
    },
    ...overrides,
  }
}

const names = (id: number) => (id === 1 ? 'gitlab-a' : 'gitlab-b')

describe('settingRows', () => {
  it('shows each value and where it comes from: pair, group default, mirror override', () => {
    const rows = settingRows(result())
    expect(rows.map((r) => [r.label, r.value, r.source])).toEqual([
      ['Direction', 'pull', 'Pair default'],
      ['Mirror protected branches', 'No', 'Group default at platform/core'],
      ['Overwrite diverged branches', 'Yes', 'Mirror override'],
      ['Trigger builds', 'Yes', 'Group default at platform'],
      ['Only mirror protected branches', 'No', 'Pair default'],
      ['Branch regex', '^release/.*$', 'Group default at platform/core'],
      ['Mirror user ID', '—', 'Pair default'],
    ])
    expect(rows[1]).toMatchObject({ kind: 'group', groupPath: 'platform/core' })
    expect(rows[2]!.kind).toBe('mirror')
  })

  it('marks settings push mirrors do not have as unused, without a value', () => {
    const push = result()
    push.settings.mirror_direction = { value: 'push', source: 'pair' }
    push.settings.mirror_trigger_builds = { value: null, source: 'not used by push mirrors' }
    const row = settingRows(push).find((r) => r.key === 'mirror_trigger_builds')!
    expect(row).toMatchObject({ kind: 'unused', value: '—', source: 'Not used by push mirrors', groupPath: null })
  })
})

describe('describeSource', () => {
  it('keeps the whole group path after the prefix', () => {
    expect(describeSource('group:a/b/c')).toEqual({ kind: 'group', text: 'Group default at a/b/c', groupPath: 'a/b/c' })
  })
})

describe('describeToken', () => {
  it('names the token, its group and the instance the URL points at', () => {
    expect(describeToken(result(), names)).toBe(
      '“mirror-core” of group platform/core on gitlab-a, for platform/core/api (groups looked at: platform/core, platform)',
    )
  })

  it('says when no group token would be found', () => {
    const none = result({
      token: {
        instance_id: 2,
        project_path: 'other/app',
        candidates: ['other'],
        token_id: null,
        token_name: null,
        group_path: null,
      },
    })
    expect(describeToken(none, names)).toBe('none on gitlab-b for other/app (groups looked at: other)')
  })
})
