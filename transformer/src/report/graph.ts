// Turns a lowered function's report into a plain state graph (nodes and labelled edges), the one
// model that the dot, mermaid and SVG renderers all draw. Pure data, no TypeScript API, so the
// playground can use it in the browser.

import type { FunctionReport, StateInfo, TransitionKind } from "../api-types.js";

/** What a state is, read from its HS-4 name (`Await0` → `await`); drives the node's colour. */
export type StateCategory = "start" | "await" | "yield" | "loop" | "catch" | "finally" | "preempt" | "done" | "other";

export interface GraphNode {
  /** The state's enum member name; unique within its graph. */
  id: string;
  /** The number of the state in the enum, or -1 for a terminal node that is not a `case`. */
  stateId: number;
  category: StateCategory;
  /** The source text the state stands for (its `case` comment), possibly empty. */
  detail: string;
}

export interface GraphEdge {
  from: string;
  to: string;
  kind: TransitionKind;
}

export interface StateGraph {
  /** The function's name, as in the report. */
  name: string;
  /** The state enum's name (`Foo$State`). */
  stateEnum: string;
  nodes: GraphNode[];
  edges: GraphEdge[];
}

const CATEGORY_PREFIXES: ReadonlyArray<[string, StateCategory]> = [
  ["Start", "start"],
  ["Await", "await"],
  ["Yield", "yield"],
  ["Loop", "loop"],
  ["Catch", "catch"],
  ["Finally", "finally"],
  ["Preempt", "preempt"],
  ["Done", "done"],
  ["Failed", "done"],
];

/** Reads a state's category from its name (style.md HS-4: `<Kind><n>`). */
export function categorizeState(name: string): StateCategory {
  for (const [prefix, category] of CATEGORY_PREFIXES) {
    if (name.startsWith(prefix)) return category;
  }
  return "other";
}

function nodeOf(state: StateInfo): GraphNode {
  return { id: state.name, stateId: state.id, category: categorizeState(state.name), detail: state.comment };
}

/**
 * Builds the graph of one function: one node per state in enum order, one edge per transition.
 * A transition to a state that has no `case` (usually `Done`) gets a terminal node of its own.
 * Duplicate transitions (same target and kind) are drawn once.
 */
export function buildStateGraph(fn: FunctionReport): StateGraph {
  const nodes = [...fn.states].sort((a, b) => a.id - b.id).map(nodeOf);
  const known = new Set(nodes.map((node) => node.id));
  const edges: GraphEdge[] = [];
  const seen = new Set<string>();
  for (const state of fn.states) {
    for (const transition of state.transitions) {
      const key = `${state.name}\u0000${transition.to}\u0000${transition.kind}`;
      if (seen.has(key)) continue;
      seen.add(key);
      if (!known.has(transition.to)) {
        known.add(transition.to);
        nodes.push({ id: transition.to, stateId: -1, category: categorizeState(transition.to), detail: "" });
      }
      edges.push({ from: state.name, to: transition.to, kind: transition.kind });
    }
  }
  return { name: fn.name, stateEnum: fn.stateEnum, nodes, edges };
}

/** Shortens a `case` comment to one line of at most `max` characters, for node labels. */
export function shortDetail(detail: string, max = 40): string {
  const line = detail.replace(/\s+/g, " ").trim();
  return line.length <= max ? line : `${line.slice(0, max - 1)}…`;
}
