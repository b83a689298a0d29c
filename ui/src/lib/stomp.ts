import { Client, type StompConfig } from '@stomp/stompjs'
import type { InjectionKey } from 'vue'

/** The part of a @stomp/stompjs {@link Client} that the UI uses; lets tests substitute a fake. */
export type StompClientLike = Pick<Client, 'activate' | 'deactivate' | 'subscribe'> & {
  reconnectDelay: number
}

export type StompClientFactory = (config: StompConfig) => StompClientLike

/** Production factory: a real @stomp/stompjs client over the browser's native WebSocket. */
export const createStompClient: StompClientFactory = (config) => new Client(config)

/** Provide a different {@link StompClientFactory} under this key (tests do). */
export const stompClientFactoryKey: InjectionKey<StompClientFactory> = Symbol('stompClientFactory')

/**
 * The STOMP endpoint on the host that served the page: `ws://host/ws`, or `wss://host/ws`
 * when the page came over HTTPS.
 */
export function brokerUrl(
  location: Pick<Location, 'protocol' | 'host'> = window.location,
  path = '/ws',
): string {
  const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:'
  return `${scheme}//${location.host}${path}`
}
