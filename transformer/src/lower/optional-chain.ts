// Lowering of optional chains that contain a suspension (or a pre-emption check point): each
// `?.` tests its object once and jumps past the rest of the chain when it is nullish; a member
// that is called keeps its object as the call's receiver.

import type { TS } from "../ts-api.js";
import type { LoweringContext } from "./context.js";
import { emitCheckPoint, lowerArguments, lowerCallee, lowerExpression, spill } from "./expressions.js";
import { runtimeHelper } from "./runtime-helpers.js";

export function isOptionalChainRoot(ctx: LoweringContext, node: TS.Expression): boolean {
  return ctx.ts.isOptionalChain(node);
}

/**
 * `a?.b.c(await x)`: each `?.` tests its object once; when it is nullish the whole chain is
 * `undefined` and nothing to its right runs.
 */
export function lowerOptionalChain(ctx: LoweringContext, node: TS.Expression): TS.Expression {
  // One check point for the chain's calls, before any of it runs.
  if (ctx.suspends.checkPoints.calls && containsChainCall(ctx, node)) emitCheckPoint(ctx, node);
  const result = ctx.newTemp();
  const whenNullish = ctx.b.defineLabel("Else", node);
  const end = ctx.b.defineLabel("Join", node);
  const value = lowerChainLink(ctx, node, whenNullish).value;
  ctx.b.emitOp({ kind: "assign", target: result, value, origin: node });
  ctx.b.emitOp({ kind: "br", label: end });
  ctx.b.markLabel(whenNullish);
  ctx.b.emitOp({ kind: "assign", target: result, value: ctx.f.createVoidZero() });
  ctx.b.markLabel(end);
  return ctx.varRef(result);
}

/** One link of a chain: its value, and for member links the object (a call's receiver). */
function lowerChainLink(ctx: LoweringContext, node: TS.Expression, whenNullish: ReturnType<LoweringContext["b"]["defineLabel"]>, isCallee = false): { value: TS.Expression; receiver?: TS.Expression } {
  const ts = ctx.ts;
  const f = ctx.f;
  const inChain = ts.isOptionalChain(node) || (ts.isNonNullExpression(node) && ts.isOptionalChain(node.expression));
  if (!inChain) return { value: lowerExpression(ctx, node) };
  if (ts.isNonNullExpression(node)) return lowerChainLink(ctx, node.expression, whenNullish, isCallee);
  const link = node as TS.PropertyAccessExpression | TS.ElementAccessExpression | TS.CallExpression;
  const inner = ts.isCallExpression(link) && link.questionDotToken && isMemberCallee(ctx, link.expression)
    ? startOfOptionalCall(ctx, link.expression)
    : lowerChainLink(ctx, link.expression, whenNullish);
  const laterSuspends = ts.isCallExpression(link)
    ? link.arguments.some((a) => ctx.suspends.containsSuspend(a))
    : ts.isElementAccessExpression(link) && ctx.suspends.containsSuspend(link.argumentExpression);
  let object = inner.value;
  // A callee is read before the arguments that suspend (`o.f?.()(await x)` calls f first).
  if (link.questionDotToken || (ts.isCallExpression(link) && laterSuspends)) {
    object = spill(ctx, object, link.expression);
  }
  if (link.questionDotToken) {
    ctx.b.emitOp({ kind: "brtrue", label: whenNullish, condition: f.createBinaryExpression(object, ts.SyntaxKind.EqualsEqualsToken, f.createNull()), origin: link });
  }
  if (ts.isCallExpression(link)) {
    const args = lowerArguments(ctx, link.arguments);
    // The receiver was kept by the member link when the arguments suspend; otherwise the
    // member expression itself is the callee and JS passes its object as `this`.
    if (inner.receiver) {
      return { value: f.createCallExpression(runtimeHelper(ctx, "call"), undefined, [object, inner.receiver, ...args]) };
    }
    return { value: f.createCallExpression(object, undefined, args) };
  }
  // The callee of a call that is split (its arguments suspend, or it is called with `?.`)
  // is read into a temp, so its object must be kept as the receiver.
  const calledWithSuspendingArgs = isCallee || isSplitCallee(ctx, link);
  const keptObject = laterSuspends || calledWithSuspendingArgs ? spill(ctx, object, link.expression) : object;
  const member = ts.isPropertyAccessExpression(link)
    ? f.createPropertyAccessExpression(keptObject, link.name)
    : f.createElementAccessExpression(keptObject, lowerExpression(ctx, link.argumentExpression));
  // A callee whose arguments suspend is read now (before them), with its receiver kept.
  if (calledWithSuspendingArgs) return { value: spill(ctx, member, link), receiver: keptObject };
  return { value: member };
}

/**
 * `o.m` in `o.m?.(…)` (also `(o.m)`, `o.m!`, `super.m`, `(o?.m)`): a member callee outside the
 * call's chain, which passes its object as `this`. (`o?.m!?.()` is one chain: only parentheses end one.)
 */
function isMemberCallee(ctx: LoweringContext, callee: TS.Expression): boolean {
  const ts = ctx.ts;
  let inner = callee;
  let parenthesized = false;
  while (ts.isParenthesizedExpression(inner) || ts.isNonNullExpression(inner)) {
    parenthesized ||= ts.isParenthesizedExpression(inner);
    inner = inner.expression;
  }
  return (ts.isPropertyAccessExpression(inner) || ts.isElementAccessExpression(inner)) && (parenthesized || !ts.isOptionalChain(inner));
}

// [source]
//      (o?.m)(await x)
// [intermediate]
//      t2 = o
//      .brtrue Else0 if t2 == null
//      t3 = t2.m
//      t0 = t3; t1 = t2; .br Join0
//  .mark Else0
//      t0 = void 0; t1 = void 0
//  .mark Join0
//      … → $sl.call(t0, t1, …)
/** A parenthesized member chain used as a callee: the function (undefined when it short-circuits) and its receiver, kept. */
export function lowerOptionalChainCallee(ctx: LoweringContext, chain: TS.PropertyAccessExpression | TS.ElementAccessExpression): { fn: TS.Expression; thisArg: TS.Expression } {
  if (ctx.suspends.checkPoints.calls && containsChainCall(ctx, chain)) emitCheckPoint(ctx, chain);
  const fn = ctx.newTemp();
  const receiver = ctx.newTemp();
  const whenNullish = ctx.b.defineLabel("Else", chain);
  const end = ctx.b.defineLabel("Join", chain);
  const link = lowerChainLink(ctx, chain, whenNullish, true);
  ctx.b.emitOp({ kind: "assign", target: fn, value: link.value, origin: chain });
  ctx.b.emitOp({ kind: "assign", target: receiver, value: link.receiver!, origin: chain });
  ctx.b.emitOp({ kind: "br", label: end });
  ctx.b.markLabel(whenNullish);
  ctx.b.emitOp({ kind: "assign", target: fn, value: ctx.f.createVoidZero() });
  ctx.b.emitOp({ kind: "assign", target: receiver, value: ctx.f.createVoidZero() });
  ctx.b.markLabel(end);
  return { fn: ctx.varRef(fn), thisArg: ctx.varRef(receiver) };
}

/**
 * The callee of `o.m?.(…)`, where the chain starts at the call: the function is read (and
 * tested) before the arguments run, so it is kept in a temp together with its receiver.
 */
function startOfOptionalCall(ctx: LoweringContext, callee: TS.Expression): { value: TS.Expression; receiver?: TS.Expression } {
  const { fn, thisArg } = lowerCallee(ctx, callee, true);
  return { value: fn, receiver: thisArg };
}

// [source]
//      delete o?.[await k]
// [intermediate]
//      t1 = o
//  .brtrue Else0 if t1 == null
//  .await k …  .receive t2
//      t0 = delete t1[t2]; .br Join0
//  .mark Else0
//      t0 = true                      // a short-circuited chain deletes nothing: true
//  .mark Join0
/** `delete` of an optional chain: the chain's tests run as in any chain, the last member is deleted. */
export function lowerOptionalDelete(ctx: LoweringContext, link: TS.PropertyAccessExpression | TS.ElementAccessExpression): TS.Expression {
  const ts = ctx.ts;
  const f = ctx.f;
  if (ctx.suspends.checkPoints.calls && containsChainCall(ctx, link)) emitCheckPoint(ctx, link);
  const result = ctx.newTemp();
  const whenNullish = ctx.b.defineLabel("Else", link);
  const end = ctx.b.defineLabel("Join", link);
  let object = lowerChainLink(ctx, link.expression, whenNullish).value;
  const keySuspends = ts.isElementAccessExpression(link) && ctx.suspends.containsSuspend(link.argumentExpression);
  if (link.questionDotToken || keySuspends) object = spill(ctx, object, link.expression);
  if (link.questionDotToken) {
    ctx.b.emitOp({ kind: "brtrue", label: whenNullish, condition: f.createBinaryExpression(object, ts.SyntaxKind.EqualsEqualsToken, f.createNull()), origin: link });
  }
  const member = ts.isPropertyAccessExpression(link)
    ? f.createPropertyAccessExpression(object, link.name)
    : f.createElementAccessExpression(object, lowerExpression(ctx, link.argumentExpression));
  ctx.b.emitOp({ kind: "assign", target: result, value: f.createDeleteExpression(member), origin: link });
  ctx.b.emitOp({ kind: "br", label: end });
  ctx.b.markLabel(whenNullish);
  ctx.b.emitOp({ kind: "assign", target: result, value: f.createTrue() });
  ctx.b.markLabel(end);
  return ctx.varRef(result);
}

function containsChainCall(ctx: LoweringContext, node: TS.Expression): boolean {
  const ts = ctx.ts;
  for (let link: TS.Expression = node; ts.isOptionalChain(link) || ts.isNonNullExpression(link); link = (link as TS.PropertyAccessExpression).expression) {
    if (ts.isCallExpression(link)) return true;
  }
  return false;
}

/** Is this member link the callee of a call that is split (so its object is the receiver)? */
function isSplitCallee(ctx: LoweringContext, link: TS.Expression): boolean {
  const parent = link.parent;
  if (!parent || !ctx.ts.isCallExpression(parent) || parent.expression !== link) return false;
  return !!parent.questionDotToken || parent.arguments.some((a) => ctx.suspends.containsSuspend(a));
}
