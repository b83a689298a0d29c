import { isSet, SETTINGS } from './inheritance'
import type { GroupDefault, GroupDefaultUpsert, MirrorSettingValues, SettingKey } from './types'

/** What the dialog offers per setting: inherit, or a value (on/off, push/pull, or a typed one). */
export type Choice = 'inherit' | 'on' | 'off' | 'push' | 'pull' | 'set'

export interface SettingDraft {
  choice: Choice
  /** The typed value when `choice` is `set` (branch regex, user id). */
  text: string
}

export type GroupDefaultDraft = Record<SettingKey, SettingDraft>

export function choicesFor(key: SettingKey): { value: Choice; label: string }[] {
  const kind = SETTINGS.find((s) => s.key === key)?.kind
  if (kind === 'boolean') {
    return [
      { value: 'inherit', label: 'Inherit' },
      { value: 'on', label: 'On' },
      { value: 'off', label: 'Off' },
    ]
  }
  if (kind === 'direction') {
    return [
      { value: 'inherit', label: 'Inherit' },
      { value: 'push', label: 'Push' },
      { value: 'pull', label: 'Pull' },
    ]
  }
  return [
    { value: 'inherit', label: 'Inherit' },
    { value: 'set', label: 'Set value' },
  ]
}

/** The dialog's starting state: what the stored default sets, everything else inherit. */
export function draftFrom(stored: GroupDefault | null): GroupDefaultDraft {
  const draft = {} as GroupDefaultDraft
  for (const { key, kind } of SETTINGS) {
    const value = stored?.[key]
    if (!isSet(value)) draft[key] = { choice: 'inherit', text: '' }
    else if (kind === 'boolean') draft[key] = { choice: value ? 'on' : 'off', text: '' }
    else if (kind === 'direction') draft[key] = { choice: value === 'push' ? 'push' : 'pull', text: '' }
    else draft[key] = { choice: 'set', text: String(value) }
  }
  return draft
}

type Value = MirrorSettingValues[SettingKey]

/** The JSON value of one setting of a draft (null = inherit), or an error for a value that cannot be sent. */
function valueOf(key: SettingKey, draft: SettingDraft): { value: Value } | { error: string } {
  switch (draft.choice) {
    case 'inherit':
      return { value: null }
    case 'on':
      return { value: true }
    case 'off':
      return { value: false }
    case 'push':
    case 'pull':
      return { value: draft.choice }
    case 'set': {
      const text = draft.text.trim()
      if (key === 'mirror_user_id') {
        if (!/^\d+$/.test(text) || Number(text) < 1) return { error: 'must be a positive whole number (a GitLab user id)' }
        return { value: Number(text) }
      }
      if (text === '') return { error: 'enter a value, or choose Inherit' }
      return { value: draft.text }
    }
  }
}

/**
 * The `POST /api/group-defaults` body for a draft: only the settings that differ from what is stored (absent
 * means unchanged on the server; null means inherit again), so a concurrent edit of another setting survives.
 * For a new group path everything that is not "inherit" is sent. Errors are per field, as the server's are.
 */
export function buildUpsert(
  pairId: number,
  groupPath: string,
  draft: GroupDefaultDraft,
  stored: GroupDefault | null,
): { body: GroupDefaultUpsert; errors: Record<string, string> } {
  const body: GroupDefaultUpsert = { instance_pair_id: pairId, group_path: groupPath.trim() }
  const errors: Record<string, string> = {}
  const target = body as unknown as Record<string, Value>
  for (const { key } of SETTINGS) {
    const result = valueOf(key, draft[key])
    if ('error' in result) {
      errors[key] = result.error
      continue
    }
    const before = stored?.[key]
    const storedValue = isSet(before) ? before : null
    if (result.value !== storedValue) target[key] = result.value
  }
  if (!body.group_path) errors.group_path = 'enter a group path such as platform/core'
  return { body, errors }
}
