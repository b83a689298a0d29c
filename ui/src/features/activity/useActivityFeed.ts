import type { IMessage } from '@stomp/stompjs'
import { hasInjectionContext, inject, onScopeDispose, ref, shallowRef, type Ref } from 'vue'

import { brokerUrl, createStompClient, stompClientFactoryKey, type StompClientFactory } from '@/lib/stomp'

import { ACTIVITY_TOPIC, DEFAULT_ACTIVITY_LIMIT, fetchRecentActivity } from './api'
import { newestFirst, parseActivityEntry, type ActivityEntry } from './types'

/** `connecting` until the first STOMP CONNECTED frame; `reconnecting` after the socket dropped. */
export type ConnectionState = 'connecting' | 'connected' | 'reconnecting'

export interface UseActivityFeedOptions {
  /** How many entries to fetch from the REST API (default 50). */
  limit?: number
  /** Upper bound of entries kept in memory; older ones are dropped (default 500). */
  maxEntries?: number
  /** STOMP endpoint; defaults to `/ws` on the page's own host. */
  brokerURL?: string
  /** Delay before reconnecting after the socket closed (default 5000 ms). */
  reconnectDelayMs?: number
  /** Overrides the injected (or default @stomp/stompjs) client factory. */
  createClient?: StompClientFactory
}

export interface ActivityFeed {
  /** Entries, newest first, without duplicates. */
  data: Readonly<Ref<readonly ActivityEntry[]>>
  loading: Readonly<Ref<boolean>>
  error: Readonly<Ref<string | null>>
  connection: Readonly<Ref<ConnectionState>>
  /** Fetches the latest entries again and merges them in. */
  refresh: () => Promise<void>
  /** Handles one STOMP message from {@link ACTIVITY_TOPIC}; the subscription calls it. */
  handleMessage: (message: IMessage) => void
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}

/**
 * The live activity log: loads the latest entries over REST, then keeps them current through
 * the `/topic/activity` STOMP subscription. Must be called inside a component's setup (or an
 * effect scope): the STOMP client is deactivated and a pending fetch aborted when it is disposed.
 */
export function useActivityFeed(options: UseActivityFeedOptions = {}): ActivityFeed {
  const limit = options.limit ?? DEFAULT_ACTIVITY_LIMIT
  const maxEntries = options.maxEntries ?? 500
  const createClient =
    options.createClient ??
    (hasInjectionContext() ? inject(stompClientFactoryKey, createStompClient) : createStompClient)

  const data = shallowRef<readonly ActivityEntry[]>([])
  const loading = ref(false)
  const error = ref<string | null>(null)
  const connection = ref<ConnectionState>('connecting')

  let disposed = false
  let hasConnected = false
  let pendingFetch: AbortController | null = null

  /** Adds entries, replacing ones with the same id; on equal timestamps the incoming come first. */
  function merge(incoming: readonly ActivityEntry[]): void {
    const incomingIds = new Set(incoming.map((entry) => entry.id))
    const kept = data.value.filter((entry) => !incomingIds.has(entry.id))
    data.value = [...incoming, ...kept].sort(newestFirst).slice(0, maxEntries)
  }

  async function refresh(): Promise<void> {
    pendingFetch?.abort()
    const controller = new AbortController()
    pendingFetch = controller
    loading.value = true
    try {
      const entries = await fetchRecentActivity(limit, controller.signal)
      if (controller.signal.aborted) return
      merge(entries)
      error.value = null
    } catch (cause) {
      if (controller.signal.aborted) return
      error.value = `Could not load recent activity: ${describe(cause)}`
    } finally {
      if (pendingFetch === controller) {
        pendingFetch = null
        loading.value = false
      }
    }
  }

  function handleMessage(message: IMessage): void {
    let entry: ActivityEntry | null = null
    try {
      entry = parseActivityEntry(JSON.parse(message.body))
    } catch {
      // not JSON: reported below like any other malformed body
    }
    if (entry === null) {
      console.warn(`Ignoring malformed message on ${ACTIVITY_TOPIC}:`, message.body)
      return
    }
    merge([entry])
  }

  const client = createClient({
    brokerURL: options.brokerURL ?? brokerUrl(),
    reconnectDelay: options.reconnectDelayMs ?? 5000,
    heartbeatIncoming: 10000,
    heartbeatOutgoing: 10000,
    onConnect: () => {
      if (disposed) return
      connection.value = 'connected'
      // Subscriptions do not survive a reconnect: subscribe on every CONNECTED frame.
      client.subscribe(ACTIVITY_TOPIC, handleMessage)
      if (hasConnected) {
        // Entries broadcast while the socket was down were missed: catch up over REST.
        void refresh()
      }
      hasConnected = true
    },
    onWebSocketClose: () => {
      if (!disposed) connection.value = 'reconnecting'
    },
    onStompError: (frame) => {
      console.warn('STOMP error from the server:', frame.headers.message ?? frame.body)
    },
  })

  onScopeDispose(() => {
    disposed = true
    pendingFetch?.abort()
    void client.deactivate()
  })

  client.activate()
  void refresh()

  return { data, loading, error, connection, refresh, handleMessage }
}
