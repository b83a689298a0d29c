import { describe, expect, it } from 'vitest'

import {
  LINK_WIDTH,
  MAX_PARTICLE_RATE,
  NODE_RADIUS,
  linkGeometry,
  linkKey,
  linkOffsets,
  linkWidth,
  nodeRadius,
  parseLinkKey,
  particleCount,
  particlePhases,
  particleRate,
  quadraticPoint,
  sideOf,
  staleDash,
} from './geometry'
import type { Direction } from './types'

const link = (source: number, target: number, mirror_direction: Direction) => ({ source, target, mirror_direction })
const A = { x: 100, y: 300 }
const B = { x: 500, y: 300 }

describe('link curvature', () => {
  it('draws a link that is alone between its instances straight', () => {
    const offsets = linkOffsets([link(1, 2, 'push'), link(1, 3, 'pull')])
    expect(offsets.get('1-2-push')).toBe(0)
    expect(offsets.get('1-3-pull')).toBe(0)
    const g = linkGeometry(A, B, 0)
    expect(sideOf(A, B, g.control)).toBe(0)
    expect(g.d).toBe('M100,300 Q300,300 500,300')
  })

  it('bends A → B and B → A to opposite sides of the line between the instances', () => {
    const offsets = linkOffsets([link(1, 2, 'push'), link(2, 1, 'push')])
    const ab = linkGeometry(A, B, offsets.get('1-2-push')!)
    const ba = linkGeometry(B, A, offsets.get('2-1-push')!)
    expect(offsets.get('1-2-push')).not.toBe(0)
    expect(sideOf(A, B, ab.control)).not.toBe(0)
    expect(sideOf(A, B, ab.control)).toBe(-sideOf(A, B, ba.control))
    // the curves' middles are apart, so the two links do not overlap
    expect(Math.abs(ab.mid.y - ba.mid.y)).toBeGreaterThan(40)
  })

  it('gives parallel links of different direction different offsets on the same side', () => {
    const offsets = linkOffsets([link(1, 2, 'pull'), link(1, 2, 'push'), link(2, 1, 'push')])
    expect(offsets.get('1-2-push')).toBe(1)
    expect(offsets.get('1-2-pull')).toBe(2)
    const push = linkGeometry(A, B, offsets.get('1-2-push')!)
    const pull = linkGeometry(A, B, offsets.get('1-2-pull')!)
    expect(sideOf(A, B, push.control)).toBe(sideOf(A, B, pull.control))
    expect(Math.abs(pull.mid.y - A.y)).toBeGreaterThan(Math.abs(push.mid.y - A.y))
  })

  it('cuts the curve back to the nodes’ rims, leaving room for the arrowhead', () => {
    const g = linkGeometry(A, B, 0, { sourceRadius: 20, targetRadius: 30, endGap: 5 })
    expect(g.start).toEqual({ x: 120, y: 300 })
    expect(g.end).toEqual({ x: 465, y: 300 })
  })

  it('finds points along a quadratic curve', () => {
    const start = { x: 0, y: 0 }
    const control = { x: 50, y: 100 }
    const end = { x: 100, y: 0 }
    expect(quadraticPoint(start, control, end, 0)).toEqual(start)
    expect(quadraticPoint(start, control, end, 1)).toEqual(end)
    expect(quadraticPoint(start, control, end, 0.5)).toEqual({ x: 50, y: 50 })
  })

  it('round-trips link keys', () => {
    expect(linkKey(link(3, 12, 'pull'))).toBe('3-12-pull')
    expect(parseLinkKey('3-12-pull')).toEqual(link(3, 12, 'pull'))
    expect(parseLinkKey('3-x-pull')).toBeNull()
    expect(parseLinkKey('3-1-sideways')).toBeNull()
  })
})

describe('sizes', () => {
  it('scales link width with the mirror count, within bounds', () => {
    expect(linkWidth(0, 100)).toBe(LINK_WIDTH.min)
    expect(linkWidth(1, 100)).toBe(LINK_WIDTH.min)
    expect(linkWidth(100, 100)).toBe(LINK_WIDTH.max)
    expect(linkWidth(500, 100)).toBe(LINK_WIDTH.max)
    expect(linkWidth(25, 100)).toBeGreaterThan(linkWidth(5, 100))
    expect(linkWidth(25, 100)).toBeLessThan(LINK_WIDTH.max)
    // a single mirror everywhere: every link as thin as can be
    expect(linkWidth(1, 1)).toBe(LINK_WIDTH.min)
  })

  it('scales node radius by the square root (area follows the count)', () => {
    expect(nodeRadius(0, 400)).toBe(NODE_RADIUS.min)
    expect(nodeRadius(400, 400)).toBe(NODE_RADIUS.max)
    const quarter = nodeRadius(100, 400)
    expect(quarter).toBeCloseTo(NODE_RADIUS.min + (NODE_RADIUS.max - NODE_RADIUS.min) / 2)
  })

  it('dashes stale links: warning dashed, error dotted', () => {
    expect(staleDash('ok')).toBeUndefined()
    expect(staleDash('warning')).toBe('8 5')
    expect(staleDash('error')).toBe('2 5')
  })
})

describe('particles', () => {
  it('is still on a link whose mirrors are all disabled, or empty', () => {
    expect(particleRate({ mirror_count: 10, enabled_count: 0 })).toBe(0)
    expect(particleRate({ mirror_count: 0 })).toBe(0)
  })

  it('flows faster with more enabled mirrors and with mirrors syncing now, up to a cap', () => {
    const few = particleRate({ mirror_count: 4, enabled_count: 4, status_counts: { finished: 4 } })
    const many = particleRate({ mirror_count: 100, enabled_count: 100, status_counts: { finished: 100 } })
    const syncing = particleRate({ mirror_count: 4, enabled_count: 4, status_counts: { started: 2, finished: 2 } })
    expect(few).toBeCloseTo(0.6)
    expect(many).toBeGreaterThan(few)
    expect(syncing).toBeGreaterThan(few)
    expect(particleRate({ mirror_count: 100000, enabled_count: 100000 })).toBe(MAX_PARTICLE_RATE)
  })

  it('falls back to mirror_count when enabled_count is missing', () => {
    expect(particleRate({ mirror_count: 9 })).toBeCloseTo(0.9)
  })

  it('spaces the particles in flight evenly and moves them with time', () => {
    expect(particleCount(0, 2)).toBe(0)
    expect(particleCount(0.1, 2)).toBe(1)
    expect(particleCount(2, 2)).toBe(4)
    expect(particleCount(100, 2)).toBe(16)
    expect(particlePhases(4, 0, 2)).toEqual([0, 0.25, 0.5, 0.75])
    const later = particlePhases(4, 0.5, 2)
    expect(later[0]).toBeCloseTo(0.25)
    expect(later[3]).toBeCloseTo(0)
  })
})
