import { http, request } from '@/lib/http'

import type { BatchAccepted, MigrationPlan, OwnTokens } from './types'

export interface MigrationOptions {
  dryRun: boolean
  skipConflicts?: boolean
  /** Instances that moved since the backup: original URL → URL now. */
  instanceUrls?: Record<string, string>
}

/** `instance_url=OLD=NEW` for each instance whose URL changed. */
export function instanceUrlParameters(urls: Record<string, string> | undefined): string[] {
  return Object.entries(urls ?? {})
    .filter(([from, to]) => to.trim() !== '' && to.trim() !== from)
    .map(([from, to]) => `${from}=${to.trim()}`)
}

/** Sends the original tool's backup archive (its tar.gz as it is) for a dry run or the move itself. */
export function migrateOriginal(archive: Blob, options: MigrationOptions): Promise<MigrationPlan> {
  return request<MigrationPlan>('POST', '/api/migrate/original', {
    body: archive,
    query: {
      dry_run: options.dryRun,
      skip_conflicts: options.skipConflicts ? true : undefined,
      instance_url: instanceUrlParameters(options.instanceUrls),
    },
    headers: { 'Content-Type': 'application/gzip' },
  })
}

export function ownTokens(signal?: AbortSignal): Promise<OwnTokens> {
  return http.get<OwnTokens>('/api/migrate/original/own-tokens', undefined, signal)
}

/** One batch that moves every mirror with a token of its own to group tokens. */
export function moveToGroupTokens(): Promise<BatchAccepted> {
  return request<BatchAccepted>('POST', '/api/migrate/original/group-tokens', { body: {} })
}
