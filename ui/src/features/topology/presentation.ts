import { healthRank, linkKey } from './geometry'
import type { Direction, Topology, TopologyLink } from './types'

/** A link as drawn: its key and the count the current filter shows (enabled only, or all). */
export interface DrawLink extends TopologyLink {
  key: string
  count: number
}

export interface LinkFilter {
  direction: '' | Direction
  includeDisabled: boolean
}

/**
 * The links to draw for the filters the endpoint does not apply itself: the direction, and whether
 * disabled mirrors count (without them, a link of disabled mirrors only disappears).
 */
export function drawLinks(topology: Topology | null, filter: LinkFilter): DrawLink[] {
  if (!topology) return []
  return topology.links
    .filter((link) => !filter.direction || link.mirror_direction === filter.direction)
    .map((link) => {
      const enabled = link.enabled_count ?? link.mirror_count - (link.disabled_count ?? 0)
      return { ...link, key: linkKey(link), count: filter.includeDisabled ? link.mirror_count : Math.max(enabled, 0) }
    })
    .filter((link) => filter.includeDisabled || link.count > 0)
    .sort((a, b) => healthRank(b.health) - healthRank(a.health) || b.count - a.count || a.key.localeCompare(b.key))
}

export function linkLabel(link: Pick<TopologyLink, 'source' | 'target' | 'mirror_direction'>, nameOf: (id: number) => string): string {
  return `${nameOf(link.source)} → ${nameOf(link.target)} (${link.mirror_direction})`
}

/** The SVG's accessible summary. */
export function topologySummary(topology: Topology | null, links: readonly DrawLink[]): string {
  if (!topology) return 'Topology graph, loading'
  const mirrors = links.reduce((sum, link) => sum + link.count, 0)
  const errors = links.filter((l) => l.health === 'error').length
  const warnings = links.filter((l) => l.health === 'warning').length
  const instances = topology.nodes.length
  return (
    `Topology graph: ${instances} GitLab ${instances === 1 ? 'instance' : 'instances'}, ` +
    `${links.length} ${links.length === 1 ? 'link' : 'links'} carrying ${mirrors.toLocaleString()} mirrors; ` +
    `${errors} ${errors === 1 ? 'link' : 'links'} in error, ${warnings} with warnings. ` +
    'The Links table lists the same numbers.'
  )
}
