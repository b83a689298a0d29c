import { flushPromises } from '@vue/test-utils'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'

import { useConfirm } from '@/lib/confirm'
import { mountApp, type Mounted } from '@/test/mountApp'

import type { MigrationPlan, MirrorItem } from '../types'
import MigrateOriginal from './MigrateOriginal.vue'

function mirror(n: number, action: MirrorItem['action'], detail = 'GitLab push mirror points at the target'): MirrorItem {
  return {
    original_id: n,
    original_pair_id: 1,
    source_project_path: `platform/core/proj-${n}`,
    target_project_path: `platform/core/proj-${n}`,
    direction: 'push',
    gitlab_mirror_id: 4999 + n,
    action,
    detail,
    token: "its own project access token 'mirror-maestro-1'",
    id: null,
  }
}

function plan(overrides: Partial<MigrationPlan> = {}): MigrationPlan {
  return {
    dry_run: true,
    archive: { version: '2.1', counts: { gitlab_instances: 2, instance_pairs: 1, mirrors: 3, users: 0 } },
    summary: {
      instances: { create: 2, existing: 0, conflict: 0 },
      pairs: { create: 1, existing: 0, conflict: 0 },
      mirrors: { create: 0, adopt: 3, existing: 0, conflict: 0 },
    },
    conflicts: 0,
    instances: [
      { original_id: 1, name: 'orig-A', original_url: 'http://127.0.0.2:9211', url: 'http://127.0.0.2:9211', action: 'create', detail: 'GitLab 17.10 accepts the token', id: null },
      { original_id: 2, name: 'orig-B', original_url: 'http://127.0.0.3:9212', url: 'http://127.0.0.3:9212', action: 'create', detail: 'GitLab 17.10 accepts the token', id: null },
    ],
    pairs: [{ original_id: 1, name: 'orig-pair', direction: 'push', action: 'create', detail: 'push pair', id: null }],
    mirrors: [mirror(1, 'adopt'), mirror(2, 'adopt'), mirror(3, 'adopt')],
    notes: [],
    ...overrides,
  }
}

function answer(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': status >= 400 ? 'application/problem+json' : 'application/json' },
  })
}

describe('MigrateOriginal', () => {
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
    mounted = await mountApp(MigrateOriginal, { attachTo: document.body })
    const w = mounted.wrapper
    const file = new File(['\x1f\x8b archive'], 'backup.tar.gz', { type: 'application/gzip' })
    const input = w.get<HTMLInputElement>('#migrate-file').element
    Object.defineProperty(input, 'files', { value: [file], configurable: true })
    input.dispatchEvent(new Event('change'))
    await w.get('form').trigger('submit')
    await flushPromises()
    return { w, file }
  }

  it('shows the dry run, maps moved instances, then moves over once confirmed', async () => {
    const { w, file } = await checked(answer(plan()))

    const [url, init] = fetchMock.mock.calls[0]!
    expect(String(url)).toBe('/api/migrate/original?dry_run=true')
    expect(init?.body).toBe(file)
    expect((init?.headers as Record<string, string>)['Content-Type']).toBe('application/gzip')
    expect(w.get('tr[data-kind="mirrors"] [data-action="adopt"]').text()).toBe('3')
    expect(w.get('tr[data-kind="instances"] [data-action="create"]').text()).toBe('2')
    expect(w.get('tr[data-pair="orig-pair"]').text()).toContain('Created')
    expect(w.findAll('tr[data-mirror]')).toHaveLength(3)

    // instance A moved: the next check and the move send the mapping
    await w.get('#migrate-url-0').setValue('https://gitlab-a.example.com')
    fetchMock.mockResolvedValueOnce(answer(plan()))
    await w.get('form').trigger('submit')
    await flushPromises()
    expect(decodeURIComponent(String(fetchMock.mock.calls[1]![0]))).toBe(
      '/api/migrate/original?dry_run=true&instance_url=http://127.0.0.2:9211=https://gitlab-a.example.com',
    )

    fetchMock.mockResolvedValueOnce(answer(plan({ dry_run: false, pairs: [{ ...plan().pairs[0]!, id: 7 }] }), 201))
    await w.get('button.btn--primary').trigger('click')
    const confirm = useConfirm()
    expect(confirm.pending?.title).toBe('Move this backup over?')
    expect(confirm.pending?.details).toContain('mirrors: 3 adopted, 0 created')
    confirm.answer(true)
    await flushPromises()

    expect(decodeURIComponent(String(fetchMock.mock.calls[2]![0]))).toBe(
      '/api/migrate/original?dry_run=false&instance_url=http://127.0.0.2:9211=https://gitlab-a.example.com',
    )
    expect(w.text()).toContain('Moved over')
    expect(w.get('tr[data-pair="orig-pair"] a').attributes('href')).toBe('/pairs/7')
    expect(w.emitted('moved')).toHaveLength(1)
    expect(w.find('button.btn--primary').exists()).toBe(false)
  })

  it('shows what is wrong with the archive next to the file', async () => {
    const { w } = await checked(
      answer(
        { status: 422, title: 'Invalid request', detail: 'x', errors: [{ field: 'encryption.key', message: 'does not decrypt the token of instance 1' }] },
        422,
      ),
    )
    expect(w.text()).toContain('encryption.key: does not decrypt the token of instance 1')
    expect(w.find('table').exists()).toBe(false)
  })

  it('lists conflicts first and moves only once the user chose to leave them out', async () => {
    const conflicting = plan({
      conflicts: 1,
      summary: { ...plan().summary, mirrors: { adopt: 2, conflict: 1 } },
      mirrors: [mirror(1, 'adopt'), mirror(2, 'adopt'), mirror(3, 'conflict', 'GitLab push mirror 5002 points at data/proj-0006')],
    })
    const { w } = await checked(answer(conflicting))

    expect(w.get('[role="alert"]').text()).toContain('1 item is in conflict')
    expect(w.findAll('tr[data-mirror]')).toHaveLength(1)
    expect(w.get('tr[data-mirror="3"]').text()).toContain('points at data/proj-0006')
    expect(w.get('button.btn--primary').attributes('disabled')).toBeDefined()

    await w.get('input[type="checkbox"]').setValue(true)
    expect(w.get('button.btn--primary').attributes('disabled')).toBeUndefined()
    fetchMock.mockResolvedValueOnce(answer({ ...conflicting, dry_run: false }, 201))
    await w.get('button.btn--primary').trigger('click')
    useConfirm().answer(true)
    await flushPromises()
    expect(String(fetchMock.mock.calls[1]![0])).toBe('/api/migrate/original?dry_run=false&skip_conflicts=true')
  })
})
