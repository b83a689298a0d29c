import { flushPromises } from '@vue/test-utils'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'

import { line, summary } from '@/features/batches/testFixtures'
import { jsonResponse } from '@/test/fakeStomp'
import { mountApp, type Mounted } from '@/test/mountApp'

import ImportExportView from './ImportExportView.vue'

const PAIRS = [
  { id: 1, name: 'a-to-b push', mirror_direction: 'push' },
  { id: 2, name: 'b pulls from a', mirror_direction: 'pull' },
]

function chooseFile(input: HTMLInputElement, content: string, name = 'mirrors.json'): void {
  const file = new File([content], name, { type: 'application/json' })
  Object.defineProperty(input, 'files', { value: [file], configurable: true })
  input.dispatchEvent(new Event('change'))
}

describe('ImportExportView', () => {
  let fetchMock: ReturnType<typeof vi.fn<typeof fetch>>
  let mounted: Mounted | undefined

  beforeEach(() => {
    fetchMock = vi.fn<typeof fetch>()
    vi.stubGlobal('fetch', fetchMock)
  })
  afterEach(() => {
    mounted?.wrapper.unmount()
    mounted = undefined
  })

  async function mountView(path = '/import-export') {
    fetchMock.mockResolvedValueOnce(jsonResponse(PAIRS))
    mounted = await mountApp(ImportExportView, { path })
    await flushPromises()
    return mounted.wrapper
  }

  it('checks the file in the browser before anything starts and keeps Start import off while it is wrong', async () => {
    const w = await mountView()
    await w.get('#import-pair').setValue('1')
    chooseFile(
      w.get<HTMLInputElement>('#import-file').element,
      JSON.stringify({ mirrors: [{ source_project_path: 'a/b', target_project_path: 'c/d' }, { source_project_path: 'a/b', target_project_path: 'c/d' }] }),
    )
    await flushPromises()
    expect(w.get('[data-testid="file-summary"]').text()).toContain('2 lines · 1 line with problems')
    expect(w.get('.problems').text()).toContain('Line 2 · source_project_path: repeats line 1 (a/b → c/d)')
    const start = w.get('button[type="submit"]')
    expect(start.text()).toBe('Start import')
    expect(start.attributes('disabled')).toBeDefined()
    expect(fetchMock).toHaveBeenCalledTimes(1)
  })

  it('shows the lines a 422 problem+json names when the server refuses the start', async () => {
    const w = await mountView()
    await w.get('#import-pair').setValue('1')
    chooseFile(
      w.get<HTMLInputElement>('#import-file').element,
      JSON.stringify({ mirrors: [{ source_project_path: 'a/b', target_project_path: 'c/d', mirror_branch_regex: '(?=x)' }] }),
    )
    await flushPromises()
    fetchMock.mockResolvedValueOnce(
      jsonResponse(
        {
          type: 'about:blank',
          title: 'Invalid request',
          status: 422,
          detail: 'mirrors[0].mirror_branch_regex: line 1: is not a valid RE2 regular expression',
          errors: [{ field: 'mirrors[0].mirror_branch_regex', message: 'line 1: is not a valid RE2 regular expression' }],
        },
        422,
        'application/problem+json',
      ),
    )
    await w.get('form.import').trigger('submit')
    await flushPromises()

    const [url, init] = fetchMock.mock.calls[1]!
    expect(url).toBe('/api/export/pair/1')
    expect(init?.method).toBe('POST')
    expect(JSON.parse(init?.body as string).mirrors).toHaveLength(1)
    const refused = w.findAll('.problems').at(-1)!
    expect(refused.text()).toContain('The server refused the file; nothing was started.')
    const item = refused.get('li[data-line="1"]')
    expect(item.text()).toBe('Line 1 · mirror_branch_regex: is not a valid RE2 regular expression')
    expect(mounted!.router.currentRoute.value.query.batch).toBeUndefined()
  })

  it('after a 202 keeps the batch in the query string and watches it live to its per-line results', async () => {
    const w = await mountView()
    await w.get('#import-pair').setValue('2')
    chooseFile(
      w.get<HTMLInputElement>('#import-file').element,
      JSON.stringify({ mirrors: [{ source_project_path: 'a/b', target_project_path: 'a/b' }, { source_project_path: 'c/d', target_project_path: 'c/d' }] }),
    )
    await flushPromises()
    fetchMock.mockResolvedValueOnce(jsonResponse({ status: 'accepted', batch_id: 'b-1', total: 2, status_url: '/api/batches/b-1' }, 202))
    fetchMock.mockResolvedValueOnce(jsonResponse({ batch: summary({ total: 2, pending: 2, sequence: 1 }), lines: [] }))
    await w.get('form.import').trigger('submit')
    await flushPromises()

    expect(mounted!.router.currentRoute.value.query.batch).toBe('b-1')
    expect(fetchMock.mock.calls[2]![0]).toBe('/api/batches/b-1?lines_page_size=0')
    expect(w.get('[role="progressbar"]').attributes('aria-valuenow')).toBe('0')
    expect(w.find('button.btn--danger').text()).toBe('Cancel import')

    const client = mounted!.clients[0]!
    client.connect()
    await flushPromises()
    client.deliver('/topic/batches/b-1', summary({ total: 2, pending: 0, in_progress: 1, succeeded: 1, sequence: 3 }))
    client.deliver('/topic/batches/b-1', summary({ total: 2, pending: 2, sequence: 2 }))
    await flushPromises()
    expect(w.get('[role="progressbar"]').attributes('aria-valuenow')).toBe('50')
    expect(w.get('[data-counter="succeeded"]').text()).toBe('1')

    fetchMock.mockResolvedValueOnce(
      jsonResponse({ batch: summary(), lines: [line(1), line(2, { status: 'failed', mirror_id: null, message: 'project c/d not found' })] }),
    )
    client.deliver(
      '/topic/batches/b-1',
      summary({ total: 2, pending: 0, succeeded: 1, failed: 1, sequence: 4, status: 'completed', finished_at: '2026-12-07T01:01:00Z' }),
    )
    await flushPromises()
    expect(fetchMock.mock.calls.at(-1)![0]).toBe('/api/batches/b-1?lines_page=1&lines_page_size=50')
    expect(w.find('button.btn--danger').exists()).toBe(false)
    const rows = w.findAll('tr[data-line]')
    expect(rows).toHaveLength(2)
    expect(rows[0]!.get('a').attributes('href')).toBe('/mirrors/101')
    expect(rows[1]!.text()).toContain('project c/d not found')
    expect(rows[1]!.find('a').exists()).toBe(false)
  })

  it('resumes watching the batch named in ?batch= after a reload', async () => {
    fetchMock.mockResolvedValueOnce(jsonResponse(PAIRS))
    fetchMock.mockResolvedValueOnce(jsonResponse({ batch: summary({ batch_id: 'b-9', sequence: 3, pending: 4, succeeded: 6 }), lines: [] }))
    mounted = await mountApp(ImportExportView, { path: '/import-export?batch=b-9' })
    await flushPromises()
    expect(fetchMock.mock.calls.map((c) => c[0])).toContain('/api/batches/b-9?lines_page_size=0')
    expect(mounted.wrapper.get('[role="progressbar"]').attributes('aria-valuenow')).toBe('60')
    expect(mounted.wrapper.find('#import-file').exists()).toBe(false)
  })
})
