import { vi } from 'vitest'

import { jsonResponse } from './fakeStomp'

/** A JSON answer; an error status is sent as `application/problem+json`, as the api-service does. */
export function json(body: unknown, status = 200): Response {
  return jsonResponse(body, status, status >= 400 ? 'application/problem+json' : 'application/json')
}

export interface RecordedCall {
  method: string
  url: URL
  body: unknown
}

/**
 * Stubs `fetch` with answers by `METHOD path` (path without the query; anything else is a 404 problem)
 * and records every call with its parsed JSON body.
 */
export function routeFetch(routes: Record<string, (url: URL, init?: RequestInit) => Response | Promise<Response>>) {
  const calls: RecordedCall[] = []
  const mock = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = new URL(String(input), 'http://localhost')
    const method = init?.method ?? 'GET'
    calls.push({ method, url, body: init?.body ? JSON.parse(String(init.body)) : undefined })
    const handler = routes[`${method} ${url.pathname}`]
    if (!handler) return json({ detail: `no route for ${method} ${url.pathname}` }, 404)
    return handler(url, init)
  })
  vi.stubGlobal('fetch', mock)
  return { mock, calls }
}

/** A problem+json answer listing field errors, as the api-service refuses a form. */
export function problem(status: number, errors: { field: string; message: string }[], detail = 'bad'): Response {
  return json({ status, title: 'Invalid request', detail, errors }, status)
}
