import { describe, expect, it } from 'vitest'

import { serverLineProblems, validateImportFile } from './validateImport'

const ok = (source: string, target = source) => ({ source_project_path: source, target_project_path: target })

describe('validateImportFile', () => {
  it('reads a valid export: lines, directions, overrides and where it came from', () => {
    const check = validateImportFile(
      JSON.stringify({
        pair_id: 1,
        pair_name: 'a-to-b push',
        metadata: { total_mirrors: 2 },
        mirrors: [
          { ...ok('platform/core/api-gateway'), mirror_direction: 'push', mirror_overwrite_diverged: true, enabled: true },
          { ...ok('frontend/web-app'), mirror_branch_regex: '^main$', enabled: false, source_project_id: 12 },
        ],
      }),
    )
    expect(check.fatal).toBeNull()
    expect(check.problems).toEqual([])
    expect(check.total).toBe(2)
    expect(check.exportedFrom).toBe('a-to-b push')
    expect(check.lines[0]).toMatchObject({ line: 1, mirror_direction: 'push', overrides: ['mirror_overwrite_diverged'], enabled: true })
    expect(check.lines[1]).toMatchObject({ line: 2, mirror_direction: null, overrides: ['mirror_branch_regex'], enabled: false })
  })

  it('says the file is not JSON', () => {
    const check = validateImportFile('{"mirrors": [')
    expect(check.fatal).toMatch(/^The file is not valid JSON: /)
    expect(check.total).toBe(0)
  })

  it('wants an object with a mirrors array', () => {
    expect(validateImportFile('[]').fatal).toMatch(/'mirrors' array/)
    expect(validateImportFile('{"mirrors": {}}').fatal).toMatch(/'mirrors' array/)
  })

  it('lists every missing or malformed field with its 1-based line', () => {
    const check = validateImportFile(
      JSON.stringify({
        mirrors: [
          ok('platform/core/billing'),
          { target_project_path: 'a/b' },
          { source_project_path: 'platform', target_project_path: 42 },
          'not an object',
          { ...ok('x/y'), enabled: 'yes', mirror_user_id: -3, mirror_direction: 'sideways' },
        ],
      }),
    )
    expect(check.fatal).toBeNull()
    expect(check.total).toBe(5)
    expect(check.problems).toEqual([
      { line: 2, field: 'source_project_path', message: 'is missing' },
      { line: 3, field: 'source_project_path', message: "must be a project path such as 'group/project'" },
      { line: 3, field: 'target_project_path', message: 'must be a string' },
      { line: 4, field: 'line', message: 'must be an object' },
      { line: 5, field: 'enabled', message: 'must be true, false or null' },
      { line: 5, field: 'mirror_user_id', message: 'must be a positive integer or null' },
      { line: 5, field: 'mirror_direction', message: "must be 'push' or 'pull'" },
    ])
    expect(check.lines[0]!.problems).toEqual([])
    expect(check.lines[4]!.problems).toHaveLength(3)
  })

  it('finds repeated lines (after trimming) and names the first one', () => {
    const check = validateImportFile(
      JSON.stringify({ mirrors: [ok('a/b', 'c/d'), ok('a/b', 'c/e'), ok(' a/b ', 'c/d'), ok('a/b', 'c/d')] }),
    )
    expect(check.problems).toEqual([
      { line: 3, field: 'source_project_path', message: 'repeats line 1 (a/b → c/d)' },
      { line: 4, field: 'source_project_path', message: 'repeats line 1 (a/b → c/d)' },
    ])
  })
})

describe('serverLineProblems', () => {
  it('turns the 422 errors into line numbers and fields', () => {
    const problems = serverLineProblems({
      status: 422,
      title: 'Invalid request',
      detail: 'mirrors[3].mirror_branch_regex: line 4: is not a valid RE2 regular expression',
      errors: [{ field: 'mirrors[3].mirror_branch_regex', message: 'line 4: is not a valid RE2 regular expression' }],
    })
    expect(problems).toEqual([{ line: 4, field: 'mirror_branch_regex', message: 'is not a valid RE2 regular expression' }])
  })

  it('keeps whole-file errors and a 413 without errors as file problems', () => {
    expect(
      serverLineProblems({ status: 422, title: 'x', detail: 'x', errors: [{ field: 'body', message: 'is not valid JSON' }] }),
    ).toEqual([{ line: null, field: 'body', message: 'is not valid JSON' }])
    expect(
      serverLineProblems({ status: 413, title: 'Content Too Large', detail: 'the file has 60000 mirrors; at most 50000 per import', errors: [] }),
    ).toEqual([{ line: null, field: '', message: 'the file has 60000 mirrors; at most 50000 per import' }])
  })
})
