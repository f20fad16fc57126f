// Renders lowering diagnostics the way TypeScript's error baselines do, for errors.txt snapshots:
// `input.ts(3,11): error SL1003: message`, then the offending source line with a `~~~` underline.

import type { LowerDiagnostic } from "../../transformer/src/api-types.js";

/** 1-based line and column of `offset` in `text`. */
export function positionOf(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}

function renderOne(source: string, d: LowerDiagnostic): string {
  const header = `${d.fileName}(${d.line},${d.column}): ${d.category} SL${d.code}: ${d.message}`;
  const lines = [header];
  // The header trusts the diagnostic's line/column; the underline trusts its offset. When the two
  // disagree the snapshot says so, instead of quietly showing one of them.
  const at = positionOf(source, d.start);
  if (at.line !== d.line || at.column !== d.column) {
    lines.push(`(position mismatch: offset ${d.start} is at ${at.line},${at.column})`);
  }
  const lineStart = d.start - (at.column - 1);
  const newline = source.indexOf("\n", lineStart);
  const lineText = source.slice(lineStart, newline === -1 ? source.length : newline).replace(/\r$/, "");
  const prefix = lineText.slice(0, at.column - 1).replace(/[^\t]/g, " "); // keep tabs so the marks line up
  const width = Math.max(1, Math.min(d.length, lineText.length - (at.column - 1)));
  lines.push(lineText, prefix + "~".repeat(width));
  return lines.join("\n");
}

/** The errors.txt text for `diagnostics` on `source`: one block per diagnostic, in source order. */
export function renderDiagnostics(source: string, diagnostics: readonly LowerDiagnostic[]): string {
  const sorted = [...diagnostics].sort((a, b) => a.start - b.start || a.code - b.code);
  return sorted.map((d) => renderOne(source, d)).join("\n\n") + "\n";
}
