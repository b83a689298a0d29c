import type { IMessage, StompSubscription } from '@stomp/stompjs'
import { defineStore } from 'pinia'
import { inject, onScopeDispose, ref } from 'vue'

import { brokerUrl, createStompClient, stompClientFactoryKey, type StompClientLike } from './stomp'

/** `connecting` until the first CONNECTED frame; `reconnecting` after the socket dropped. */
export type ConnectionState = 'connecting' | 'connected' | 'reconnecting'

export const FIRST_RECONNECT_DELAY_MS = 1000
export const MAX_RECONNECT_DELAY_MS = 30000

/** The next wait before reconnecting: doubles after every failed try, up to the maximum. */
export function nextReconnectDelay(current: number): number {
  return Math.min(Math.max(current, FIRST_RECONNECT_DELAY_MS) * 2, MAX_RECONNECT_DELAY_MS)
}

type Handler = (body: unknown, message: IMessage) => void

interface Listener {
  topic: string
  handler: Handler
  subscription: StompSubscription | null
}

/**
 * The one STOMP connection of the app. Views subscribe through it (see {@link useTopic});
 * subscriptions survive reconnects, and `onReconnect` callbacks let views fetch what they
 * missed while the socket was down. Reconnects back off exponentially up to 30 s.
 */
export const useLive = defineStore('live', () => {
  const factory = inject(stompClientFactoryKey, createStompClient)
  const state = ref<ConnectionState>('connecting')
  const listeners = new Map<number, Listener>()
  const reconnectHooks = new Set<() => void>()
  let nextId = 1
  let connectedOnce = false
  let client: StompClientLike | null = null

  function deliver(listener: Listener, message: IMessage): void {
    let body: unknown = message.body
    try {
      body = JSON.parse(message.body)
    } catch {
      // not JSON: handed over as text
    }
    listener.handler(body, message)
  }

  function attach(listener: Listener): void {
    if (client && state.value === 'connected') {
      listener.subscription = client.subscribe(listener.topic, (message) => deliver(listener, message))
    }
  }

  function start(): void {
    if (client) return
    const created = factory({
      brokerURL: brokerUrl(),
      reconnectDelay: FIRST_RECONNECT_DELAY_MS,
      heartbeatIncoming: 10000,
      heartbeatOutgoing: 10000,
      onConnect: () => {
        state.value = 'connected'
        created.reconnectDelay = FIRST_RECONNECT_DELAY_MS
        for (const listener of listeners.values()) attach(listener)
        if (connectedOnce) reconnectHooks.forEach((hook) => hook())
        connectedOnce = true
      },
      onWebSocketClose: () => {
        for (const listener of listeners.values()) listener.subscription = null
        if (client === null) return
        state.value = connectedOnce ? 'reconnecting' : 'connecting'
        created.reconnectDelay = nextReconnectDelay(created.reconnectDelay)
      },
      onStompError: (frame) => {
        console.warn('STOMP error from the server:', frame.headers.message ?? frame.body)
      },
    })
    client = created
    created.activate()
  }

  function subscribe(topic: string, handler: Handler): () => void {
    start()
    const id = nextId++
    const listener: Listener = { topic, handler, subscription: null }
    listeners.set(id, listener)
    attach(listener)
    return () => {
      listener.subscription?.unsubscribe()
      listeners.delete(id)
    }
  }

  function onReconnect(hook: () => void): () => void {
    reconnectHooks.add(hook)
    return () => reconnectHooks.delete(hook)
  }

  async function stop(): Promise<void> {
    const current = client
    client = null
    listeners.clear()
    await current?.deactivate()
  }

  return { state, start, subscribe, onReconnect, stop }
})

/**
 * Subscribes the calling component (or effect scope) to a topic for as long as it lives; the
 * optional `onReconnect` runs after the connection came back, to catch up over REST.
 */
export function useTopic(topic: string, handler: Handler, onReconnect?: () => void): void {
  const live = useLive()
  const unsubscribe = live.subscribe(topic, handler)
  const unhook = onReconnect ? live.onReconnect(onReconnect) : () => undefined
  onScopeDispose(() => {
    unsubscribe()
    unhook()
  })
}
