// A minimal SVG writer: elements as strings with escaped text and attributes. Enough for the
// bar chart; no layout, no styling engine.

/** Escapes text for use inside an element or a double-quoted attribute. */
export function escapeXml(text) {
  return String(text).replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]);
}

/** `<tag attrs>children</tag>`; children are strings already rendered (use `text()` for text). */
export function el(tag, attrs = {}, ...children) {
  const attrText = Object.entries(attrs)
    .filter(([, v]) => v !== undefined && v !== null)
    .map(([k, v]) => ` ${k}="${escapeXml(typeof v === "number" ? round(v) : v)}"`)
    .join("");
  return children.length === 0 ? `<${tag}${attrText}/>` : `<${tag}${attrText}>${children.join("")}</${tag}>`;
}

/** Escaped text content. */
export function text(content) {
  return escapeXml(content);
}

/** Coordinates rounded to 0.1 px, to keep the file small and diffs readable. */
function round(n) {
  return Math.round(n * 10) / 10;
}

/** A complete standalone SVG document of the given size. */
export function svgDocument(width, height, ...children) {
  return `${el("svg", { xmlns: "http://www.w3.org/2000/svg", width, height, viewBox: `0 0 ${width} ${height}`, "font-family": "sans-serif", "font-size": 12 }, ...children)}\n`;
}
