// Formats logged values deterministically, close to Node's util.inspect, so the native and the
// lowered run print identical text for identical values and any difference is a real one.

const MAX_DEPTH = 3;
const MAX_ITEMS = 30;

/** Formats one `log(...)` argument: strings print raw at the top level, quoted inside structures. */
export function formatLogValue(value: unknown): string {
  return typeof value === "string" ? value : formatValue(value, 0, new Set());
}

export function formatValue(value: unknown, depth: number, seen: Set<object>): string {
  switch (typeof value) {
    case "string":
      return `'${value.replace(/\\/g, "\\\\").replace(/'/g, "\\'").replace(/\n/g, "\\n")}'`;
    case "number":
      return Object.is(value, -0) ? "-0" : String(value);
    case "bigint":
      return `${value}n`;
    case "boolean":
    case "undefined":
      return String(value);
    case "symbol":
      return value.toString();
    case "function":
      return value.name ? `[Function: ${value.name}]` : "[Function (anonymous)]";
  }
  if (value === null) return "null";
  const object = value as object;
  if (seen.has(object)) return "[Circular]";
  if (object instanceof Error) return `${object.name}: ${object.message}`;
  if (object instanceof Promise) return "Promise { <pending or settled> }";
  if (object instanceof Date) return Number.isNaN(object.getTime()) ? "Invalid Date" : object.toISOString();
  if (object instanceof RegExp) return String(object);
  if (depth >= MAX_DEPTH) return Array.isArray(object) ? "[Array]" : "[Object]";
  seen.add(object);
  try {
    const inner = (v: unknown) => formatValue(v, depth + 1, seen);
    if (Array.isArray(object)) return list("[", "]", object.slice(0, MAX_ITEMS).map(inner), object.length);
    if (object instanceof Map) {
      return `Map(${object.size}) ${list("{", "}", [...object].slice(0, MAX_ITEMS).map(([k, v]) => `${inner(k)} => ${inner(v)}`), object.size)}`;
    }
    if (object instanceof Set) return `Set(${object.size}) ${list("{", "}", [...object].slice(0, MAX_ITEMS).map(inner), object.size)}`;
    const keys = Object.keys(object);
    const entries = keys.slice(0, MAX_ITEMS).map((key) => `${/^[A-Za-z_$][\w$]*$/.test(key) ? key : `'${key}'`}: ${inner((object as Record<string, unknown>)[key])}`);
    const ctor = Object.getPrototypeOf(object)?.constructor?.name;
    const prefix = ctor && ctor !== "Object" ? `${ctor} ` : "";
    return prefix + list("{", "}", entries, keys.length);
  } finally {
    seen.delete(object);
  }
}

function list(open: string, close: string, items: string[], total: number): string {
  if (total > items.length) items.push(`... ${total - items.length} more`);
  return items.length === 0 ? `${open}${close}` : `${open} ${items.join(", ")} ${close}`;
}
