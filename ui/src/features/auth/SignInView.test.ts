import { flushPromises } from '@vue/test-utils'
import { afterEach, describe, expect, it, vi } from 'vitest'

import { request, setCsrfToken } from '@/lib/http'
import { useSession } from '@/lib/session'
import { button, set } from '@/test/dom'
import { json, routeFetch } from '@/test/fetchRouter'
import { mountApp } from '@/test/mountApp'

import { afterSignIn } from './guard'
import SignInView from './SignInView.vue'

const ADMIN = {
  username: 'admin',
  role: 'admin',
  permissions: ['read', 'write', 'users', 'backup'],
  method: 'session',
  auth_enabled: true,
  csrf_token: 'csrf-1',
}

describe('SignInView', () => {
  afterEach(() => {
    document.body.innerHTML = ''
    setCsrfToken(null)
  })

  it('signs in, goes back to the page asked for and sends the CSRF token with later writes', async () => {
    const { calls } = routeFetch({
      'GET /api/auth/options': () => json({ auth_enabled: true, oidc: false, oidc_login_url: null }),
      'POST /api/auth/login': () => json(ADMIN),
      'POST /api/instances': () => json({ id: 1 }, 201),
    })
    const { router } = await mountApp(SignInView, { path: '/sign-in?redirect=/activity', attachTo: document.body })
    await flushPromises()

    await set('User name', 'admin')
    await set('Password', 'changeme')
    button('Sign in').click()
    await flushPromises()

    expect(calls.find((c) => c.method === 'POST')?.body).toEqual({ username: 'admin', password: 'changeme' })
    expect(useSession().me?.role).toBe('admin')
    await vi.waitFor(() => expect(router.currentRoute.value.fullPath).toBe('/activity'), { timeout: 15_000 })
    expect(document.body.textContent).not.toContain('Sign in with SSO')

    await request('POST', '/api/instances', { body: {} })
    const init = (globalThis.fetch as unknown as { mock: { calls: [unknown, RequestInit][] } }).mock.calls.at(-1)![1]
    expect((init.headers as Record<string, string>)['X-CSRF-TOKEN']).toBe('csrf-1')
    expect((init.headers as Record<string, string>)['X-Requested-With']).toBe('XMLHttpRequest')
  })

  it('says so when the password is wrong, and offers single sign-on when it is set up', async () => {
    routeFetch({
      'GET /api/auth/options': () => json({ auth_enabled: true, oidc: true, oidc_login_url: '/oauth2/authorization/oidc' }),
      'POST /api/auth/login': () => json({ status: 401, title: 'Unauthorized', detail: 'wrong user name or password' }, 401),
    })
    const { router } = await mountApp(SignInView, { path: '/sign-in', attachTo: document.body })
    await flushPromises()

    await set('User name', 'admin')
    await set('Password', 'nope')
    button('Sign in').click()
    await flushPromises()

    expect(document.querySelector('[role=alert]')?.textContent).toContain('Wrong user name or password')
    expect(router.currentRoute.value.name).toBe('sign-in')
    const sso = [...document.querySelectorAll('a')].find((a) => a.textContent?.trim() === 'Sign in with SSO')
    expect(sso?.getAttribute('href')).toBe('/oauth2/authorization/oidc')
  })

  it('only goes back to pages of this site', () => {
    expect(afterSignIn('/pairs/3?x=1')).toBe('/pairs/3?x=1')
    expect(afterSignIn('//evil.example/')).toBe('/')
    expect(afterSignIn('https://evil.example/')).toBe('/')
    expect(afterSignIn(undefined)).toBe('/')
  })
})
