import { flushPromises } from '@vue/test-utils'
import { afterEach, describe, expect, it } from 'vitest'

import { button, errorUnder, set } from '@/test/dom'
import { json, problem, routeFetch } from '@/test/fetchRouter'
import { mountApp } from '@/test/mountApp'

import ApiTokensView from './ApiTokensView.vue'
import type { ApiToken } from './types'

describe('ApiTokensView', () => {
  afterEach(() => {
    document.body.innerHTML = ''
  })

  it('shows a new token once, lists tokens by their first characters and revokes', async () => {
    let tokens: ApiToken[] = []
    routeFetch({
      'GET /api/users/me/tokens': () => json(tokens),
      'POST /api/users/me/tokens': () => {
        tokens = [{ id: 't1', name: 'ci', prefix: 'mmt_AbCd', created_at: '2026-12-07T01:00:00Z' }]
        return json({ ...tokens[0], token: 'mmt_AbCdEfGhIjKlMnOpQrStUvWxYz0123456789abcdefg' }, 201)
      },
      'DELETE /api/users/me/tokens/t1': () => {
        tokens = []
        return json({ status: 'deleted' })
      },
    })
    await mountApp(ApiTokensView, { path: '/api-tokens', attachTo: document.body })
    await flushPromises()
    expect(document.body.textContent).toContain('You have no API tokens.')

    await set('Token name', 'ci')
    button('Create token').click()
    await flushPromises()

    expect(document.querySelector('[data-testid=new-token]')?.textContent).toBe(
      'mmt_AbCdEfGhIjKlMnOpQrStUvWxYz0123456789abcdefg',
    )
    const row = document.querySelector('tbody tr')!
    expect(row.textContent).toContain('mmt_AbCd…')
    expect(row.textContent).not.toContain('EfGh')
  })

  it('changes the own password, showing a wrong current one under its field', async () => {
    const { calls } = routeFetch({
      'GET /api/users/me/tokens': () => json([]),
      'PUT /api/users/me/password': (_url, init) =>
        JSON.parse(String(init?.body)).current_password === 'right-one'
          ? json({ username: 'u', role: 'viewer', source: 'local', created_at: null, updated_at: null })
          : problem(422, [{ field: 'current_password', message: 'is not your current password' }]),
    })
    await mountApp(ApiTokensView, { path: '/api-tokens', attachTo: document.body })
    await flushPromises()

    await set('Current password', 'wrong')
    await set('New password', 'brand-new-password')
    button('Change password').click()
    await flushPromises()
    expect(errorUnder('Current password')).toBe('is not your current password')

    await set('Current password', 'right-one')
    button('Change password').click()
    await flushPromises()
    expect(calls.filter((c) => c.method === 'PUT').at(-1)?.body).toEqual({
      current_password: 'right-one',
      password: 'brand-new-password',
    })
    expect(errorUnder('Current password')).toBeNull()
  })
})
