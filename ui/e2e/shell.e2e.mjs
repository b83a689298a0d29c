import assert from 'node:assert/strict'
import { describe, it } from 'node:test'

import { useBrowser, withPage } from './support.mjs'

const { newPage } = useBrowser()

describe('the app shell', () => {
  it('serves a deep link with its filters on reload, with the title following the view', () =>
    withPage(newPage, 'deep-link', async (page) => {
      await page.goto('/mirrors?status=failed&page_size=25')
      await page.getByRole('heading', { level: 1, name: 'Mirrors' }).waitFor()
      assert.equal(await page.title(), 'Mirrors · Mirror Maestro')
      await page.reload()
      await page.getByRole('heading', { level: 1, name: 'Mirrors' }).waitFor()
      assert.match(page.url(), /status=failed/)
      assert.match(page.url(), /page_size=25/)
      const status = page.getByLabel('Status', { exact: true })
      assert.equal(await status.inputValue(), 'failed')

      await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Pairs' }).click()
      await page.getByRole('heading', { level: 1, name: 'Pairs' }).waitFor()
      assert.equal(await page.title(), 'Pairs · Mirror Maestro')
      await page.goBack()
      await page.getByRole('heading', { level: 1, name: 'Mirrors' }).waitFor()
      assert.match(page.url(), /status=failed/)
      assert.deepEqual(page.pageErrors, [])
    }))

  it('follows the system colour scheme until the user toggles dark mode, then remembers it', () =>
    withPage(
      newPage,
      'dark-mode',
      async (page) => {
        await page.goto('/')
        const html = page.locator('html')
        await page.getByRole('heading', { level: 1, name: 'Dashboard' }).waitFor()
        assert.equal(await html.getAttribute('data-theme'), 'dark')

        await page.getByRole('button', { name: 'Dark mode' }).click()
        assert.equal(await html.getAttribute('data-theme'), 'light')
        const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor)
        await page.reload()
        await page.getByRole('heading', { level: 1, name: 'Dashboard' }).waitFor()
        assert.equal(await html.getAttribute('data-theme'), 'light')
        assert.equal(await page.evaluate(() => getComputedStyle(document.body).backgroundColor), background)

        await page.getByRole('button', { name: 'Dark mode' }).click()
        assert.equal(await html.getAttribute('data-theme'), 'dark')
        assert.notEqual(await page.evaluate(() => getComputedStyle(document.body).backgroundColor), background)
      },
      { colorScheme: 'dark' },
    ))

  it('shows the live connection indicator as connected', () =>
    withPage(newPage, 'live', async (page) => {
      await page.goto('/activity')
      await page.getByRole('status').filter({ hasText: 'Live' }).waitFor()
    }))
})
