import { flushPromises, type VueWrapper } from '@vue/test-utils'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'

import { summary as batchSummary } from '@/features/batches/testFixtures'
import type { BatchSummary } from '@/features/batches/types'
import { json } from '@/test/fetchRouter'
import { mountApp } from '@/test/mountApp'

import PairView from './PairView.vue'
import { pair } from './testFixtures'
import type { EffectiveSettings, Pair } from './types'

const PAIR: Pair = pair({ name: 'a-to-b pull', created_at: '2026-12-07T01:00:00Z', updated_at: '2026-12-07T01:00:00Z' })

const SETTINGS: EffectiveSettings = {
  instance_pair_id: 1,
  source_project_path: 'platform/core/api',
  target_project_path: 'platform/core/api',
  settings: {
    mirror_direction: { value: 'pull', source: 'pair' },
    mirror_protected_branches: { value: true, source: 'pair' },
    mirror_overwrite_diverged: { value: true, source: 'group:platform/core' },
    mirror_trigger_builds: { value: false, source: 'pair' },
    only_mirror_protected_branches: { value: false, source: 'pair' },
    mirror_branch_regex: { value: null, source: 'pair' },
    mirror_user_id: { value: 42, source: 'group:platform' },
  },
  token: {
    instance_id: 1,
    project_path: 'platform/core/api',
    candidates: ['platform/core', 'platform'],
    token_id: 3,
    token_name: 'core-bot',
    group_path: 'platform/core',
  },
}

function frame(sequence: number, counters: Partial<BatchSummary>): BatchSummary {
  return batchSummary({ batch_id: 'b-77', kind: 'sync', total: 4, pending: 4, sequence, ...counters })
}

describe('PairView', () => {
  let fetchMock: ReturnType<typeof vi.fn<typeof fetch>>
  let wrapper: VueWrapper | undefined
  let batchAnswer: BatchSummary

  beforeEach(() => {
    batchAnswer = frame(2, { pending: 2, in_progress: 1, succeeded: 1 })
    fetchMock = vi.fn<typeof fetch>(async (input, init) => {
      const url = new URL(String(input), 'http://localhost')
      const path = url.pathname
      if (path === '/api/pairs/1' && !init?.method?.match(/PUT|DELETE/)) return json(PAIR)
      if (path === '/api/instances') return json([{ id: 1, name: 'gitlab-a', url: 'a' }, { id: 2, name: 'gitlab-b', url: 'b' }])
      if (path === '/api/mirrors') {
        const totals: Record<string, number> = { '': 4, finished: 2, failed: 1, pending: 0 }
        return json({ mirrors: [], total: totals[url.searchParams.get('status') ?? ''], page: 1, page_size: 1, total_pages: 4 })
      }
      if (path === '/api/pairs/1/effective-settings') return json(SETTINGS)
      if (path === '/api/mirrors/batch') return json({ status: 'accepted', batch_id: 'b-77', total: 4, status_url: '/api/batches/b-77' }, 202)
      if (path === '/api/batches/b-77') return json({ batch: batchAnswer, lines: [] })
      return json({ status: 404, title: 'Not Found', detail: `no ${path}`, errors: [] }, 404)
    })
    vi.stubGlobal('fetch', fetchMock)
  })

  afterEach(() => {
    wrapper?.unmount()
    document.body.innerHTML = ''
  })

  it('resolves the effective settings named in the query string and says where each comes from', async () => {
    const mounted = await mountApp(PairView, { path: '/pairs/1?source_project_path=platform/core/api', props: { id: '1' } })
    wrapper = mounted.wrapper
    await flushPromises()

    const call = fetchMock.mock.calls.find(([u]) => String(u).startsWith('/api/pairs/1/effective-settings'))!
    expect(call[0]).toBe(
      '/api/pairs/1/effective-settings?source_project_path=platform%2Fcore%2Fapi&target_project_path=platform%2Fcore%2Fapi',
    )
    const row = (key: string) => wrapper!.get(`tr[data-setting="${key}"]`)
    expect(row('mirror_overwrite_diverged').get('[data-testid="value"]').text()).toBe('Yes')
    expect(row('mirror_overwrite_diverged').get('[data-testid="source"]').text()).toBe('Group default at platform/core')
    expect(row('mirror_user_id').get('[data-testid="value"]').text()).toBe('42')
    expect(row('mirror_user_id').get('[data-testid="source"]').text()).toBe('Group default at platform')
    expect(row('mirror_direction').get('[data-testid="source"]').text()).toBe('Pair default')
    expect(wrapper.get('[data-testid="token"]').text()).toContain('“core-bot” of group platform/core on gitlab-a')
    expect((wrapper.get('#explorer-source').element as HTMLInputElement).value).toBe('platform/core/api')
    // the mirror counts for the health bar: four cheap requests
    expect(fetchMock.mock.calls.filter(([u]) => String(u).startsWith('/api/mirrors?')).map(([u]) => String(u)).sort()).toEqual([
      '/api/mirrors?instance_pair_id=1&page_size=1',
      '/api/mirrors?instance_pair_id=1&status=failed&page_size=1',
      '/api/mirrors?instance_pair_id=1&status=finished&page_size=1',
      '/api/mirrors?instance_pair_id=1&status=pending&page_size=1',
    ])
    expect(wrapper.get('[data-testid="health-summary"]').text()).toBe('4 mirrors: 2 finished, 1 failed, 0 pending, 1 unknown')
  })

  it('puts explorer input into the query string', async () => {
    const mounted = await mountApp(PairView, { path: '/pairs/1', props: { id: '1' } })
    wrapper = mounted.wrapper
    await flushPromises()
    await wrapper.get('#explorer-source').setValue('platform/core/web')
    await wrapper.get('#explorer-target').setValue('mirror/web')
    await wrapper.get('form.explorer__form').trigger('submit')
    await flushPromises()
    expect(mounted.router.currentRoute.value.query).toEqual({
      source_project_path: 'platform/core/web',
      target_project_path: 'mirror/web',
    })
    expect(fetchMock.mock.calls.some(([u]) => String(u).includes('target_project_path=mirror%2Fweb'))).toBe(true)
  })

  it('"Sync all" starts a batch for the pair and shows its live progress, frames in sequence order', async () => {
    const mounted = await mountApp(PairView, { path: '/pairs/1', props: { id: '1' } })
    wrapper = mounted.wrapper
    await flushPromises()
    const client = mounted.clients[0]!
    client.connect()

    const sync = wrapper.findAll('button').find((b) => b.text() === 'Sync all')!
    await sync.trigger('click')
    await flushPromises()

    const post = fetchMock.mock.calls.find(([u]) => u === '/api/mirrors/batch')!
    expect(post[1]?.method).toBe('POST')
    expect(JSON.parse(post[1]?.body as string)).toEqual({ action: 'sync', instance_pair_id: 1 })
    expect(mounted.router.currentRoute.value.query.batch).toBe('b-77')
    expect(client.subscriptions.has('/topic/batches/b-77')).toBe(true)

    // the REST catch-up (sequence 2) is shown
    const summary = () => wrapper!.get('[data-testid="counts-text"]').text()
    expect(summary()).toBe('25% · 1 of 4 lines done · 1 succeeded · 1 running · 2 pending')

    // an older frame arriving late changes nothing
    client.deliver('/topic/batches/b-77', frame(1, { pending: 3, in_progress: 1 }))
    await flushPromises()
    expect(summary()).toContain('1 of 4 lines done')

    client.deliver('/topic/batches/b-77', frame(3, { pending: 0, in_progress: 1, succeeded: 2, failed: 1 }))
    await flushPromises()
    expect(summary()).toBe('75% · 3 of 4 lines done · 2 succeeded, 1 failed · 1 running')
    const bar = wrapper.get('[role="progressbar"][aria-label="Sync all progress"]')
    expect(bar.attributes('aria-valuenow')).toBe('75')
    expect(bar.attributes('aria-valuemax')).toBe('100')
    expect(wrapper.find('section[aria-label="Sync all"]').exists()).toBe(true)

    client.deliver('/topic/batches/b-77', frame(4, { status: 'completed', pending: 0, in_progress: 0, succeeded: 3, failed: 1 }))
    await flushPromises()
    expect(wrapper.get('[data-testid="batch-status"]').text()).toBe('completed')
    expect(wrapper.get('a[href="/batches/b-77"]').text()).toBe('Open batch details')
  })

  it('locks instances and direction in the edit dialog, giving the mirror count', async () => {
    const mounted = await mountApp(PairView, { path: '/pairs/1', props: { id: '1' }, attachTo: document.body })
    wrapper = mounted.wrapper
    await flushPromises()
    await wrapper.findAll('button').find((b) => b.text() === 'Edit')!.trigger('click')
    await flushPromises()
    const direction = document.getElementById('pair-direction') as HTMLSelectElement
    expect(direction.disabled).toBe(true)
    expect(document.getElementById('pair-direction-hint')?.textContent).toBe('locked: the pair has 4 mirrors')
  })
})
