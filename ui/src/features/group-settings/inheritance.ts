import type { Pair } from '@/features/pairs/types'

import type { GroupDefault, MirrorSettingValues, SettingKey } from './types'

/** The settings shown per group, in this order, with their labels. */
export const SETTINGS: readonly { key: SettingKey; label: string; kind: 'boolean' | 'text' | 'number' | 'direction' }[] = [
  { key: 'mirror_direction', label: 'Direction', kind: 'direction' },
  { key: 'mirror_protected_branches', label: 'Mirror protected branches', kind: 'boolean' },
  { key: 'mirror_overwrite_diverged', label: 'Overwrite diverged branches', kind: 'boolean' },
  { key: 'mirror_trigger_builds', label: 'Trigger builds', kind: 'boolean' },
  { key: 'only_mirror_protected_branches', label: 'Only protected branches', kind: 'boolean' },
  { key: 'mirror_branch_regex', label: 'Branch regex', kind: 'text' },
  { key: 'mirror_user_id', label: 'Mirror user ID', kind: 'number' },
]

/** GitLab ignores these on push mirrors (the API resolves them to nothing there). */
export const PULL_ONLY: ReadonlySet<SettingKey> = new Set<SettingKey>(['mirror_trigger_builds', 'mirror_user_id'])

export type SettingSource = { kind: 'group'; groupPath: string } | { kind: 'pair' }

export interface ResolvedSetting {
  key: SettingKey
  /** `set`: this group's default sets it; `inherited`: it comes from an ancestor group or the pair. */
  state: 'set' | 'inherited'
  value: MirrorSettingValues[SettingKey]
  /** Where the value comes from (for `set`, this group itself). */
  source: SettingSource
  /** True for pull-only settings where the effective direction is push. */
  unused: boolean
}

export interface GroupNode {
  groupPath: string
  /** Last path segment, e.g. `core` for `platform/core`. */
  name: string
  /** 0 for a top-level group. */
  depth: number
  /** The group default stored for exactly this path; null for an ancestor shown only to place its subgroups. */
  defaults: GroupDefault | null
  settings: ResolvedSetting[]
  children: GroupNode[]
}

/** A value counts as set unless it is null, absent or empty (like the API's resolution). */
export function isSet(value: unknown): boolean {
  return value !== null && value !== undefined && value !== ''
}

/** `platform/core/api` → `['platform/core/api', 'platform/core', 'platform']`, most specific first. */
export function groupAndAncestors(groupPath: string): string[] {
  const parts = groupPath.split('/').filter(Boolean)
  return parts.map((_, i) => parts.slice(0, parts.length - i).join('/'))
}

/** How one group resolves each setting: its own value, else the nearest ancestor group default that sets it, else the pair. */
export function resolveGroup(pair: Pair, byPath: ReadonlyMap<string, GroupDefault>, groupPath: string): ResolvedSetting[] {
  const chain = groupAndAncestors(groupPath)
  const resolved = SETTINGS.map(({ key }): ResolvedSetting => {
    for (const path of chain) {
      const value = byPath.get(path)?.[key]
      if (isSet(value)) {
        return {
          key,
          state: path === groupPath ? 'set' : 'inherited',
          value: value as MirrorSettingValues[SettingKey],
          source: { kind: 'group', groupPath: path },
          unused: false,
        }
      }
    }
    return { key, state: 'inherited', value: pair[key], source: { kind: 'pair' }, unused: false }
  })
  const direction = resolved.find((s) => s.key === 'mirror_direction')?.value
  if (direction === 'push') {
    for (const setting of resolved) if (PULL_ONLY.has(setting.key)) setting.unused = true
  }
  return resolved
}

/**
 * The group tree of a pair's group defaults: every group path nested under its parent groups (parents
 * without a default of their own appear too, so the nesting stays visible), each with the resolution of
 * every setting. Defaults of other pairs are ignored. Siblings are sorted by path.
 */
export function resolveInherited(pair: Pair, defaults: readonly GroupDefault[]): GroupNode[] {
  const byPath = new Map<string, GroupDefault>()
  for (const d of defaults) {
    if (d.instance_pair_id === pair.id && !byPath.has(d.group_path)) byPath.set(d.group_path, d)
  }
  const nodes = new Map<string, GroupNode>()
  const roots: GroupNode[] = []

  function node(path: string): GroupNode {
    const existing = nodes.get(path)
    if (existing) return existing
    const parts = path.split('/')
    const created: GroupNode = {
      groupPath: path,
      name: parts[parts.length - 1] ?? path,
      depth: parts.length - 1,
      defaults: byPath.get(path) ?? null,
      settings: resolveGroup(pair, byPath, path),
      children: [],
    }
    nodes.set(path, created)
    if (parts.length === 1) roots.push(created)
    else node(parts.slice(0, -1).join('/')).children.push(created)
    return created
  }

  for (const path of byPath.keys()) node(path)
  const sort = (list: GroupNode[]): void => {
    list.sort((a, b) => a.groupPath.localeCompare(b.groupPath))
    list.forEach((n) => sort(n.children))
  }
  sort(roots)
  return roots
}

/** The tree in display order (parents before their children). */
export function flattenTree(roots: readonly GroupNode[]): GroupNode[] {
  const out: GroupNode[] = []
  const walk = (list: readonly GroupNode[]): void => {
    for (const n of list) {
      out.push(n)
      walk(n.children)
    }
  }
  walk(roots)
  return out
}

/** A setting's value for people: on/off, the text, or "—" when empty. */
export function formatSetting(value: unknown): string {
  if (value === true) return 'on'
  if (value === false) return 'off'
  if (!isSet(value)) return '—'
  return String(value)
}

/** `platform/core` → `platform › core`. */
export function breadcrumb(groupPath: string): string {
  return groupPath.split('/').join(' › ')
}
