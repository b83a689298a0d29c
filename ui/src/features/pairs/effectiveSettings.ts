import type { EffectiveSettings } from './types'

export type SourceKind = 'mirror' | 'group' | 'pair' | 'unused'

export interface SettingRow {
  key: keyof EffectiveSettings['settings']
  label: string
  /** The value as shown: Yes/No, the regex, the user id, or a dash when not set. */
  value: string
  kind: SourceKind
  /** Where the value comes from, in words. */
  source: string
  /** The group whose default supplies it, for `group` sources. */
  groupPath: string | null
}

export const SETTING_LABELS: Record<keyof EffectiveSettings['settings'], string> = {
  mirror_direction: 'Direction',
  mirror_protected_branches: 'Mirror protected branches',
  mirror_overwrite_diverged: 'Overwrite diverged branches',
  mirror_trigger_builds: 'Trigger builds',
  only_mirror_protected_branches: 'Only mirror protected branches',
  mirror_branch_regex: 'Branch regex',
  mirror_user_id: 'Mirror user ID',
}

const ORDER = Object.keys(SETTING_LABELS) as (keyof EffectiveSettings['settings'])[]

export function formatValue(value: unknown): string {
  if (value === null || value === undefined || value === '') return '—'
  if (typeof value === 'boolean') return value ? 'Yes' : 'No'
  return String(value)
}

/** `pair`, `group:<path>`, `mirror`, or (for settings push mirrors do not have) a sentence saying so. */
export function describeSource(source: string): { kind: SourceKind; text: string; groupPath: string | null } {
  if (source === 'pair') return { kind: 'pair', text: 'Pair default', groupPath: null }
  if (source === 'mirror') return { kind: 'mirror', text: 'Mirror override', groupPath: null }
  if (source.startsWith('group:')) {
    const path = source.slice('group:'.length)
    return { kind: 'group', text: `Group default at ${path}`, groupPath: path }
  }
  return { kind: 'unused', text: source ? source.charAt(0).toUpperCase() + source.slice(1) : 'Not used', groupPath: null }
}

export function settingRows(result: EffectiveSettings): SettingRow[] {
  return ORDER.filter((key) => result.settings[key] !== undefined).map((key) => {
    const setting = result.settings[key]
    const source = describeSource(setting.source)
    return {
      key,
      label: SETTING_LABELS[key],
      value: source.kind === 'unused' ? '—' : formatValue(setting.value),
      kind: source.kind,
      source: source.text,
      groupPath: source.groupPath,
    }
  })
}

/** Which group token the mirror URL would embed, and which groups were looked at, as one sentence. */
export function describeToken(result: EffectiveSettings, instanceName: (id: number) => string): string {
  const t = result.token
  const looked = t.candidates.length > 0 ? ` (groups looked at: ${t.candidates.join(', ')})` : ''
  if (t.token_id !== null && t.group_path !== null) {
    const name = t.token_name ?? `#${t.token_id}`
    return `“${name}” of group ${t.group_path} on ${instanceName(t.instance_id)}, for ${t.project_path}${looked}`
  }
  return `none on ${instanceName(t.instance_id)} for ${t.project_path}${looked}`
}
