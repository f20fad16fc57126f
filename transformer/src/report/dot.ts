// Writes state graphs in Graphviz's dot language: one `digraph`, one cluster per function, node
// ids prefixed by the function so several machines can share a file.

import type { StateGraph, StateCategory } from "./graph.js";

const FILL: Record<StateCategory, string> = {
  start: "#e3f8ff",
  await: "#e6f0ff",
  yield: "#f2ebfe",
  loop: "#fff6e0",
  catch: "#ffeeee",
  finally: "#ffeeee",
  preempt: "#e8f7ee",
  done: "#eef0f2",
  other: "#ffffff",
};

/** Quotes a dot ID: double quotes and backslashes escaped, newlines as `\n`. */
export function quoteDot(text: string): string {
  return `"${text.replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/\r?\n/g, "\\n")}"`;
}

/**
 * Renders the graphs as one dot digraph (`dot -Tsvg` draws it).
 *
 * @example
 * process.stdout.write(renderStateGraphsDot(result.functions.map(buildStateGraph)));
 */
export function renderStateGraphsDot(graphs: StateGraph[]): string {
  const lines = [
    "digraph stackless {",
    "  rankdir=TB;",
    '  node [shape=box, style="rounded,filled", fontname="monospace", fontsize=11];',
    '  edge [fontname="monospace", fontsize=9];',
  ];
  graphs.forEach((graph, index) => {
    const id = (state: string) => quoteDot(`${graph.name}.${state}`);
    lines.push(`  subgraph cluster_${index} {`);
    lines.push(`    label=${quoteDot(`${graph.name} (${graph.stateEnum})`)};`);
    for (const node of graph.nodes) {
      const label = node.detail ? `${node.id}\n${node.detail.replace(/\s+/g, " ").trim()}` : node.id;
      const shape = node.category === "done" ? ", peripheries=2" : "";
      lines.push(`    ${id(node.id)} [label=${quoteDot(label)}, fillcolor="${FILL[node.category]}"${shape}];`);
    }
    for (const edge of graph.edges) {
      const style = edge.kind === "fallthrough" || edge.kind === "jump" ? ", style=dashed" : "";
      lines.push(`    ${id(edge.from)} -> ${id(edge.to)} [label=${quoteDot(edge.kind)}${style}];`);
    }
    lines.push("  }");
  });
  lines.push("}");
  return `${lines.join("\n")}\n`;
}
