import assert from 'node:assert/strict'
import { describe, it } from 'node:test'

import { api, password, unique, useBrowser, username, withPage } from './support.mjs'

const { newPage } = useBrowser()

describe('users and roles', () => {
  it('signs in through the sign-in page and comes back to the page asked for', () =>
    withPage(
      newPage,
      'sign-in',
      async (page) => {
        await page.goto('/mirrors?status=failed')
        await page.getByLabel('User name').waitFor()
        assert.match(page.url(), /\/sign-in\?redirect=/)

        await page.getByLabel('User name').fill(username)
        await page.getByLabel('Password').fill('not-the-password')
        await page.getByRole('button', { name: 'Sign in' }).click()
        await page.getByRole('alert').filter({ hasText: 'Wrong user name or password' }).waitFor()

        await page.getByLabel('Password').fill(password)
        await page.getByRole('button', { name: 'Sign in' }).click()
        await page.getByRole('heading', { level: 1, name: 'Mirrors' }).waitFor()
        assert.match(page.url(), /\/mirrors\?status=failed/)
        await page.getByRole('status').filter({ hasText: 'Live' }).waitFor()

        await page.getByRole('button', { name: 'Sign out' }).click()
        await page.getByLabel('User name').waitFor()
        await page.goto('/pairs')
        await page.getByLabel('User name').waitFor()
        assert.deepEqual(page.pageErrors, [])
      },
      { signedIn: false },
    ))

  it('shows a viewer no buttons that change things, and no Users page', async () => {
    const viewer = { username: unique('viewer'), password: 'viewer-password' }
    await api('POST', '/api/users', { ...viewer, role: 'viewer' })
    await withPage(
      newPage,
      'viewer',
      async (page) => {
        await page.goto('/instances')
        await page.getByRole('heading', { level: 1, name: 'Instances' }).waitFor()
        await page.locator('tbody tr').first().waitFor()
        assert.equal(await page.getByRole('button', { name: 'Add instance' }).count(), 0)
        assert.equal(await page.getByRole('button', { name: /^Delete / }).count(), 0)

        await page.goto('/mirrors')
        await page.getByRole('heading', { level: 1, name: 'Mirrors' }).waitFor()
        await page.locator('tbody tr').first().waitFor()
        assert.equal(await page.getByRole('button', { name: 'Create mirror' }).count(), 0)
        assert.equal(await page.getByRole('button', { name: /^Sync / }).count(), 0)

        const nav = page.getByRole('navigation', { name: 'Main' })
        assert.equal(await nav.getByRole('link', { name: 'Users' }).count(), 0)
        await page.goto('/users')
        await page.getByRole('heading', { level: 1, name: 'Dashboard' }).waitFor()
        assert.deepEqual(page.pageErrors, [])
      },
      { as: viewer },
    )
  })

  it('lets an admin add a user on the Users page, and a user create an API token shown once', () =>
    withPage(newPage, 'users-page', async (page) => {
      const name = unique('ops')
      await page.goto('/users')
      await page.getByRole('heading', { level: 1, name: 'Users' }).waitFor()
      await page.getByRole('button', { name: 'Add user' }).click()
      await page.getByLabel('User name').fill(name)
      await page.getByLabel('Password', { exact: true }).fill('operator-password')
      await page.getByLabel('Role', { exact: true }).selectOption('operator')
      await page.locator('button[form=add-user-form]').click()
      await page.locator(`tr[data-username="${name}"]`).waitFor()
      const users = await api('GET', '/api/users')
      assert.equal(users.find((u) => u.username === name)?.role, 'operator')

      await page.getByRole('link', { name: 'API tokens' }).click()
      await page.getByRole('heading', { level: 1, name: 'API tokens' }).waitFor()
      await page.getByLabel('Token name').fill(unique('ci'))
      await page.getByRole('button', { name: 'Create token' }).click()
      const token = (await page.getByTestId('new-token').textContent()).trim()
      assert.match(token, /^mmt_/)
      const me = await fetch(new URL('/api/auth/me', page.url()), { headers: { Authorization: `Bearer ${token}` } })
      assert.equal((await me.json()).username, username)
      await page.reload()
      await page.getByRole('heading', { level: 1, name: 'API tokens' }).waitFor()
      assert.equal(await page.getByText(token).count(), 0, 'shown once')
      assert.deepEqual(page.pageErrors, [])
    }))
})
