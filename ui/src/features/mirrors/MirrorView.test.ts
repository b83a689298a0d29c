import { flushPromises } from '@vue/test-utils'
import { afterEach, describe, expect, it } from 'vitest'

import { json, routeFetch } from '@/test/fetchRouter'
import { mountApp } from '@/test/mountApp'

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
