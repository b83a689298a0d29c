import { flushPromises, mount, type VueWrapper } from '@vue/test-utils'
import { createPinia } from 'pinia'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createMemoryHistory, createRouter, type Router } from 'vue-router'

import { stompClientFactoryKey } from '@/lib/stomp'
import { fakeStompFactory } from '@/test/fakeStomp'
import { json, routeFetch } from '@/test/fetchRouter'

import MirrorsView from './MirrorsView.vue'
import { mirror } from './testFixtures'
import type { Mirror } from './types'

const Empty = { template: '<div />' }

function makeRouter(): Router {
  return createRouter({
    history: createMemoryHistory(),
    routes: [
      { path: '/mirrors', name: 'mirrors', component: MirrorsView },
      { path: '/mirrors/:id', name: 'mirror', component: Empty },
      { path: '/batches/:id', name: 'batch', component: Empty },
      { path: '/pairs/:id', name: 'pair', component: Empty },
      { path: '/commands/:id', name: 'command', component: Empty },
    ],
  })
}

describe('MirrorsView', () => {
  let wrapper: VueWrapper | undefined
  let router: Router
  let stomp: ReturnType<typeof fakeStompFactory>
  let rows: Mirror[]
  let total: number
  let single: Record<number, Mirror>

  async function mountAt(url: string): Promise<VueWrapper> {
    router = makeRouter()
    await router.push(url)
    await router.isReady()
    wrapper = mount({ template: '<RouterView />' }, {
      attachTo: document.body,
      global: { plugins: [createPinia(), router], provide: { [stompClientFactoryKey as symbol]: stomp.factory } },
    })
    await flushPromises()
    return wrapper
  }

  function setupFetch() {
    return routeFetch({
      'GET /api/mirrors': (url) =>
        json({ mirrors: rows, total, page: Number(url.searchParams.get('page') ?? 1), page_size: 50, total_pages: Math.ceil(total / 50) }),
      'GET /api/pairs': () => json([{ id: 1, name: 'a-to-b', source_instance_id: 1, target_instance_id: 2, mirror_direction: 'push' }]),
      'GET /api/mirrors/2': () => json(single[2]),
      'GET /api/mirrors/3': () => json(single[3]),
      'POST /api/mirrors/batch': () => json({ status: 'accepted', batch_id: 'b-1', total: 120, status_url: '/api/batches/b-1' }, 202),
      'GET /api/batches/b-1': () =>
        json({ batch: { batch_id: 'b-1', kind: 'sync', status: 'running', total: 120, pending: 120, in_progress: 0, succeeded: 0, failed: 0, skipped: 0, cancelled: 0, sequence: 1 }, lines: [] }),
    })
  }

  beforeEach(() => {
    stomp = fakeStompFactory()
    rows = [mirror(1), mirror(2), mirror(3)]
    total = 3
    single = {}
  })

  afterEach(() => {
    wrapper?.unmount()
    wrapper = undefined
  })

  it('requests the page the URL describes at once', async () => {
    const { calls } = setupFetch()
    await mountAt('/mirrors?instance_pair_id=1&status=failed&page=2&search=core')
    const list = calls.find((c) => c.url.pathname === '/api/mirrors')!
    expect(Object.fromEntries(list.url.searchParams)).toEqual({
      instance_pair_id: '1',
      status: 'failed',
      search: 'core',
      order_by: 'id',
      order_dir: 'asc',
      page: '2',
      page_size: '50',
    })
    expect((wrapper!.get('#mf-status').element as HTMLSelectElement).value).toBe('failed')
    expect(wrapper!.findAll('tbody tr')).toHaveLength(3)
  })

  it('refetches exactly the row an activity entry is about, once while in flight', async () => {
    const { calls } = setupFetch()
    await mountAt('/mirrors')
    stomp.clients[0]!.connect()
    await flushPromises()

    single[2] = mirror(2, { last_update_status: 'failed', last_error: 'token revoked' })
    const before = calls.length
    stomp.clients[0]!.deliver('/topic/activity', { id: 'e1', subject_id: 'mirror:2', type: 'MirrorSyncFailed', outcome: 'failed', message: 'x', occurred_at: '2026-01-01T00:00:00Z' })
    stomp.clients[0]!.deliver('/topic/activity', { id: 'e2', subject_id: 'mirror:2', type: 'MirrorSyncFailed', outcome: 'failed', message: 'x', occurred_at: '2026-01-01T00:00:00Z' })
    stomp.clients[0]!.deliver('/topic/activity', { id: 'e3', subject_id: 'mirror:99', type: 'MirrorChanged', outcome: 'succeeded', message: 'x', occurred_at: '2026-01-01T00:00:00Z' })
    stomp.clients[0]!.deliver('/topic/activity', { id: 'e4', subject_id: 'instance:2', type: 'InstanceChecked', outcome: 'succeeded', message: 'x', occurred_at: '2026-01-01T00:00:00Z' })
    await flushPromises()

    const after = calls.slice(before).map((c) => `${c.method} ${c.url.pathname}`)
    // the second entry arrived while the first refetch was in flight: one more after it, never two at once
    expect(after).toEqual(['GET /api/mirrors/2', 'GET /api/mirrors/2'])
    const row = wrapper!.get('tr[data-mirror-id="2"]')
    expect(row.text()).toContain('failed')
    expect(row.get('.cell-status__error').attributes('title')).toBe('token revoked')
    expect(wrapper!.get('tr[data-mirror-id="1"]').text()).not.toContain('token revoked')
  })

  it('selects the page, offers all matching, and clears the selection when a filter changes', async () => {
    total = 120
    setupFetch()
    await mountAt('/mirrors')

    await wrapper!.get('input[aria-label="Select platform/core/service-2"]').setValue(true)
    await flushPromises()
    expect(router.currentRoute.value.query.selected).toBe('2')
    expect(wrapper!.get('section[aria-label="Batch actions"]').text()).toContain('1 mirror selected')

    await wrapper!.get('input[aria-label="Select all mirrors on this page"]').setValue(true)
    await flushPromises()
    expect(router.currentRoute.value.query.selected).toBe('2,1,3')
    const selectAll = wrapper!.findAll('button').find((b) => b.text() === 'Select all 120 matching')!
    await selectAll.trigger('click')
    await flushPromises()
    expect(router.currentRoute.value.query).toMatchObject({ all_matching: 'true' })
    expect(router.currentRoute.value.query.selected).toBeUndefined()
    expect(wrapper!.text()).toContain('All 120 matching mirrors selected')

    await wrapper!.get('#mf-token').setValue('expired')
    await flushPromises()
    expect(router.currentRoute.value.query).toEqual({ token_status: 'expired' })
    expect(wrapper!.find('section[aria-label="Batch actions"]').exists()).toBe(false)
  })

  it('sends a batch for all matching as the filters, and refuses when a filter cannot be expressed', async () => {
    total = 120
    const { calls } = setupFetch()
    await mountAt('/mirrors?instance_pair_id=1&status=failed&all_matching=true')
    stomp.clients[0]!.connect()
    await wrapper!.get('button[aria-label="Sync all 120 matching mirrors"]').trigger('click')
    await flushPromises()
    expect(calls.find((c) => c.method === 'POST')!.body).toEqual({ action: 'sync', instance_pair_id: 1, status: 'failed' })
    // live progress from the batch's topic; an older frame is ignored
    const frame = { batch_id: 'b-1', kind: 'sync', status: 'running', total: 120, pending: 10, in_progress: 0, succeeded: 100, failed: 7, skipped: 3, cancelled: 0, sequence: 5 }
    stomp.clients[0]!.deliver('/topic/batches/b-1', frame)
    stomp.clients[0]!.deliver('/topic/batches/b-1', { ...frame, succeeded: 1, sequence: 4 })
    await flushPromises()
    const progress = wrapper!.get('section[aria-label="Batch sync progress"]')
    expect(progress.text()).toContain('100 succeeded')
    expect(progress.text()).toContain('7 failed')
    expect(progress.text()).toContain('3 skipped')
    expect(progress.get('a').attributes('href')).toBe('/batches/b-1')
    expect(progress.get('a').text()).toBe('Open batch details')
    await progress.get('button[aria-label="Dismiss batch progress"]').trigger('click')
    expect(wrapper!.find('section[aria-label="Batch sync progress"]').exists()).toBe(false)

    wrapper!.unmount()
    await mountAt('/mirrors?search=api&selected=1,2,3')
    const offer = wrapper!.findAll('button').find((b) => b.text() === 'Select all 120 matching')!
    expect(offer.attributes('disabled')).toBeDefined()
    expect(wrapper!.text()).toContain('Not available with the search filter')
  })
})
