// How lowered code names runtime helpers: always through the one `$sl` namespace (HS-4).

import type { TS } from "../ts-api.js";
import type { LoweringContext } from "./context.js";

/** The runtime helpers lowered bodies call (they live in runtime/src/helpers.ts). */
export type RuntimeHelper =
  | "iterate" | "closeIterator" | "forIn" | "delegate" | "delegateAsync" | "asyncIterate"
  | "coercible" | "toPropertyKey" | "restOf" | "destructure" | "call";

export function runtimeHelper(ctx: LoweringContext, name: RuntimeHelper): TS.Expression {
  return ctx.f.createPropertyAccessExpression(ctx.f.createIdentifier(ctx.runtimeName), name);
}
