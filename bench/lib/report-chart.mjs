// Draws latest.svg: for each case, one horizontal bar per variant showing its cost ratio to the
// baseline on a log2 axis, a line at 1x (the baseline) and a tick at each variant's target.

import { el, svgDocument, text } from "./svg.mjs";

const palette = ["#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#edc948", "#b07aa1", "#ff9da7", "#9c755f"];

const layout = { width: 860, left: 250, right: 80, top: 40, barHeight: 16, barGap: 4, caseGap: 22, titleHeight: 18 };

/** Renders the chart for `results` (as in latest.json), returning the SVG text. */
export function renderChart(results, { subtitle = "" } = {}) {
  const variantIds = [...new Set(results.flatMap((c) => c.variants.map((v) => v.id)))];
  const colorOf = (id) => palette[variantIds.indexOf(id) % palette.length];
  const ratios = results.flatMap((c) => c.variants.flatMap((v) => [v.ratio, v.target]).filter((r) => Number.isFinite(r) && r > 0));
  // Log2 axis spanning at least 0.5x..2x, widened to whole powers of two around the data.
  const minExp = Math.min(-1, Math.floor(Math.log2(Math.min(1, ...ratios))));
  const maxExp = Math.max(1, Math.ceil(Math.log2(Math.max(1, ...ratios))));
  const plotWidth = layout.width - layout.left - layout.right;
  const x = (ratio) => layout.left + ((Math.log2(ratio) - minExp) / (maxExp - minExp)) * plotWidth;

  const parts = [];
  let y = layout.top;
  for (const caseResult of results) {
    parts.push(el("text", { x: 10, y: y + 13, "font-weight": "bold" }, text(`${caseResult.title} (${caseResult.unit})`)));
    y += layout.titleHeight;
    // The baseline is the 1x line itself; it gets no bar.
    for (const row of caseResult.variants.filter((v) => v.id !== caseResult.baseline)) {
      const mid = y + layout.barHeight / 2;
      parts.push(el("text", { x: layout.left - 8, y: mid + 4, "text-anchor": "end" }, text(row.id)));
      if (Number.isFinite(row.ratio)) {
        const x0 = x(1);
        const x1 = x(row.ratio);
        parts.push(el("rect", { x: Math.min(x0, x1), y, width: Math.max(1, Math.abs(x1 - x0)), height: layout.barHeight, fill: colorOf(row.id) }));
        const label = `${row.ratio.toFixed(2)}x${row.verdict ? ` ${row.verdict}` : ""}`;
        parts.push(el("text", { x: Math.max(x0, x1) + 4, y: mid + 4 }, text(label)));
      } else {
        // Right of the target tick, so the two never overlap.
        const labelX = Math.max(x(1), Number.isFinite(row.target) ? x(row.target) : 0) + 6;
        const label = row.status === "ok" ? "no baseline" : `${row.status}${row.verdict ? ` (${row.verdict})` : ""}`;
        parts.push(el("text", { x: labelX, y: mid + 4, fill: "#888" }, text(label)));
      }
      if (Number.isFinite(row.target)) {
        const tx = x(row.target);
        parts.push(el("line", { x1: tx, x2: tx, y1: y - 2, y2: y + layout.barHeight + 2, stroke: "#000", "stroke-width": 2, "stroke-dasharray": "3,2" }));
      }
      y += layout.barHeight + layout.barGap;
    }
    y += layout.caseGap;
  }
  const bottom = y;
  // Axis: a grid line at every power of two, the baseline line drawn over the bars.
  const grid = [];
  for (let e = minExp; e <= maxExp; e++) {
    const gx = x(2 ** e);
    grid.push(el("line", { x1: gx, x2: gx, y1: layout.top - 4, y2: bottom - layout.caseGap, stroke: "#ddd" }));
    grid.push(el("text", { x: gx, y: bottom - layout.caseGap + 14, "text-anchor": "middle", fill: "#555" }, text(`${2 ** e}x`)));
  }
  const baseline = el("line", { x1: x(1), x2: x(1), y1: layout.top - 4, y2: bottom - layout.caseGap, stroke: "#333", "stroke-width": 1.5 });
  const title = el("text", { x: 10, y: 18, "font-size": 14, "font-weight": "bold" }, text("Cost relative to native (log scale; lower is better; dashed tick = target)"));
  const sub = el("text", { x: 10, y: 32, fill: "#555", "font-size": 11 }, text(subtitle));
  const height = bottom - layout.caseGap + 30;
  return svgDocument(layout.width, height, el("rect", { width: "100%", height: "100%", fill: "#fff" }), title, sub, ...grid, ...parts, baseline);
}
