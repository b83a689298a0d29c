import assert from 'node:assert/strict'
import { describe, it } from 'node:test'

import { api, eventually, unique, useBrowser, withPage } from './support.mjs'

const { newPage } = useBrowser()

/** The demo instance gitlab-a, whose API token the demo estate knows. */
async function gitlabA() {
  const instances = await api('GET', '/api/instances')
  return instances.find((i) => i.name === 'gitlab-a')
}

describe('configuration in the browser', () => {
  it('adds an instance: a bad token shows GitLab refusing it under the Token field, then a good one is added', () =>
    withPage(newPage, 'add-instance', async (page) => {
      const name = unique('e2e-instance')
      const { url } = await gitlabA()
      await page.goto('/instances')
      await page.getByRole('heading', { level: 1, name: 'Instances' }).waitFor()
      await page.getByRole('button', { name: 'Add instance' }).click()

      const dialog = page.getByRole('dialog', { name: 'Add instance' })
      await dialog.getByLabel('Name').fill(name)
      await dialog.getByLabel('URL').fill(url)
      await dialog.getByLabel('Token', { exact: true }).fill('this-token-does-not-exist-anywhere')
      await dialog.getByRole('button', { name: 'Add instance' }).click()

      const tokenField = dialog.locator('.field').filter({ has: page.getByLabel('Token', { exact: true }) })
      const error = tokenField.getByRole('alert')
      await error.waitFor()
      assert.match(await error.textContent(), /token/i)
      assert.equal(await dialog.getByLabel('Name').isVisible(), true, 'the dialog stays open on an error')

      await dialog.getByLabel('Token', { exact: true }).fill('demo-a-maestro-api-token')
      await dialog.getByRole('button', { name: 'Add instance' }).click()
      await dialog.waitFor({ state: 'hidden' })
      await page.getByRole('cell', { name, exact: true }).or(page.getByText(name, { exact: true })).first().waitFor()
      const stored = (await api('GET', '/api/instances')).find((i) => i.name === name)
      assert.ok(stored, 'the instance was stored')

      // delete it again through the UI, confirming in the styled dialog that lists the impact
      await page.getByRole('button', { name: `Delete ${name}` }).click()
      const confirm = page.getByRole('dialog', { name: `Delete instance ${name}?` })
      await confirm.waitFor()
      await confirm.getByRole('button', { name: 'Delete instance' }).click()
      await confirm.waitFor({ state: 'hidden' })
      await eventually(async () => !(await api('GET', '/api/instances')).some((i) => i.name === name), 'the delete')
    }))

  it('creates a pair and explores the settings a project would get, with where each comes from', () =>
    withPage(newPage, 'create-pair', async (page) => {
      const name = unique('e2e-pair')
      await page.goto('/pairs')
      await page.getByRole('button', { name: 'Add pair' }).click()
      const dialog = page.getByRole('dialog', { name: 'Add pair' })
      await dialog.getByLabel('Name').fill(name)
      await dialog.getByLabel('Direction').selectOption('push')
      await dialog.getByLabel('Source instance').selectOption({ label: 'gitlab-a' })
      await dialog.getByLabel('Target instance').selectOption({ label: 'gitlab-b' })
      await dialog.getByLabel('Overwrite diverged branches').check()
      await dialog.getByRole('button', { name: 'Create pair' }).click()
      await dialog.waitFor({ state: 'hidden' })

      await page.getByRole('link', { name, exact: true }).click()
      await page.getByRole('heading', { level: 1 }).filter({ hasText: name }).waitFor()
      const pair = (await api('GET', '/api/pairs')).find((p) => p.name === name)
      assert.equal(pair.mirror_direction, 'push')
      assert.equal(pair.mirror_overwrite_diverged, true)
      await api('DELETE', `/api/pairs/${pair.id}`)

      // the demo's push pair has a group default at platform/core
      const demoPush = (await api('GET', '/api/pairs')).find((p) => p.mirror_direction === 'push' && p.name.includes('gitlab-a'))
      await page.goto(`/pairs/${demoPush.id}`)
      await page.getByLabel('Source project path').fill('platform/core/api-gateway')
      await page.getByRole('button', { name: 'Show effective settings' }).click()
      const table = page.getByRole('table', { name: 'Effective settings' })
      await table.waitFor()
      await table.getByText('platform/core').first().waitFor()
      assert.match(page.url(), /source_project_path=platform%2Fcore%2Fapi-gateway|source_project_path=platform\/core\/api-gateway/)
    }))
})
