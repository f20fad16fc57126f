// A small layered (Sugiyama-style) layout for state graphs: breaks cycles, assigns layers top to
// bottom, orders each layer to cut crossings, places nodes and routes edges as smooth curves.
// Pure arithmetic, so the CLI's SVG and the playground's States tab draw the same picture.
//
// Invariants:
//  1. Every node of the graph is placed exactly once; dummy nodes never appear in the result.
//  2. Within a layer nodes never overlap: consecutive centres are at least half-widths + gap apart.
//  3. An edge's points run from its `from` node to its `to` node, whichever way it points.

import { shortDetail, type GraphEdge, type GraphNode, type StateGraph } from "./graph.js";

export interface Point {
  x: number;
  y: number;
}

export interface PlacedNode {
  node: GraphNode;
  /** Centre of the box. */
  x: number;
  y: number;
  width: number;
  height: number;
  /** The one-line detail drawn under the name (shortened `case` comment). */
  label: string;
}

export interface PlacedEdge {
  edge: GraphEdge;
  /** Route from the source port to the target port, through the edge's dummy positions. */
  points: Point[];
  /** SVG path data for the route (cubic curves; a loop for a self edge). */
  path: string;
  /** Where to write the edge's kind. */
  labelAt: Point;
  /** True when the edge points up the layers (a loop's back edge) or at its own node. */
  back: boolean;
}

export interface GraphLayout {
  width: number;
  height: number;
  nodes: PlacedNode[];
  edges: PlacedEdge[];
}

/** Sizes used to measure text; the renderer must use fonts of about these sizes. */
export interface LayoutMetrics {
  nameCharWidth: number;
  detailCharWidth: number;
  nodeGap: number;
  layerGap: number;
  margin: number;
}

export const DEFAULT_METRICS: LayoutMetrics = { nameCharWidth: 8.4, detailCharWidth: 6.6, nodeGap: 28, layerGap: 54, margin: 16 };

/** A vertex of the layered graph: a real node, or a dummy standing for a long edge in one layer. */
interface Vertex {
  index: number;
  node: GraphNode | undefined;
  layer: number;
  order: number;
  x: number;
  width: number;
  height: number;
  up: number[];
  down: number[];
}

/** One edge after cycle breaking: `chain` lists its vertices top to bottom. */
interface Routed {
  edge: GraphEdge;
  chain: number[];
  reversed: boolean;
}

const DETAIL_MAX = 38;
const SWEEPS = 8;
const PLACEMENT_ROUNDS = 6;

/** Lays out `graph` top to bottom. An empty graph gives an empty layout with just the margins. */
export function layoutStateGraph(graph: StateGraph, metrics: LayoutMetrics = DEFAULT_METRICS): GraphLayout {
  const vertices = graph.nodes.map((node, index) => makeNodeVertex(node, index, metrics));
  const indexOf = new Map(graph.nodes.map((node, index) => [node.id, index]));
  const selfEdges: GraphEdge[] = [];
  const dagEdges: { edge: GraphEdge; from: number; to: number; reversed: boolean }[] = [];

  // 1. Break cycles: a DFS from the first state marks edges into the current stack as back edges.
  const backEdges = findBackEdges(graph, indexOf);
  graph.edges.forEach((edge, i) => {
    const from = indexOf.get(edge.from);
    const to = indexOf.get(edge.to);
    if (from === undefined || to === undefined) return;
    if (from === to) selfEdges.push(edge);
    else if (backEdges.has(i)) dagEdges.push({ edge, from: to, to: from, reversed: true });
    else dagEdges.push({ edge, from, to, reversed: false });
  });

  // 2. Layers: longest path from the sources, so every edge goes down at least one layer.
  assignLayers(vertices, dagEdges);

  // 3. Long edges get one dummy vertex per layer they cross.
  const routed: Routed[] = dagEdges.map(({ edge, from, to, reversed }) => {
    const chain = [from];
    for (let layer = vertices[from]!.layer + 1; layer < vertices[to]!.layer; layer++) {
      const dummy: Vertex = { index: vertices.length, node: undefined, layer, order: 0, x: 0, width: 8, height: 0, up: [], down: [] };
      vertices.push(dummy);
      chain.push(dummy.index);
    }
    chain.push(to);
    for (let i = 0; i + 1 < chain.length; i++) {
      vertices[chain[i]!]!.down.push(chain[i + 1]!);
      vertices[chain[i + 1]!]!.up.push(chain[i]!);
    }
    return { edge, chain, reversed };
  });

  // 4. Order within layers by barycentre sweeps, keeping the order with the fewest crossings.
  const layers = orderLayers(vertices);

  // 5. Coordinates: rows top to bottom; x pulled towards neighbours without overlap.
  const layerY = placeRows(layers, vertices, metrics);
  placeColumns(layers, vertices, metrics);
  normalizeX(vertices, metrics.margin);

  const placedNodes: PlacedNode[] = graph.nodes.map((node, i) => {
    const vertex = vertices[i]!;
    return { node, x: vertex.x, y: layerY[vertex.layer]!, width: vertex.width, height: vertex.height, label: shortDetail(node.detail, DETAIL_MAX) };
  });

  // 6. Edges: ports spread along the node sides, then curves through the dummies.
  const placedEdges = routeEdges(routed, vertices, layerY);
  for (const edge of selfEdges) placedEdges.push(routeSelfEdge(edge, placedNodes[indexOf.get(edge.from)!]!));

  const right = Math.max(0, ...placedNodes.map((n) => n.x + n.width / 2 + 40), ...vertices.map((v) => v.x + 20));
  const bottom = layers.length === 0 ? 0 : layerY[layers.length - 1]! + maxHeight(layers[layers.length - 1]!, vertices) / 2;
  return { width: Math.ceil(right + metrics.margin), height: Math.ceil(bottom + metrics.margin), nodes: placedNodes, edges: placedEdges };
}

function makeNodeVertex(node: GraphNode, index: number, metrics: LayoutMetrics): Vertex {
  const label = shortDetail(node.detail, DETAIL_MAX);
  const width = Math.max(node.id.length * metrics.nameCharWidth, label.length * metrics.detailCharWidth) + 24;
  const height = label ? 44 : 30;
  return { index, node, layer: 0, order: 0, x: 0, width: Math.max(width, 64), height, up: [], down: [] };
}

/** Indices of edges that close a cycle in a DFS that starts from the first node, then the rest in order. */
function findBackEdges(graph: StateGraph, indexOf: Map<string, number>): Set<number> {
  const out: number[][] = graph.nodes.map(() => []);
  graph.edges.forEach((edge, i) => {
    const from = indexOf.get(edge.from);
    if (from !== undefined) out[from]!.push(i);
  });
  const color = new Uint8Array(graph.nodes.length); // 0 unseen, 1 on stack, 2 finished
  const back = new Set<number>();
  for (let root = 0; root < graph.nodes.length; root++) {
    if (color[root] !== 0) continue;
    // Iterative DFS: each frame is a node and the position in its out-edge list.
    const stack: [number, number][] = [[root, 0]];
    color[root] = 1;
    while (stack.length > 0) {
      const frame = stack[stack.length - 1]!;
      const [node, next] = frame;
      if (next >= out[node]!.length) {
        color[node] = 2;
        stack.pop();
        continue;
      }
      frame[1] = next + 1;
      const edgeIndex = out[node]![next]!;
      const target = indexOf.get(graph.edges[edgeIndex]!.to)!;
      if (target === node) continue;
      if (color[target] === 1) back.add(edgeIndex);
      else if (color[target] === 0) {
        color[target] = 1;
        stack.push([target, 0]);
      }
    }
  }
  return back;
}

function assignLayers(vertices: Vertex[], edges: { from: number; to: number }[]): void {
  const incoming = vertices.map(() => 0);
  const out: number[][] = vertices.map(() => []);
  for (const { from, to } of edges) {
    incoming[to]!++;
    out[from]!.push(to);
  }
  // Kahn's order over the acyclic edges; sources keep their emission order.
  const sources = vertices.filter((_, i) => incoming[i] === 0).map((v) => v.index);
  const queue = [...sources];
  for (let head = 0; head < queue.length; head++) {
    const v = queue[head]!;
    for (const w of out[v]!) {
      vertices[w]!.layer = Math.max(vertices[w]!.layer, vertices[v]!.layer + 1);
      if (--incoming[w]! === 0) queue.push(w);
    }
  }
  // A source other than the entry (a handler entered only by an exception, say) would otherwise
  // sit in the top row, far from what it leads to: put it just above its nearest successor.
  for (const v of sources.reverse()) {
    if (v === 0 || out[v]!.length === 0) continue;
    vertices[v]!.layer = Math.max(0, Math.min(...out[v]!.map((w) => vertices[w]!.layer)) - 1);
  }
}

function orderLayers(vertices: Vertex[]): number[][] {
  const depth = vertices.reduce((max, v) => Math.max(max, v.layer), -1) + 1;
  const layers: number[][] = Array.from({ length: depth }, () => []);
  for (const v of vertices) layers[v.layer]!.push(v.index); // real nodes first, in emission order
  const setOrder = (layer: number[]) => layer.forEach((v, i) => (vertices[v]!.order = i));
  layers.forEach(setOrder);

  let best = layers.map((layer) => [...layer]);
  let bestCrossings = countCrossings(layers, vertices);
  for (let sweep = 0; sweep < SWEEPS && bestCrossings > 0; sweep++) {
    const downward = sweep % 2 === 0;
    const range = downward ? [...layers.keys()].slice(1) : [...layers.keys()].reverse().slice(1);
    for (const l of range) {
      const layer = layers[l]!;
      const key = new Map<number, number>();
      for (const v of layer) {
        const neighbours = downward ? vertices[v]!.up : vertices[v]!.down;
        key.set(v, neighbours.length === 0 ? vertices[v]!.order : average(neighbours.map((n) => vertices[n]!.order)));
      }
      layer.sort((a, b) => key.get(a)! - key.get(b)! || vertices[a]!.order - vertices[b]!.order);
      setOrder(layer);
    }
    const crossings = countCrossings(layers, vertices);
    if (crossings < bestCrossings) {
      bestCrossings = crossings;
      best = layers.map((layer) => [...layer]);
    }
  }
  best.forEach(setOrder);
  return best;
}

function countCrossings(layers: number[][], vertices: Vertex[]): number {
  let crossings = 0;
  for (let l = 0; l + 1 < layers.length; l++) {
    const pairs: [number, number][] = [];
    for (const v of layers[l]!) for (const w of vertices[v]!.down) pairs.push([vertices[v]!.order, vertices[w]!.order]);
    for (let i = 0; i < pairs.length; i++) {
      for (let j = i + 1; j < pairs.length; j++) {
        const [a1, b1] = pairs[i]!;
        const [a2, b2] = pairs[j]!;
        if ((a1 - a2) * (b1 - b2) < 0) crossings++;
      }
    }
  }
  return crossings;
}

function maxHeight(layer: number[], vertices: Vertex[]): number {
  return Math.max(0, ...layer.map((v) => vertices[v]!.height));
}

/** Returns the centre y of each layer. */
function placeRows(layers: number[][], vertices: Vertex[], metrics: LayoutMetrics): number[] {
  const ys: number[] = [];
  let top = metrics.margin;
  for (const layer of layers) {
    const height = Math.max(maxHeight(layer, vertices), 10);
    ys.push(top + height / 2);
    top += height + metrics.layerGap;
  }
  return ys;
}

function separation(a: Vertex, b: Vertex, metrics: LayoutMetrics): number {
  const gap = a.node && b.node ? metrics.nodeGap : metrics.nodeGap / 2;
  return a.width / 2 + b.width / 2 + gap;
}

function placeColumns(layers: number[][], vertices: Vertex[], metrics: LayoutMetrics): void {
  // Start packed and centred on 0.
  for (const layer of layers) {
    let x = 0;
    layer.forEach((v, i) => {
      if (i > 0) x += separation(vertices[layer[i - 1]!]!, vertices[v]!, metrics);
      vertices[v]!.x = x;
    });
    const mid = x / 2;
    for (const v of layer) vertices[v]!.x -= mid;
  }
  for (let round = 0; round < PLACEMENT_ROUNDS; round++) {
    const downward = round % 2 === 0;
    const order = downward ? [...layers.keys()] : [...layers.keys()].reverse();
    for (const l of order) {
      const layer = layers[l]!;
      const desired = layer.map((v) => {
        const vertex = vertices[v]!;
        const neighbours = [...vertex.up, ...vertex.down];
        return neighbours.length === 0 ? vertex.x : average(neighbours.map((n) => vertices[n]!.x));
      });
      fitInOrder(layer, desired, vertices, metrics);
    }
  }
}

/**
 * Moves a layer's vertices as close to `desired` as order and separation allow: the average of a
 * left-to-right pass (push right) and a right-to-left pass (push left), both feasible (rule 2).
 */
function fitInOrder(layer: number[], desired: number[], vertices: Vertex[], metrics: LayoutMetrics): void {
  const n = layer.length;
  const left: number[] = new Array(n);
  const right: number[] = new Array(n);
  for (let i = 0; i < n; i++) {
    const min = i === 0 ? -Infinity : left[i - 1]! + separation(vertices[layer[i - 1]!]!, vertices[layer[i]!]!, metrics);
    left[i] = Math.max(desired[i]!, min);
  }
  for (let i = n - 1; i >= 0; i--) {
    const max = i === n - 1 ? Infinity : right[i + 1]! - separation(vertices[layer[i]!]!, vertices[layer[i + 1]!]!, metrics);
    right[i] = Math.min(desired[i]!, max);
  }
  for (let i = 0; i < n; i++) vertices[layer[i]!]!.x = (left[i]! + right[i]!) / 2;
}

/** Shifts every vertex so the leftmost box starts at the margin. */
function normalizeX(vertices: Vertex[], margin: number): void {
  const minLeft = Math.min(...vertices.map((v) => v.x - v.width / 2));
  const shift = Number.isFinite(minLeft) ? margin - minLeft : 0;
  for (const v of vertices) v.x += shift;
}

function routeEdges(routed: Routed[], vertices: Vertex[], layerY: number[]): PlacedEdge[] {
  // Ports: each node spreads the edges leaving its bottom (and entering its top) along that side,
  // sorted by where the other end is, so parallel edges do not sit on top of each other.
  const bottomPorts = new Map<number, { route: Routed; towards: number }[]>();
  const topPorts = new Map<number, { route: Routed; towards: number }[]>();
  const push = (ports: typeof bottomPorts, v: number, entry: { route: Routed; towards: number }) => {
    const list = ports.get(v) ?? [];
    list.push(entry);
    ports.set(v, list);
  };
  for (const route of routed) {
    const { chain } = route;
    push(bottomPorts, chain[0]!, { route, towards: vertices[chain[1]!]!.x });
    push(topPorts, chain[chain.length - 1]!, { route, towards: vertices[chain[chain.length - 2]!]!.x });
  }
  const portX = new Map<Routed, { top: number; bottom: number }>();
  const assign = (ports: typeof bottomPorts, side: "top" | "bottom") => {
    for (const [v, list] of ports) {
      const vertex = vertices[v]!;
      list.sort((a, b) => a.towards - b.towards);
      list.forEach((entry, i) => {
        const x = vertex.x + (vertex.width * 0.7 * (i + 1)) / (list.length + 1) - vertex.width * 0.35;
        const slot = portX.get(entry.route) ?? { top: 0, bottom: 0 };
        slot[side] = x;
        portX.set(entry.route, slot);
      });
    }
  };
  assign(bottomPorts, "bottom");
  assign(topPorts, "top");

  return routed.map((route) => {
    const { chain } = route;
    const ports = portX.get(route)!;
    const first = vertices[chain[0]!]!;
    const last = vertices[chain[chain.length - 1]!]!;
    const points: Point[] = [{ x: ports.bottom, y: layerY[first.layer]! + first.height / 2 }];
    for (const v of chain.slice(1, -1)) points.push({ x: vertices[v]!.x, y: layerY[vertices[v]!.layer]! });
    points.push({ x: ports.top, y: layerY[last.layer]! - last.height / 2 });
    if (route.reversed) points.reverse(); // rule 3: points run from `from` to `to`
    return { edge: route.edge, points, path: curveThrough(points), labelAt: labelPoint(points), back: route.reversed };
  });
}

function routeSelfEdge(edge: GraphEdge, node: PlacedNode): PlacedEdge {
  const x = node.x + node.width / 2;
  const top = node.y - node.height / 4;
  const bottom = node.y + node.height / 4;
  const path = `M ${fmt(x)} ${fmt(top)} C ${fmt(x + 34)} ${fmt(top - 14)}, ${fmt(x + 34)} ${fmt(bottom + 14)}, ${fmt(x)} ${fmt(bottom)}`;
  return {
    edge,
    points: [
      { x, y: top },
      { x, y: bottom },
    ],
    path,
    labelAt: { x: x + 30, y: node.y },
    back: true,
  };
}

/** Smooth vertical curve through the points: each hop is a cubic with vertical tangents. */
function curveThrough(points: Point[]): string {
  let d = `M ${fmt(points[0]!.x)} ${fmt(points[0]!.y)}`;
  for (let i = 1; i < points.length; i++) {
    const a = points[i - 1]!;
    const b = points[i]!;
    const dy = (b.y - a.y) / 2;
    d += ` C ${fmt(a.x)} ${fmt(a.y + dy)}, ${fmt(b.x)} ${fmt(b.y - dy)}, ${fmt(b.x)} ${fmt(b.y)}`;
  }
  return d;
}

/** The middle of the route's middle hop (the curve's midpoint for a cubic with vertical tangents). */
function labelPoint(points: Point[]): Point {
  const i = Math.floor((points.length - 1) / 2);
  const a = points[i]!;
  const b = points[i + 1] ?? a;
  return { x: (a.x + b.x) / 2, y: (a.y + b.y) / 2 };
}

function average(values: number[]): number {
  return values.reduce((sum, v) => sum + v, 0) / values.length;
}

function fmt(n: number): string {
  return (Math.round(n * 10) / 10).toString();
}
