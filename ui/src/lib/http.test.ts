import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'

import { jsonResponse } from '@/test/fakeStomp'

import { ApiError, http, onUnauthorized, toSearch, unclaimedErrors } from './http'

describe('the HTTP client', () => {
  let fetchMock: ReturnType<typeof vi.fn<typeof fetch>>
  beforeEach(() => {
    fetchMock = vi.fn<typeof fetch>()
    vi.stubGlobal('fetch', fetchMock)
  })
  afterEach(() => vi.unstubAllGlobals())

  it('sends JSON with same-origin credentials and skips empty query values', async () => {
    fetchMock.mockResolvedValueOnce(jsonResponse({ id: 1 }))
    const answer = await http.post<{ id: number }>('/api/pairs', { name: 'p' }, { dry: true, empty: '', none: null })
    expect(answer).toEqual({ id: 1 })
    const [url, init] = fetchMock.mock.calls[0]!
    expect(url).toBe('/api/pairs?dry=true')
    expect(init?.credentials).toBe('same-origin')
    expect(init?.method).toBe('POST')
    expect((init?.headers as Record<string, string>)['Content-Type']).toBe('application/json')
    expect(init?.body).toBe('{"name":"p"}')
  })

  it('turns problem+json into an ApiError with field errors and what no field claims', async () => {
    fetchMock.mockResolvedValueOnce(
      jsonResponse(
        {
          type: 'about:blank',
          title: 'Invalid request',
          status: 400,
          detail: 'token: is expired',
          errors: [
            { field: 'token', message: 'is expired' },
            { field: 'token', message: 'lacks the api scope' },
            { field: 'color', message: 'unknown field' },
          ],
        },
        400,
        'application/problem+json',
      ),
    )
    const error = await http.post('/api/instances', {}).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ApiError)
    const problem = error as ApiError
    expect(problem.status).toBe(400)
    expect(problem.message).toBe('token: is expired')
    expect(problem.fieldErrors).toEqual({ token: 'is expired; lacks the api scope', color: 'unknown field' })
    expect(unclaimedErrors(problem, ['name', 'url', 'token'])).toEqual(['color: unknown field'])
    expect(unclaimedErrors(problem, ['token', 'color'])).toEqual([])
  })

  it('uses the detail when a problem names no field', async () => {
    fetchMock.mockResolvedValueOnce(
      jsonResponse({ status: 409, title: 'Conflict', detail: 'already mirrored' }, 409, 'application/problem+json'),
    )
    const error = (await http.get('/api/x').catch((e: unknown) => e)) as ApiError
    expect(unclaimedErrors(error, ['name'])).toEqual(['already mirrored'])
  })

  it('tells listeners about a 401 so the shell can ask to sign in', async () => {
    const seen = vi.fn()
    const stop = onUnauthorized(seen)
    fetchMock.mockResolvedValueOnce(new Response('', { status: 401 }))
    const error = (await http.get('/api/pairs').catch((e: unknown) => e)) as ApiError
    expect(error.status).toBe(401)
    expect(error.message).toBe('You are not signed in.')
    expect(seen).toHaveBeenCalledTimes(1)
    stop()
  })

  it('reports an unreachable server as a network error, not a crash', async () => {
    fetchMock.mockRejectedValueOnce(new TypeError('Failed to fetch'))
    const error = (await http.get('/api/pairs').catch((e: unknown) => e)) as ApiError
    expect(error.status).toBe(0)
    expect(error.message).toContain('could not be reached')
  })

  it('answers undefined for 204 and does not parse a body', async () => {
    fetchMock.mockResolvedValueOnce(new Response(null, { status: 204 }))
    await expect(http.delete('/api/x')).resolves.toBeUndefined()
  })

  it('builds repeated parameters from arrays', () => {
    expect(toSearch({ id: [1, 2], q: 'a b' })).toBe('?id=1&id=2&q=a+b')
    expect(toSearch({})).toBe('')
  })
})
