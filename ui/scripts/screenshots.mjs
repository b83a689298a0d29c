// Writes light and dark screenshots of every view into docs/screenshots/, from a running system.
//   node ui/scripts/screenshots.mjs [base URL, default http://localhost:8080] [output dir] [width, default 1280]
// Start the one-command run first (README), give the demo estate a minute to settle, then run this.
import { mkdirSync } from 'node:fs'
import { resolve } from 'node:path'

import { chromium } from 'playwright-core'

const base = (process.argv[2] ?? 'http://localhost:8080').replace(/\/$/, '')
const out = resolve(process.argv[3] ?? new URL('../../docs/screenshots', import.meta.url).pathname)
const width = Number(process.argv[4] ?? 1280)
const username = process.env.MM_AUTH_USERNAME ?? 'admin'
const password = process.env.MM_AUTH_PASSWORD ?? 'changeme'

// [file name, path, level-1 heading to wait for (null: none), optional step after the page settles]
const VIEWS = [
  ['dashboard', '/', 'Dashboard'],
  ['instances', '/instances', 'Instances'],
  ['pairs', '/pairs', 'Pairs'],
  ['pair', '/pairs/1', null],
  ['group-settings', '/group-settings', 'Group settings'],
  ['mirrors', '/mirrors', 'Mirrors'],
  ['mirrors-failed', '/mirrors?status=failed', 'Mirrors'],
  // the create dialog, with its settings and the choice to adopt what GitLab already has
  ['create-mirror', '/mirrors', 'Mirrors', async (page) => {
    await page.getByRole('button', { name: 'Create mirror' }).click()
    await page.getByRole('dialog', { name: 'Create mirror' }).waitFor()
  }],
  ['mirror', '/mirrors/1', null],
  ['topology', '/topology', 'Topology'],
  ['import-export', '/import-export', 'Import/Export'],
  ['batches', '/batches', 'Batches'],
  ['activity', '/activity', 'Activity'],
  ['jobs', '/jobs', 'Jobs'],
  ['schedules', '/schedules', 'Schedules'],
  ['notifications', '/notifications', 'Notifications'],
  ['users', '/users', 'Users'],
  ['api-tokens', '/api-tokens', 'API tokens'],
  ['backup', '/backup', 'Backup'],
  ['migrate', '/migrate', 'Move from the original'],
  // the app-wide search box in the side bar, open on a query that finds several kinds of thing
  ['search', '/', 'Dashboard', async (page) => {
    await page.getByRole('combobox').fill(process.env.MM_SCREENSHOT_SEARCH ?? 'data')
    await page.getByRole('listbox').waitFor()
  }],
]

mkdirSync(out, { recursive: true })
const browser = await chromium.launch({
  executablePath: process.env.MM_E2E_CHROMIUM ?? '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
    '--disable-component-update', '--disable-sync', '--no-first-run'],
})
try {
  for (const colorScheme of ['light', 'dark']) {
    const context = await browser.newContext({
      baseURL: base,
      viewport: { width, height: 860 },
      colorScheme,
    })
    const page = await context.newPage()
    const shoot = async (name) => {
      const file = `${out}/${name}-${colorScheme}${width === 1280 ? '' : `-${width}`}.png`
      await page.screenshot({ path: file })
      console.log(file)
    }
    // the sign-in page, before signing in
    await page.goto('/sign-in')
    await page.getByRole('button', { name: 'Sign in' }).waitFor()
    await page.waitForTimeout(300)
    await shoot('sign-in')
    // signs in as the sign-in page does: the context keeps the session cookie
    const login = await context.request.post('/api/auth/login', { data: { username, password } })
    if (!login.ok()) throw new Error(`sign-in as ${username}: ${login.status()}`)
    for (const [name, path, heading, step] of VIEWS) {
      await page.goto(path)
      if (heading) await page.getByRole('heading', { level: 1, name: heading }).waitFor()
      await page.waitForLoadState('networkidle').catch(() => undefined)
      await page.waitForTimeout(600) // let counts and charts settle
      if (step) {
        await step(page)
        await page.waitForTimeout(400)
      }
      await shoot(name)
    }
    await context.close()
  }
} finally {
  await browser.close()
}
