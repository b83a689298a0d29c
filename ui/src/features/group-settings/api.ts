import { http } from '@/lib/http'

import type { CreateTokenBody, GroupDefault, GroupDefaultUpsert, GroupToken } from './types'

type Deleted = { status: string; deleted: Record<string, number> }

export const tokensApi = {
  list: (instanceId: number | null, signal?: AbortSignal) =>
    http.get<GroupToken[]>('/api/tokens', { gitlab_instance_id: instanceId }, signal),
  create: (body: CreateTokenBody) => http.post<GroupToken>('/api/tokens', body),
  rotate: (id: number, token: string) => http.put<GroupToken>(`/api/tokens/${id}`, { token }),
  remove: (id: number) => http.delete<Deleted>(`/api/tokens/${id}`),
}

export const groupDefaultsApi = {
  list: (pairId: number, signal?: AbortSignal) =>
    http.get<GroupDefault[]>('/api/group-defaults', { instance_pair_id: pairId }, signal),
  upsert: (body: GroupDefaultUpsert) => http.post<GroupDefault>('/api/group-defaults', body),
  remove: (id: number) => http.delete<Deleted>(`/api/group-defaults/${id}`),
}
