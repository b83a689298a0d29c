import type { IFrame, IMessage, messageCallbackType, StompConfig, StompSubscription } from '@stomp/stompjs'

import type { StompClientFactory, StompClientLike } from '@/lib/stomp'

/** Stands in for @stomp/stompjs' Client in tests: records calls and lets a test play the broker. */
export class FakeStompClient implements StompClientLike {
  active = false
  reconnectDelay = 0
  deactivated = false
  readonly subscriptions = new Map<string, messageCallbackType[]>()

  constructor(readonly config: StompConfig) {
    this.reconnectDelay = config.reconnectDelay ?? 0
  }

  activate(): void {
    this.active = true
  }

  async deactivate(): Promise<void> {
    this.active = false
    this.deactivated = true
  }

  subscribe(destination: string, callback: messageCallbackType): StompSubscription {
    const list = this.subscriptions.get(destination) ?? []
    list.push(callback)
    this.subscriptions.set(destination, list)
    return {
      id: `sub-${destination}-${list.length}`,
      unsubscribe: () => {
        const rest = (this.subscriptions.get(destination) ?? []).filter((c) => c !== callback)
        if (rest.length === 0) this.subscriptions.delete(destination)
        else this.subscriptions.set(destination, rest)
      },
    }
  }

  /** The broker accepted the connection (CONNECTED frame); subscriptions start afresh, as on a real socket. */
  connect(): void {
    this.subscriptions.clear()
    this.config.onConnect?.({ command: 'CONNECTED', headers: {} } as IFrame)
  }

  /** The WebSocket closed; the real client would now schedule a reconnect. */
  dropSocket(): void {
    this.config.onWebSocketClose?.(new Event('close') as CloseEvent)
  }

  /** The broker sends a MESSAGE frame on `destination` (a JSON body unless a string is given). */
  deliver(destination: string, body: unknown): void {
    const callbacks = this.subscriptions.get(destination)
    if (!callbacks?.length) throw new Error(`nothing subscribed to ${destination}`)
    const text = typeof body === 'string' ? body : JSON.stringify(body)
    for (const callback of callbacks) callback({ body: text, headers: { destination } } as unknown as IMessage)
  }
}

/** A factory that records every client it makes; `clients[0]` is the app's one connection. */
export function fakeStompFactory(): { factory: StompClientFactory; clients: FakeStompClient[] } {
  const clients: FakeStompClient[] = []
  return {
    clients,
    factory: (config) => {
      const client = new FakeStompClient(config)
      clients.push(client)
      return client
    },
  }
}

export function jsonResponse(body: unknown, status = 200, contentType = 'application/json'): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': contentType } })
}
