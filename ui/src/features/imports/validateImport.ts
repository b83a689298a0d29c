import type { Problem } from '@/lib/http'

import type { ImportCheck, ImportLine, LineProblem } from './types'

/** The server's project path syntax (GroupPaths.PROJECT_PATH): group/…/project. */
export const PROJECT_PATH = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,254}(\/[A-Za-z0-9_][A-Za-z0-9_.-]{0,254}){1,20}$/

const BOOLEANS = [
  'mirror_protected_branches',
  'mirror_overwrite_diverged',
  'mirror_trigger_builds',
  'only_mirror_protected_branches',
  'enabled',
] as const
const POSITIVE_INTS = ['source_project_id', 'target_project_id', 'mirror_user_id'] as const
const OVERRIDES = [
  'mirror_protected_branches',
  'mirror_overwrite_diverged',
  'mirror_trigger_builds',
  'only_mirror_protected_branches',
  'mirror_branch_regex',
  'mirror_user_id',
] as const

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function fatal(message: string, body: unknown = null): ImportCheck {
  return { fatal: message, total: 0, lines: [], problems: [], exportedFrom: null, body }
}

/**
 * Checks an import file in the browser the way the server will (shape, types, path syntax,
 * direction, repeated lines), listing every problem rather than the first. The server also
 * checks RE2 branch regexes and its size limits, which only it knows.
 */
export function validateImportFile(text: string): ImportCheck {
  let body: unknown
  try {
    body = JSON.parse(text)
  } catch (cause) {
    return fatal(`The file is not valid JSON: ${cause instanceof Error ? cause.message : String(cause)}`)
  }
  if (!isObject(body) || !Array.isArray(body.mirrors)) {
    return fatal("The file must be a JSON object with a 'mirrors' array (as an export is).", body)
  }
  const metadata = isObject(body.metadata) ? body.metadata : {}
  const exportedFrom =
    typeof body.pair_name === 'string' ? body.pair_name : typeof metadata.pair_name === 'string' ? metadata.pair_name : null

  const problems: LineProblem[] = []
  const lines: ImportLine[] = []
  const seen = new Map<string, number>()
  body.mirrors.forEach((entry: unknown, index: number) => {
    const line = index + 1
    const lineProblems: string[] = []
    const report = (field: string, message: string): void => {
      problems.push({ line, field, message })
      lineProblems.push(`${field}: ${message}`)
    }
    if (!isObject(entry)) {
      report('line', 'must be an object')
      lines.push({ line, source_project_path: '', target_project_path: '', mirror_direction: null, enabled: true, overrides: [], problems: lineProblems })
      return
    }
    const path = (field: 'source_project_path' | 'target_project_path'): string => {
      const value = entry[field]
      if (value === undefined || value === null) {
        report(field, 'is missing')
        return ''
      }
      if (typeof value !== 'string') {
        report(field, 'must be a string')
        return ''
      }
      if (!PROJECT_PATH.test(value.trim())) report(field, "must be a project path such as 'group/project'")
      return value.trim()
    }
    const source = path('source_project_path')
    const target = path('target_project_path')
    for (const field of BOOLEANS) {
      const value = entry[field]
      if (value !== undefined && value !== null && typeof value !== 'boolean') report(field, 'must be true, false or null')
    }
    for (const field of POSITIVE_INTS) {
      const value = entry[field]
      if (value !== undefined && value !== null && !(typeof value === 'number' && Number.isInteger(value) && value > 0)) {
        report(field, 'must be a positive integer or null')
      }
    }
    let direction: string | null = null
    const rawDirection = entry.mirror_direction
    if (rawDirection !== undefined && rawDirection !== null) {
      if (typeof rawDirection !== 'string') report('mirror_direction', 'must be a string')
      else {
        direction = rawDirection.trim().toLowerCase()
        if (direction !== 'push' && direction !== 'pull') report('mirror_direction', "must be 'push' or 'pull'")
      }
    }
    const regex = entry.mirror_branch_regex
    if (regex !== undefined && regex !== null && typeof regex !== 'string') report('mirror_branch_regex', 'must be a string')
    if (source && target) {
      const key = `${source} -> ${target}`
      const first = seen.get(key)
      if (first !== undefined) report('source_project_path', `repeats line ${first} (${source} → ${target})`)
      else seen.set(key, line)
    }
    lines.push({
      line,
      source_project_path: source,
      target_project_path: target,
      mirror_direction: direction,
      enabled: entry.enabled !== false,
      overrides: OVERRIDES.filter((field) => entry[field] !== undefined && entry[field] !== null && entry[field] !== ''),
      problems: lineProblems,
    })
  })
  return { fatal: null, total: lines.length, lines, problems, exportedFrom, body }
}

const LINE_FIELD = /^mirrors\[(\d+)\](?:\.(.+))?$/
const LINE_PREFIX = /^line (\d+): /

/**
 * The lines a refused import names, from the server's problem+json: `errors[]` entries such as
 * `{field: "mirrors[3].source_project_path", message: "line 4: must be a project path …"}`
 * become `{line: 4, field: "source_project_path", message: "must be a project path …"}`;
 * errors about the whole file (or a 413 without `errors`) have `line: null`.
 */
export function serverLineProblems(problem: Problem): LineProblem[] {
  if (problem.errors.length === 0) return [{ line: null, field: '', message: problem.detail }]
  return problem.errors.map((error) => {
    const byField = LINE_FIELD.exec(error.field)
    const byMessage = LINE_PREFIX.exec(error.message)
    const line = byField ? Number(byField[1]) + 1 : byMessage ? Number(byMessage[1]) : null
    const field = byField ? (byField[2] ?? 'line') : error.field
    const message = error.message.replace(LINE_PREFIX, '')
    return { line, field, message }
  })
}
