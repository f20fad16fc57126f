// Writes state graphs as a Mermaid `stateDiagram-v2`, one composite state per function, for
// pasting into Markdown that renders Mermaid (GitHub, GitLab, most doc sites).

import type { StateGraph } from "./graph.js";

/** Mermaid state ids allow letters, digits and `_`; `$` and `.` become `_`. */
function mermaidId(text: string): string {
  return text.replace(/[^A-Za-z0-9_]/g, "_");
}

/**
 * Escapes description text with Mermaid's `#code;` entities, so `:`, `;`, `#`, braces and angle
 * brackets in source snippets cannot end the statement or open a note.
 */
export function escapeMermaid(text: string): string {
  return text.replace(/\s+/g, " ").trim().replace(/[#:;{}<>"]/g, (c) => `#${c.charCodeAt(0)};`);
}

/**
 * Renders the graphs as one Mermaid state diagram.
 *
 * @example
 * console.log(renderStateGraphsMermaid(result.functions.map(buildStateGraph)));
 */
export function renderStateGraphsMermaid(graphs: StateGraph[]): string {
  const lines = ["stateDiagram-v2"];
  for (const graph of graphs) {
    const fn = mermaidId(graph.name);
    const id = (state: string) => `${fn}__${mermaidId(state)}`;
    lines.push(`  state "${escapeMermaid(graph.name)}" as ${fn} {`);
    if (graph.nodes.length > 0) lines.push(`    [*] --> ${id(graph.nodes[0]!.id)}`);
    for (const node of graph.nodes) {
      const label = node.detail ? `${node.id} · ${escapeMermaid(node.detail)}` : node.id;
      lines.push(`    state "${label}" as ${id(node.id)}`);
    }
    for (const edge of graph.edges) lines.push(`    ${id(edge.from)} --> ${id(edge.to)} : ${edge.kind}`);
    for (const node of graph.nodes) if (node.category === "done" && node.id === "Done") lines.push(`    ${id(node.id)} --> [*]`);
    lines.push("  }");
  }
  return `${lines.join("\n")}\n`;
}
