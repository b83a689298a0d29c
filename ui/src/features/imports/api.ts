import { ApiError, http, parseProblem, UI_HEADERS } from '@/lib/http'

import type { ImportAccepted } from './types'

/** Starts an import: the server checks the whole file first (422/413 naming the bad line). */
export function startImport(pairId: number, body: unknown): Promise<ImportAccepted> {
  return http.post<ImportAccepted>(`/api/export/pair/${pairId}`, body)
}

/** A file name safe on every OS: `mirrors-<pair name>[-<group>].json`. */
export function exportFileName(pairName: string, groupPath: string): string {
  const safe = (text: string) =>
    text
      .trim()
      .replace(/[^A-Za-z0-9._-]+/g, '-')
      .replace(/^-+|-+$/g, '')
  const parts = ['mirrors', safe(pairName) || 'pair']
  if (groupPath.trim()) parts.push(safe(groupPath))
  return `${parts.join('-')}.json`
}

/** Downloads a pair's export as a Blob (the session's cookie goes along). */
export async function downloadExport(pairId: number, groupPath: string): Promise<{ blob: Blob; mirrors: number | null }> {
  const query = groupPath.trim() ? `?group_path=${encodeURIComponent(groupPath.trim())}` : ''
  let response: Response
  try {
    response = await fetch(`/api/export/pair/${pairId}${query}`, {
      headers: { Accept: 'application/json, application/problem+json', ...UI_HEADERS },
      credentials: 'same-origin',
    })
  } catch {
    throw new ApiError({ status: 0, title: 'Network error', detail: 'The server could not be reached.', errors: [] })
  }
  if (!response.ok) throw new ApiError(await parseProblem(response))
  const text = await response.text()
  let mirrors: number | null = null
  try {
    const parsed = JSON.parse(text) as { mirrors?: unknown[] }
    mirrors = Array.isArray(parsed.mirrors) ? parsed.mirrors.length : null
  } catch {
    mirrors = null
  }
  return { blob: new Blob([text], { type: 'application/json' }), mirrors }
}

/** Hands a Blob to the browser as a file download. */
export function saveBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob)
  const link = document.createElement('a')
  link.href = url
  link.download = fileName
  document.body.appendChild(link)
  link.click()
  link.remove()
  setTimeout(() => URL.revokeObjectURL(url), 1000)
}
