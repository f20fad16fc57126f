// Which diagnostics fail a command: errors do, warnings alone do not (exit code 1 vs 0).

import type { LowerDiagnostic } from "../api-types.js";

/** True when any diagnostic is an error. */
export function hasErrors(diagnostics: readonly LowerDiagnostic[]): boolean {
  return diagnostics.some((d) => d.category === "error");
}
