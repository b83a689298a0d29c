import { flushPromises } from '@vue/test-utils'
import { afterEach, describe, expect, it, vi } from 'vitest'

import { json, routeFetch } from '@/test/fetchRouter'
import { mountApp, type Mounted } from '@/test/mountApp'

import JobsView from './JobsView.vue'
import type { RecurringOverview, ScheduledRetriesPage, ScheduledRetry } from './types'

const ID = '9039f411-9447-418e-aaae-3039f1e7e761'

function retry(overrides: Partial<ScheduledRetry> = {}): ScheduledRetry {
  return {
    command_id: ID,
    type: 'SyncMirror',
    subject_id: 'mirror:42',
    mirror_id: 42,
    batch_id: null,
    attempt: 3,
    attempts_made: 2,
    scheduled_at: '2026-12-07T01:00:09Z',
    overdue: false,
    last_error: '503 Service Unavailable',
    accepted_at: '2026-12-07T01:00:00Z',
    ...overrides,
  }
}

function page(retries: ScheduledRetry[], overrides: Partial<ScheduledRetriesPage> = {}): ScheduledRetriesPage {
  return { retries, total: retries.length, page: 1, page_size: 50, total_pages: 1, jobrunr_scheduled: 7, ...overrides }
}

const recurring: RecurringOverview = {
  jobs: [
    {
      id: 'mm-status-refresh',
      job_name: 'Status refresh',
      schedule: 'PT30S',
      schedule_kind: 'interval',
      zone_id: 'UTC',
      next_run: '2026-12-07T01:00:30Z',
      last_run: null,
      created_at: '2026-12-07T00:00:00Z',
    },
  ],
  servers: [
    {
      id: 'a9e0b5d8-0000-4000-8000-000000000001',
      name: 'worker-1',
      running: true,
      worker_pool_size: 8,
      poll_interval_seconds: 5,
      first_heartbeat: '2026-12-07T00:00:00Z',
      last_heartbeat: '2026-12-07T01:00:00Z',
    },
  ],
}

describe('JobsView', () => {
  let mounted: Mounted | undefined

  afterEach(() => {
    mounted?.wrapper.unmount()
    mounted = undefined
    vi.useRealTimers()
  })

  it('lists the retries waiting with a link to each command, and the recurring jobs and job servers', async () => {
    const { calls } = routeFetch({
      'GET /api/jobs/scheduled': () => json(page([retry(), retry({ command_id: 'b1', overdue: true, subject_id: 'instance:2', type: 'CheckInstance' })])),
      'GET /api/jobs/recurring': () => json(recurring),
    })
    mounted = await mountApp(JobsView, { path: '/jobs' })
    await flushPromises()
    const w = mounted.wrapper

    expect(calls.find((c) => c.url.pathname === '/api/jobs/scheduled')!.url.searchParams.get('page')).toBe('1')
    const rows = w.findAll('[data-testid="retries"] tbody tr')
    expect(rows.map((r) => r.attributes('data-command-id'))).toEqual([ID, 'b1'])
    const link = rows[0]!.get(`a[href="/commands/${ID}"]`)
    expect(link.text()).toBe('SyncMirror')
    expect(rows[0]!.get('a[href="/mirrors/42"]').text()).toBe('Mirror 42')
    expect(rows[0]!.text()).toContain('503 Service Unavailable')
    expect(rows[0]!.find('time').attributes('datetime')).toBe('2026-12-07T01:00:09Z')
    expect(rows[0]!.find('[data-testid="overdue"]').exists()).toBe(false)
    expect(rows[1]!.find('[data-testid="overdue"]').exists()).toBe(true)
    expect(w.text()).toContain('JobRunr holds 7 scheduled jobs')

    const job = w.get('[data-testid="recurring"] tbody tr')
    expect(job.attributes('data-job-id')).toBe('mm-status-refresh')
    expect(job.text()).toContain('30 s')
    expect(job.text()).toContain('not yet')
    expect(w.get('[data-testid="servers"]').text()).toContain('worker-1')
    expect(w.get('[data-testid="servers"]').text()).toContain('running, 8 threads')
  })

  it('says when nothing waits', async () => {
    routeFetch({
      'GET /api/jobs/scheduled': () => json(page([])),
      'GET /api/jobs/recurring': () => json({ jobs: [], servers: [] }),
    })
    mounted = await mountApp(JobsView, { path: '/jobs' })
    await flushPromises()
    expect(mounted.wrapper.text()).toContain('No retry is waiting.')
    expect(mounted.wrapper.text()).toContain('No recurring job is registered')
  })

  it('reloads when a retry is scheduled, once per burst, and not for unrelated activity', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval'] })
    let answer = page([retry()])
    const { calls } = routeFetch({
      'GET /api/jobs/scheduled': () => json(answer),
      'GET /api/jobs/recurring': () => json(recurring),
    })
    mounted = await mountApp(JobsView, { path: '/jobs' })
    await flushPromises()
    const scheduledCalls = () => calls.filter((c) => c.url.pathname === '/api/jobs/scheduled').length
    expect(scheduledCalls()).toBe(1)
    const client = mounted.clients[0]!
    client.connect()
    await flushPromises()
    const afterConnect = scheduledCalls()

    client.deliver('/topic/activity', { id: 'e0', command_id: 'other', type: 'MirrorChanged', outcome: 'succeeded' })
    await vi.advanceTimersByTimeAsync(1_500)
    expect(scheduledCalls()).toBe(afterConnect)

    answer = page([retry(), retry({ command_id: 'c2' })])
    client.deliver('/topic/activity', { id: 'e1', command_id: 'c2', type: 'CommandRetryScheduled', outcome: 'retry_scheduled' })
    client.deliver('/topic/activity', { id: 'e2', command_id: 'c3', type: 'CommandRetryScheduled', outcome: 'retry_scheduled' })
    await vi.advanceTimersByTimeAsync(1_500)
    await flushPromises()
    expect(scheduledCalls()).toBe(afterConnect + 1)
    expect(mounted.wrapper.findAll('[data-testid="retries"] tbody tr')).toHaveLength(2)

    answer = page([retry({ command_id: 'c2' })])
    client.deliver('/topic/activity', { id: 'e3', command_id: ID, type: 'MirrorChanged', outcome: 'succeeded' })
    await vi.advanceTimersByTimeAsync(1_500)
    await flushPromises()
    expect(scheduledCalls()).toBe(afterConnect + 2)
    expect(mounted.wrapper.findAll('[data-testid="retries"] tbody tr').map((r) => r.attributes('data-command-id'))).toEqual(['c2'])

    await vi.advanceTimersByTimeAsync(15_000)
    await flushPromises()
    expect(scheduledCalls()).toBe(afterConnect + 3)
  })
})
