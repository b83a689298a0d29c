import { flushPromises, type VueWrapper } from '@vue/test-utils'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'

import { useConfirm } from '@/lib/confirm'
import { json } from '@/test/fetchRouter'
import { mountApp } from '@/test/mountApp'

import PairsView from './PairsView.vue'
import { pair as pairFixture } from './testFixtures'
import type { Pair } from './types'

function pair(id: number, name: string, direction: 'push' | 'pull'): Pair {
  return pairFixture({ id, name, mirror_direction: direction })
}

describe('PairsView', () => {
  let fetchMock: ReturnType<typeof vi.fn<typeof fetch>>
  let wrapper: VueWrapper | undefined
  let pairs: Pair[]

  beforeEach(() => {
    pairs = [pair(1, 'a-to-b push', 'push'), pair(2, 'empty pull', 'pull')]
    fetchMock = vi.fn<typeof fetch>(async (input, init) => {
      const url = new URL(String(input), 'http://localhost')
      if (url.pathname === '/api/pairs') return json(pairs)
      if (url.pathname === '/api/instances') return json([{ id: 1, name: 'gitlab-a', url: 'a' }, { id: 2, name: 'gitlab-b', url: 'b' }])
      if (url.pathname === '/api/mirrors') {
        const id = url.searchParams.get('instance_pair_id')
        const status = url.searchParams.get('status') ?? ''
        const totals: Record<string, number> = id === '1' ? { '': 10, finished: 6, failed: 3, pending: 1 } : { '': 0, finished: 0, failed: 0, pending: 0 }
        return json({ mirrors: [], total: totals[status], page: 1, page_size: 1, total_pages: 1 })
      }
      if (url.pathname === '/api/pairs/1/delete-impact') return json({ instance_pairs: 1, mirrors: 10, group_defaults: 2 })
      if (url.pathname === '/api/pairs/1' && init?.method === 'DELETE') {
        pairs = pairs.filter((p) => p.id !== 1)
        return json({ status: 'deleted', deleted: {} })
      }
      return json({ status: 404, title: 'Not Found', detail: 'no', errors: [] }, 404)
    })
    vi.stubGlobal('fetch', fetchMock)
  })

  afterEach(() => {
    wrapper?.unmount()
  })

  it('lists pairs with instance names, mirror counts and a health bar, filtered from the query string', async () => {
    const mounted = await mountApp(PairsView, { path: '/pairs?direction=push&source=1' })
    wrapper = mounted.wrapper
    await flushPromises()

    expect(fetchMock.mock.calls.map(([u]) => String(u))).toContain('/api/pairs?source_instance_id=1&direction=push')
    const rows = wrapper.findAll('tbody tr')
    expect(rows).toHaveLength(2)
    expect(rows[0]!.findAll('td')[1]!.text().replace(/\s+/g, ' ')).toBe('gitlab-a →to gitlab-b')
    expect(rows[0]!.get('a[href="/pairs/1"]').text()).toBe('a-to-b push')
    expect(rows[0]!.get('a[href="/mirrors?instance_pair_id=1"]').text()).toBe('10')
    expect(rows[0]!.get('[data-testid="health-summary"]').text()).toBe('10 mirrors: 6 finished, 3 failed, 1 pending, 0 unknown')
    expect(rows[0]!.find('.health__finished').attributes('style')).toContain('width: 60%')
    expect(rows[1]!.get('[data-testid="health-summary"]').text()).toBe('No mirrors')

    await wrapper.get('#filter-direction').setValue('pull')
    await flushPromises()
    expect(mounted.router.currentRoute.value.query).toEqual({ direction: 'pull', source: '1' })
    expect(fetchMock.mock.calls.map(([u]) => String(u))).toContain('/api/pairs?source_instance_id=1&direction=pull')
  })

  it('deletes a pair only after listing what goes with it', async () => {
    const mounted = await mountApp(PairsView, { path: '/pairs' })
    wrapper = mounted.wrapper
    await flushPromises()
    const confirm = useConfirm()

    await wrapper.get('button[aria-label="Delete a-to-b push"]').trigger('click')
    await flushPromises()
    expect(confirm.pending?.title).toBe('Delete pair a-to-b push?')
    expect(confirm.pending?.details).toEqual(['1 instance pair', '10 mirrors', '2 group defaults'])
    expect(confirm.pending?.danger).toBe(true)
    expect(fetchMock.mock.calls.some(([, init]) => init?.method === 'DELETE')).toBe(false)

    confirm.answer(true)
    await flushPromises()
    expect(fetchMock.mock.calls.some(([u, init]) => u === '/api/pairs/1' && init?.method === 'DELETE')).toBe(true)
    expect(wrapper.findAll('tbody tr')).toHaveLength(1)
  })
})
