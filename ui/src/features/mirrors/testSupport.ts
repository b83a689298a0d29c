/** Test doubles shared by this feature's tests (not shipped: only *.test.ts files import it). */
import type { IFrame, IMessage, messageCallbackType, StompConfig, StompSubscription } from '@stomp/stompjs'
import { vi } from 'vitest'

import type { StompClientFactory, StompClientLike } from '@/lib/stomp'

import type { Mirror } from './types'

/** Stands in for @stomp/stompjs' Client: records subscriptions and lets a test play the broker. */
export class FakeStompClient implements StompClientLike {
  reconnectDelay = 0
  readonly subscriptions = new Map<string, messageCallbackType[]>()

  constructor(readonly config: StompConfig) {}

  activate(): void {}

  async deactivate(): Promise<void> {}

  subscribe(destination: string, callback: messageCallbackType): StompSubscription {
    this.subscriptions.set(destination, [...(this.subscriptions.get(destination) ?? []), callback])
    return {
      id: destination,
      unsubscribe: () =>
        this.subscriptions.set(destination, (this.subscriptions.get(destination) ?? []).filter((c) => c !== callback)),
    }
  }

  connect(): void {
    this.config.onConnect?.({ command: 'CONNECTED', headers: {} } as IFrame)
  }

  deliver(destination: string, body: unknown): void {
    const callbacks = this.subscriptions.get(destination) ?? []
    if (callbacks.length === 0) throw new Error(`nothing subscribed to ${destination}`)
    for (const callback of callbacks) callback({ body: JSON.stringify(body), headers: { destination } } as unknown as IMessage)
  }
}

export function fakeStomp(): { factory: StompClientFactory; clients: FakeStompClient[] } {
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

export function json(body: unknown, status = 200): Response {
  const type = status >= 400 ? 'application/problem+json' : 'application/json'
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': type } })
}

/** A fetch stub answering by `METHOD path` (path without the query); records every call. */
export function routeFetch(routes: Record<string, (url: URL, init?: RequestInit) => Response | Promise<Response>>) {
  const calls: { method: string; url: URL; body: unknown }[] = []
  const mock = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = new URL(String(input), 'http://localhost')
    const method = init?.method ?? 'GET'
    calls.push({ method, url, body: init?.body ? JSON.parse(String(init.body)) : undefined })
    const handler = routes[`${method} ${url.pathname}`]
    if (!handler) return json({ detail: `no route for ${method} ${url.pathname}` }, 404)
    return handler(url, init)
  })
  vi.stubGlobal('fetch', mock)
  return { mock, calls }
}

export function mirror(id: number, overrides: Partial<Mirror> = {}): Mirror {
  const path = `platform/core/service-${id}`
  return {
    id,
    instance_pair_id: 1,
    source_instance_id: 1,
    target_instance_id: 2,
    source_project_id: 1000 + id,
    source_project_path: path,
    target_project_id: 2000 + id,
    target_project_path: path,
    mirror_direction: 'push',
    mirror_protected_branches: null,
    mirror_overwrite_diverged: null,
    mirror_trigger_builds: null,
    only_mirror_protected_branches: null,
    mirror_branch_regex: null,
    mirror_user_id: null,
    effective_mirror_direction: 'push',
    effective_mirror_overwrite_diverged: false,
    effective_mirror_trigger_builds: null,
    effective_only_mirror_protected_branches: false,
    effective_mirror_branch_regex: null,
    effective_mirror_user_id: null,
    enabled: true,
    lifecycle: 'active',
    mirror_id: 5000 + id,
    last_update_status: 'finished',
    last_update_at: null,
    last_successful_update: null,
    last_error: null,
    last_checked_at: null,
    drift: [],
    stuck: false,
    orphaned: false,
    group_token_id: 1,
    token_expires_at: '2030-01-01',
    token_status: 'active',
    created_at: null,
    updated_at: null,
    ...overrides,
  }
}
