// Draws state graphs as one self-contained SVG document (the CLI's `--format svg`, and the picture
// in the playground's States tab). Every node is a `<g data-function data-state>` so a page can
// make it clickable; colours come from CSS variables with fallbacks, so a page can restyle them.

import type { TransitionKind } from "../api-types.js";
import type { StateGraph } from "./graph.js";
import { layoutStateGraph, type GraphLayout } from "./layout.js";

export interface SvgOptions {
  /** Marks one state as current (class `sl-current`), e.g. while stepping. */
  highlight?: { functionName: string; state: string };
  /** Prefix for the ids of the arrow markers; must be unique in the page. Default `sl`. */
  idPrefix?: string;
  /** Writes a title row above each graph. Default true. */
  titles?: boolean;
}

const EDGE_KINDS: readonly TransitionKind[] = ["fallthrough", "jump", "branch", "await", "yield", "throw", "return"];
const TITLE_HEIGHT = 30;
const LABEL_CHAR_WIDTH = 6.2;
const LABEL_HEIGHT = 11;
const PANEL_GAP = 18;

const STYLE = `
.sl-graph { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; }
.sl-title { font-size: 13px; font-weight: 600; fill: var(--sl-text, #1f2933); }
.sl-title-enum { font-weight: 400; fill: var(--sl-muted, #616e7c); }
.sl-node rect { fill: var(--sl-node, #ffffff); stroke: var(--sl-node-stroke, #9aa5b1); stroke-width: 1.2; }
.sl-node .sl-name { font-size: 13px; font-weight: 600; fill: var(--sl-text, #1f2933); }
.sl-node .sl-detail { font-size: 10.5px; fill: var(--sl-muted, #52606d); }
.sl-cat-start rect { fill: var(--sl-start, #e3f8ff); stroke: var(--sl-start-stroke, #2bb0ed); }
.sl-cat-await rect { fill: var(--sl-await, #e6f0ff); stroke: var(--sl-await-stroke, #3f7ee8); }
.sl-cat-yield rect { fill: var(--sl-yield, #f2ebfe); stroke: var(--sl-yield-stroke, #8e5de8); }
.sl-cat-loop rect { fill: var(--sl-loop, #fff6e0); stroke: var(--sl-loop-stroke, #d9a200); }
.sl-cat-catch rect, .sl-cat-finally rect { fill: var(--sl-catch, #ffeeee); stroke: var(--sl-catch-stroke, #d64545); }
.sl-cat-preempt rect { fill: var(--sl-preempt, #e8f7ee); stroke: var(--sl-preempt-stroke, #2f9e62); }
.sl-cat-done rect { fill: var(--sl-done, #eef0f2); stroke: var(--sl-done-stroke, #52606d); stroke-width: 2; }
.sl-node.sl-current rect { stroke: var(--sl-current, #e8590c); stroke-width: 3; }
.sl-edge { fill: none; stroke-width: 1.4; stroke: var(--sl-edge, #7b8794); }
.sl-edge-fallthrough, .sl-edge-jump { stroke-dasharray: 4 3; }
.sl-edge-await { stroke: var(--sl-await-stroke, #3f7ee8); }
.sl-edge-yield { stroke: var(--sl-yield-stroke, #8e5de8); }
.sl-edge-branch { stroke: var(--sl-loop-stroke, #d9a200); }
.sl-edge-throw { stroke: var(--sl-catch-stroke, #d64545); }
.sl-edge-return { stroke: var(--sl-preempt-stroke, #2f9e62); }
.sl-edge-label { font-size: 10px; fill: var(--sl-muted, #52606d); paint-order: stroke; stroke: var(--sl-bg, #ffffff); stroke-width: 3px; stroke-linejoin: round; }
`;

const ARROW_COLOURS: Record<TransitionKind, string> = {
  fallthrough: "var(--sl-edge, #7b8794)",
  jump: "var(--sl-edge, #7b8794)",
  branch: "var(--sl-loop-stroke, #d9a200)",
  await: "var(--sl-await-stroke, #3f7ee8)",
  yield: "var(--sl-yield-stroke, #8e5de8)",
  throw: "var(--sl-catch-stroke, #d64545)",
  return: "var(--sl-preempt-stroke, #2f9e62)",
};

/** Escapes text for SVG/XML content and attribute values. */
export function escapeXml(text: string): string {
  return text.replace(/[<>&"']/g, (c) => ({ "<": "&lt;", ">": "&gt;", "&": "&amp;", '"': "&quot;", "'": "&#39;" })[c]!);
}

/**
 * Renders the graphs stacked top to bottom, each under a title, as one `<svg>` document.
 *
 * @example
 * const svg = renderStateGraphsSvg(result.functions.map(buildStateGraph));
 */
export function renderStateGraphsSvg(graphs: StateGraph[], options: SvgOptions = {}): string {
  const prefix = options.idPrefix ?? "sl";
  const titles = options.titles ?? true;
  const panels: string[] = [];
  let top = 0;
  let width = 0;
  for (const graph of graphs) {
    const layout = layoutStateGraph(graph);
    const titleHeight = titles ? TITLE_HEIGHT : 0;
    let panel = `<g class="sl-panel" data-function="${escapeXml(graph.name)}" transform="translate(0 ${top})">`;
    if (titles) {
      panel += `<text class="sl-title" x="16" y="20">${escapeXml(graph.name)} <tspan class="sl-title-enum">${escapeXml(graph.stateEnum)} · ${graph.nodes.filter((n) => n.stateId >= 0).length} states</tspan></text>`;
    }
    panel += `<g transform="translate(0 ${titleHeight})">${renderLayout(graph, layout, prefix, options)}</g></g>`;
    panels.push(panel);
    top += titleHeight + layout.height + PANEL_GAP;
    width = Math.max(width, layout.width, titles ? 16 + (graph.name.length + graph.stateEnum.length + 14) * 8 : 0);
  }
  const height = Math.max(top - PANEL_GAP, 0);
  const markers = EDGE_KINDS.map(
    (kind) =>
      `<marker id="${prefix}-arrow-${kind}" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M 0 0 L 10 5 L 0 10 z" fill="${ARROW_COLOURS[kind]}"/></marker>`,
  ).join("");
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" class="sl-graph" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">` +
    `<style>${STYLE}</style><defs>${markers}</defs>${panels.join("")}</svg>`
  );
}

function renderLayout(graph: StateGraph, layout: GraphLayout, prefix: string, options: SvgOptions): string {
  const parts: string[] = [];
  for (const placed of layout.edges) {
    const { edge } = placed;
    parts.push(
      `<path class="sl-edge sl-edge-${edge.kind}" data-from="${escapeXml(edge.from)}" data-to="${escapeXml(edge.to)}" d="${placed.path}" marker-end="url(#${prefix}-arrow-${edge.kind})"/>`,
    );
  }
  // Labels go right of their edge's midpoint; one that would cover an earlier label moves down.
  const taken: { x: number; y: number; width: number }[] = [];
  for (const placed of layout.edges) {
    if (placed.edge.kind === "fallthrough") continue; // the dashed line says it; keeps busy graphs legible
    const width = placed.edge.kind.length * LABEL_CHAR_WIDTH;
    const x = placed.labelAt.x + 4;
    let y = placed.labelAt.y + 3;
    while (taken.some((t) => Math.abs(t.y - y) < LABEL_HEIGHT && x < t.x + t.width && t.x < x + width)) y += LABEL_HEIGHT;
    taken.push({ x, y, width });
    parts.push(`<text class="sl-edge-label" x="${round(x)}" y="${round(y)}">${placed.edge.kind}</text>`);
  }
  for (const placed of layout.nodes) {
    const { node } = placed;
    const current = options.highlight?.functionName === graph.name && options.highlight.state === node.id ? " sl-current" : "";
    const left = placed.x - placed.width / 2;
    const topY = placed.y - placed.height / 2;
    const nameY = placed.label ? placed.y - 4 : placed.y + 4.5;
    parts.push(
      `<g class="sl-node sl-cat-${node.category}${current}" data-function="${escapeXml(graph.name)}" data-state="${escapeXml(node.id)}">` +
        `<title>${escapeXml(node.detail ? `${node.id}: ${node.detail}` : node.id)}</title>` +
        `<rect x="${round(left)}" y="${round(topY)}" width="${round(placed.width)}" height="${placed.height}" rx="7"/>` +
        `<text class="sl-name" x="${round(placed.x)}" y="${round(nameY)}" text-anchor="middle">${escapeXml(node.id)}</text>` +
        (placed.label ? `<text class="sl-detail" x="${round(placed.x)}" y="${round(placed.y + 13)}" text-anchor="middle">${escapeXml(placed.label)}</text>` : "") +
        `</g>`,
    );
  }
  return parts.join("");
}

function round(n: number): number {
  return Math.round(n * 10) / 10;
}
