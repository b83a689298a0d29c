// Time from opening the Mirrors view to its first rows on screen, in headless Chromium, against a running system:
//   node ui/scripts/first-rows.mjs http://127.0.0.1:8080 [runs]
// Prints, per view URL, the median and the maximum over the runs of performance.now() (milliseconds since the
// navigation started) at the moment the first mirror row is in the DOM; each run is a fresh browser context (cold
// cache). bench/MirrorListBench runs it with 100,000 mirrors in the store.
import { chromium } from 'playwright-core'

const base = (process.argv[2] ?? 'http://localhost:8080').replace(/\/$/, '')
const runs = Number(process.argv[3] ?? 5)
const VIEWS = ['/mirrors', '/mirrors?status=failed', '/mirrors?search=project-4242', '/mirrors?order_by=last_update_at&order_dir=desc', '/mirrors?page=1000&page_size=50']

const browser = await chromium.launch({
  executablePath: process.env.MM_E2E_CHROMIUM ?? '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
    '--disable-component-update', '--disable-sync', '--no-first-run'],
})
try {
  for (const view of VIEWS) {
    const times = []
    for (let i = 0; i < runs; i++) {
      const context = await browser.newContext({ baseURL: base })
      // signs in as the sign-in page does (before the clock starts: the page load is what is timed)
      const login = await context.request.post('/api/auth/login', {
        data: { username: process.env.MM_AUTH_USERNAME ?? 'admin', password: process.env.MM_AUTH_PASSWORD ?? 'changeme' },
      })
      if (!login.ok()) throw new Error(`sign-in: ${login.status()}`)
      const page = await context.newPage()
      await page.goto(view)
      await page.waitForFunction(() => document.querySelector('tbody tr[data-mirror-id]') !== null, undefined, { timeout: 30_000, polling: 'raf' })
      times.push(await page.evaluate(() => performance.now()))
      await context.close()
    }
    times.sort((a, b) => a - b)
    console.log(`first rows ${view.padEnd(55)} median ${Math.round(times[Math.floor(times.length / 2)])} ms  max ${Math.round(times[times.length - 1])} ms`)
  }
} finally {
  await browser.close()
}
