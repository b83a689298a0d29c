import { http } from '@/lib/http'

import type { LinkMirrorsPage, Topology, TopologyLink, TopologyQuery } from './types'

export interface PairOption {
  id: number
  name: string
}

export interface LinkMirrorsQuery extends TopologyQuery {
  limit: number
  offset: number
}

export const topologyApi = {
  topology: (query: TopologyQuery, signal?: AbortSignal) =>
    http.get<Topology>('/api/topology', { ...query }, signal),

  /** One link's mirrors, worst first, one page at a time. */
  linkMirrors: (link: Pick<TopologyLink, 'source' | 'target' | 'mirror_direction'>, query: LinkMirrorsQuery, signal?: AbortSignal) =>
    http.get<LinkMirrorsPage>(
      '/api/topology/link-mirrors',
      {
        source_instance_id: link.source,
        target_instance_id: link.target,
        mirror_direction: link.mirror_direction,
        ...query,
      },
      signal,
    ),

  pairs: (signal?: AbortSignal) => http.get<PairOption[]>('/api/pairs', undefined, signal),
}
