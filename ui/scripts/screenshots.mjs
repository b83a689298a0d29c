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

const VIEWS = [
  ['dashboard', '/', 'Dashboard'],
  ['instances', '/instances', 'Instances'],
  ['pairs', '/pairs', 'Pairs'],
  ['pair', '/pairs/1', null],
  ['group-settings', '/group-settings', 'Group settings'],
  ['mirrors', '/mirrors', 'Mirrors'],
  ['mirrors-failed', '/mirrors?status=failed', 'Mirrors'],
  ['mirror', '/mirrors/1', null],
  ['topology', '/topology', 'Topology'],
  ['import-export', '/import-export', 'Import/Export'],
  ['batches', '/batches', 'Batches'],
  ['activity', '/activity', 'Activity'],
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
    // signs in as the sign-in page does: the context keeps the session cookie
    const login = await context.request.post('/api/auth/login', { data: { username, password } })
    if (!login.ok()) throw new Error(`sign-in as ${username}: ${login.status()}`)
    const page = await context.newPage()
    for (const [name, path, heading] of VIEWS) {
      await page.goto(path)
      if (heading) await page.getByRole('heading', { level: 1, name: heading }).waitFor()
      await page.waitForLoadState('networkidle').catch(() => undefined)
      await page.waitForTimeout(600) // let counts and charts settle
      const file = `${out}/${name}-${colorScheme}${width === 1280 ? '' : `-${width}`}.png`
      await page.screenshot({ path: file })
      console.log(file)
    }
    await context.close()
  }
} finally {
  await browser.close()
}
