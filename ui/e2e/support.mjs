// Shared set-up of the browser scenarios: real headless Chromium from Debian, driven by
// playwright-core, against a running Mirror Maestro (the JUnit runner in infra/launcher starts
// the whole embedded system with the demo estate and passes its address in MM_E2E_BASE_URL).
import { mkdirSync } from 'node:fs'
import { after, before } from 'node:test'

import { chromium } from 'playwright-core'

export const baseURL = required('MM_E2E_BASE_URL')
export const username = process.env.MM_E2E_USERNAME ?? 'admin'
export const password = process.env.MM_E2E_PASSWORD ?? 'changeme'
const executablePath = process.env.MM_E2E_CHROMIUM ?? '/usr/bin/chromium'
const artifacts = process.env.MM_E2E_ARTIFACTS ?? 'target/e2e'

/** How long a scenario waits for something asynchronous (a command's outcome, a batch) to show. */
export const SLOW = 60_000

function required(name) {
  const value = process.env[name]
  if (!value) throw new Error(`${name} is not set: run the scenarios through the JUnit runner, or set it to a running system`)
  return value.replace(/\/$/, '')
}

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
]

let browser

/**
 * Opens a browser for this file's scenarios and returns `newPage()`, which gives a page in a
 * fresh context (1280×800, light colour scheme unless asked), signed in as the admin (or as
 * `options.as = { username, password }`) through `POST /api/auth/login`, the way the sign-in page
 * does: the context then holds the session cookie. `signedIn: false` leaves it signed out.
 */
export function useBrowser() {
  before(async () => {
    browser = await chromium.launch({ executablePath, args: CHROMIUM_ARGS })
  })
  after(async () => {
    await browser?.close()
  })
  return {
    async newPage(options = {}) {
      const context = await browser.newContext({
        baseURL,
        viewport: options.viewport ?? { width: 1280, height: 800 },
        colorScheme: options.colorScheme ?? 'light',
      })
      context.setDefaultTimeout(15_000)
      if (options.signedIn !== false) {
        const as = options.as ?? { username, password }
        const login = await context.request.post('/api/auth/login', { data: as })
        if (!login.ok()) throw new Error(`sign-in as ${as.username}: ${login.status()} ${await login.text()}`)
      }
      const page = await context.newPage()
      const errors = []
      page.on('pageerror', (error) => errors.push(error))
      page.pageErrors = errors
      return page
    },
  }
}

/** Saves a screenshot of a failing scenario's page under target/e2e/ to look at. */
export async function snapshot(page, name) {
  mkdirSync(artifacts, { recursive: true })
  await page.screenshot({ path: `${artifacts}/${name}.png`, fullPage: true })
}

/** Runs a scenario body and keeps a screenshot when it fails. */
export async function withPage(newPage, name, body, options) {
  const page = await newPage(options)
  try {
    await body(page)
  } catch (error) {
    await snapshot(page, name).catch(() => undefined)
    throw error
  } finally {
    await page.context().close()
  }
}

/** A REST call with the same credentials, for set-up and for checking what the UI did. */
export async function api(method, path, body) {
  const response = await fetch(baseURL + path, {
    method,
    headers: {
      Authorization: 'Basic ' + Buffer.from(`${username}:${password}`).toString('base64'),
      ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  })
  const text = await response.text()
  const json = text ? JSON.parse(text) : undefined
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${text}`)
  return json
}

/** Polls `probe` until it returns a truthy value (returned) or the time is up. */
export async function eventually(probe, what, timeout = SLOW) {
  const deadline = Date.now() + timeout
  let last
  while (Date.now() < deadline) {
    try {
      last = await probe()
      if (last) return last
    } catch (error) {
      last = error
    }
    await new Promise((resolve) => setTimeout(resolve, 250))
  }
  throw new Error(`timed out waiting for ${what}; last: ${last instanceof Error ? last.message : JSON.stringify(last)}`)
}

/** A name no earlier run used, for objects a scenario creates. */
export function unique(prefix) {
  return `${prefix}-${Date.now().toString(36)}${Math.floor(Math.random() * 1e4).toString(36)}`
}
