import { flushPromises, type VueWrapper } from '@vue/test-utils'
import { afterEach, describe, expect, it } from 'vitest'

import { json, routeFetch } from '@/test/fetchRouter'
import { mountApp } from '@/test/mountApp'

import TopologyView from './TopologyView.vue'
import type { LinkMirror, Topology } from './types'

const topology: Topology = {
  nodes: [
    { id: 1, name: 'gitlab-a', mirrors_in: 2, mirrors_out: 25, health: 'error', staleness: 'ok' },
    { id: 2, name: 'gitlab-b', mirrors_in: 25, mirrors_out: 2, health: 'ok', staleness: 'ok' },
  ],
  links: [
    { source: 1, target: 2, mirror_direction: 'push', mirror_count: 23, enabled_count: 22, disabled_count: 1, health: 'error', staleness: 'warning' },
    { source: 2, target: 1, mirror_direction: 'pull', mirror_count: 2, enabled_count: 2, disabled_count: 0, health: 'ok', staleness: 'ok' },
  ],
}

const mirrors: LinkMirror[] = Array.from({ length: 23 }, (_, i) => ({
  id: 100 + i,
  instance_pair_id: 1,
  source_project_path: `platform/app-${i}`,
  target_project_path: `backup/app-${i}`,
  mirror_direction: 'push',
  last_update_status: i < 3 ? 'failed' : 'finished',
  last_successful_update: '2026-12-06T10:00:00Z',
  staleness: 'ok',
  health: i < 3 ? 'error' : 'ok',
}))

function stubApi() {
  return routeFetch({
    'GET /api/topology': () => json(topology),
    'GET /api/pairs': () => json([{ id: 1, name: 'a to b' }]),
    'GET /api/topology/link-mirrors': (url) => {
      const limit = Number(url.searchParams.get('limit'))
      const offset = Number(url.searchParams.get('offset'))
      return json({ total: mirrors.length, mirrors: mirrors.slice(offset, offset + limit) })
    },
  })
}

describe('TopologyView', () => {
  let wrapper: VueWrapper | undefined
  afterEach(() => {
    wrapper?.unmount()
    wrapper = undefined
  })

  const sourcePaths = (w: VueWrapper) => w.findAll('.drill tbody td:first-child a').map((a) => a.text())

  it('draws the graph with a summary label, and lists every link in the accessible table', async () => {
    const { calls } = stubApi()
    const mounted = await mountApp(TopologyView, { path: '/topology?stale_warning_seconds=3600' })
    wrapper = mounted.wrapper
    await flushPromises()

    const topo = calls.find((c) => c.url.pathname === '/api/topology')!
    expect(topo.url.searchParams.get('stale_warning_seconds')).toBe('3600')
    expect(topo.url.searchParams.get('stale_error_seconds')).toBe('604800')
    const svg = wrapper.get('svg[role="img"]')
    expect(svg.attributes('aria-label')).toContain('2 GitLab instances, 2 links carrying 25 mirrors; 1 link in error')
    expect(wrapper.findAll('.node')).toHaveLength(2)
    expect(wrapper.findAll('.link')).toHaveLength(2)
    const buttons = wrapper.findAll('button[aria-label^="Show mirrors of"]').map((b) => b.attributes('aria-label'))
    expect(buttons).toEqual(['Show mirrors of gitlab-a → gitlab-b (push)', 'Show mirrors of gitlab-b → gitlab-a (pull)'])
  })

  it('opens a link’s drill-down from the table, pages through it on the server, rows open their mirror', async () => {
    const { calls } = stubApi()
    const mounted = await mountApp(TopologyView, { path: '/topology' })
    wrapper = mounted.wrapper
    await flushPromises()

    await wrapper.get('button[aria-label="Show mirrors of gitlab-a → gitlab-b (push)"]').trigger('click')
    await flushPromises()
    expect(mounted.router.currentRoute.value.query.link).toBe('1-2-push')
    expect(wrapper.get('#topology-panel-title').text()).toBe('gitlab-a → gitlab-b (push)')

    const drillCalls = () => calls.filter((c) => c.url.pathname === '/api/topology/link-mirrors')
    const first = drillCalls().at(-1)!.url.searchParams
    expect(Object.fromEntries(first)).toMatchObject({
      source_instance_id: '1',
      target_instance_id: '2',
      mirror_direction: 'push',
      limit: '10',
      offset: '0',
      include_disabled: 'true',
    })
    expect(sourcePaths(wrapper)).toHaveLength(10)
    expect(sourcePaths(wrapper)[0]).toBe('platform/app-0')
    expect(wrapper.text()).toContain('Page 1 of 3')

    const next = wrapper.findAll('.drill button').find((b) => b.text() === 'Next')!
    await next.trigger('click')
    await flushPromises()
    expect(mounted.router.currentRoute.value.query.link_page).toBe('2')
    expect(drillCalls().at(-1)!.url.searchParams.get('offset')).toBe('10')
    expect(sourcePaths(wrapper)[0]).toBe('platform/app-10')

    const last = wrapper.findAll('.drill button').find((b) => b.text() === 'Last')!
    await last.trigger('click')
    await flushPromises()
    expect(drillCalls().at(-1)!.url.searchParams.get('offset')).toBe('20')
    expect(sourcePaths(wrapper)).toEqual(['platform/app-20', 'platform/app-21', 'platform/app-22'])

    const row = wrapper.get('.drill tbody a')
    expect(row.attributes('href')).toBe('/mirrors/120')
    expect(row.attributes('aria-label')).toBe('Open mirror platform/app-20 → backup/app-20')
  })

  it('opens the drill-down from the URL, and a new link starts at page 1', async () => {
    const { calls } = stubApi()
    const mounted = await mountApp(TopologyView, { path: '/topology?link=1-2-push&link_page=3&include_disabled=false' })
    wrapper = mounted.wrapper
    await flushPromises()
    const last = calls.filter((c) => c.url.pathname === '/api/topology/link-mirrors').at(-1)!.url.searchParams
    expect(last.get('offset')).toBe('20')
    expect(last.get('include_disabled')).toBe('false')

    await wrapper.get('button[aria-label="Show mirrors of gitlab-b → gitlab-a (pull)"]').trigger('click')
    await flushPromises()
    expect(mounted.router.currentRoute.value.query.link).toBe('2-1-pull')
    expect(mounted.router.currentRoute.value.query.link_page).toBeUndefined()
    expect(calls.at(-1)!.url.searchParams.get('offset')).toBe('0')
  })

  it('filters the drawn links by direction and leaves disabled mirrors out when asked', async () => {
    stubApi()
    const mounted = await mountApp(TopologyView, { path: '/topology?direction=pull' })
    wrapper = mounted.wrapper
    await flushPromises()
    expect(wrapper.findAll('.link').map((l) => l.attributes('data-link-key'))).toEqual(['2-1-pull'])

    await mounted.router.push('/topology?include_disabled=false')
    await flushPromises()
    const labels = wrapper.findAll('.link-label text').map((t) => t.text())
    expect(labels).toEqual(['22', '2'])
  })

  it('refetches on live activity, once for a burst', async () => {
    const { calls } = stubApi()
    const mounted = await mountApp(TopologyView, { path: '/topology?link=1-2-push' })
    wrapper = mounted.wrapper
    await flushPromises()
    const count = (path: string) => calls.filter((c) => c.url.pathname === path).length
    expect(count('/api/topology')).toBe(1)
    const drillBefore = count('/api/topology/link-mirrors')

    const client = mounted.clients[0]!
    client.connect()
    const frame = { sequence: 1, mirror_ids: [101], pair_ids: [1], truncated: false }
    client.deliver('/topic/estate', frame)
    client.deliver('/topic/estate', { ...frame, sequence: 2 })
    client.deliver('/topic/estate', { ...frame, sequence: 3 })
    await flushPromises()
    expect(count('/api/topology')).toBe(2)
    // the open drill-down follows the refresh, on the same page
    expect(count('/api/topology/link-mirrors')).toBe(drillBefore + 1)
  })

  it('shows an error with a retry when the topology cannot load', async () => {
    routeFetch({ 'GET /api/topology': () => json({ detail: 'database down' }, 503), 'GET /api/pairs': () => json([]) })
    const mounted = await mountApp(TopologyView, { path: '/topology' })
    wrapper = mounted.wrapper
    await flushPromises()
    expect(wrapper.get('[role="alert"]').text()).toContain('database down')
    expect(wrapper.findAll('button').map((b) => b.text())).toContain('Try again')
  })
})
