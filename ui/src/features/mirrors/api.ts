import { http } from '@/lib/http'

import type { ActivityEntry } from '@/features/activity/types'
import type { BatchStarted } from '@/features/batches/types'
import type { CommandAccepted } from '@/features/commands/types'
import type { EffectiveSettings } from '@/features/pairs/types'

import type { ListParams } from './listQuery'
import type {
  BatchAction,
  Mirror,
  MirrorAccepted,
  MirrorPage,
  ProjectPage,
} from './types'

export const mirrorsApi = {
  list: (params: ListParams, signal?: AbortSignal) => http.get<MirrorPage>('/api/mirrors', { ...params }, signal),
  get: (id: number, signal?: AbortSignal) => http.get<Mirror>(`/api/mirrors/${id}`, undefined, signal),
  create: (body: Record<string, unknown>) => http.post<MirrorAccepted>('/api/mirrors', body),
  update: (id: number, body: Record<string, unknown>) => http.put<MirrorAccepted>(`/api/mirrors/${id}`, body),
  remove: (id: number) => http.delete<CommandAccepted>(`/api/mirrors/${id}`),
  sync: (id: number) => http.post<CommandAccepted>(`/api/mirrors/${id}/update`),
  verify: (id: number, repair = false) =>
    http.post<CommandAccepted>(`/api/mirrors/${id}/verify`, undefined, repair ? { repair: true } : undefined),
  resume: (id: number) => http.post<CommandAccepted>(`/api/mirrors/${id}/resume`),
  rotate: (id: number) => http.post<CommandAccepted>(`/api/mirrors/${id}/rotate-token`),
  batch: (body: { action: BatchAction } & Record<string, unknown>) =>
    http.post<BatchStarted>('/api/mirrors/batch', body),
  activity: (mirrorId: number, limit = 20) =>
    http.get<ActivityEntry[]>('/api/activity', { subject_id: `mirror:${mirrorId}`, limit }),
  effectiveSettings: (pairId: number, source: string, target: string) =>
    http.get<EffectiveSettings>(`/api/pairs/${pairId}/effective-settings`, {
      source_project_path: source,
      target_project_path: target,
    }),
  projects: (instanceId: number, search: string, page: number, signal?: AbortSignal) =>
    http.get<ProjectPage>(`/api/instances/${instanceId}/projects`, { search, page, per_page: 20 }, signal),
}
