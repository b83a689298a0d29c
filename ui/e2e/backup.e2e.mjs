import assert from 'node:assert/strict'
import { describe, it } from 'node:test'

import { useBrowser, withPage } from './support.mjs'

const { newPage } = useBrowser()

const PASSPHRASE = 'browser scenario passphrase'

// Only the dry run: restoring into the demo estate the other scenarios work on would change it under them
// (the round trip with a restore is BackupRestoreEndToEndTest's).
describe('backup', () => {
  it('downloads a backup, checks it in a dry run and refuses a wrong passphrase', () =>
    withPage(newPage, 'backup', async (page) => {
      await page.goto('/')
      await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Backup' }).click()
      await page.getByRole('heading', { level: 1, name: 'Backup' }).waitFor()

      const download = page.getByRole('region', { name: 'Download a backup' })
      await download.getByLabel('Passphrase', { exact: true }).fill(PASSPHRASE)
      await download.getByLabel('Passphrase again').fill(PASSPHRASE)
      const [file] = await Promise.all([
        page.waitForEvent('download'),
        download.getByRole('button', { name: 'Download backup' }).click(),
      ])
      assert.match(file.suggestedFilename(), /^mirror-maestro-backup-\d{8}-\d{4}\.zip$/)
      const archive = await file.path()

      const restore = page.getByRole('region', { name: 'Restore a backup' })
      await restore.getByLabel('Backup file').setInputFiles(archive)
      await restore.getByLabel('Passphrase', { exact: true }).fill('not the passphrase it was made with')
      await restore.getByRole('button', { name: 'Check backup' }).click()
      await restore.getByText('the passphrase does not open this backup').waitFor()
      assert.equal(await restore.getByRole('table').count(), 0)

      await restore.getByLabel('Passphrase', { exact: true }).fill(PASSPHRASE)
      await restore.getByRole('button', { name: 'Check backup' }).click()
      const instances = restore.getByRole('row', { name: /^instances/ })
      await instances.waitFor()
      // the demo's two GitLab instances are here as they are in the backup
      assert.match(await instances.textContent(), /2/)
      await restore.getByRole('row', { name: /^mirrors/ }).waitFor()
      await restore.getByRole('button', { name: 'Restore' }).waitFor()

      await page
        .getByRole('region', { name: 'Encryption key rotation' })
        .getByText('No rotation under way')
        .waitFor()
      assert.deepEqual(page.pageErrors, [])
    }))
})
