/** Shapes of `GET /api/topology` and `GET /api/topology/link-mirrors` (see SEED-CONTRACT.md). */

export type Health = 'ok' | 'warning' | 'error' | 'unknown'
export type Staleness = 'ok' | 'warning' | 'error' | 'unknown' | 'none'
export type Direction = 'push' | 'pull'

export interface TopologyNode {
  id: number
  name: string
  url?: string
  description?: string | null
  mirrors_in: number
  mirrors_out: number
  pairs_in?: number
  pairs_out?: number
  status_counts?: Record<string, number>
  last_successful_update?: string | null
  health?: Health | string
  staleness?: Staleness | string
  staleness_age_seconds?: number | null
  never_succeeded_count?: number
}

export interface TopologyLink {
  source: number
  target: number
  mirror_direction: Direction
  mirror_count: number
  enabled_count?: number
  disabled_count?: number
  pair_count?: number
  status_counts?: Record<string, number>
  last_successful_update?: string | null
  health?: Health | string
  staleness?: Staleness | string
  staleness_age_seconds?: number | null
  never_succeeded_count?: number
}

export interface Topology {
  nodes: TopologyNode[]
  links: TopologyLink[]
}

export interface TopologyQuery {
  instance_pair_id?: number
  stale_warning_seconds?: number
  stale_error_seconds?: number
  never_succeeded_level?: 'warning' | 'error'
  include_disabled?: boolean
}

export interface LinkMirror {
  id: number
  instance_pair_id: number
  instance_pair_name?: string
  source_project_path: string
  target_project_path: string
  mirror_direction: Direction
  enabled?: boolean
  last_update_status?: string | null
  last_successful_update?: string | null
  never_succeeded?: boolean
  staleness?: Staleness | string
  staleness_age_seconds?: number | null
  health?: Health | string
}

export interface LinkMirrorsPage {
  total: number
  mirrors: LinkMirror[]
}

/** What is selected in the graph: an instance, or one link (see {@link linkKey}). */
export type Selection = { kind: 'node'; id: number } | { kind: 'link'; key: string }
