import { flushPromises, type VueWrapper } from '@vue/test-utils'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { defineComponent, h } from 'vue'

import { useToasts } from '@/lib/toasts'
import { json, routeFetch } from '@/test/fetchRouter'
import { mountApp, type Mounted } from '@/test/mountApp'

import { useDashboard } from './composables/useDashboard'
import DashboardView from './DashboardView.vue'
import { instancesBody, metricsBody, quickStatsBody, tokensBody } from './testFixtures'

type Routes = Parameters<typeof routeFetch>[0]

const notFound = () => json({ status: 404, title: 'Not Found', detail: 'No endpoint GET /api/dashboard/metrics.', errors: [] }, 404)

function baseRoutes(): Routes {
  return {
    'GET /api/dashboard/metrics': () => json(metricsBody()),
    'GET /api/dashboard/quick-stats': () => json(quickStatsBody()),
    'GET /api/instances': () => json(instancesBody()),
    'GET /api/tokens': () => json(tokensBody()),
    'GET /api/activity': () => json([]),
  }
}

describe('DashboardView', () => {
  let mounted: Mounted | undefined
  let wrapper: VueWrapper

  async function mountDashboard(routes: Routes) {
    const recorder = routeFetch(routes)
    mounted = await mountApp(DashboardView, { path: '/' })
    wrapper = mounted.wrapper
    await flushPromises()
    return recorder
  }

  const card = (name: string) => wrapper.get(`[data-testid="stat-${name}"]`)

  afterEach(() => {
    mounted?.wrapper.unmount()
    mounted = undefined
    vi.useRealTimers()
    vi.unstubAllGlobals()
  })

  describe('with /api/dashboard/metrics', () => {
    beforeEach(async () => {
      await mountDashboard(baseRoutes())
    })

    it('shows the cards from summary, health and quick stats, each linking to its list', () => {
      expect(card('mirrors').text()).toContain('34')
      expect(card('mirrors').text()).toContain('2 disabled')
      expect(card('health').text()).toContain('58.8%')
      expect(card('failing').text()).toContain('11') // failing_total: failed syncs and failed creations
      expect(card('failing').text()).toContain('4 in the last 24 h')
      expect(card('failing').attributes('href')).toBe('/mirrors?status=failed')
      expect(card('syncing-now').text()).toContain('3')
      expect(card('pairs').text()).toContain('2')
      expect(card('instances').attributes('href')).toBe('/instances')
      expect(wrapper.text()).not.toContain('counted from the mirror list')
    })

    it('draws the health donut with an accessible summary and a legend', () => {
      const svg = wrapper.get('[data-testid="health-donut"]')
      expect(svg.attributes('role')).toBe('img')
      expect(svg.attributes('aria-label')).toBe(
        'Health of 34 mirrors: 20 success (58.8%), 10 failed (29.4%), 3 pending (8.8%), 1 unknown (2.9%)',
      )
      expect(svg.findAll('path.donut__slice').map((p) => p.attributes('data-kind'))).toEqual([
        'success',
        'failed',
        'pending',
        'unknown',
      ])
      expect(wrapper.get('ul.legend').text()).toContain('Failed')
    })

    it('draws 24 hourly bars from sync_outcomes_24h', () => {
      const chart = wrapper.get('[data-testid="outcomes-chart"]')
      expect(chart.findAll('g.bar')).toHaveLength(24)
      expect(chart.attributes('aria-label')).toMatch(/^Sync outcomes in the last 24 hours: 90 succeeded, 9 failed; most failures/)
    })

    it('lists pairs with links to the pair and to its mirrors', () => {
      const rows = wrapper.findAll('li.pair-row')
      expect(rows).toHaveLength(2)
      expect(rows[0]!.get('a[href="/pairs/1"]').text()).toBe('gitlab-a to gitlab-b (push)')
      expect(rows[0]!.get('a[href="/mirrors?instance_pair_id=1"]').text()).toContain('26')
      expect(rows[0]!.get('[role="img"]').attributes('aria-label')).toBe(
        'gitlab-a to gitlab-b (push): 26 mirrors, 14 success, 9 failed, 2 pending, 1 unknown',
      )
    })

    it('lists failing mirrors newest failure first with GitLab\'s error', () => {
      const rows = wrapper.findAll('.failing tbody tr')
      expect(rows.map((r) => r.attributes('data-mirror-id'))).toEqual(['9', '7'])
      expect(rows[1]!.text()).toContain('You are not allowed to push code')
      expect(rows[1]!.get('a[aria-label="Open legacy/monolith"]').attributes('href')).toBe('/mirrors/7')
      // the pair's name comes from the pairs list when the failing entry names only its id
      expect(rows[0]!.text()).toContain('gitlab-b from gitlab-a (pull)')
      expect(wrapper.get('.failing__all').text()).toBe('All 11 failing mirrors')
    })

    it('warns about tokens expiring within 30 days or expired, expired first, with the level reached', () => {
      const items = wrapper.findAll('.tokens__item')
      expect(items.map((i) => i.text())).toEqual([
        expect.stringMatching(/^expired\s*Group token: platform \(mirror-platform\)/),
        expect.stringMatching(/^within 30 days\s*Instance token: gitlab-a\s*expires in 1[12] days/),
        expect.stringMatching(/^within 30 days\s*Group token: legacy \(mirror-legacy\)/),
      ])
      expect(items.map((i) => i.attributes('data-level'))).toEqual(['expired', '30_days', '30_days'])
      expect(items[0]!.get('a').attributes('href')).toBe('/group-settings')
      expect(items[1]!.get('a').attributes('href')).toBe('/instances')
    })

    it('says plainly that the background status refresh is not running', () => {
      expect(wrapper.get('[data-testid="auto-refresh"] strong').text()).toBe('Background status refresh: not running')
      expect(wrapper.get('[data-testid="auto-refresh"]').text()).toContain('statuses are read from GitLab when a command or verify runs')
      expect(wrapper.get('[data-testid="fresh-count"]').text()).toBe('30')
      expect(wrapper.get('[data-testid="stale-count"]').text()).toBe('4')
    })

    it('has the headings a user navigates by', () => {
      expect(wrapper.findAll('h1, h2').map((h) => h.text())).toEqual([
        'Dashboard',
        'Health by status',
        'Sync outcomes, last 24 hours',
        'Failing mirrors',
        'Mirrors and health per pair',
        'Token expiry',
        'Status freshness',
        'Recent activity',
      ])
    })
  })

  describe('the failing list\'s actions', () => {
    it('Sync posts to /update, Verify to /verify, for the mirror named in the button', async () => {
      const routes = baseRoutes()
      routes['POST /api/mirrors/7/update'] = () => json({ status: 'update_triggered', command_id: 'c1' }, 202)
      routes['POST /api/mirrors/7/verify'] = () => json({ status: 'accepted', command_id: 'c2' }, 202)
      routes['POST /api/mirrors/9/update'] = () => json({ status: 500, title: 'Oops', detail: 'GitLab is down', errors: [] }, 502)
      const { calls } = await mountDashboard(routes)
      const posts = () => calls.filter((c) => c.method === 'POST').map((c) => c.url.pathname)

      await wrapper.get('button[aria-label="Sync legacy/monolith"]').trigger('click')
      await flushPromises()
      expect(posts()).toEqual(['/api/mirrors/7/update'])

      await wrapper.get('button[aria-label="Verify legacy/monolith"]').trigger('click')
      await flushPromises()
      expect(posts()).toEqual(['/api/mirrors/7/update', '/api/mirrors/7/verify'])
      expect(useToasts().toasts.map((t) => t.message)).toEqual([
        'Sync requested for legacy/monolith',
        'Verify requested for legacy/monolith',
      ])

      await wrapper.get('button[aria-label="Sync platform/core/api"]').trigger('click')
      await flushPromises()
      expect(posts().at(-1)).toBe('/api/mirrors/9/update')
      expect(useToasts().toasts.at(-1)).toMatchObject({ kind: 'error', message: 'Could not sync platform/core/api: GitLab is down' })
    })
  })

  describe('on an older server', () => {
    it('counts from /api/mirrors when /api/dashboard/metrics answers 404', async () => {
      const totals: Record<string, number> = { '': 34, finished: 20, failed: 10, started: 2, scheduled: 1, to_retry: 0 }
      const routes: Routes = {
        'GET /api/dashboard/metrics': notFound,
        'GET /api/dashboard/quick-stats': notFound,
        'GET /api/instances': () => json(instancesBody()),
        'GET /api/tokens': () => json(tokensBody()),
        'GET /api/activity': () => json([]),
        'GET /api/pairs': () => json([{ id: 1, name: 'only pair' }]),
        'GET /api/mirrors': (url) => {
          const p = url.searchParams
          if (p.get('enabled') === 'false') return json({ mirrors: [], total: 2 })
          if (p.get('status') === 'failed' && p.get('page_size') !== '1') {
            expect(p.get('order_by')).toBe('last_update_at')
            expect(p.get('order_dir')).toBe('desc')
            return json({ mirrors: [{ id: 7, source_project_path: 'legacy/monolith', last_error: 'boom', last_update_at: '2026-12-07T01:00:00Z' }], total: 10 })
          }
          const total = totals[p.get('status') ?? ''] ?? 0
          return json({ mirrors: [], total: p.get('instance_pair_id') ? Math.min(total, 34) : total })
        },
      }
      const { calls } = await mountDashboard(routes)

      expect(calls.some((c) => c.url.pathname === '/api/dashboard/metrics')).toBe(true)
      expect(wrapper.find('[role="alert"]').exists()).toBe(false)
      expect(wrapper.text()).toContain('counted from the mirror list')
      expect(card('mirrors').text()).toContain('34')
      expect(card('health').text()).toContain('58.8%')
      expect(card('failing').text()).toContain('10')
      expect(card('syncing-now').text()).toContain('3')
      expect(card('instances').text()).toContain('2')
      expect(wrapper.get('[data-testid="health-donut"]').attributes('aria-label')).toContain('3 pending')
      expect(wrapper.findAll('.failing tbody tr')).toHaveLength(1)
      expect(wrapper.find('[data-testid="outcomes-unavailable"]').exists()).toBe(true)
      expect(wrapper.find('[data-testid="freshness-unavailable"]').exists()).toBe(true)
    })

    it('does not fall back on other errors: it says what went wrong', async () => {
      const routes = baseRoutes()
      routes['GET /api/dashboard/metrics'] = () =>
        json({ status: 500, title: 'Internal Server Error', detail: 'MongoDB timed out', errors: [] }, 500)
      const { calls } = await mountDashboard(routes)
      expect(calls.some((c) => c.url.pathname === '/api/mirrors')).toBe(false)
      expect(wrapper.get('[role="alert"]').text()).toContain("Could not load the estate's numbers: MongoDB timed out")
    })
  })

  describe('live', () => {
    it('refetches the metrics at most once every 2 s while activity entries arrive', async () => {
      vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] })
      const { calls } = routeFetch(baseRoutes())
      // the composable alone: the view's activity feed would spend the test's time on 10,000 entries
      mounted = await mountApp(
        defineComponent({
          setup() {
            useDashboard()
            return () => h('p', 'harness')
          },
        }),
      )
      await flushPromises()
      const metricsFetches = () => calls.filter((c) => c.url.pathname === '/api/dashboard/metrics').length
      const quickFetches = () => calls.filter((c) => c.url.pathname === '/api/dashboard/quick-stats').length
      const tokenFetches = () => calls.filter((c) => c.url.pathname === '/api/tokens').length
      expect(metricsFetches()).toBe(1)

      const client = mounted.clients[0]!
      client.connect()
      await vi.advanceTimersByTimeAsync(2000) // the first load's interval is over
      const frame = (i: number) => ({ sequence: i, mirror_ids: [i], pair_ids: [1], mirrors_changed: 1, truncated: false })
      for (let i = 0; i < 10_000; i++) client.deliver('/topic/estate', frame(i))
      await vi.advanceTimersByTimeAsync(0)
      expect(metricsFetches()).toBe(2) // the first entry, at once

      await vi.advanceTimersByTimeAsync(1999)
      expect(metricsFetches()).toBe(2)
      await vi.advanceTimersByTimeAsync(1)
      expect(metricsFetches()).toBe(3) // the rest of the burst, once
      await vi.advanceTimersByTimeAsync(10_000)
      expect(metricsFetches()).toBe(3)
      expect(quickFetches()).toBe(3)
      expect(tokenFetches()).toBe(1) // mirror outcomes do not touch tokens

      client.deliver('/topic/estate', { sequence: 10_001, token_ids: [1], truncated: false })
      await vi.advanceTimersByTimeAsync(0)
      expect(tokenFetches()).toBe(2)

      // after a reconnect everything is fetched again (entries may have been missed)
      client.dropSocket()
      client.connect()
      await vi.advanceTimersByTimeAsync(2000)
      expect(metricsFetches()).toBe(5)
      expect(tokenFetches()).toBe(3)
    })

    it('shows new numbers after a refetch', async () => {
      vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] })
      let failed = 10
      const routes = baseRoutes()
      routes['GET /api/dashboard/metrics'] = () =>
        json(metricsBody({ health: { success: 20, failed, pending: 3, unknown: 1 }, failing_total: failed }))
      await mountDashboard(routes)
      const client = mounted!.clients[0]!
      client.connect()
      failed = 11
      client.deliver('/topic/estate', { sequence: 1, mirror_ids: [3], pair_ids: [1], truncated: false })
      // the first load's interval has to pass
      await vi.advanceTimersByTimeAsync(2000)
      await flushPromises()
      expect(card('failing').text()).toContain('11')
    })
  })
})
