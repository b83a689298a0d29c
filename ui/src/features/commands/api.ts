import { http } from '@/lib/http'

import type { CommandState } from './types'

export function fetchCommand(id: string, signal?: AbortSignal): Promise<CommandState> {
  return http.get<CommandState>(`/api/commands/${encodeURIComponent(id)}`, undefined, signal)
}
