import type { CommandAccepted } from '@/features/commands/types'
import { http } from '@/lib/http'

import type { CreateInstanceBody, DeleteImpact, Instance, UpdateInstanceBody } from './types'

export const instancesApi = {
  list: (signal?: AbortSignal) => http.get<Instance[]>('/api/instances', undefined, signal),
  get: (id: number) => http.get<Instance>(`/api/instances/${id}`),
  create: (body: CreateInstanceBody) => http.post<Instance>('/api/instances', body),
  update: (id: number, body: UpdateInstanceBody) => http.put<Instance>(`/api/instances/${id}`, body),
  deleteImpact: (id: number) => http.get<DeleteImpact>(`/api/instances/${id}/delete-impact`),
  remove: (id: number) => http.delete<{ status: string; deleted: DeleteImpact }>(`/api/instances/${id}`),
  check: (id: number) => http.post<CommandAccepted>(`/api/instances/${id}/check`),
}
