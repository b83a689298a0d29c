import assert from 'node:assert/strict'
import { describe, it } from 'node:test'

import { SLOW, api, eventually, useBrowser, withPage } from './support.mjs'

const { newPage } = useBrowser()

async function pushPair() {
  return (await api('GET', '/api/pairs')).find((p) => p.mirror_direction === 'push' && p.name.includes('gitlab-a'))
}

async function mirrorOf(pairId, path) {
  const page = await api('GET', `/api/mirrors?instance_pair_id=${pairId}&search=${encodeURIComponent(path)}&page_size=5`)
  return page.mirrors.find((m) => m.source_project_path === path)
}

/** Waits until a picker lists the results of this search only (not the list shown before typing). */
async function searched(page, query, highlighted = false) {
  await page.waitForFunction(
    ([q, needsActive]) => {
      const options = [...document.querySelectorAll('[role="option"]')]
      const settled = options.length > 0 && options.every((o) => o.textContent.includes(q)) && !document.body.textContent.includes('Searching…')
      return settled && (!needsActive || document.activeElement?.getAttribute('aria-activedescendant'))
    },
    [query, highlighted],
  )
}

/** Types into a project picker and takes the option with exactly this path. */
async function pick(dialog, label, path) {
  const box = dialog.getByRole('combobox', { name: label })
  await box.fill(path.slice(-12))
  await searched(dialog.page(), path.slice(-12))
  await dialog.getByRole('option', { name: path }).click()
}

describe('mirrors in the browser', () => {
  it('creates a push mirror with the project pickers, sees its first sync finish and a second one scheduled, live', () =>
    withPage(newPage, 'create-mirror', async (page) => {
      const pair = await pushPair()
      const path = 'bulk/picked-service'
      await page.goto(`/mirrors?instance_pair_id=${pair.id}&search=picked`)
      await page.getByRole('heading', { level: 1, name: 'Mirrors' }).waitFor()
      await page.evaluate(() => {
        window.__noReload = true
      })
      await page.getByRole('button', { name: 'Create mirror' }).click()
      const dialog = page.getByRole('dialog', { name: 'Create mirror' })
      await dialog.getByLabel('Pair').selectOption(String(pair.id))
      await pick(dialog, 'Source project', path)
      await pick(dialog, 'Target project', path)
      await dialog.getByRole('button', { name: 'Create mirror' }).click()
      await dialog.waitFor({ state: 'hidden' })

      const row = page.locator('tr', { has: page.getByRole('link', { name: path, exact: true }) })
      await row.waitFor()
      // the worker creates it in GitLab, triggers its first sync and reads back how it ended: the row follows live
      await row.getByText('active', { exact: true }).first().waitFor({ timeout: SLOW })
      await row.locator('.cell-status').getByText('finished', { exact: true }).waitFor({ timeout: SLOW })
      const created = await mirrorOf(pair.id, path)
      assert.equal(created.last_update_status, 'finished')

      // a sync inside GitLab's backoff window is queued by GitLab: the row shows it scheduled, without a reload
      await page.getByRole('button', { name: `Sync ${path}` }).click()
      await page.getByText(`Sync requested for ${path}`).waitFor()
      await row.locator('.cell-status').getByText('scheduled', { exact: true }).waitFor({ timeout: SLOW })
      const activity = await api('GET', `/api/activity?subject_id=mirror:${created.id}&limit=20`)
      assert.ok(activity.some((e) => e.command_type === 'SyncMirror' && e.outcome === 'succeeded'), 'the sync ran')
      assert.equal(await page.evaluate(() => window.__noReload), true, 'the page was not reloaded')
    }))

  it('edits an override and shows the new effective value with where it comes from', () =>
    withPage(newPage, 'edit-override', async (page) => {
      const pair = await pushPair()
      const mirror = await mirrorOf(pair.id, 'frontend/web-app')
      await page.goto(`/mirrors/${mirror.id}`)
      await page.getByRole('button', { name: 'Edit overrides frontend/web-app' }).click()
      const dialog = page.getByRole('dialog')
      const wanted = mirror.mirror_overwrite_diverged === true ? 'off' : 'on'
      await dialog.getByLabel('Overwrite diverged branches').selectOption(wanted)
      await dialog.getByRole('button', { name: 'Save overrides' }).click()
      await dialog.waitFor({ state: 'hidden' })

      const settings = page.getByRole('region', { name: 'Effective settings' }).or(page.locator('section', { has: page.getByRole('heading', { name: 'Effective settings' }) }))
      const row = settings.first().getByRole('row', { name: /Overwrite diverged branches/ })
      await eventually(async () => {
        const cells = await row.getByRole('cell').allTextContents()
        return cells[0]?.trim() === wanted && cells[1]?.trim() === wanted && cells[2]?.includes('this mirror')
      }, `the override ${wanted} to show as effective`)
      const stored = await api('GET', `/api/mirrors/${mirror.id}`)
      assert.equal(stored.mirror_overwrite_diverged, wanted === 'on')
    }))

  it('disables a filtered selection as a batch and follows its progress', () =>
    withPage(newPage, 'batch-disable', async (page) => {
      const pair = await pushPair()
      await page.goto(`/mirrors?instance_pair_id=${pair.id}&group_path=data`)
      const expected = (await api('GET', `/api/mirrors?instance_pair_id=${pair.id}&group_path=data&page_size=200`)).mirrors
      assert.ok(expected.length >= 3, 'the demo estate has mirrors under data/')
      await page.getByRole('link', { name: expected[0].source_project_path, exact: true }).waitFor()
      await page.getByRole('checkbox', { name: 'Select all mirrors on this page' }).check()
      const bar = page.getByRole('region', { name: 'Batch actions' })
      await bar.getByRole('button', { name: `Disable ${expected.length} selected mirrors` }).click()
      await page.getByRole('dialog').getByRole('button', { name: /Disable/ }).click()
      await page.getByRole('region', { name: 'Batch disable progress' }).waitFor()

      await eventually(async () => {
        const now = (await api('GET', `/api/mirrors?instance_pair_id=${pair.id}&group_path=data&page_size=200`)).mirrors
        return now.every((m) => m.enabled === false)
      }, 'every selected mirror to be disabled')
      const outside = (await api('GET', `/api/mirrors?instance_pair_id=${pair.id}&group_path=platform&enabled=false&page_size=200`)).mirrors
      assert.ok(outside.every((m) => m.source_project_path.startsWith('platform/observability/tracing')), 'nothing outside the filter was disabled')
      await page.getByRole('region', { name: 'Batch disable progress' }).getByText(/100\s*%|completed/).first().waitFor({ timeout: SLOW })
    }))

  it('runs the create-mirror dialog by keyboard alone: open, fill, submit; Esc closes and gives focus back', () =>
    withPage(newPage, 'keyboard', async (page) => {
      const pair = await pushPair()
      const path = 'bulk/keyboard-service'
      await page.goto('/mirrors')
      await page.getByRole('heading', { level: 1, name: 'Mirrors' }).waitFor()
      const focusedName = () => page.evaluate(() => (document.activeElement?.getAttribute('aria-label') ?? document.activeElement?.textContent ?? '').trim())
      const focusedId = () => page.evaluate(() => document.activeElement?.id ?? '')
      const tabUntil = async (reached, what, max = 60) => {
        for (let i = 0; i < max; i++) {
          if (await reached()) return
          await page.keyboard.press('Tab')
        }
        throw new Error(`Tab never reached ${what}`)
      }
      const tabTo = (name) => tabUntil(async () => (await focusedName()) === name, `"${name}"`)
      const tabToId = (id) => tabUntil(async () => (await focusedId()) === id, `#${id}`)

      await tabTo('Create mirror')
      await page.keyboard.press('Enter')
      const dialog = page.getByRole('dialog', { name: 'Create mirror' })
      await dialog.waitFor()
      assert.equal(await dialog.evaluate((d) => d.contains(document.activeElement)), true, 'focus moved into the dialog')
      await page.keyboard.press('Escape')
      await dialog.waitFor({ state: 'hidden' })
      assert.equal(await focusedName(), 'Create mirror', 'focus went back to the button that opened it')

      await page.keyboard.press('Enter')
      await dialog.waitFor()
      // focus stays trapped inside: many tabs later it is still in the dialog
      for (let i = 0; i < 25; i++) await page.keyboard.press('Tab')
      assert.equal(await dialog.evaluate((d) => d.contains(document.activeElement)), true, 'focus is trapped')

      await dialog.getByLabel('Pair').focus()
      const options = await dialog.getByLabel('Pair').locator('option').allTextContents()
      const steps = options.findIndex((o) => o.startsWith(pair.name))
      for (let i = 0; i < steps; i++) await page.keyboard.press('ArrowDown')
      assert.equal(await dialog.getByLabel('Pair').inputValue(), String(pair.id))
      await tabToId('cm-source')
      await page.keyboard.type('keyboard-serv')
      await searched(page, 'keyboard-serv', true) // the first match is highlighted: Enter takes it
      await page.keyboard.press('Enter')
      assert.equal(await dialog.getByRole('combobox', { name: 'Source project' }).inputValue(), path)
      await tabToId('cm-target') // past the source project's existing mirrors, if it lists any
      await page.keyboard.type('keyboard-serv')
      await searched(page, 'keyboard-serv', true) // the first match is highlighted: Enter takes it
      await page.keyboard.press('Enter')
      assert.equal(await dialog.getByRole('combobox', { name: 'Target project' }).inputValue(), path)
      await tabTo('Create mirror')
      assert.equal(await dialog.evaluate((d) => d.contains(document.activeElement)), true)
      await page.keyboard.press('Enter')
      await dialog.waitFor({ state: 'hidden' })
      const created = await eventually(() => mirrorOf(pair.id, path), 'the mirror to be stored')
      assert.equal(created.target_project_path, path)
    }))
})
