import { flushPromises } from '@vue/test-utils'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'

import { useConfirm } from '@/lib/confirm'
import { mountApp, type Mounted } from '@/test/mountApp'

import type { RestorePlan } from '../types'
import RestoreBackup from './RestoreBackup.vue'

function names(count: number, list: string[] = []) {
  return { count, names: list }
}

function plan(overrides: Partial<RestorePlan> = {}): RestorePlan {
  return {
    dry_run: true,
    backup_created_at: '2026-12-07T08:00:00Z',
    secrets: 3,
    conflicts: [],
    collections: [
      { name: 'instances', in_archive: 2, created: names(1, ['gitlab-b']), replaced: names(1, ['gitlab-a']), unchanged: names(0), kept: names(1, ['local']) },
      { name: 'mirrors', in_archive: 150, created: names(150, ['a/b → a/b (push)']), replaced: names(0), unchanged: names(0), kept: names(0) },
    ],
    ...overrides,
  }
}

function answer(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': status >= 400 ? 'application/problem+json' : 'application/json' },
  })
}

function chooseFile(input: HTMLInputElement): File {
  const file = new File(['PK archive'], 'backup.zip', { type: 'application/zip' })
  Object.defineProperty(input, 'files', { value: [file], configurable: true })
  input.dispatchEvent(new Event('change'))
  return file
}

describe('RestoreBackup', () => {
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

  async function checked(first: Response) {
    fetchMock.mockResolvedValueOnce(first)
    mounted = await mountApp(RestoreBackup, { attachTo: document.body })
    const w = mounted.wrapper
    const file = chooseFile(w.get<HTMLInputElement>('#restore-file').element)
    await w.get('#restore-passphrase').setValue('pass phrase 100%')
    await w.get('form').trigger('submit')
    await flushPromises()
    return { w, file }
  }

  it('shows the dry run per collection with names, then restores once confirmed', async () => {
    const { w, file } = await checked(answer(plan()))

    const [url, init] = fetchMock.mock.calls[0]!
    expect(String(url)).toBe('/api/backup/restore?dry_run=true')
    expect(init?.body).toBe(file)
    const headers = init?.headers as Record<string, string>
    expect(headers['Content-Type']).toBe('application/zip')
    expect(headers['X-Backup-Passphrase']).toBe('pass%20phrase%20100%25')
    expect(String(url)).not.toContain('phrase')

    const instances = w.get('tr[data-collection="instances"]')
    expect(instances.get('[data-kind="created"]').text()).toContain('1')
    expect(instances.get('[data-kind="created"]').text()).toContain('gitlab-b')
    expect(instances.get('[data-kind="replaced"]').text()).toContain('gitlab-a')
    expect(instances.get('[data-kind="kept"]').text()).toContain('local')
    expect(w.get('tr[data-collection="mirrors"] [data-kind="created"]').text()).toContain('and 149 more')
    expect(w.text()).toContain('3 tokens re-encrypted')

    fetchMock.mockResolvedValueOnce(answer(plan({ dry_run: false })))
    await w.get('button.btn--danger').trigger('click')
    const confirm = useConfirm()
    expect(confirm.pending?.title).toBe('Restore this backup?')
    expect(confirm.pending?.details).toContain('mirrors: 150 created, 0 replaced')
    confirm.answer(true)
    await flushPromises()

    expect(String(fetchMock.mock.calls[1]![0])).toBe('/api/backup/restore?dry_run=false')
    expect(w.text()).toContain('Restored')
    expect(w.emitted('restored')).toHaveLength(1)
    expect(w.find('button.btn--danger').exists()).toBe(false)
  })

  it('shows a wrong passphrase next to its field and a damaged archive next to the file', async () => {
    const { w } = await checked(
      answer({ status: 422, title: 'Invalid request', detail: 'x', errors: [{ field: 'passphrase', message: 'the passphrase does not open this backup' }] }, 422),
    )
    expect(w.text()).toContain('the passphrase does not open this backup')
    expect(w.find('table').exists()).toBe(false)

    fetchMock.mockResolvedValueOnce(
      answer({ status: 422, title: 'Invalid request', detail: 'x', errors: [{ field: 'archive', message: 'the archive cannot be restored: truncated' }] }, 422),
    )
    await w.get('form').trigger('submit')
    await flushPromises()
    expect(w.text()).toContain('the archive cannot be restored: truncated')
  })

  it('lists conflicts and does not offer the restore', async () => {
    const { w } = await checked(answer(plan({ conflicts: ["instances: 'gitlab-a' (id 1 in the backup) is id 7 here"] })))
    expect(w.get('[role="alert"]').text()).toContain("'gitlab-a' (id 1 in the backup) is id 7 here")
    expect(w.get('button.btn--danger').attributes('disabled')).toBeDefined()
  })
})
