// Renders the results as the terminal table and as the Markdown table of latest.md: one row
// per (case, variant) with the median, its spread, the cost ratio to the baseline and the
// verdict against the case's target.

/** A number with about three significant digits, grouped thousands above 1000. */
export function formatNumber(value) {
  if (!Number.isFinite(value)) return String(value);
  const abs = Math.abs(value);
  if (abs >= 1000) return Math.round(value).toLocaleString("en-US");
  if (abs >= 100) return value.toFixed(0);
  if (abs >= 10) return value.toFixed(1);
  return value.toFixed(2);
}

/** The cells of one row, shared by both renderings. */
function rowCells(caseResult, row) {
  const name = `${caseResult.title} (${caseResult.id})`;
  if (row.status !== "ok") {
    const verdict = row.verdict ? `≤${row.target}x ${row.verdict}` : "";
    return [name, row.id, "", "", "", "", verdict, `${row.status}: ${row.reason}`];
  }
  const { median, spread } = row.stats;
  const ratio = row.ratio === undefined ? "" : `${row.ratio.toFixed(2)}x`;
  const verdict = row.verdict ? `≤${row.target}x ${row.verdict}` : "";
  return [name, row.id, formatNumber(median), caseResult.unit, `±${(spread * 100).toFixed(1)}%`, ratio, verdict, ""];
}

const headers = ["case", "variant", "median", "unit", "spread", "ratio", "target", "note"];

/** Plain-text table for the terminal; the case name is printed once per group. */
export function renderTextTable(results) {
  const lines = [];
  for (const caseResult of results) {
    for (const [i, row] of caseResult.variants.entries()) {
      const cells = rowCells(caseResult, row);
      if (i > 0) cells[0] = "";
      lines.push(cells);
    }
  }
  const widths = headers.map((h, col) => Math.max(h.length, ...lines.map((cells) => (col === 7 ? 0 : cells[col].length))));
  const numeric = new Set([2, 4, 5]);
  const fmt = (cells) =>
    cells
      .map((cell, col) => (col === 7 ? cell : numeric.has(col) ? cell.padStart(widths[col]) : cell.padEnd(widths[col])))
      .join("  ")
      .trimEnd();
  const out = [fmt(headers), widths.map((w) => "-".repeat(w)).join("  ")];
  let previousCase = null;
  for (const [index, cells] of lines.entries()) {
    if (cells[0] !== "" && previousCase !== null) out.push("");
    if (cells[0] !== "") previousCase = index;
    out.push(fmt(cells));
  }
  return out.join("\n");
}

/** Markdown table; `|` in notes is escaped so a compiler message cannot break the table. */
export function renderMarkdownTable(results) {
  const escape = (cell) => cell.replace(/\|/g, "\\|").replace(/\n/g, " ");
  const out = [`| ${headers.join(" | ")} |`, `|${headers.map((_, i) => (i >= 2 && i <= 5 ? " ---: " : " --- ")).join("|")}|`];
  for (const caseResult of results) {
    for (const [i, row] of caseResult.variants.entries()) {
      const cells = rowCells(caseResult, row);
      if (i > 0) cells[0] = "";
      out.push(`| ${cells.map(escape).join(" | ")} |`);
    }
  }
  return out.join("\n");
}
