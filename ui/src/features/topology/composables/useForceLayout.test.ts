import { describe, expect, it } from 'vitest'
import { effectScope } from 'vue'

import { useForceLayout, type ForceLayout } from './useForceLayout'

function withLayout(test: (layout: ForceLayout) => void): void {
  const scope = effectScope()
  scope.run(() => test(useForceLayout({ width: 800, height: 600, animate: false })))
  scope.stop()
}

const threeNodes = {
  nodes: [
    { id: 1, radius: 30 },
    { id: 2, radius: 20 },
    { id: 3, radius: 20 },
  ],
  links: [
    { source: 1, target: 2 },
    { source: 2, target: 1 },
    { source: 1, target: 3 },
  ],
}

describe('useForceLayout', () => {
  it('lays the nodes out apart from each other inside the area', () => {
    withLayout((layout) => {
      layout.update(threeNodes)
      const p = layout.positions.value
      expect([...p.keys()].sort()).toEqual([1, 2, 3])
      const a = p.get(1)!
      const b = p.get(2)!
      expect(Math.hypot(a.x - b.x, a.y - b.y)).toBeGreaterThan(50)
      for (const { x, y } of p.values()) {
        expect(x).toBeGreaterThan(0)
        expect(x).toBeLessThan(800)
        expect(y).toBeGreaterThan(0)
        expect(y).toBeLessThan(600)
      }
    })
  })

  it('reuses node objects by id on refresh: positions carry over, a dragged node stays pinned', () => {
    withLayout((layout) => {
      layout.update(threeNodes)
      const nodeTwo = layout.node(2)
      layout.dragStart(1)
      layout.dragTo(1, 123, 456)
      layout.dragEnd(1)
      const before = new Map(layout.positions.value)

      // a live refresh: the same instances with new counts (one grew)
      layout.update({ nodes: threeNodes.nodes.map((n) => (n.id === 2 ? { ...n, radius: 24 } : n)), links: threeNodes.links })
      expect(layout.node(2)).toBe(nodeTwo)
      expect(layout.node(2)!.radius).toBe(24)
      expect(layout.positions.value.get(1)).toEqual({ x: 123, y: 456, pinned: true })
      for (const id of [2, 3]) {
        const a = before.get(id)!
        const b = layout.positions.value.get(id)!
        // nudged by the bigger circle at most, not laid out afresh
        expect(Math.hypot(a.x - b.x, a.y - b.y)).toBeLessThan(40)
      }
      // and a refresh that changes nothing moves nothing noticeably
      const settled = new Map(layout.positions.value)
      layout.update({ nodes: threeNodes.nodes.map((n) => (n.id === 2 ? { ...n, radius: 24 } : n)), links: threeNodes.links })
      for (const [id, a] of settled) {
        const b = layout.positions.value.get(id)!
        expect(Math.hypot(a.x - b.x, a.y - b.y)).toBeLessThan(2)
      }

      // a new instance appears: the others keep their objects, the pinned one its place
      layout.update({ nodes: [...threeNodes.nodes, { id: 4, radius: 18 }], links: [...threeNodes.links, { source: 4, target: 1 }] })
      expect(layout.node(2)).toBe(nodeTwo)
      expect(layout.positions.value.get(1)).toEqual({ x: 123, y: 456, pinned: true })
      expect(layout.positions.value.has(4)).toBe(true)
    })
  })

  it('drops nodes that are gone', () => {
    withLayout((layout) => {
      layout.update(threeNodes)
      layout.update({ nodes: threeNodes.nodes.filter((n) => n.id !== 3), links: [{ source: 1, target: 2 }] })
      expect([...layout.positions.value.keys()].sort()).toEqual([1, 2])
      expect(layout.node(3)).toBeUndefined()
    })
  })

  it('keeps pinned nodes where they are when the area is resized, and lets go of them on unpinAll', () => {
    withLayout((layout) => {
      layout.update(threeNodes)
      layout.dragStart(2)
      layout.dragTo(2, 50, 60)
      layout.dragEnd(2)
      const before = new Map(layout.positions.value)
      layout.resize(1200, 600)
      // everything moves with the centre (200 px to the right): the arrangement is kept as it was
      expect(layout.positions.value.get(2)).toEqual({ x: 250, y: 60, pinned: true })
      for (const id of [1, 3]) {
        // (then the forces settle it a little further, not afresh)
        expect(Math.abs(layout.positions.value.get(id)!.x - before.get(id)!.x - 200)).toBeLessThan(50)
        expect(Math.abs(layout.positions.value.get(id)!.y - before.get(id)!.y)).toBeLessThan(50)
      }
      layout.unpinAll()
      expect(layout.positions.value.get(2)!.pinned).toBe(false)
      expect(layout.positions.value.get(2)!.x).not.toBe(250)
    })
  })
})
