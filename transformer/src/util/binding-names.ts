// The names a binding pattern declares (`a`, `[b, { c: d }]` → b, d), for analyses that need
// them without a scope analysis.

import type { TS, TsApi } from "../ts-api.js";

/** Adds every identifier `name` declares to `into`. */
export function collectBindingNames(ts: TsApi, name: TS.BindingName, into: Set<string>): void {
  if (ts.isIdentifier(name)) {
    into.add(name.text);
    return;
  }
  for (const element of name.elements) if (!ts.isOmittedExpression(element)) collectBindingNames(ts, element.name, into);
}
