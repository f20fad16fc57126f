// The state-graph report shared by the CLI (`stackless graph`) and the playground's States tab:
// a graph model built from `inspect()`'s function reports, a layered layout, and three renderers.

export { buildStateGraph, categorizeState, shortDetail } from "./graph.js";
export type { GraphEdge, GraphNode, StateCategory, StateGraph } from "./graph.js";
export { layoutStateGraph, DEFAULT_METRICS } from "./layout.js";
export type { GraphLayout, LayoutMetrics, PlacedEdge, PlacedNode, Point } from "./layout.js";
export { renderStateGraphsSvg, escapeXml } from "./svg.js";
export type { SvgOptions } from "./svg.js";
export { renderStateGraphsDot, quoteDot } from "./dot.js";
export { renderStateGraphsMermaid, escapeMermaid } from "./mermaid.js";
