import { http } from '@/lib/http'

import type { BatchStarted } from '@/features/batches/types'
import type { MirrorPage } from '@/features/mirrors/types'

import type {
  DeleteImpact,
  EffectiveSettings,
  Pair,
  PairInput,
} from './types'

export interface PairFilters {
  source_instance_id?: number | null
  target_instance_id?: number | null
  direction?: string | null
}

export const pairsApi = {
  list: (filters: PairFilters = {}, signal?: AbortSignal) => http.get<Pair[]>('/api/pairs', { ...filters }, signal),
  get: (id: number | string, signal?: AbortSignal) => http.get<Pair>(`/api/pairs/${id}`, undefined, signal),
  create: (input: PairInput) => http.post<Pair>('/api/pairs', input),
  /** Partial: fields left out stay as they are, `null` clears. */
  update: (id: number, changes: Partial<PairInput>) => http.put<Pair>(`/api/pairs/${id}`, changes),
  deleteImpact: (id: number) => http.get<DeleteImpact>(`/api/pairs/${id}/delete-impact`),
  remove: (id: number) => http.delete<{ status: string; deleted: DeleteImpact }>(`/api/pairs/${id}`),
  effectiveSettings: (id: number | string, sourcePath: string, targetPath: string, signal?: AbortSignal) =>
    http.get<EffectiveSettings>(
      `/api/pairs/${id}/effective-settings`,
      { source_project_path: sourcePath, target_project_path: targetPath },
      signal,
    ),
  /** How many mirrors of a pair match a status filter, without loading them (`page_size=1`, read `total`). */
  countMirrors: async (pairId: number, status?: string, signal?: AbortSignal) =>
    (await http.get<MirrorPage>('/api/mirrors', { instance_pair_id: pairId, status, page_size: 1 }, signal)).total,
  syncAll: (pairId: number) =>
    http.post<BatchStarted>('/api/mirrors/batch', { action: 'sync', instance_pair_id: pairId }),
}
