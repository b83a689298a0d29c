import { flushPromises } from '@vue/test-utils'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'

import { jsonResponse } from '@/test/fakeStomp'
import { mountApp, type Mounted } from '@/test/mountApp'

import { normalizeCommand, subjectLink } from './command'
import CommandView from './CommandView.vue'

const ID = '9039f411-9447-418e-aaae-3039f1e7e761'

function command(overrides: Record<string, unknown> = {}) {
  return {
    command_id: ID,
    type: 'SyncMirror',
    subject_id: 'mirror:42',
    status: 'retry_scheduled',
    attempts: 2,
    accepted_at: '2026-12-07T01:00:00Z',
    updated_at: '2026-12-07T01:00:05Z',
    next_attempt_at: '2026-12-07T01:00:09Z',
    last_error: 'GitLab answered 503 Service Unavailable',
    result: null,
    actor: 'alice',
    ...overrides,
  }
}

describe('CommandView', () => {
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

  async function mountView(body: unknown) {
    fetchMock.mockResolvedValueOnce(jsonResponse(body))
    mounted = await mountApp(CommandView, { path: `/commands/${ID}`, props: { id: ID } })
    await flushPromises()
    return mounted.wrapper
  }

  it('renders each attempt with its error, the last error, the retry time and the subject link', async () => {
    const w = await mountView(
      command({
        attempts: [
          { attempt: 2, at: '2026-12-07T01:00:05Z', outcome: 'failed', error: 'GitLab answered 503 Service Unavailable' },
          { attempt: 1, at: '2026-12-07T01:00:01Z', outcome: 'failed', error: 'connect timed out' },
        ],
      }),
    )
    expect(fetchMock.mock.calls[0]![0]).toBe(`/api/commands/${ID}`)
    expect(w.get('[data-testid="command-type"]').text()).toBe('SyncMirror')
    expect(w.get('[data-testid="command-actor"]').text()).toBe('alice')
    expect(w.get('[data-testid="subject-link"]').attributes('href')).toBe('/mirrors/42')
    expect(w.get('[data-testid="attempt-count"]').text()).toBe('2')
    const rows = w.findAll('[data-testid="attempts"] tbody tr')
    expect(rows.map((r) => r.attributes('data-attempt'))).toEqual(['1', '2'])
    expect(rows[0]!.text()).toContain('connect timed out')
    expect(rows[1]!.text()).toContain('GitLab answered 503')
    expect(w.get('[data-testid="last-error"]').text()).toBe('GitLab answered 503 Service Unavailable')
    expect(w.get('[data-testid="next-retry"]').find('time').attributes('datetime')).toBe('2026-12-07T01:00:09Z')
  })

  it('shows the attempt count when the server sends only a number', async () => {
    const w = await mountView(command())
    expect(w.get('[data-testid="attempt-count"]').text()).toBe('2')
    expect(w.find('[data-testid="attempts"]').exists()).toBe(false)
    expect(w.text()).toContain('2 attempts; the server does not list them one by one.')
  })

  it('fetches again when an activity entry about this command arrives, not for others', async () => {
    const w = await mountView(command())
    const client = mounted!.clients[0]!
    client.connect()
    await flushPromises()

    client.deliver('/topic/activity', { id: 'e1', command_id: 'someone-else', type: 'MirrorSynced', outcome: 'succeeded' })
    await flushPromises()
    expect(fetchMock).toHaveBeenCalledTimes(1)

    fetchMock.mockResolvedValueOnce(jsonResponse(command({ status: 'succeeded', attempts: 3, last_error: null, next_attempt_at: null })))
    client.deliver('/topic/activity', { id: 'e2', command_id: ID, type: 'MirrorSynced', outcome: 'succeeded' })
    await flushPromises()
    expect(fetchMock).toHaveBeenCalledTimes(2)
    expect(w.get('[data-testid="attempt-count"]').text()).toBe('3')
    expect(w.find('[data-testid="last-error"]').exists()).toBe(false)
    expect(w.get('[data-testid="next-retry"]').text()).toBe('—')
  })

  it('says when there is no such command', async () => {
    fetchMock.mockResolvedValueOnce(jsonResponse({ status: 404, title: 'Not found', detail: 'command not found' }, 404, 'application/problem+json'))
    mounted = await mountApp(CommandView, { path: `/commands/${ID}`, props: { id: ID } })
    await flushPromises()
    expect(mounted.wrapper.get('[role="alert"]').text()).toContain('There is no such command.')
  })
})

describe('subjectLink and normalizeCommand', () => {
  it('links mirrors, instances, pairs and batches', () => {
    expect(subjectLink('mirror:42')).toEqual({ to: '/mirrors/42', label: 'Mirror 42' })
    expect(subjectLink('instance:1')?.to).toBe('/instances')
    expect(subjectLink('pair:3')?.to).toBe('/pairs/3')
    expect(subjectLink('batch:abc')?.to).toBe('/batches/abc')
    expect(subjectLink('token:1')).toBeNull()
    expect(subjectLink(null)).toBeNull()
  })

  it('reads attempt errors sent as a separate list of strings', () => {
    const facts = normalizeCommand({ ...command(), attempts: 2, attempt_errors: ['timeout', 'HTTP 502'] })
    expect(facts.attempts.map((a) => [a.number, a.error])).toEqual([
      [1, 'timeout'],
      [2, 'HTTP 502'],
    ])
    expect(facts.nextRetryAt).toBe('2026-12-07T01:00:09Z')
    expect(facts.createdAt).toBe('2026-12-07T01:00:00Z')
  })
})
