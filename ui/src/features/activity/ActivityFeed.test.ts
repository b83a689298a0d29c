import type { IFrame, IMessage, messageCallbackType, StompConfig, StompSubscription } from '@stomp/stompjs'
import { flushPromises, mount, type VueWrapper } from '@vue/test-utils'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'

import { brokerUrl, stompClientFactoryKey, type StompClientFactory, type StompClientLike } from '@/lib/stomp'

import ActivityFeed from './ActivityFeed.vue'
import type { ActivityEntry } from './types'

/** Stands in for @stomp/stompjs' Client: records calls and lets a test play the broker. */
class FakeStompClient implements StompClientLike {
  active = false
  reconnectDelay = 0
  deactivated = false
  readonly subscriptions = new Map<string, messageCallbackType>()

  constructor(readonly config: StompConfig) {}

  activate(): void {
    this.active = true
  }

  async deactivate(): Promise<void> {
    this.active = false
    this.deactivated = true
  }

  subscribe(destination: string, callback: messageCallbackType): StompSubscription {
    this.subscriptions.set(destination, callback)
    return { id: `sub-${destination}`, unsubscribe: () => this.subscriptions.delete(destination) }
  }

  /** The broker accepted the connection (CONNECTED frame). */
  connect(): void {
    this.subscriptions.clear()
    this.config.onConnect?.({ command: 'CONNECTED', headers: {} } as IFrame)
  }

  /** The WebSocket closed; the real client would now schedule a reconnect. */
  dropSocket(): void {
    this.config.onWebSocketClose?.(new Event('close') as CloseEvent)
  }

  /** The broker sends a MESSAGE frame on `destination`. */
  deliver(destination: string, body: string): void {
    const callback = this.subscriptions.get(destination)
    if (!callback) throw new Error(`nothing subscribed to ${destination}`)
    callback({ body, headers: { destination } } as unknown as IMessage)
  }
}

function entry(id: string, occurredAt: string, overrides: Partial<ActivityEntry> = {}): ActivityEntry {
  return {
    id,
    command_id: `cmd-${id}`,
    type: 'InstanceChecked',
    subject_id: 'instance:1',
    outcome: 'succeeded',
    message: `entry ${id}`,
    occurred_at: occurredAt,
    ...overrides,
  }
}

function jsonResponse(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json' },
  })
}

describe('ActivityFeed', () => {
  let clients: FakeStompClient[]
  let fetchMock: ReturnType<typeof vi.fn<typeof fetch>>
  let wrapper: VueWrapper | undefined

  const factory: StompClientFactory = (config) => {
    const client = new FakeStompClient(config)
    clients.push(client)
    return client
  }

  function onlyClient(): FakeStompClient {
    expect(clients).toHaveLength(1)
    return clients[0]!
  }

  function mountFeed(): VueWrapper {
    wrapper = mount(ActivityFeed, {
      global: { provide: { [stompClientFactoryKey as symbol]: factory } },
    })
    return wrapper
  }

  function renderedIds(w: VueWrapper): (string | undefined)[] {
    return w.findAll('li.entry').map((li) => li.attributes('data-entry-id'))
  }

  beforeEach(() => {
    clients = []
    fetchMock = vi.fn<typeof fetch>()
    vi.stubGlobal('fetch', fetchMock)
  })

  afterEach(() => {
    wrapper?.unmount()
    wrapper = undefined
  })

  it('fetches the latest 50 entries and renders them newest first', async () => {
    fetchMock.mockResolvedValueOnce(
      jsonResponse([
        entry('b', '2026-11-26T07:00:00Z'),
        entry('c', '2026-11-26T07:05:00Z', { outcome: 'failed', message: 'GitLab unreachable' }),
        entry('a', '2026-11-26T06:55:00Z'),
      ]),
    )

    const w = mountFeed()
    expect(w.text()).toContain('Loading activity')
    await flushPromises()

    expect(fetchMock).toHaveBeenCalledTimes(1)
    expect(fetchMock.mock.calls[0]![0]).toBe('/api/activity?limit=50')
    expect(renderedIds(w)).toEqual(['c', 'b', 'a'])
    const first = w.find('li.entry')
    expect(first.find('.entry__type').text()).toBe('InstanceChecked')
    expect(first.find('.entry__outcome').text()).toBe('failed')
    expect(first.find('.entry__message').text()).toBe('GitLab unreachable')
    expect(first.find('time').attributes('datetime')).toBe('2026-11-26T07:05:00Z')
    expect(w.find('[data-testid="error"]').exists()).toBe(false)
  })

  it('connects to /ws on the page host and subscribes to /topic/activity', async () => {
    fetchMock.mockResolvedValueOnce(jsonResponse([]))
    const w = mountFeed()
    await flushPromises()

    const client = onlyClient()
    expect(client.active).toBe(true)
    expect(client.config.brokerURL).toBe(`ws://${window.location.host}/ws`)
    expect(w.get('[data-testid="connection"]').text()).toBe('connecting')
    expect(w.text()).toContain('No activity yet.')

    client.connect()
    await flushPromises()

    expect([...client.subscriptions.keys()]).toEqual(['/topic/activity'])
    expect(w.get('[data-testid="connection"]').text()).toBe('connected')
  })

  it('prepends an entry delivered over STOMP and ignores a redelivery of the same id', async () => {
    fetchMock.mockResolvedValueOnce(
      jsonResponse([entry('old-2', '2026-11-26T06:59:00Z'), entry('old-1', '2026-11-26T06:58:00Z')]),
    )
    const w = mountFeed()
    await flushPromises()
    const client = onlyClient()
    client.connect()

    const live = entry('live-1', '2026-11-26T07:00:00Z', {
      message: 'GitLab 17.8.2-ee reachable as root',
    })
    client.deliver('/topic/activity', JSON.stringify(live))
    await flushPromises()

    expect(renderedIds(w)).toEqual(['live-1', 'old-2', 'old-1'])
    expect(w.find('li.entry .entry__message').text()).toBe('GitLab 17.8.2-ee reachable as root')

    client.deliver('/topic/activity', JSON.stringify(live))
    await flushPromises()
    expect(renderedIds(w)).toEqual(['live-1', 'old-2', 'old-1'])
  })

  it('skips a malformed message and keeps the feed', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
    fetchMock.mockResolvedValueOnce(jsonResponse([entry('a', '2026-11-26T07:00:00Z')]))
    const w = mountFeed()
    await flushPromises()
    const client = onlyClient()
    client.connect()

    client.deliver('/topic/activity', 'not json')
    client.deliver('/topic/activity', JSON.stringify({ id: 'x', type: 'InstanceChecked' }))
    await flushPromises()

    expect(renderedIds(w)).toEqual(['a'])
    expect(warn).toHaveBeenCalledTimes(2)
  })

  it('shows an error when the fetch fails, still shows live entries, and recovers on retry', async () => {
    fetchMock.mockResolvedValueOnce(jsonResponse({ error: 'boom' }, 500))
    const w = mountFeed()
    await flushPromises()

    const alert = w.get('[data-testid="error"]')
    expect(alert.attributes('role')).toBe('alert')
    expect(alert.text()).toContain('Could not load recent activity: the server answered HTTP 500')
    expect(w.find('li.entry').exists()).toBe(false)

    const client = onlyClient()
    client.connect()
    client.deliver('/topic/activity', JSON.stringify(entry('live', '2026-11-26T07:10:00Z')))
    await flushPromises()
    expect(renderedIds(w)).toEqual(['live'])

    fetchMock.mockResolvedValueOnce(jsonResponse([entry('a', '2026-11-26T07:00:00Z')]))
    await w.get('[data-testid="error"] button').trigger('click')
    await flushPromises()

    expect(w.find('[data-testid="error"]').exists()).toBe(false)
    expect(renderedIds(w)).toEqual(['live', 'a'])
  })

  it('shows an error when the network request itself fails', async () => {
    fetchMock.mockRejectedValueOnce(new TypeError('Failed to fetch'))
    const w = mountFeed()
    await flushPromises()

    expect(w.get('[data-testid="error"]').text()).toContain(
      'Could not load recent activity: Failed to fetch',
    )
  })

  it('shows reconnecting after the socket drops, then resubscribes and catches up over REST', async () => {
    fetchMock.mockResolvedValueOnce(jsonResponse([entry('a', '2026-11-26T07:00:00Z')]))
    const w = mountFeed()
    await flushPromises()
    const client = onlyClient()
    client.connect()
    await flushPromises()

    client.dropSocket()
    await flushPromises()
    expect(w.get('[data-testid="connection"]').text()).toBe('reconnecting')
    expect(w.get('[data-testid="connection"]').classes()).toContain('connection--reconnecting')

    fetchMock.mockResolvedValueOnce(
      jsonResponse([entry('missed', '2026-11-26T07:01:00Z'), entry('a', '2026-11-26T07:00:00Z')]),
    )
    client.connect()
    await flushPromises()

    expect(w.get('[data-testid="connection"]').text()).toBe('connected')
    expect([...client.subscriptions.keys()]).toEqual(['/topic/activity'])
    expect(fetchMock).toHaveBeenCalledTimes(2)
    expect(renderedIds(w)).toEqual(['missed', 'a'])
  })

  it('deactivates its STOMP client when unmounted', async () => {
    fetchMock.mockResolvedValueOnce(jsonResponse([]))
    const w = mountFeed()
    await flushPromises()
    const client = onlyClient()
    client.connect()

    w.unmount()
    wrapper = undefined

    expect(client.deactivated).toBe(true)
    expect(client.active).toBe(false)
  })
})

describe('brokerUrl', () => {
  it('uses ws: for http pages and wss: for https pages, on the same host', () => {
    expect(brokerUrl({ protocol: 'http:', host: 'localhost:8080' })).toBe('ws://localhost:8080/ws')
    expect(brokerUrl({ protocol: 'https:', host: 'mirrors.example.com' })).toBe(
      'wss://mirrors.example.com/ws',
    )
  })
})
