/**
 * The one HTTP client of the UI: the session cookie, JSON in and out, and RFC 9457
 * `application/problem+json` errors turned into {@link ApiError}s whose `fieldErrors` a form
 * shows next to its fields. Every request says it is the UI's (`X-Requested-With`), so a 401
 * comes without a Basic challenge (no browser prompt); writes carry the session's CSRF token.
 * A 401 flips the session store to "signed out" so the shell sends the user to the sign-in page.
 */

export interface FieldError {
  field: string
  message: string
}

export interface Problem {
  status: number
  title: string
  detail: string
  errors: FieldError[]
  [key: string]: unknown
}

export class ApiError extends Error {
  constructor(readonly problem: Problem) {
    super(problem.detail || problem.title || `HTTP ${problem.status}`)
    this.name = 'ApiError'
  }

  get status(): number {
    return this.problem.status
  }

  /** Field name → message, for the form fields that exist; see {@link unclaimedErrors}. */
  get fieldErrors(): Record<string, string> {
    const byField: Record<string, string> = {}
    for (const error of this.problem.errors) {
      byField[error.field] = byField[error.field] ? `${byField[error.field]}; ${error.message}` : error.message
    }
    return byField
  }
}

/**
 * What no form field claims, for a toast: the unclaimed `errors[]` entries, or the problem's
 * `detail` when it listed no field at all. Empty when every error sits next to its field.
 */
export function unclaimedErrors(error: ApiError, fields: readonly string[]): string[] {
  if (error.problem.errors.length === 0) return [error.message]
  const known = new Set(fields)
  return error.problem.errors.filter((e) => !known.has(e.field)).map((e) => `${e.field}: ${e.message}`)
}

export type Query = Record<string, string | number | boolean | null | undefined | readonly (string | number)[]>

export function toSearch(query: Query | undefined): string {
  if (!query) return ''
  const params = new URLSearchParams()
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '') continue
    if (Array.isArray(value)) {
      for (const item of value) params.append(key, String(item))
    } else {
      params.set(key, String(value))
    }
  }
  const text = params.toString()
  return text ? `?${text}` : ''
}

/** Headers that mark a request as the UI's own: the API then answers 401 without a Basic prompt. */
export const UI_HEADERS: Readonly<Record<string, string>> = { 'X-Requested-With': 'XMLHttpRequest' }

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS'])
let csrfToken: string | null = null

/** The session's CSRF token (from sign-in or `GET /api/auth/me`), sent as `X-CSRF-TOKEN` with every write. */
export function setCsrfToken(token: string | null | undefined): void {
  csrfToken = token ?? null
}

type UnauthorizedListener = () => void
const unauthorizedListeners = new Set<UnauthorizedListener>()

/** Called on every 401; the session store registers here (kept out of this module to avoid a cycle). */
export function onUnauthorized(listener: UnauthorizedListener): () => void {
  unauthorizedListeners.add(listener)
  return () => unauthorizedListeners.delete(listener)
}

export async function parseProblem(response: Response): Promise<Problem> {
  let body: Record<string, unknown> = {}
  const type = response.headers.get('Content-Type') ?? ''
  try {
    if (type.includes('json')) {
      body = (await response.json()) as Record<string, unknown>
    } else {
      const text = await response.text()
      body = text && text.length < 300 && !text.trimStart().startsWith('<') ? { detail: text } : {}
    }
  } catch {
    body = {}
  }
  const errors = Array.isArray(body.errors)
    ? (body.errors as unknown[])
        .filter((e): e is Record<string, unknown> => typeof e === 'object' && e !== null)
        .map((e) => ({ field: String(e.field ?? ''), message: String(e.message ?? '') }))
    : []
  return {
    ...body,
    status: response.status,
    title: typeof body.title === 'string' ? body.title : response.statusText || `HTTP ${response.status}`,
    detail:
      typeof body.detail === 'string'
        ? body.detail
        : response.status === 401
          ? 'You are not signed in.'
          : `The server answered HTTP ${response.status}.`,
    errors,
  }
}

export interface RequestOptions {
  query?: Query
  body?: unknown
  signal?: AbortSignal
  headers?: Record<string, string>
  /** Answer the body as a Blob (a file download) rather than JSON or text. */
  blob?: boolean
}

export async function request<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = {
    Accept: 'application/json, application/problem+json',
    ...UI_HEADERS,
    ...options.headers,
  }
  if (csrfToken && !SAFE_METHODS.has(method.toUpperCase())) headers['X-CSRF-TOKEN'] = csrfToken
  let body: BodyInit | undefined
  if (options.body instanceof FormData || options.body instanceof Blob || typeof options.body === 'string') {
    body = options.body
  } else if (options.body !== undefined) {
    headers['Content-Type'] = 'application/json'
    body = JSON.stringify(options.body)
  }
  let response: Response
  try {
    response = await fetch(path + toSearch(options.query), {
      method,
      headers,
      body,
      credentials: 'same-origin',
      signal: options.signal,
    })
  } catch (cause) {
    if (cause instanceof DOMException && cause.name === 'AbortError') throw cause
    throw new ApiError({
      status: 0,
      title: 'Network error',
      detail: 'The server could not be reached. Check your connection and try again.',
      errors: [],
    })
  }
  if (!response.ok) {
    const problem = await parseProblem(response)
    if (response.status === 401) unauthorizedListeners.forEach((listener) => listener())
    throw new ApiError(problem)
  }
  if (response.status === 204) return undefined as T
  if (options.blob) return (await response.blob()) as T
  const type = response.headers.get('Content-Type') ?? ''
  if (type.includes('json')) return (await response.json()) as T
  return (await response.text()) as unknown as T
}

export const http = {
  get: <T>(path: string, query?: Query, signal?: AbortSignal) => request<T>('GET', path, { query, signal }),
  post: <T>(path: string, body?: unknown, query?: Query) => request<T>('POST', path, { body, query }),
  put: <T>(path: string, body?: unknown) => request<T>('PUT', path, { body }),
  delete: <T>(path: string, query?: Query) => request<T>('DELETE', path, { query }),
}

/** A human sentence for anything thrown by {@link request} (or elsewhere). */
export function describeError(error: unknown): string {
  if (error instanceof ApiError) return error.message
  if (error instanceof Error) return error.message
  return String(error)
}
