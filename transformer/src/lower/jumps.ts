// break/continue/return targets (regenerator's leap.js): resolves a jump to its label and the
// finally blocks it must run on the way, and builds the ops or statements that do it.

import { Completion, type Label, type TryRegion } from "../ir/ir.js";
import type { TS } from "../ts-api.js";
import { assert } from "../util/assert.js";
import type { JumpTarget, LoweringContext } from "./context.js";

/** A jump as the emitter will print it: plain, or through the innermost crossed finally. */
export type JumpPlan =
  | { readonly kind: "br"; readonly label: Label }
  | { readonly kind: "through"; readonly region: TryRegion; readonly target: Label };

/** Finds the target of `break`/`continue` (with or without a label). */
export function findJumpTarget(ctx: LoweringContext, isContinue: boolean, label: string | undefined, node: TS.Node): JumpTarget {
  for (let i = ctx.jumpTargets.length - 1; i >= 0; i--) {
    const target = ctx.jumpTargets[i]!;
    if (isContinue && target.continueLabel === undefined) continue;
    if (label === undefined ? target.acceptsPlainBreak || isContinue : target.userLabels.includes(label)) return target;
  }
  assert(false, `no jump target for '${node.getText()}' (the parser guarantees one)`);
}

/**
 * Plans a jump to `label` from the current point, given how many finally regions were open
 * when the target was entered. Crossing finally regions F1 (outer) … Fn (inner): the jump
 * goes through Fn, whose completion continues at a trampoline that goes through Fn-1, …,
 * and the last one continues at `label`.
 */
export function planJump(ctx: LoweringContext, label: Label, finallyDepth: number, origin: TS.Node | undefined): JumpPlan {
  const crossed = ctx.finallyStack.slice(finallyDepth);
  if (crossed.length === 0) return { kind: "br", label };
  let continuation = label;
  for (let i = 0; i < crossed.length - 1; i++) continuation = addTrampoline(ctx, crossed[i]!, continuation, origin);
  const innermost = crossed[crossed.length - 1]!;
  innermost.jumpTargets.push(continuation);
  // The finally's `.endfinally` continues there: it needs a state even when the jump itself is
  // a placeholder inside plain code (which references only the finally).
  ctx.b.reference(continuation);
  return { kind: "through", region: innermost, target: continuation };
}

/** Emits the op for a planned jump. */
export function emitJump(ctx: LoweringContext, plan: JumpPlan, origin?: TS.Node): void {
  if (plan.kind === "br") ctx.b.emitOp({ kind: "br", label: plan.label, origin });
  else ctx.b.emitOp({ kind: "through", region: plan.region, completion: Completion.Jump, target: plan.target, origin });
}

/** Emits a `return` of `value` from the current point, through any open finally. */
export function emitReturn(ctx: LoweringContext, value: TS.Expression | undefined, origin?: TS.Node): void {
  const innermost = ctx.finallyStack[ctx.finallyStack.length - 1];
  if (innermost) ctx.b.emitOp({ kind: "through", region: innermost, completion: Completion.Return, value, origin });
  else ctx.b.emitOp({ kind: "return", value, origin });
}

/** Trampolines are emitted after the body: `.mark Jump0; .through F, Jump, L`. */
function addTrampoline(ctx: LoweringContext, region: TryRegion, target: Label, origin: TS.Node | undefined): Label {
  const label = ctx.b.defineLabel("Jump", origin);
  ctx.b.reference(label);
  region.jumpTargets.push(target);
  ctx.trampolines.push({ label, region, target });
  return label;
}
