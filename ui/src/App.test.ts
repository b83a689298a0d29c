import { flushPromises } from '@vue/test-utils'
import { afterEach, describe, expect, it } from 'vitest'

import { setCsrfToken } from '@/lib/http'
import { useSession, type Me } from '@/lib/session'
import { json, routeFetch } from '@/test/fetchRouter'
import { mountApp } from '@/test/mountApp'

import App from './App.vue'
import { navigation, routes } from './router'

function me(role: 'admin' | 'viewer', permissions: string[]): Me {
  return { username: role, role, permissions, method: 'session', auth_enabled: true, csrf_token: 't' }
}

let unmount: (() => void) | undefined

async function shellAs(user: Me): Promise<HTMLElement> {
  routeFetch({ 'GET /api/schedules': () => json([]) })
  const { wrapper } = await mountApp(App, { path: '/schedules', attachTo: document.body })
  unmount = () => wrapper.unmount()
  useSession().me = user
  await flushPromises()
  return document.querySelector<HTMLElement>('nav[aria-label=Main]')!
}

function groupsOf(nav: HTMLElement): [string, string[]][] {
  return [...nav.querySelectorAll('ul')].map((list) => [
    document.getElementById(list.getAttribute('aria-labelledby')!)!.textContent!.trim(),
    [...list.querySelectorAll('li > a')].map((a) => a.textContent!.trim()),
  ])
}

describe('the side navigation', () => {
  afterEach(() => {
    unmount?.()
    setCsrfToken(null)
    document.body.innerHTML = ''
  })

  it('names only routes that exist, each once', () => {
    const names = navigation.flatMap((group) => group.items.map((item) => item.name))
    expect(new Set(names).size).toBe(names.length)
    expect(names.filter((name) => !routes.some((route) => route.name === name))).toEqual([])
  })

  it('shows an admin every entry under a heading naming each list, the current page marked', async () => {
    const nav = await shellAs(me('admin', ['read', 'write', 'users', 'backup']))

    expect([...nav.querySelectorAll('h2')].map((h) => h.textContent)).toEqual([
      'Estate',
      'Configuration',
      'Operations',
      'Admin',
    ])
    expect(groupsOf(nav)).toEqual([
      ['Estate', ['Dashboard', 'Mirrors', 'Topology']],
      ['Configuration', ['Instances', 'Pairs', 'Group settings']],
      ['Operations', ['Activity', 'Import/Export', 'Batches', 'Jobs', 'Schedules', 'Notifications']],
      ['Admin', ['Users', 'Backup', 'Move from the original']],
    ])
    const current = nav.querySelectorAll('[aria-current=page]')
    expect([...current].map((a) => a.getAttribute('href'))).toEqual(['/schedules'])
  })

  it('leaves out what a viewer may not open, and a group left empty', async () => {
    const nav = await shellAs(me('viewer', ['read']))

    const groups = groupsOf(nav)
    expect(groups.map(([heading]) => heading)).toEqual(['Estate', 'Configuration', 'Operations'])
    expect(groups.flatMap(([, labels]) => labels)).not.toContain('Users')
    expect(nav.textContent).not.toContain('Admin')
  })
})
