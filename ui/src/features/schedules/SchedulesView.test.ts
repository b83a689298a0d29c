import { flushPromises } from '@vue/test-utils'
import { afterEach, describe, expect, it } from 'vitest'

import { json, routeFetch } from '@/test/fetchRouter'
import { mountApp, type Mounted } from '@/test/mountApp'

import SchedulesView from './SchedulesView.vue'
import type { ScheduleEntry } from './types'

function entry(overrides: Partial<ScheduleEntry>): ScheduleEntry {
  return {
    id: 'pair:3',
    scope: 'pair',
    instance_pair_id: 3,
    group_path: null,
    mirror_id: null,
    name: "pair 'prod'",
    sync_schedule: { cron: '0 2 * * *', time_zone: 'Europe/Berlin' },
    schedule_source: 'pair',
    next_scheduled_sync_at: '2026-12-08T01:00:00Z',
    last_scheduled_sync_at: '2026-12-07T01:00:02Z',
    last_scheduled_batch_id: 'b-1',
    last_outcome: 'sync of 120 mirrors started',
    updated_at: null,
    ...overrides,
  }
}

describe('SchedulesView', () => {
  let mounted: Mounted | undefined

  afterEach(() => {
    mounted?.wrapper.unmount()
    mounted = undefined
  })

  it('lists every schedule with a link to where it is set, its next run and its last batch', async () => {
    routeFetch({
      'GET /api/schedules': () =>
        json([
          entry({}),
          entry({
            id: 'mirror:42',
            scope: 'mirror',
            mirror_id: 42,
            name: 'mirror 42 (a/b → a/b)',
            sync_schedule: { none: true },
            schedule_source: 'mirror',
            next_scheduled_sync_at: null,
            last_scheduled_sync_at: null,
            last_scheduled_batch_id: null,
            last_outcome: null,
          }),
        ]),
    })
    mounted = await mountApp(SchedulesView, { path: '/schedules' })
    await flushPromises()
    const rows = mounted.wrapper.findAll('[data-testid="schedules"] tbody tr')

    expect(rows.map((r) => r.attributes('data-schedule-id'))).toEqual(['pair:3', 'mirror:42'])
    expect(rows[0]!.get('a[href="/pairs/3"]').text()).toBe("pair 'prod'")
    expect(rows[0]!.text()).toContain('0 2 * * * (Europe/Berlin)')
    expect(rows[0]!.get('time').attributes('datetime')).toBe('2026-12-08T01:00:00Z')
    expect(rows[0]!.get('a[href="/batches/b-1"]').text()).toBe('sync of 120 mirrors started')
    expect(rows[1]!.find('a[href="/mirrors/42"]').exists()).toBe(true)
    expect(rows[1]!.text()).toContain('none')
    expect(rows[1]!.text()).toContain('not yet')
  })

  it('says when no schedule is set', async () => {
    routeFetch({ 'GET /api/schedules': () => json([]) })
    mounted = await mountApp(SchedulesView, { path: '/schedules' })
    await flushPromises()
    expect(mounted.wrapper.text()).toContain('No schedule is set')
  })
})
