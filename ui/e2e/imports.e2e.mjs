import assert from 'node:assert/strict'
import { describe, it } from 'node:test'

import { SLOW, api, eventually, useBrowser, withPage } from './support.mjs'

const { newPage } = useBrowser()

/** A mirrors file in the original tool's format for bulk/project-<from> .. <from+count-1> (made by the JUnit runner). */
function mirrorsFile(from, count) {
  const mirrors = Array.from({ length: count }, (_, i) => {
    const path = `bulk/project-${String(from + i).padStart(3, '0')}`
    return { source_project_path: path, target_project_path: path }
  })
  return { name: `bulk-${from}.json`, mimeType: 'application/json', buffer: Buffer.from(JSON.stringify({ mirrors })) }
}

async function pushPair() {
  return (await api('GET', '/api/pairs')).find((p) => p.mirror_direction === 'push' && p.name.includes('gitlab-a'))
}

async function chooseFile(page, pair, file) {
  await page.goto('/import-export')
  await page.getByLabel('Pair to import into').selectOption(String(pair.id))
  await page.getByLabel('Mirrors file').setInputFiles(file)
}

describe('import in the browser', () => {
  it('imports a 200-line file and watches its progress reach the end, then lists each line', () =>
    withPage(newPage, 'import-200', async (page) => {
      const pair = await pushPair()
      await chooseFile(page, pair, mirrorsFile(0, 200))
      const start = page.getByRole('button', { name: 'Start import' })
      await start.waitFor()
      assert.equal(await start.isEnabled(), true, 'a valid file can start')
      await start.click()

      const bar = page.getByRole('progressbar', { name: 'Import progress' })
      await bar.waitFor()
      assert.match(page.url(), /batch=/)
      await page.waitForFunction(
        () => document.querySelector('[role="progressbar"][aria-label="Import progress"]')?.getAttribute('aria-valuenow') === '100',
        undefined,
        { timeout: SLOW },
      )
      const batchId = new URL(page.url()).searchParams.get('batch')
      const batch = await eventually(async () => {
        const answer = await api('GET', `/api/batches/${batchId}?lines_page_size=0`)
        return answer.batch.status === 'completed' && answer.batch
      }, 'the batch to complete')
      assert.equal(batch.total, 200)
      assert.equal(batch.succeeded + batch.skipped + batch.failed, 200)
      await page.getByLabel('Line status').waitFor()
      await page.getByRole('button', { name: 'Start another import' }).waitFor()
    }))

  it('cancels a second import: lines not yet started are cancelled', () =>
    withPage(newPage, 'import-cancel', async (page) => {
      const pair = await pushPair()
      await chooseFile(page, pair, mirrorsFile(200, 200))
      await page.getByRole('button', { name: 'Start import' }).click()
      await page.getByRole('progressbar', { name: 'Import progress' }).waitFor()
      await page.getByRole('button', { name: 'Cancel import' }).click()
      const confirm = page.getByRole('dialog')
      await confirm.getByRole('button', { name: 'Cancel import' }).click()

      const batchId = new URL(page.url()).searchParams.get('batch')
      const batch = await eventually(async () => {
        const answer = await api('GET', `/api/batches/${batchId}?lines_page_size=0`)
        return answer.batch.status === 'cancelled' && answer.batch
      }, 'the batch to be cancelled')
      assert.ok(batch.cancelled > 0, `some lines were cancelled: ${JSON.stringify(batch)}`)
      assert.equal(batch.succeeded + batch.skipped + batch.failed + batch.cancelled, 200)
      await page.getByText('cancelled', { exact: true }).first().waitFor({ timeout: SLOW })
    }))
})
