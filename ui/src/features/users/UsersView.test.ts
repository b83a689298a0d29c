import { flushPromises } from '@vue/test-utils'
import { afterEach, describe, expect, it } from 'vitest'

import { useConfirm } from '@/lib/confirm'
import { button, errorUnder, set } from '@/test/dom'
import { json, problem, routeFetch } from '@/test/fetchRouter'
import { mountApp } from '@/test/mountApp'

import UsersView from './UsersView.vue'
import type { User } from './types'

function user(username: string, role: User['role'], source = 'local'): User {
  return { username, role, source, created_at: '2026-12-07T01:00:00Z', updated_at: '2026-12-07T01:00:00Z' }
}

describe('UsersView', () => {
  afterEach(() => {
    document.body.innerHTML = ''
  })

  it('lists users, adds one and shows the server refusing a field', async () => {
    let list = [user('admin', 'admin'), user('carol', 'operator', 'oidc')]
    const { calls } = routeFetch({
      'GET /api/users': () => json(list),
      'POST /api/users': (_url, init) => {
        const body = JSON.parse(String(init?.body)) as { username: string; role: User['role'] }
        if (body.username === 'taken') return problem(409, [{ field: 'username', message: 'a user named taken already exists' }])
        list = [...list, user(body.username, body.role)]
        return json(list.at(-1), 201)
      },
    })
    await mountApp(UsersView, { path: '/users', attachTo: document.body })
    await flushPromises()

    expect(document.querySelector('[data-username=carol]')?.textContent).toContain('single sign-on')
    expect(document.querySelector('[aria-label="Reset password of carol"]')).toBeNull()

    button('Add user').click()
    await flushPromises()
    await set('User name', 'taken')
    await set('Password', 'long-enough')
    document.querySelector<HTMLButtonElement>('button[form=add-user-form]')!.click()
    await flushPromises()
    expect(errorUnder('User name')).toBe('a user named taken already exists')

    await set('User name', 'dave')
    await set('Role', 'operator')
    document.querySelector<HTMLButtonElement>('button[form=add-user-form]')!.click()
    await flushPromises()

    expect(calls.filter((c) => c.method === 'POST').at(-1)?.body).toEqual({
      username: 'dave',
      password: 'long-enough',
      role: 'operator',
    })
    expect(document.querySelector('[data-username=dave]')).not.toBeNull()
  })

  it('changes a role at once and deletes after confirmation', async () => {
    const { calls } = routeFetch({
      'GET /api/users': () => json([user('admin', 'admin'), user('bob', 'viewer')]),
      'PUT /api/users/bob/role': () => json(user('bob', 'operator')),
      'DELETE /api/users/bob': () => json({ status: 'deleted' }),
    })
    await mountApp(UsersView, { path: '/users', attachTo: document.body })
    await flushPromises()

    const select = document.querySelector<HTMLSelectElement>('[aria-label="Role of bob"]')!
    select.value = 'operator'
    select.dispatchEvent(new Event('change'))
    await flushPromises()
    expect(calls.find((c) => c.method === 'PUT')?.body).toEqual({ role: 'operator' })

    document.querySelector<HTMLButtonElement>('[aria-label="Delete bob"]')!.click()
    await flushPromises()
    const confirm = useConfirm()
    expect(confirm.pending?.title).toBe('Delete bob?')
    confirm.answer(true)
    await flushPromises()
    expect(calls.some((c) => c.method === 'DELETE' && c.url.pathname === '/api/users/bob')).toBe(true)
  })
})
