import { flushPromises } from '@vue/test-utils'
import { afterEach, describe, expect, it } from 'vitest'

import { json, problem, routeFetch } from '@/test/fetchRouter'
import { mountApp, type Mounted } from '@/test/mountApp'

import ScheduleEditor from './ScheduleEditor.vue'
import type { ScheduleState } from './types'

function state(overrides: Partial<ScheduleState> = {}): ScheduleState {
  return {
    own_sync_schedule: null,
    sync_schedule: { cron: '0 2 * * *', time_zone: 'Europe/Berlin' },
    schedule_source: 'pair',
    schedule_id: 'pair:3',
    next_scheduled_sync_at: '2026-12-08T01:00:00Z',
    last_scheduled_sync_at: '2026-12-07T01:00:02Z',
    last_scheduled_batch_id: 'b-1',
    ...overrides,
  }
}

describe('ScheduleEditor', () => {
  let mounted: Mounted | undefined

  afterEach(() => {
    mounted?.wrapper.unmount()
    mounted = undefined
  })

  it('shows an inherited schedule with where it comes from and its next and last run', async () => {
    routeFetch({ 'GET /api/mirrors/42/schedule': () => json(state()) })
    mounted = await mountApp(ScheduleEditor, { props: { url: '/api/mirrors/42/schedule', level: 'mirror' } })
    await flushPromises()
    const w = mounted.wrapper

    expect(w.get('[data-testid="schedule-applies"]').text()).toBe('0 2 * * * (Europe/Berlin), from the pair')
    expect(w.get('[data-testid="schedule-next"] time').attributes('datetime')).toBe('2026-12-08T01:00:00Z')
    expect(w.get('[data-testid="schedule-last"] a').attributes('href')).toBe('/batches/b-1')
    expect((w.get('input[value="inherit"]').element as HTMLInputElement).checked).toBe(true)
  })

  it('switches an inherited schedule off with none, and inherits again by removing its own', async () => {
    const { calls } = routeFetch({
      'GET /api/mirrors/42/schedule': () => json(state()),
      'PUT /api/mirrors/42/schedule': () =>
        json(state({ own_sync_schedule: { none: true }, sync_schedule: null, schedule_source: 'mirror', next_scheduled_sync_at: null })),
      'DELETE /api/mirrors/42/schedule': () => json(state()),
    })
    mounted = await mountApp(ScheduleEditor, { props: { url: '/api/mirrors/42/schedule', level: 'mirror' } })
    await flushPromises()
    const w = mounted.wrapper

    await w.get('input[value="none"]').setValue(true)
    await w.get('form').trigger('submit')
    await flushPromises()
    expect(calls.find((c) => c.method === 'PUT')!.body).toEqual({ none: true })
    expect(w.get('[data-testid="schedule-applies"]').text()).toBe('No scheduled sync (none set here)')

    await w.get('input[value="inherit"]').setValue(true)
    await w.get('form').trigger('submit')
    await flushPromises()
    expect(calls.some((c) => c.method === 'DELETE')).toBe(true)
    expect(w.get('[data-testid="schedule-applies"]').text()).toContain('from the pair')
  })

  it('sets a cron expression and shows the server refusal next to its field', async () => {
    const { calls } = routeFetch({
      'GET /api/pairs/3/schedule': () => json(state({ sync_schedule: null, schedule_source: null, next_scheduled_sync_at: null })),
      'PUT /api/pairs/3/schedule': () => problem(422, [{ field: 'time_zone', message: 'is not a time zone' }]),
    })
    mounted = await mountApp(ScheduleEditor, { props: { url: '/api/pairs/3/schedule', level: 'pair' } })
    await flushPromises()
    const w = mounted.wrapper
    expect(w.find('input[value="inherit"]').exists()).toBe(false)
    expect(w.get('[data-testid="schedule-applies"]').text()).toBe('No scheduled sync')

    await w.get('input[value="cron"]').setValue(true)
    await w.get('#schedule-pair-cron').setValue('0 3 * * 1-5')
    await w.get('#schedule-pair-zone').setValue('Mars/Olympus')
    await w.get('form').trigger('submit')
    await flushPromises()

    expect(calls.find((c) => c.method === 'PUT')!.body).toEqual({ cron: '0 3 * * 1-5', time_zone: 'Mars/Olympus' })
    expect(w.get('#schedule-pair-zone-error').text()).toBe('is not a time zone')
    expect(w.get('#schedule-pair-zone').attributes('aria-invalid')).toBe('true')
  })
})
