import { flushPromises } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { createApp, effectScope } from 'vue'
import { describe, expect, it } from 'vitest'

import { fakeStompFactory } from '@/test/fakeStomp'

import { FIRST_RECONNECT_DELAY_MS, MAX_RECONNECT_DELAY_MS, nextReconnectDelay, useLive, useTopic } from './live'
import { stompClientFactoryKey } from './stomp'

function liveStore() {
  const { factory, clients } = fakeStompFactory()
  const app = createApp({})
  const pinia = createPinia()
  app.use(pinia).provide(stompClientFactoryKey, factory)
  setActivePinia(pinia)
  const store = app.runWithContext(() => useLive())
  return { store, clients, app }
}

describe('the shared STOMP connection', () => {
  it('opens one connection for all subscribers and subscribes each once connected', async () => {
    const { store, clients, app } = liveStore()
    const seen: unknown[] = []
    const scope = effectScope()
    app.runWithContext(() => scope.run(() => {
      useTopic('/topic/a', (body) => seen.push(['a', body]))
      useTopic('/topic/b', (body) => seen.push(['b', body]))
    }))
    expect(clients).toHaveLength(1)
    expect(store.state).toBe('connecting')

    clients[0]!.connect()
    expect(store.state).toBe('connected')
    clients[0]!.deliver('/topic/a', { n: 1 })
    clients[0]!.deliver('/topic/b', 'plain text')
    expect(seen).toEqual([['a', { n: 1 }], ['b', 'plain text']])

    scope.stop()
    expect(clients[0]!.subscriptions.size).toBe(0)
  })

  it('resubscribes after a reconnect, runs catch-up hooks, and backs off exponentially meanwhile', async () => {
    const { store, clients, app } = liveStore()
    let caughtUp = 0
    const scope = effectScope()
    app.runWithContext(() => scope.run(() => useTopic('/topic/a', () => undefined, () => caughtUp++)))
    const client = clients[0]!
    client.connect()
    expect(caughtUp).toBe(0)

    client.dropSocket()
    expect(store.state).toBe('reconnecting')
    expect(client.reconnectDelay).toBe(2 * FIRST_RECONNECT_DELAY_MS)
    client.dropSocket()
    expect(client.reconnectDelay).toBe(4 * FIRST_RECONNECT_DELAY_MS)

    client.connect()
    await flushPromises()
    expect(store.state).toBe('connected')
    expect(caughtUp).toBe(1)
    expect(client.reconnectDelay).toBe(FIRST_RECONNECT_DELAY_MS)
    expect(client.subscriptions.has('/topic/a')).toBe(true)
    scope.stop()
  })

  it('caps the backoff', () => {
    let delay = FIRST_RECONNECT_DELAY_MS
    for (let i = 0; i < 20; i++) delay = nextReconnectDelay(delay)
    expect(delay).toBe(MAX_RECONNECT_DELAY_MS)
  })
})
