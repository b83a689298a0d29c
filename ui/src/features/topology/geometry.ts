import { scaleSqrt } from 'd3'

import type { Direction, TopologyLink } from './types'

/**
 * The topology's drawing maths, free of the DOM so it is unit-tested: sizes, link curvature,
 * and how fast particles flow along a link. The graph component renders what these return.
 */

export interface Point {
  x: number
  y: number
}

/** A link's identity: one (source, target, direction), as the endpoint reports them. */
export function linkKey(link: Pick<TopologyLink, 'source' | 'target' | 'mirror_direction'>): string {
  return `${link.source}-${link.target}-${link.mirror_direction}`
}

export function parseLinkKey(key: string): { source: number; target: number; mirror_direction: Direction } | null {
  const match = /^(\d+)-(\d+)-(push|pull)$/.exec(key)
  if (!match) return null
  return { source: Number(match[1]), target: Number(match[2]), mirror_direction: match[3] as Direction }
}

export const NODE_RADIUS = { min: 18, max: 40 } as const
export const LINK_WIDTH = { min: 1.5, max: 9 } as const

/** Node radius by mirror count (area grows with the count): the biggest instance gets the max. */
export function nodeRadius(count: number, maxCount: number): number {
  const scale = scaleSqrt()
    .domain([0, Math.max(maxCount, 1)])
    .range([NODE_RADIUS.min, NODE_RADIUS.max])
    .clamp(true)
  return scale(Math.max(count, 0))
}

/** Link stroke width by mirror count; an empty link is as thin as the thinnest. */
export function linkWidth(count: number, maxCount: number): number {
  if (count <= 0) return LINK_WIDTH.min
  const scale = scaleSqrt()
    .domain([1, Math.max(maxCount, 1)])
    .range([LINK_WIDTH.min, LINK_WIDTH.max])
    .clamp(true)
  return maxCount <= 1 ? LINK_WIDTH.min : scale(count)
}

/**
 * Each link's bend, in units of the curve spacing, measured in the link's OWN frame (to the left of
 * source → target). Links between the same two instances share a bundle: the links of each flow
 * direction get 1, 2, … (push before pull), so A → B and B → A (both 1 in their own frames) bend to
 * opposite sides, and a push and a pull link the same way get different offsets. A link alone
 * between its two instances is straight (0).
 */
export function linkOffsets(links: readonly Pick<TopologyLink, 'source' | 'target' | 'mirror_direction'>[]): Map<string, number> {
  const bundles = new Map<string, Pick<TopologyLink, 'source' | 'target' | 'mirror_direction'>[]>()
  for (const link of links) {
    const a = Math.min(link.source, link.target)
    const b = Math.max(link.source, link.target)
    const bundle = bundles.get(`${a}-${b}`) ?? []
    bundle.push(link)
    bundles.set(`${a}-${b}`, bundle)
  }
  const offsets = new Map<string, number>()
  for (const bundle of bundles.values()) {
    if (bundle.length === 1) {
      offsets.set(linkKey(bundle[0]!), 0)
      continue
    }
    const byFlow = new Map<string, typeof bundle>()
    for (const link of bundle) {
      const flow = `${link.source}-${link.target}`
      byFlow.set(flow, [...(byFlow.get(flow) ?? []), link])
    }
    for (const flow of byFlow.values()) {
      flow
        .slice()
        .sort((x, y) => (x.mirror_direction === y.mirror_direction ? 0 : x.mirror_direction === 'push' ? -1 : 1))
        .forEach((link, index) => offsets.set(linkKey(link), index + 1))
    }
  }
  return offsets
}

export interface LinkGeometry {
  /** SVG path data: a quadratic curve from the source's rim to the target's rim. */
  d: string
  start: Point
  control: Point
  end: Point
  /** The curve's middle (t = 0.5), where the count label sits. */
  mid: Point
}

export function quadraticPoint(start: Point, control: Point, end: Point, t: number): Point {
  const u = 1 - t
  return {
    x: u * u * start.x + 2 * u * t * control.x + t * t * end.x,
    y: u * u * start.y + 2 * u * t * control.y + t * t * end.y,
  }
}

function towards(from: Point, to: Point, distance: number): Point {
  const dx = to.x - from.x
  const dy = to.y - from.y
  const length = Math.hypot(dx, dy)
  if (length === 0) return { ...from }
  return { x: from.x + (dx / length) * distance, y: from.y + (dy / length) * distance }
}

const round = (n: number) => Math.round(n * 10) / 10

/**
 * The curve of one link. `offset` (from {@link linkOffsets}) bends it to the left of source → target
 * by `offset × spacing` pixels at its middle; the ends are cut back to the nodes' rims (plus `endGap`
 * at the target, where the arrowhead sits).
 */
export function linkGeometry(
  source: Point,
  target: Point,
  offset: number,
  options: { spacing?: number; sourceRadius?: number; targetRadius?: number; endGap?: number } = {},
): LinkGeometry {
  const { spacing = 34, sourceRadius = 0, targetRadius = 0, endGap = 0 } = options
  const dx = target.x - source.x
  const dy = target.y - source.y
  const length = Math.hypot(dx, dy) || 1
  // left-hand normal of source → target in screen coordinates; a quadratic's middle is half-way to its control point
  const normal = { x: dy / length, y: -dx / length }
  const bend = offset * spacing * 2
  const control = { x: (source.x + target.x) / 2 + normal.x * bend, y: (source.y + target.y) / 2 + normal.y * bend }
  const start = towards(source, control, sourceRadius)
  const end = towards(target, control, targetRadius + endGap)
  const mid = quadraticPoint(start, control, end, 0.5)
  const d = `M${round(start.x)},${round(start.y)} Q${round(control.x)},${round(control.y)} ${round(end.x)},${round(end.y)}`
  return { d, start, control, end, mid }
}

/** Which side of the line a → b a point lies on: > 0 left, < 0 right (screen coordinates), 0 on it. */
export function sideOf(a: Point, b: Point, p: Point): number {
  return Math.sign((b.x - a.x) * (a.y - p.y) - (b.y - a.y) * (a.x - p.x))
}

const PENDING = ['pending', 'started', 'syncing', 'updating', 'scheduled', 'to_retry']

export const MAX_PARTICLE_RATE = 4

/**
 * Particles per second along a link: follows how much syncs there, the enabled mirrors (square
 * root, so a link with 400 mirrors is busy but not a blur) plus a boost for mirrors syncing right
 * now (pending statuses). A link whose mirrors are all disabled is still.
 */
export function particleRate(link: Pick<TopologyLink, 'mirror_count' | 'enabled_count' | 'status_counts'>): number {
  const active = link.enabled_count ?? link.mirror_count
  if (!(active > 0)) return 0
  const syncing = PENDING.reduce((sum, status) => sum + (link.status_counts?.[status] ?? 0), 0)
  const rate = 0.3 * Math.sqrt(active) + 0.6 * Math.sqrt(Math.min(syncing, active))
  return Math.min(MAX_PARTICLE_RATE, Math.round(rate * 100) / 100)
}

/** How many particles are in flight at once when each takes `travelSeconds` along the link. */
export function particleCount(rate: number, travelSeconds: number): number {
  if (rate <= 0) return 0
  return Math.max(1, Math.min(16, Math.round(rate * travelSeconds)))
}

/** Where (0–1 along the curve) each of `count` evenly spaced particles is after `elapsedSeconds`. */
export function particlePhases(count: number, elapsedSeconds: number, travelSeconds: number): number[] {
  const phases: number[] = []
  const base = (elapsedSeconds / travelSeconds) % 1
  for (let i = 0; i < count; i++) phases.push((base + i / count) % 1)
  return phases
}

const HEALTH_RANK: Record<string, number> = { error: 3, warning: 2, ok: 1, unknown: 0 }

/** error > warning > ok > unknown, as the contract combines health. */
export function healthRank(health: string | null | undefined): number {
  return HEALTH_RANK[health ?? 'unknown'] ?? 0
}

/** The CSS class suffix for a health value; anything unexpected counts as unknown. */
export function healthTone(health: string | null | undefined): 'ok' | 'warning' | 'error' | 'unknown' {
  return health === 'ok' || health === 'warning' || health === 'error' ? health : 'unknown'
}

/** Dashes for a stale link: warning dashed, error dotted, otherwise solid. */
export function staleDash(staleness: string | null | undefined): string | undefined {
  if (staleness === 'error') return '2 5'
  if (staleness === 'warning') return '8 5'
  return undefined
}
