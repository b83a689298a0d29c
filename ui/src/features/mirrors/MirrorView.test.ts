import { flushPromises } from '@vue/test-utils'
import { afterEach, describe, expect, it } from 'vitest'

import { json, routeFetch } from '@/test/fetchRouter'
import { mountApp } from '@/test/mountApp'
import { useSession } from '@/lib/session'

import MirrorView from './MirrorView.vue'
import { mirror } from './testFixtures'

describe('MirrorView token', () => {
  afterEach(() => {
    document.body.innerHTML = ''
  })

  it.each([
    ['7_days', 'expires within 7 days'],
    ['1_day', 'expires within 1 day'],
  ] as const)('shows the expiry warning level %s of the embedded token', async (level, text) => {
    routeFetch({
      'GET /api/mirrors/5': () =>
        json(mirror(5, { token_status: 'expiring_soon', token_warning: level, token_expires_at: '2026-12-12' })),
      'GET /api/pairs': () => json([]),
      'GET /api/activity': () => json([]),
    })
    await mountApp(MirrorView, { path: '/mirrors/5', props: { id: '5' }, attachTo: document.body })
    await flushPromises()

    expect(document.querySelector('[data-testid=token-warning]')?.textContent?.trim()).toBe(text)
  })

  it('shows no warning for a token far from expiry, and expired through the token status', async () => {
    routeFetch({
      'GET /api/mirrors/5': () => json(mirror(5, { token_status: 'expired', token_warning: 'expired' })),
      'GET /api/pairs': () => json([]),
      'GET /api/activity': () => json([]),
    })
    await mountApp(MirrorView, { path: '/mirrors/5', props: { id: '5' }, attachTo: document.body })
    await flushPromises()

    expect(document.querySelector('[data-testid=token-warning]')).toBeNull()
    expect(document.body.textContent).toContain('expired')
  })
})

describe('MirrorView resume', () => {
  afterEach(() => {
    document.body.innerHTML = ''
  })

  function resumeButton(): HTMLButtonElement | null {
    return document.querySelector<HTMLButtonElement>('button[aria-label^="Resume "]')
  }

  it('offers Resume for a mirror GitLab paused and asks the API to resume it', async () => {
    const { calls } = routeFetch({
      'GET /api/mirrors/5': () => json(mirror(5, { mirror_direction: 'pull', paused: true, last_update_status: 'failed' })),
      'GET /api/pairs': () => json([]),
      'GET /api/activity': () => json([]),
      'POST /api/mirrors/5/resume': () =>
        json({ status: 'resume_requested', command_id: 'c-1', status_url: '/api/commands/c-1' }, 202),
    })
    await mountApp(MirrorView, { path: '/mirrors/5', props: { id: '5' }, attachTo: document.body })
    await flushPromises()

    expect(document.body.textContent).toContain('paused by GitLab')
    resumeButton()!.click()
    await flushPromises()

    expect(calls.filter((c) => c.method === 'POST').map((c) => c.url.pathname)).toEqual(['/api/mirrors/5/resume'])
  })

  it('offers no Resume for a mirror that is not paused', async () => {
    routeFetch({
      'GET /api/mirrors/5': () => json(mirror(5, { paused: false })),
      'GET /api/pairs': () => json([]),
      'GET /api/activity': () => json([]),
    })
    await mountApp(MirrorView, { path: '/mirrors/5', props: { id: '5' }, attachTo: document.body })
    await flushPromises()

    expect(resumeButton()).toBeNull()
  })

  it('hides Resume from a viewer', async () => {
    routeFetch({
      'GET /api/mirrors/5': () => json(mirror(5, { paused: true })),
      'GET /api/pairs': () => json([]),
      'GET /api/activity': () => json([]),
    })
    await mountApp(MirrorView, { path: '/mirrors/5', props: { id: '5' }, attachTo: document.body })
    useSession().me = {
      username: 'v',
      role: 'viewer',
      permissions: ['read'],
      method: 'session',
      auth_enabled: true,
      csrf_token: null,
    }
    await flushPromises()

    expect(resumeButton()?.style.display).toBe('none')
  })
})
