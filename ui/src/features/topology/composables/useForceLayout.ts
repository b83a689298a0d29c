import {
  forceCollide,
  forceLink,
  forceManyBody,
  forceSimulation,
  forceX,
  forceY,
  type Simulation,
  type SimulationLinkDatum,
  type SimulationNodeDatum,
} from 'd3'
import { onScopeDispose, ref, shallowRef, type Ref, type ShallowRef } from 'vue'

export interface LayoutNode extends SimulationNodeDatum {
  id: number
  radius: number
}

type LayoutLink = SimulationLinkDatum<LayoutNode>

export interface LayoutInput {
  nodes: readonly { id: number; radius: number }[]
  links: readonly { source: number; target: number }[]
}

export interface ForceLayout {
  /** Node id → position; a new Map on every tick, so Vue re-renders the graph from it. */
  positions: ShallowRef<ReadonlyMap<number, { x: number; y: number; pinned: boolean }>>
  /** Counts the times the layout came to rest (the graph fits the view after the first). */
  settled: Ref<number>
  /** Feeds new data: node objects are reused by id, so positions (and pins) survive refreshes. */
  update: (input: LayoutInput) => void
  /** A new drawing area: the picture moves with its centre, the arrangement and pins are kept. */
  resize: (width: number, height: number) => void
  /** The node object itself (d3-drag's subject). */
  node: (id: number) => LayoutNode | undefined
  dragStart: (id: number) => void
  dragTo: (id: number, x: number, y: number) => void
  /** Ends a drag; the node stays where it was dropped. */
  dragEnd: (id: number) => void
  /** Lets go of every pinned node and lays the graph out again. */
  unpinAll: () => void
  /** Runs the simulation synchronously (tests, reduced motion). */
  settle: (ticks?: number) => void
}

/**
 * The force simulation behind the topology. D3 computes; Vue renders from `positions`. When
 * `animate` is false (reduced motion) every change is settled at once instead of moving.
 */
export function useForceLayout(options: { width: number; height: number; animate?: boolean }): ForceLayout {
  let width = options.width
  let height = options.height
  const animate = options.animate ?? true
  const nodes = new Map<number, LayoutNode>()
  const positions = shallowRef<ReadonlyMap<number, { x: number; y: number; pinned: boolean }>>(new Map())
  const settled = ref(0)

  const linkForce = forceLink<LayoutNode, LayoutLink>([])
    .id((d) => d.id)
    .distance((l) => 140 + ((l.source as LayoutNode).radius ?? 0) + ((l.target as LayoutNode).radius ?? 0))
    .strength(0.4)
  // a gentle pull to the middle (not forceCenter, which keeps shifting everyone around a pinned node)
  const towardsX = forceX<LayoutNode>(width / 2).strength(0.06)
  const towardsY = forceY<LayoutNode>(height / 2).strength(0.08)
  const simulation: Simulation<LayoutNode, LayoutLink> = forceSimulation<LayoutNode, LayoutLink>([])
    .force('charge', forceManyBody<LayoutNode>().strength(-900))
    .force('link', linkForce)
    .force('x', towardsX)
    .force('y', towardsY)
    .force('collide', forceCollide<LayoutNode>((d) => d.radius + 24))
    .stop()
  simulation.on('tick', publish)
  simulation.on('end', () => settled.value++)

  function publish(): void {
    const next = new Map<number, { x: number; y: number; pinned: boolean }>()
    for (const node of nodes.values()) {
      next.set(node.id, { x: node.x ?? 0, y: node.y ?? 0, pinned: node.fx != null })
    }
    positions.value = next
  }

  function kick(alpha: number): void {
    simulation.alpha(Math.max(simulation.alpha(), alpha))
    if (animate) simulation.restart()
    else settle()
  }

  function settle(ticks = 300): void {
    simulation.stop()
    for (let i = 0; i < ticks && simulation.alpha() > simulation.alphaMin(); i++) simulation.tick()
    publish()
    settled.value++
  }

  function update(input: LayoutInput): void {
    const seen = new Set<number>()
    let added = 0
    const total = input.nodes.length
    input.nodes.forEach((item, index) => {
      seen.add(item.id)
      const existing = nodes.get(item.id)
      if (existing) {
        existing.radius = item.radius
        return
      }
      // new instances start on a circle around the centre, so the first layout is untangled
      const angle = (2 * Math.PI * index) / Math.max(total, 1)
      const spread = Math.min(width, height) / 3
      nodes.set(item.id, {
        id: item.id,
        radius: item.radius,
        x: width / 2 + spread * Math.cos(angle),
        y: height / 2 + spread * Math.sin(angle),
      })
      added++
    })
    for (const id of [...nodes.keys()]) if (!seen.has(id)) nodes.delete(id)
    simulation.nodes([...nodes.values()])
    linkForce.links(
      input.links
        .filter((l) => nodes.has(l.source) && nodes.has(l.target) && l.source !== l.target)
        .map((l) => ({ source: l.source, target: l.target })),
    )
    publish()
    kick(added === nodes.size ? 1 : added > 0 ? 0.5 : 0.1)
  }

  function resize(w: number, h: number): void {
    if (w === width && h === height) return
    // the picture moves with the centre of the area: the arrangement (and pinned places) is kept as drawn
    const dx = (w - width) / 2
    const dy = (h - height) / 2
    for (const node of nodes.values()) {
      node.x = (node.x ?? 0) + dx
      node.y = (node.y ?? 0) + dy
      if (node.fx != null) node.fx += dx
      if (node.fy != null) node.fy += dy
    }
    publish()
    width = w
    height = h
    towardsX.x(w / 2)
    towardsY.y(h / 2)
    kick(0.1)
  }

  function dragStart(id: number): void {
    const node = nodes.get(id)
    if (!node) return
    node.fx = node.x
    node.fy = node.y
    simulation.alphaTarget(0.2)
    if (animate) simulation.restart()
  }

  function dragTo(id: number, x: number, y: number): void {
    const node = nodes.get(id)
    if (!node) return
    node.fx = x
    node.fy = y
    node.x = x
    node.y = y
    if (animate) return publish()
    simulation.alpha(0.3)
    settle(40)
  }

  function dragEnd(id: number): void {
    simulation.alphaTarget(0)
    if (!nodes.has(id)) return
    if (animate) publish()
    else settle()
  }

  function unpinAll(): void {
    for (const node of nodes.values()) {
      node.fx = null
      node.fy = null
    }
    kick(0.8)
  }

  onScopeDispose(() => {
    simulation.stop()
    simulation.on('tick', null).on('end', null)
  })

  return { positions, settled, update, resize, node: (id) => nodes.get(id), dragStart, dragTo, dragEnd, unpinAll, settle }
}
