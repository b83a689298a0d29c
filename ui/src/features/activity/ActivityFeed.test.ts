import { flushPromises, type VueWrapper } from '@vue/test-utils'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'

import { jsonResponse, type FakeStompClient } from '@/test/fakeStomp'
import { mountApp } from '@/test/mountApp'

import ActivityFeed from './ActivityFeed.vue'
import { subjectLink } from './api'
import type { ActivityEntry } from './types'

function entry(id: string, occurredAt: string, overrides: Partial<ActivityEntry> = {}): ActivityEntry {
  return {
    id,
    command_id: `cmd-${id}`,
    type: 'InstanceChecked',
    subject_id: 'instance:1',
    outcome: 'succeeded',
    message: `message ${id}`,
    actor: 'admin',
    occurred_at: occurredAt,
    ...overrides,
  }
}

describe('ActivityFeed', () => {
  let fetchMock: ReturnType<typeof vi.fn<typeof fetch>>
  let wrapper: VueWrapper | undefined
  let clients: FakeStompClient[]

  async function mountFeed(props: Record<string, unknown> = {}): Promise<VueWrapper> {
    const mounted = await mountApp(ActivityFeed, { props })
    wrapper = mounted.wrapper
    clients = mounted.clients
    return mounted.wrapper
  }

  function client(): FakeStompClient {
    expect(clients).toHaveLength(1)
    return clients[0]!
  }

  const renderedIds = (w: VueWrapper) => w.findAll('li.entry').map((li) => li.attributes('data-entry-id'))
  const requested = (call: number) => new URL(String(fetchMock.mock.calls[call]![0]), 'http://x')

  beforeEach(() => {
    fetchMock = vi.fn<typeof fetch>()
    vi.stubGlobal('fetch', fetchMock)
  })

  afterEach(() => {
    wrapper?.unmount()
    wrapper = undefined
  })

  it('fetches the latest entries and renders them newest first', async () => {
    fetchMock.mockResolvedValueOnce(
      jsonResponse([
        entry('b', '2026-11-26T07:00:00Z'),
        entry('c', '2026-11-26T07:05:00Z', { outcome: 'failed', message: 'GitLab unreachable' }),
        entry('a', '2026-11-26T06:55:00Z'),
      ]),
    )
    const w = await mountFeed()
    expect(w.text()).toContain('Loading activity')
    await flushPromises()

    expect(requested(0).pathname).toBe('/api/activity')
    expect(requested(0).searchParams.get('limit')).toBe('50')
    expect(renderedIds(w)).toEqual(['c', 'b', 'a'])
    const first = w.get('li.entry')
    expect(first.get('.entry__message').text()).toBe('GitLab unreachable')
    expect(first.get('.badge').text()).toBe('failed')
    expect(first.get('time').attributes('datetime')).toBe('2026-11-26T07:05:00Z')
    expect(first.text()).toContain('by admin')
  })

  it('subscribes to /topic/activity through the shared connection, inserts live entries once', async () => {
    fetchMock.mockResolvedValueOnce(jsonResponse([entry('old', '2026-11-26T06:59:00Z')]))
    const w = await mountFeed()
    await flushPromises()
    client().connect()

    const live = entry('live', '2026-11-26T07:00:00Z', { message: 'GitLab 17.8.2-ee reachable as root' })
    client().deliver('/topic/activity', live)
    client().deliver('/topic/activity', live)
    await flushPromises()

    expect(renderedIds(w)).toEqual(['live', 'old'])
  })

  it('keeps live entries that do not match its filters out', async () => {
    fetchMock.mockResolvedValueOnce(jsonResponse([]))
    const w = await mountFeed({ filters: { subject_id: 'mirror:7', outcome: 'failed' } })
    await flushPromises()
    expect(requested(0).searchParams.get('subject_id')).toBe('mirror:7')
    expect(requested(0).searchParams.get('outcome')).toBe('failed')
    client().connect()

    client().deliver('/topic/activity', entry('other', '2026-11-26T07:00:00Z', { subject_id: 'mirror:8', outcome: 'failed' }))
    client().deliver('/topic/activity', entry('ok', '2026-11-26T07:01:00Z', { subject_id: 'mirror:7' }))
    client().deliver('/topic/activity', entry('hit', '2026-11-26T07:02:00Z', { subject_id: 'mirror:7', outcome: 'failed' }))
    await flushPromises()

    expect(renderedIds(w)).toEqual(['hit'])
  })

  it('skips a malformed message and keeps the feed', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
    fetchMock.mockResolvedValueOnce(jsonResponse([entry('a', '2026-11-26T07:00:00Z')]))
    const w = await mountFeed()
    await flushPromises()
    client().connect()

    client().deliver('/topic/activity', 'not json')
    client().deliver('/topic/activity', { id: 'x', type: 'InstanceChecked' })
    await flushPromises()

    expect(renderedIds(w)).toEqual(['a'])
    expect(warn).toHaveBeenCalledTimes(2)
  })

  it('shows the problem detail when the fetch fails, and recovers on retry', async () => {
    fetchMock.mockResolvedValueOnce(
      jsonResponse({ status: 500, title: 'Internal', detail: 'store unavailable' }, 500, 'application/problem+json'),
    )
    const w = await mountFeed()
    await flushPromises()
    const alert = w.get('[data-testid="error"]')
    expect(alert.attributes('role')).toBe('alert')
    expect(alert.text()).toContain('Could not load activity: store unavailable')

    fetchMock.mockResolvedValueOnce(jsonResponse([entry('a', '2026-11-26T07:00:00Z')]))
    await alert.get('button').trigger('click')
    await flushPromises()
    expect(w.find('[data-testid="error"]').exists()).toBe(false)
    expect(renderedIds(w)).toEqual(['a'])
  })

  it('catches up over REST after a reconnect', async () => {
    fetchMock.mockResolvedValueOnce(jsonResponse([entry('a', '2026-11-26T07:00:00Z')]))
    const w = await mountFeed()
    await flushPromises()
    client().connect()
    client().dropSocket()

    fetchMock.mockResolvedValueOnce(jsonResponse([entry('missed', '2026-11-26T07:01:00Z'), entry('a', '2026-11-26T07:00:00Z')]))
    client().connect()
    await flushPromises()

    expect(fetchMock).toHaveBeenCalledTimes(2)
    expect(renderedIds(w)).toEqual(['missed', 'a'])
    expect([...client().subscriptions.keys()]).toEqual(['/topic/activity'])
  })

  it('pages back in time from the oldest entry shown', async () => {
    const page = Array.from({ length: 2 }, (_, i) => entry(`n${i}`, `2026-11-26T07:0${5 - i}:00Z`))
    fetchMock.mockResolvedValueOnce(jsonResponse(page))
    const w = await mountFeed({ pageable: true, limit: 2 })
    await flushPromises()

    fetchMock.mockResolvedValueOnce(jsonResponse([entry('older', '2026-11-26T06:00:00Z')]))
    await w.get('.activity-feed__more button').trigger('click')
    await flushPromises()

    expect(requested(1).searchParams.get('before')).toBe('2026-11-26T07:04:00Z')
    expect(renderedIds(w)).toEqual(['n0', 'n1', 'older'])
    expect(w.text()).toContain('That is everything.')
  })

  it('unsubscribes when unmounted', async () => {
    fetchMock.mockResolvedValueOnce(jsonResponse([]))
    const w = await mountFeed()
    await flushPromises()
    client().connect()
    expect(client().subscriptions.has('/topic/activity')).toBe(true)
    w.unmount()
    wrapper = undefined
    expect(client().subscriptions.has('/topic/activity')).toBe(false)
  })
})

describe('subjectLink', () => {
  it('links subjects to their views', () => {
    expect(subjectLink('mirror:42')).toBe('/mirrors/42')
    expect(subjectLink('pair:3')).toBe('/pairs/3')
    expect(subjectLink('instance:1')).toBe('/instances')
    expect(subjectLink('something')).toBeNull()
    expect(subjectLink(null)).toBeNull()
  })
})
