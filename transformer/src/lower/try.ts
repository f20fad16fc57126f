// lowerX for `try` statements that suspend, and the synthetic finally region that closes a
// for-of iterator. Completions follow ECMAScript's completion records: a `finally` entered by
// return, break/continue or throw records which one in its region's completion temps and
// resumes it at `.endfinally`; a `finally` that itself jumps or returns overrides it.

import { Completion, type Label, type TryRegion } from "../ir/ir.js";
import type { TS } from "../ts-api.js";
import type { LoweringContext } from "./context.js";
import { lowerBindingPattern } from "./destructuring.js";
import { bindingNameToTarget } from "./rewrite.js";
import { runtimeHelper } from "./runtime-helpers.js";
import { assignTo, canFallThrough, lowerStatement, lowerStatements } from "./statements.js";

// [source]
//      try { await a; } catch (e) { log(e); } finally { await b; }
// [intermediate]
//  .mark Try0                 // exceptions here → Catch0 (error in t0)
//  .await a -> Await0
//  .mark Await0
//  .receive
//      t1 = 0                 // normal completion
//  .br Finally0
//  .mark Catch0               // exceptions here → Finally0 (t1 = 1, t2 = error)
//      e = t0
//      log(e);
//      t1 = 0
//  .mark Finally0             // exceptions here → the enclosing region
//  .await b -> Await1
//  .mark Await1
//  .receive
//  .endfinally                // t1: 1 → throw t2; 2 → return t2; 3 → state = t2
//  .mark TryExit0
export function lowerTryStatement(ctx: LoweringContext, node: TS.TryStatement): void {
  const b = ctx.b;
  const catchClause = node.catchClause;
  const finallyBlock = node.finallyBlock;
  const region = openRegion(ctx, node, !!catchClause, !!finallyBlock);

  b.markLabel(region.tryLabel);
  ctx.regionStack.push(region);
  if (finallyBlock) ctx.finallyStack.push(region);
  lowerStatement(ctx, node.tryBlock);
  leaveNormally(ctx, region);

  if (catchClause) {
    b.markLabel(region.catchLabel!);
    ctx.enterScopeEnv(catchClause);
    const binding = catchClause.variableDeclaration?.name;
    if (binding) {
      const caught = ctx.varRef(region.errorTemp!);
      if (ctx.ts.isIdentifier(binding)) assignTo(ctx, binding, caught, catchClause.variableDeclaration!);
      else if (ctx.suspends.containsSuspend(binding)) lowerBindingPattern(ctx, binding, caught);
      else {
        const pattern = bindingNameToTarget(ctx, binding);
        b.emitOp({ kind: "stmt", node: ctx.f.createExpressionStatement(ctx.f.createAssignment(pattern, caught)), jumps: [], returns: false });
      }
    }
    lowerStatements(ctx, catchClause.block.statements);
    leaveNormally(ctx, region);
  }
  ctx.regionStack.pop();
  if (finallyBlock) {
    ctx.finallyStack.pop();
    b.markLabel(region.finallyLabel!);
    lowerStatement(ctx, finallyBlock);
    b.emitOp({ kind: "endfinally", region });
  }
  b.markLabel(region.endLabel);
}

/**
 * The iterator-closing region of a for-of: `body` runs inside a finally-only region whose
 * finally closes the iterator. Normal iteration leaves by `.br LoopHead` without entering it.
 */
export function closeIteratorRegion(ctx: LoweringContext, node: TS.Node, iterator: string, exit: Label, body: () => void, close?: (region: TryRegion) => void): void {
  const b = ctx.b;
  const f = ctx.f;
  const region = openRegion(ctx, node, false, true, exit);
  b.markLabel(region.tryLabel);
  ctx.regionStack.push(region);
  ctx.finallyStack.push(region);
  body();
  ctx.finallyStack.pop();
  ctx.regionStack.pop();
  b.markLabel(region.finallyLabel!);
  if (close) {
    close(region);
  } else {
    const throwing = f.createStrictEquality(ctx.varRef(region.completionKind!), f.createNumericLiteral(Completion.Throw));
    const closeCall = f.createCallExpression(runtimeHelper(ctx, "closeIterator"), undefined, [ctx.varRef(iterator), throwing]);
    b.emitOp({ kind: "stmt", node: f.createExpressionStatement(closeCall), jumps: [], returns: false });
  }
  b.emitOp({ kind: "endfinally", region });
  b.markLabel(region.endLabel);
}

function openRegion(ctx: LoweringContext, node: TS.Node, hasCatch: boolean, hasFinally: boolean, endLabel?: Label): TryRegion {
  const b = ctx.b;
  return b.addRegion({
    tryLabel: b.defineLabel("Try", node),
    catchLabel: hasCatch ? b.defineLabel("Catch", node) : undefined,
    finallyLabel: hasFinally ? b.defineLabel("Finally", node) : undefined,
    endLabel: endLabel ?? b.defineLabel("TryExit", node),
    outerFinally: ctx.finallyStack[ctx.finallyStack.length - 1],
    parent: ctx.regionStack[ctx.regionStack.length - 1],
    errorTemp: hasCatch ? ctx.newTemp() : undefined,
    completionKind: hasFinally ? ctx.newTemp() : undefined,
    completionValue: hasFinally ? ctx.newTemp() : undefined,
  });
}

/** The end of a try or catch block: run the finally with a normal completion, or go on. */
function leaveNormally(ctx: LoweringContext, region: TryRegion): void {
  if (!canFallThrough(ctx.b.lastOp())) return;
  if (region.finallyLabel !== undefined) {
    ctx.b.emitOp({ kind: "assign", target: region.completionKind!, value: ctx.f.createNumericLiteral(Completion.Normal) });
    ctx.b.emitOp({ kind: "br", label: region.finallyLabel });
  } else {
    ctx.b.emitOp({ kind: "br", label: region.endLabel });
  }
}
