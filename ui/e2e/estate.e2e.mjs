import assert from 'node:assert/strict'
import { describe, it } from 'node:test'

import { SLOW, api, eventually, useBrowser, withPage } from './support.mjs'

const { newPage } = useBrowser()

async function pushPair() {
  return (await api('GET', '/api/pairs')).find((p) => p.mirror_direction === 'push' && p.name.includes('gitlab-a'))
}

const failingCount = async (page) =>
  Number((await page.getByTestId('stat-failing').locator('.stat__value').textContent()).replace(/[^\d]/g, ''))

describe('estate views in the browser', () => {
  it('shows a new failure on the dashboard card without a reload', () =>
    withPage(newPage, 'dashboard-failure', async (page) => {
      await page.goto('/')
      await page.getByRole('heading', { level: 1, name: 'Dashboard' }).waitFor()
      await page.getByRole('region', { name: 'Estate' }).getByRole('link', { name: /Failing/ }).waitFor()
      const before = await failingCount(page)
      await page.evaluate(() => {
        window.__noReload = true
      })

      // a push into legacy/, whose token can only read: GitLab fails the sync
      const pair = await pushPair()
      await api('POST', '/api/mirrors', {
        instance_pair_id: pair.id,
        source_project_path: 'legacy/e2e-doomed',
        target_project_path: 'legacy/e2e-doomed',
      })
      await eventually(async () => {
        return (await failingCount(page)) === before + 1
      }, `the Failing card to go from ${before} to ${before + 1}`)
      assert.equal(await page.evaluate(() => window.__noReload), true)
      await page.getByRole('button', { name: 'Sync legacy/e2e-doomed' }).waitFor({ timeout: SLOW })
    }))

  it('opens a topology link, lists its mirrors worst first, and a row opens the mirror', () =>
    withPage(newPage, 'topology', async (page) => {
      await page.goto('/topology')
      await page.getByRole('heading', { level: 1, name: 'Topology' }).waitFor()
      await page.getByRole('img', { name: /Topology graph/ }).waitFor()
      // a click on a link of the graph (its mirror count, at the middle of the curve)
      await page.locator('.link-label').first().click()
      const row = page.getByRole('link', { name: /^Open mirror / }).first()
      await row.waitFor()
      const name = await row.getAttribute('aria-label') ?? (await row.textContent())
      await row.click()
      await page.waitForURL(/\/mirrors\/\d+/)
      await page.getByRole('heading', { level: 1 }).filter({ hasText: 'Mirror' }).waitFor()
      assert.ok(name.length > 0)
    }))

  it('finds a mirror with the global search (/ focuses it) and lands on it', () =>
    withPage(newPage, 'search', async (page) => {
      await page.goto('/pairs')
      await page.getByRole('heading', { level: 1, name: 'Pairs' }).waitFor()
      await page.keyboard.press('/')
      const box = page.getByRole('combobox', { name: 'Search' })
      assert.equal(await box.evaluate((el) => el === document.activeElement), true, '/ focused the search box')
      await page.keyboard.type('api-gateway')
      const result = page.getByRole('option', { name: /platform\/core\/api-gateway/ }).first()
      await result.waitFor()
      await result.click()
      await page.waitForURL(/\/mirrors\/\d+/)
      await page.getByRole('heading', { level: 1 }).filter({ hasText: 'platform/core/api-gateway' }).waitFor()
    }))
})
