import { createPinia, setActivePinia } from 'pinia'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createMemoryHistory, createRouter } from 'vue-router'

import { setCsrfToken } from '@/lib/http'
import { json, routeFetch } from '@/test/fetchRouter'
import { routes } from '@/router'

import { installSessionGuard } from './guard'

const VIEWER = { username: 'v', role: 'viewer', permissions: ['read'], method: 'session', auth_enabled: true, csrf_token: 't' }

function router() {
  const r = createRouter({ history: createMemoryHistory(), routes })
  installSessionGuard(r)
  return r
}

describe('the session guard', () => {
  beforeEach(() => setActivePinia(createPinia()))
  afterEach(() => setCsrfToken(null))

  it('sends a visitor who is not signed in to the sign-in page, remembering where they were going', async () => {
    routeFetch({ 'GET /api/auth/me': () => json({ status: 401, title: 'Unauthorized', detail: 'You are not signed in.' }, 401) })
    const r = router()

    await r.push('/not-a-page?x=1')

    expect(r.currentRoute.value.name).toBe('sign-in')
    expect(r.currentRoute.value.query.redirect).toBe('/not-a-page?x=1')
  })

  it('keeps a page out of reach of a role that may not use it, and asks who is signed in once', async () => {
    const { calls } = routeFetch({ 'GET /api/auth/me': () => json(VIEWER) })
    const r = router()

    await r.push('/users')
    expect(r.currentRoute.value.name).toBe('dashboard')
    await r.push('/not-a-page')
    expect(r.currentRoute.value.name).toBe('not-found')
    expect(calls.filter((c) => c.url.pathname === '/api/auth/me')).toHaveLength(1)
  })
})
