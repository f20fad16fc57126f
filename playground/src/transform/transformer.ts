// The one door from the playground into the transformer: the same `inspect()` / `lower()` the
// tests and the CLI use (style.md HS-15), bundled into the transform worker with TypeScript.

export { formatDiagnostic, inspect, lower } from "../../../transformer/src/index.js";
