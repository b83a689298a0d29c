import { http, request } from '@/lib/http'

import type { KeyRotationStatus, RestorePlan } from './types'

export const PASSPHRASE_HEADER = 'X-Backup-Passphrase'
export const MIN_PASSPHRASE = 12

/** Downloads a backup: the passphrase goes in the body, never in the URL. */
export function downloadBackup(passphrase: string): Promise<Blob> {
  return request<Blob>('POST', '/api/backup', { body: { passphrase }, blob: true })
}

/**
 * Sends an archive for a dry run (`dryRun`) or a restore. The passphrase travels percent-encoded in a
 * header (a header must be ISO-8859-1; any passphrase survives percent-encoding).
 */
export function restoreBackup(archive: Blob, passphrase: string, dryRun: boolean): Promise<RestorePlan> {
  return request<RestorePlan>('POST', '/api/backup/restore', {
    body: archive,
    query: { dry_run: dryRun },
    headers: { 'Content-Type': 'application/zip', [PASSPHRASE_HEADER]: encodeURIComponent(passphrase) },
  })
}

export function keyRotation(signal?: AbortSignal): Promise<KeyRotationStatus> {
  return http.get<KeyRotationStatus>('/api/ops/key-rotation', undefined, signal)
}

/** `mirror-maestro-backup-20261207-0812.zip`, in local time. */
export function backupFileName(now: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0')
  return `mirror-maestro-backup-${now.getFullYear()}${pad(now.getMonth() + 1)}${pad(now.getDate())}-${pad(now.getHours())}${pad(now.getMinutes())}.zip`
}
