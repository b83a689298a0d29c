import { mount, type ComponentMountingOptions, type VueWrapper } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import type { Component } from 'vue'
import { createMemoryHistory, createRouter, type Router } from 'vue-router'

import { stompClientFactoryKey } from '@/lib/stomp'
import { routes } from '@/router'

import { fakeStompFactory, type FakeStompClient } from './fakeStomp'

export interface Mounted {
  wrapper: VueWrapper
  router: Router
  clients: FakeStompClient[]
}

/**
 * Mounts a component as the app would: a fresh Pinia, the app's routes in memory history at
 * `path`, and a fake STOMP factory (`clients[0]` is the shared connection once something subscribes).
 */
export async function mountApp(
  component: Component,
  options: { path?: string; props?: Record<string, unknown> } & Pick<ComponentMountingOptions<Component>, 'attachTo'> = {},
): Promise<Mounted> {
  const pinia = createPinia()
  setActivePinia(pinia)
  const router = createRouter({ history: createMemoryHistory(), routes })
  await router.push(options.path ?? '/')
  await router.isReady()
  const { factory, clients } = fakeStompFactory()
  const wrapper = mount(component, {
    props: options.props,
    attachTo: options.attachTo,
    global: { plugins: [pinia, router], provide: { [stompClientFactoryKey as symbol]: factory } },
  })
  return { wrapper, router, clients }
}
