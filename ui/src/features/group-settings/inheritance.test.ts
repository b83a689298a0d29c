import { describe, expect, it } from 'vitest'

import { pair as pairFixture } from '@/features/pairs/testFixtures'

import { breadcrumb, flattenTree, formatSetting, groupAndAncestors, resolveInherited, type GroupNode } from './inheritance'
import type { GroupDefault } from './types'

const pair = pairFixture()

function gd(id: number, groupPath: string, values: Partial<GroupDefault> = {}): GroupDefault {
  return {
    id,
    instance_pair_id: 1,
    group_path: groupPath,
    mirror_direction: null,
    mirror_protected_branches: null,
    mirror_overwrite_diverged: null,
    mirror_trigger_builds: null,
    only_mirror_protected_branches: null,
    mirror_branch_regex: null,
    mirror_user_id: null,
    ...values,
  }
}

function setting(node: GroupNode, key: string) {
  const found = node.settings.find((s) => s.key === key)
  if (!found) throw new Error(`no ${key}`)
  return found
}

describe('resolveInherited', () => {
  const defaults = [
    gd(2, 'platform/core', { mirror_overwrite_diverged: false, mirror_branch_regex: '^release/' }),
    gd(1, 'platform', { mirror_overwrite_diverged: true, mirror_user_id: 7 }),
    gd(3, 'platform/core/api/internal', { mirror_trigger_builds: true }),
    gd(4, 'frontend'),
    gd(5, 'other-pair', { mirror_trigger_builds: true }),
  ]
  defaults[4]!.instance_pair_id = 2

  it('nests each group under its parents, adding parents without a default of their own', () => {
    const tree = resolveInherited(pair, defaults)
    expect(flattenTree(tree).map((n) => [n.groupPath, n.depth, n.defaults?.id ?? null])).toEqual([
      ['frontend', 0, 4],
      ['platform', 0, 1],
      ['platform/core', 1, 2],
      ['platform/core/api', 2, null],
      ['platform/core/api/internal', 3, 3],
    ])
    expect(tree[1]!.children.map((n) => n.name)).toEqual(['core'])
  })

  it('marks what a group sets itself as set, even when the value equals what it would inherit', () => {
    const core = flattenTree(resolveInherited(pair, defaults)).find((n) => n.groupPath === 'platform/core')!
    expect(setting(core, 'mirror_overwrite_diverged')).toMatchObject({
      state: 'set',
      value: false,
      source: { kind: 'group', groupPath: 'platform/core' },
    })
    expect(setting(core, 'mirror_branch_regex')).toMatchObject({ state: 'set', value: '^release/' })
  })

  it('inherits from the nearest ancestor group that sets the value, else from the pair', () => {
    const internal = flattenTree(resolveInherited(pair, defaults)).find(
      (n) => n.groupPath === 'platform/core/api/internal',
    )!
    expect(setting(internal, 'mirror_trigger_builds')).toMatchObject({ state: 'set', value: true })
    expect(setting(internal, 'mirror_overwrite_diverged')).toMatchObject({
      state: 'inherited',
      value: false,
      source: { kind: 'group', groupPath: 'platform/core' },
    })
    expect(setting(internal, 'mirror_user_id')).toMatchObject({
      state: 'inherited',
      value: 7,
      source: { kind: 'group', groupPath: 'platform' },
    })
    expect(setting(internal, 'mirror_protected_branches')).toMatchObject({
      state: 'inherited',
      value: true,
      source: { kind: 'pair' },
    })
    expect(setting(internal, 'mirror_direction')).toMatchObject({ value: 'pull', source: { kind: 'pair' } })
  })

  it('ignores defaults of other pairs and treats an empty regex as not set', () => {
    const tree = resolveInherited(pair, [...defaults, gd(6, 'frontend/web', { mirror_branch_regex: '' })])
    const paths = flattenTree(tree).map((n) => n.groupPath)
    expect(paths).not.toContain('other-pair')
    const web = flattenTree(tree).find((n) => n.groupPath === 'frontend/web')!
    expect(setting(web, 'mirror_branch_regex')).toMatchObject({ state: 'inherited', value: null, source: { kind: 'pair' } })
  })

  it('flags pull-only settings as unused where the direction resolves to push', () => {
    const tree = resolveInherited(pair, [gd(1, 'platform', { mirror_direction: 'push' }), gd(2, 'platform/core')])
    const [platform] = tree
    const core = platform!.children[0]!
    expect(setting(core, 'mirror_direction')).toMatchObject({
      state: 'inherited',
      value: 'push',
      source: { kind: 'group', groupPath: 'platform' },
    })
    expect(setting(core, 'mirror_trigger_builds').unused).toBe(true)
    expect(setting(core, 'mirror_user_id').unused).toBe(true)
    expect(setting(core, 'mirror_overwrite_diverged').unused).toBe(false)
  })

  it('is empty without defaults', () => {
    expect(resolveInherited(pair, [])).toEqual([])
  })
})

describe('helpers', () => {
  it('lists a group and its ancestors, most specific first', () => {
    expect(groupAndAncestors('platform/core/api')).toEqual(['platform/core/api', 'platform/core', 'platform'])
  })

  it('formats values and paths', () => {
    expect([formatSetting(true), formatSetting(false), formatSetting(null), formatSetting('^main$'), formatSetting(3)]).toEqual([
      'on',
      'off',
      '—',
      '^main$',
      '3',
    ])
    expect(breadcrumb('platform/core')).toBe('platform › core')
  })
})
