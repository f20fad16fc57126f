// Prints diagnostics the way `tsc` does without --pretty, `file(line,col): error SL1xxx: message`,
// so editors and CI log parsers that understand TypeScript's output understand ours.

import type { LowerDiagnostic } from "../api-types.js";

/** One line per diagnostic, no trailing newline. */
export function formatDiagnostic(diagnostic: LowerDiagnostic, fileName = diagnostic.fileName): string {
  return `${fileName}(${diagnostic.line},${diagnostic.column}): ${diagnostic.category} SL${diagnostic.code}: ${diagnostic.message}`;
}

/** True when any diagnostic is an error (warnings alone do not fail a command). */
export function hasErrors(diagnostics: readonly LowerDiagnostic[]): boolean {
  return diagnostics.some((d) => d.category === "error");
}
