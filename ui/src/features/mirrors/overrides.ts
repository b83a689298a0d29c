import type { Mirror } from './types'

/** The boolean overrides a mirror can have. */
export const BOOLEAN_OVERRIDES = [
  { field: 'mirror_protected_branches', label: 'Mirror protected branches' },
  { field: 'mirror_overwrite_diverged', label: 'Overwrite diverged branches' },
  { field: 'only_mirror_protected_branches', label: 'Only protected branches' },
  { field: 'mirror_trigger_builds', label: 'Trigger pipelines (pull)' },
] as const

export type BooleanOverride = (typeof BOOLEAN_OVERRIDES)[number]['field']
export type Choice = 'inherit' | 'on' | 'off'

/** What the editor shows: each boolean as inherit/on/off, the regex as inherit or a value. */
export interface OverridesDraft {
  booleans: Record<BooleanOverride, Choice>
  regex: { mode: 'inherit' | 'override'; value: string }
}

export function choiceOf(value: boolean | null | undefined): Choice {
  return value === true ? 'on' : value === false ? 'off' : 'inherit'
}

export function valueOf(choice: Choice): boolean | null {
  return choice === 'on' ? true : choice === 'off' ? false : null
}

/** The draft for a mirror's stored overrides (or an empty one: everything inherits). */
export function draftOf(mirror?: Partial<Mirror> | null): OverridesDraft {
  const booleans = {} as Record<BooleanOverride, Choice>
  for (const { field } of BOOLEAN_OVERRIDES) booleans[field] = choiceOf(mirror?.[field] as boolean | null | undefined)
  const regex = mirror?.mirror_branch_regex ?? null
  return { booleans, regex: regex === null ? { mode: 'inherit', value: '' } : { mode: 'override', value: regex } }
}

function regexValue(draft: OverridesDraft): string | null {
  return draft.regex.mode === 'override' && draft.regex.value !== '' ? draft.regex.value : null
}

/**
 * The `PUT /api/mirrors/{id}` body for what changed between `initial` and `draft`: a field left
 * as it was is absent (unchanged), a field set back to inherit is `null`, others their value.
 */
export function updateBody(initial: OverridesDraft, draft: OverridesDraft): Record<string, boolean | string | null> {
  const body: Record<string, boolean | string | null> = {}
  for (const { field } of BOOLEAN_OVERRIDES) {
    if (draft.booleans[field] !== initial.booleans[field]) body[field] = valueOf(draft.booleans[field])
  }
  if (regexValue(draft) !== regexValue(initial)) body.mirror_branch_regex = regexValue(draft)
  return body
}

/** The overrides of a `POST /api/mirrors` body: only what is not inherited (absent = inherit). */
export function createBody(draft: OverridesDraft): Record<string, boolean | string> {
  const body: Record<string, boolean | string> = {}
  for (const { field } of BOOLEAN_OVERRIDES) {
    const value = valueOf(draft.booleans[field])
    if (value !== null) body[field] = value
  }
  const regex = regexValue(draft)
  if (regex !== null) body.mirror_branch_regex = regex
  return body
}

/** The effective value of a mirror's setting, for display next to its override. */
export function effectiveOf(mirror: Mirror, field: BooleanOverride | 'mirror_branch_regex'): unknown {
  const key = `effective_${field}` as keyof Mirror
  if (key in mirror) return mirror[key]
  return mirror[field] // the API has no effective value for it: the override, if any
}

export function describeValue(value: unknown): string {
  if (value === true) return 'on'
  if (value === false) return 'off'
  if (value === null || value === undefined || value === '') return 'not set'
  return String(value)
}
