// Lookups over the output mappings (source map re-expressed against the formatted output) and
// over the formatted output's text: which output ranges a source selection produced, and where
// a state's `case` is.

import type { OutputMapping } from "./protocol.js";

export interface Range {
  from: number;
  to: number;
}

/** Output ranges generated from source offsets in [from, to). */
export function outputRangesForSource(mappings: readonly OutputMapping[], from: number, to: number): Range[] {
  return mappings.filter(([, , source]) => source >= from && source < to).map(([start, end]) => ({ from: start, to: end }));
}

/** Source offsets that the output range [from, to) (or the point `from`) came from. */
export function sourceOffsetsForOutput(mappings: readonly OutputMapping[], from: number, to: number): number[] {
  const hits = mappings.filter(([start, end]) => (to > from ? start < to && end > from : start <= from && from < end));
  return [...new Set(hits.map(([, , source]) => source))];
}

/**
 * The output text of one state: its `case <Enum>.<Name>:` (with the source comment just above it)
 * up to the next `case`/`default`, the comment above that, or the switch's closing brace.
 * Undefined when the output has no such case.
 */
export function caseRange(output: string, stateEnum: string, stateName: string): Range | undefined {
  const label = new RegExp(`^([ \\t]*)case ${escapeRegExp(stateEnum)}\\.${escapeRegExp(stateName)}\\s*:`, "m");
  const match = label.exec(output);
  if (!match) return undefined;
  const indent = match[1]!.length;
  const lines = output.split("\n");
  const starts: number[] = [];
  let offset = 0;
  for (const line of lines) {
    starts.push(offset);
    offset += line.length + 1;
  }
  const caseLine = starts.findIndex((start, i) => start <= match.index && match.index < start + lines[i]!.length + 1);
  const indentOf = (line: string) => line.length - line.trimStart().length;
  const isBoundary = (line: string) => {
    const text = line.trim();
    return text !== "" && indentOf(line) <= indent && (/^(case\b|default\b|\/\/)/.test(text) || text.startsWith("}"));
  };
  // The emitted source comment sits on the line above its case (HS-4); it belongs to the state.
  let first = caseLine;
  while (first > 0 && lines[first - 1]!.trim().startsWith("//") && indentOf(lines[first - 1]!) === indent) first--;
  let last = caseLine + 1;
  while (last < lines.length && !isBoundary(lines[last]!)) last++;
  const from = starts[first]! + indentOf(lines[first]!);
  const to = last < lines.length ? starts[last]! - 1 : output.length;
  return { from, to };
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
