// lowerX for expressions that contain `await`: splits them into ops so that every operand is
// evaluated exactly once, left to right, as natively (esbuild's lowerX, TS's visitX with spills).
//
// Invariants (lower/):
//  1. Side effects of a split expression happen in source order.
//  2. If any operand can suspend, every operand evaluated before it is spilled to a temp first,
//     including a call's callee and receiver and an assignment target's object and key.
//  3. The expression returned is free of suspensions and is evaluated right after the ops
//     emitted so far: callers place it at once (or spill it).
//
// [source]
//      o.m(a, await x)
// [intermediate]
//      t0 = o
//      t1 = t0.m
//      t2 = a
//  .await x -> Await0
//  .mark Await0
//  .receive t3
//      → $sl.call(t1, t0, t2, t3)        // Function.prototype.call captured at load

import { Diagnostics } from "../diagnostics.js";
import type { TS } from "../ts-api.js";
import type { LoweringContext } from "./context.js";
import { assert } from "../util/assert.js";
import { isAssignmentPattern, lowerAssignmentPattern } from "./destructuring.js";
import { compoundToBinary } from "./operators.js";
import { lowerObjectLiteral } from "./object-literal.js";
import { isOptionalChainRoot, lowerOptionalChain, lowerOptionalChainCallee, lowerOptionalDelete } from "./optional-chain.js";
import { plainCallee, tdzRead, tdzWrite, visitExpression } from "./rewrite.js";
import { runtimeHelper } from "./runtime-helpers.js";

/** Lowers `node` and returns a suspension-free expression for its value. */
export function lowerExpression(ctx: LoweringContext, node: TS.Expression): TS.Expression {
  if (!ctx.suspends.containsSuspend(node)) return visitExpression(ctx, node);
  const ts = ctx.ts;
  if (ts.isAwaitExpression(node)) return lowerAwait(ctx, node, true)!;
  if (ts.isYieldExpression(node)) return lowerYield(ctx, node, true)!;
  if (ts.isParenthesizedExpression(node)) return lowerExpression(ctx, node.expression);
  if (ts.isAsExpression(node) || ts.isSatisfiesExpression(node) || ts.isNonNullExpression(node) || ts.isTypeAssertionExpression(node)) {
    return lowerExpression(ctx, node.expression);
  }
  if (ts.isBinaryExpression(node)) return lowerBinary(ctx, node);
  if (ts.isCallExpression(node)) return lowerCall(ctx, node);
  if (ts.isNewExpression(node)) return lowerNew(ctx, node);
  if (ts.isPropertyAccessExpression(node) || ts.isElementAccessExpression(node)) return lowerAccess(ctx, node);
  if (ts.isConditionalExpression(node)) return lowerConditional(ctx, node);
  if (ts.isPrefixUnaryExpression(node)) return lowerPrefixUnary(ctx, node);
  if (ts.isPostfixUnaryExpression(node)) return lowerPostfixUnary(ctx, node);
  if (ts.isTypeOfExpression(node)) return ctx.f.createTypeOfExpression(lowerExpression(ctx, node.expression));
  if (ts.isVoidExpression(node)) return ctx.f.createVoidExpression(lowerExpression(ctx, node.expression));
  if (ts.isDeleteExpression(node)) return lowerDelete(ctx, node);
  if (ts.isTemplateExpression(node)) return lowerTemplate(ctx, node);
  if (ts.isArrayLiteralExpression(node)) return lowerArrayLiteral(ctx, node);
  if (ts.isObjectLiteralExpression(node)) return lowerObjectLiteral(ctx, node);
  if (ts.isTaggedTemplateExpression(node)) ctx.fail(Diagnostics.AwaitInTaggedTemplate, node);
  return ctx.fail(Diagnostics.AwaitInUnsupportedPosition, node, [ts.SyntaxKind[node.kind] ?? "expression"]);
}

/** Lowers an expression whose value is not used (an expression statement). */
export function lowerDiscarded(ctx: LoweringContext, node: TS.Expression): void {
  const ts = ctx.ts;
  if (!ctx.suspends.containsSuspend(node)) {
    emitEvaluate(ctx, visitExpression(ctx, node), node);
    return;
  }
  let inner: TS.Expression = node;
  while (ts.isParenthesizedExpression(inner)) inner = inner.expression;
  if (ts.isAwaitExpression(inner)) {
    lowerAwait(ctx, inner, false);
    return;
  }
  if (ts.isYieldExpression(inner)) {
    lowerYield(ctx, inner, false);
    return;
  }
  if (ts.isBinaryExpression(inner) && inner.operatorToken.kind === ts.SyntaxKind.CommaToken) {
    lowerDiscarded(ctx, inner.left);
    lowerDiscarded(ctx, inner.right);
    return;
  }
  const value = lowerExpression(ctx, inner);
  if (!isTempRef(ctx, value)) emitEvaluate(ctx, value, node);
}

/** Awaits an already lowered value: `.await v -> L; .mark L; .receive t`, returns `t`. */
export function awaitValue(ctx: LoweringContext, value: TS.Expression, origin: TS.Node): TS.Expression {
  const resume = ctx.b.defineLabel("Await", origin);
  ctx.b.emitOp({ kind: "await", value, resume, origin });
  ctx.b.markLabel(resume);
  const target = ctx.newTemp();
  const unwind = ctx.abruptResume && { ...ctx.abruptResume, region: ctx.finallyStack[ctx.finallyStack.length - 1] };
  ctx.b.emitOp({ kind: "receive", target, unwind });
  return ctx.varRef(target);
}

/** `.await e -> L; .mark L; .receive t` — the suspension itself. */
export function lowerAwait(ctx: LoweringContext, node: TS.AwaitExpression, wantValue: boolean): TS.Expression | undefined {
  let operand = lowerExpression(ctx, node.expression);
  // The suspension stores live locals before `return this.await(operand)` evaluates the
  // operand; an operand that assigns a local (`await f(i++)`) runs first, into a temp.
  if (containsAssignment(ctx, operand)) operand = spill(ctx, operand, node.expression);
  const resume = ctx.b.defineLabel("Await", node);
  ctx.b.emitOp({ kind: "await", value: operand, resume, origin: node });
  ctx.b.markLabel(resume);
  const target = wantValue ? ctx.newTemp() : undefined;
  const unwind = ctx.abruptResume && { ...ctx.abruptResume, region: ctx.finallyStack[ctx.finallyStack.length - 1] };
  ctx.b.emitOp({ kind: "receive", target, unwind });
  return target === undefined ? undefined : ctx.varRef(target);
}

// [source]
//      f(x)                                 (with pre-emption at calls)
// [intermediate]
//  .checkpoint -> Preempt0
//  .mark Checked0
//      f(x)
//  ...
//  .mark Preempt0                          // after the body: resumed here after a pre-emption
//  .receive                                // (a task's Cancel unwinds from here)
//  .br Checked0
/** A pre-emption check point at the current position. */
export function emitCheckPoint(ctx: LoweringContext, origin: TS.Node, options: { spent?: boolean } = {}): void {
  const resume = ctx.b.defineLabel("Preempt", origin);
  const continuation = ctx.b.defineLabel("Checked", origin);
  ctx.b.emitOp({ kind: "checkpoint", resume, origin, spent: options.spent });
  ctx.b.markLabel(continuation);
  ctx.b.reference(continuation);
  ctx.checkPointResumes.push({ resume, continuation, region: ctx.finallyStack[ctx.finallyStack.length - 1] });
}

// [source]
//      const x = yield v;            const r = yield* inner;
// [intermediate]
//  .yield v -> Yield0                t0 = $sl.delegate(inner)
//  .mark Yield0                      .mark Delegate0
//  .receive x   (Return unwinds)     .delegate t0 -> Delegate0, r
/** `yield v` / `yield* it`: a suspension that hands a value to the consumer. */
export function lowerYield(ctx: LoweringContext, node: TS.YieldExpression, wantValue: boolean): TS.Expression | undefined {
  const f = ctx.f;
  const region = ctx.finallyStack[ctx.finallyStack.length - 1];
  if (node.asteriskToken) {
    const helper = ctx.functionKind === "async-generator" ? "delegateAsync" : "delegate";
    const iterable = lowerExpression(ctx, node.expression!);
    const delegate = ctx.newTemp();
    ctx.b.emitOp({ kind: "assign", target: delegate, value: f.createCallExpression(runtimeHelper(ctx, helper), undefined, [iterable]), origin: node });
    const resume = ctx.b.defineLabel("Delegate", node);
    ctx.b.markLabel(resume);
    const target = wantValue ? ctx.newTemp() : undefined;
    ctx.b.emitOp({ kind: "delegate", delegate, resume, target, region, origin: node });
    return target === undefined ? undefined : ctx.varRef(target);
  }
  let operand = node.expression ? lowerExpression(ctx, node.expression) : f.createVoidZero();
  if (containsAssignment(ctx, operand)) operand = spill(ctx, operand, node.expression);
  const resume = ctx.b.defineLabel("Yield", node);
  ctx.b.emitOp({ kind: "yield", value: operand, resume, origin: node });
  ctx.b.markLabel(resume);
  const target = wantValue ? ctx.newTemp() : undefined;
  // `gen.return(v)` arrives at a yield as a return completion: it runs pending finally blocks.
  ctx.b.emitOp({ kind: "receive", target, unwind: { resumeKind: 2, withValue: true, region } });
  return target === undefined ? undefined : ctx.varRef(target);
}

/** Evaluates `value` now and keeps the result (invariant 2), unless it is a constant or a temp. */
export function spill(ctx: LoweringContext, value: TS.Expression, origin?: TS.Node): TS.Expression {
  if (isConstant(ctx, value) || isTempRef(ctx, value)) return value;
  const temp = ctx.newTemp();
  // `t0 = class {}` would name the class "t0"; `t0 = [class {}][0]` leaves it unnamed, as
  // natively (`(0, class {})` would too, but TypeScript rejects it in the typed output).
  const kept = isAnonymousFunctionDefinition(ctx, value)
    ? ctx.f.createElementAccessExpression(ctx.f.createArrayLiteralExpression([value]), 0)
    : value;
  ctx.b.emitOp({ kind: "assign", target: temp, value: kept, origin });
  return ctx.varRef(temp);
}

/** An arrow, or a function or class expression without a name: assigning it to a name names it. */
export function isAnonymousFunctionDefinition(ctx: LoweringContext, node: TS.Expression): boolean {
  const ts = ctx.ts;
  let inner = node;
  while (ts.isParenthesizedExpression(inner)) inner = inner.expression;
  return ts.isArrowFunction(inner) || ((ts.isFunctionExpression(inner) || ts.isClassExpression(inner)) && !inner.name);
}

/** Lowers a list of operands in order; operands before the last one that suspends are spilled. */
export function lowerOperands(ctx: LoweringContext, operands: readonly TS.Expression[]): TS.Expression[] {
  const lastSuspending = lastIndexWhere(operands, (e) => ctx.suspends.containsSuspend(e));
  return operands.map((operand, i) => {
    const value = lowerExpression(ctx, operand);
    return i < lastSuspending ? spill(ctx, value, operand) : value;
  });
}

function containsAssignment(ctx: LoweringContext, node: TS.Node): boolean {
  const ts = ctx.ts;
  if (ts.isFunctionLike(node)) return false;
  if (ts.isBinaryExpression(node) && node.operatorToken.kind >= ts.SyntaxKind.FirstAssignment && node.operatorToken.kind <= ts.SyntaxKind.LastAssignment) return true;
  if ((ts.isPrefixUnaryExpression(node) || ts.isPostfixUnaryExpression(node)) &&
    (node.operator === ts.SyntaxKind.PlusPlusToken || node.operator === ts.SyntaxKind.MinusMinusToken)) return true;
  return !!ts.forEachChild(node, (child) => containsAssignment(ctx, child) || undefined);
}

function emitEvaluate(ctx: LoweringContext, value: TS.Expression, origin: TS.Node): void {
  ctx.b.emitOp({ kind: "stmt", node: ctx.ts.setTextRange(ctx.f.createExpressionStatement(value), origin), jumps: [], returns: false });
}

export function isConstant(ctx: LoweringContext, node: TS.Expression): boolean {
  const ts = ctx.ts;
  return ts.isNumericLiteral(node) || ts.isStringLiteral(node) || ts.isBigIntLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node) ||
    node.kind === ts.SyntaxKind.TrueKeyword || node.kind === ts.SyntaxKind.FalseKeyword || node.kind === ts.SyntaxKind.NullKeyword ||
    (ts.isIdentifier(node) && node.text === "undefined" && !ctx.scopes.bindingOf.has(node));
}

function isTempRef(ctx: LoweringContext, node: TS.Expression): boolean {
  return ctx.ts.isIdentifier(node) && !!ctx.vars.get(node.text)?.isTemp;
}

function lastIndexWhere<T>(items: readonly T[], predicate: (item: T) => boolean): number {
  for (let i = items.length - 1; i >= 0; i--) if (predicate(items[i]!)) return i;
  return -1;
}

// ---- operators ------------------------------------------------------------------------------

function lowerBinary(ctx: LoweringContext, node: TS.BinaryExpression): TS.Expression {
  const ts = ctx.ts;
  const f = ctx.f;
  const op = node.operatorToken.kind;
  if (op === ts.SyntaxKind.CommaToken) {
    lowerDiscarded(ctx, node.left);
    return lowerExpression(ctx, node.right);
  }
  if (op === ts.SyntaxKind.AmpersandAmpersandToken || op === ts.SyntaxKind.BarBarToken || op === ts.SyntaxKind.QuestionQuestionToken) {
    return lowerLogical(ctx, node);
  }
  if (op >= ts.SyntaxKind.FirstAssignment && op <= ts.SyntaxKind.LastAssignment) return lowerAssignment(ctx, node);
  // `#x in e`: `#x` is not a value to keep in a temp, and evaluating it does nothing.
  if (op === ts.SyntaxKind.InKeyword && ts.isPrivateIdentifier(node.left)) return f.createBinaryExpression(node.left, op, lowerExpression(ctx, node.right));
  const [left, right] = lowerOperands(ctx, [node.left, node.right]);
  return f.createBinaryExpression(left!, node.operatorToken.kind as TS.BinaryOperator, right!);
}

/** `a && b`, `a || b`, `a ?? b` where b suspends: b runs only on its branch. */
function lowerLogical(ctx: LoweringContext, node: TS.BinaryExpression): TS.Expression {
  const ts = ctx.ts;
  const f = ctx.f;
  if (!ctx.suspends.containsSuspend(node.right)) {
    return f.createBinaryExpression(lowerExpression(ctx, node.left), node.operatorToken.kind as TS.BinaryOperator, visitExpression(ctx, node.right));
  }
  const result = ctx.newTemp();
  ctx.b.emitOp({ kind: "assign", target: result, value: lowerExpression(ctx, node.left), origin: node.left });
  const end = ctx.b.defineLabel("Join", node);
  ctx.b.emitOp({ kind: "brtrue", label: end, condition: shortCircuitTest(ctx, node.operatorToken.kind, ctx.varRef(result)), origin: node });
  ctx.b.emitOp({ kind: "assign", target: result, value: lowerExpression(ctx, node.right), origin: node.right });
  ctx.b.markLabel(end);
  return ctx.varRef(result);
}

/** The condition under which `left OP right` skips `right`. */
function shortCircuitTest(ctx: LoweringContext, op: TS.SyntaxKind, left: TS.Expression): TS.Expression {
  const ts = ctx.ts;
  const f = ctx.f;
  if (op === ts.SyntaxKind.AmpersandAmpersandToken || op === ts.SyntaxKind.AmpersandAmpersandEqualsToken) return f.createLogicalNot(left);
  if (op === ts.SyntaxKind.BarBarToken || op === ts.SyntaxKind.BarBarEqualsToken) return left;
  // `??`: skip unless nullish.
  return f.createBinaryExpression(left, ts.SyntaxKind.ExclamationEqualsToken, f.createNull());
}

/** An assignment target whose object and key are evaluated (and kept) before the value. */
export interface Reference {
  get(): TS.Expression;
  set(value: TS.Expression): TS.Expression;
}

/** @internal An assignment target's reference; with `spillParts` its object and key are kept in temps. */
export function lowerReference(ctx: LoweringContext, target: TS.Expression, spillParts: boolean): Reference {
  const ts = ctx.ts;
  const f = ctx.f;
  let inner = target;
  while (ts.isParenthesizedExpression(inner) || ts.isNonNullExpression(inner) || ts.isAsExpression(inner) || ts.isSatisfiesExpression(inner)) {
    inner = inner.expression;
  }
  if ((ts.isPropertyAccessExpression(inner) || ts.isElementAccessExpression(inner)) && inner.expression.kind === ts.SyntaxKind.SuperKeyword) {
    // `super.x = await v`: the key is kept; reads and writes go through the method's super accessors.
    const key = ts.isPropertyAccessExpression(inner) ? f.createStringLiteral(inner.name.text) : keep(ctx, lowerExpression(ctx, inner.argumentExpression), spillParts, inner.argumentExpression);
    return { get: () => ctx.superGet(key), set: (value) => ctx.superSet(key, value) };
  }
  if (ts.isPropertyAccessExpression(inner)) {
    const object = keep(ctx, lowerExpression(ctx, inner.expression), spillParts, inner.expression);
    return {
      get: () => f.createPropertyAccessExpression(object, inner.name),
      set: (value) => f.createAssignment(f.createPropertyAccessExpression(object, inner.name), value),
    };
  }
  if (ts.isElementAccessExpression(inner)) {
    const [objectValue, keyValue] = lowerOperands(ctx, [inner.expression, inner.argumentExpression]);
    const object = keep(ctx, objectValue!, spillParts, inner.expression);
    const key = keep(ctx, keyValue!, spillParts, inner.argumentExpression);
    return {
      get: () => f.createElementAccessExpression(object, key),
      set: (value) => f.createAssignment(f.createElementAccessExpression(object, key), value),
    };
  }
  if (ts.isIdentifier(inner)) {
    const ref = visitExpression(ctx, inner);
    if (ctx.tdz.checkedReferences.has(inner)) {
      // The target can be in its TDZ (analysis/tdz.ts): reads and the write are checked.
      return { get: () => tdzRead(ctx, ref, inner.text), set: (value) => f.createAssignment(ref, tdzWrite(ctx, ref, value, inner.text)) };
    }
    return { get: () => ref, set: (value) => f.createAssignment(ref, value) };
  }
  // A pattern with a suspension is lowered by lowerAssignment before it gets here.
  assert(!ctx.suspends.containsSuspend(inner), "a destructuring pattern with a suspension reached lowerReference");
  const pattern = visitExpression(ctx, inner);
  return { get: () => pattern, set: (value) => f.createAssignment(pattern, value) };
}

function keep(ctx: LoweringContext, value: TS.Expression, spillIt: boolean, origin: TS.Node): TS.Expression {
  return spillIt ? spill(ctx, value, origin) : value;
}

function lowerAssignment(ctx: LoweringContext, node: TS.BinaryExpression): TS.Expression {
  const ts = ctx.ts;
  const f = ctx.f;
  const op = node.operatorToken.kind;
  if (op === ts.SyntaxKind.EqualsToken && isAssignmentPattern(ctx, node.left) && ctx.suspends.containsSuspend(node.left)) {
    // The value is the assignment's result too: kept in a temp while the pattern runs.
    const value = spill(ctx, lowerExpression(ctx, node.right), node.right);
    lowerAssignmentPattern(ctx, node.left, value);
    return value;
  }
  const valueSuspends = ctx.suspends.containsSuspend(node.right);
  // A compound assignment reads and writes the target: its object and key are evaluated once.
  const ref = lowerReference(ctx, node.left, valueSuspends || op !== ts.SyntaxKind.EqualsToken);
  if (op === ts.SyntaxKind.EqualsToken) return ref.set(lowerExpression(ctx, node.right));
  if (op === ts.SyntaxKind.AmpersandAmpersandEqualsToken || op === ts.SyntaxKind.BarBarEqualsToken || op === ts.SyntaxKind.QuestionQuestionEqualsToken) {
    // `a ||= b`: b (and the write) happen only when a does not short-circuit.
    const result = ctx.newTemp();
    ctx.b.emitOp({ kind: "assign", target: result, value: ref.get(), origin: node.left });
    const end = ctx.b.defineLabel("Join", node);
    ctx.b.emitOp({ kind: "brtrue", label: end, condition: shortCircuitTest(ctx, op, ctx.varRef(result)), origin: node });
    ctx.b.emitOp({ kind: "assign", target: result, value: ref.set(lowerExpression(ctx, node.right)), origin: node });
    ctx.b.markLabel(end);
    return ctx.varRef(result);
  }
  // Compound `a op= b`: the old value is read before b runs.
  const old = valueSuspends ? spill(ctx, ref.get(), node.left) : ref.get();
  const binary = f.createBinaryExpression(old, compoundToBinary(ts, op)!, lowerExpression(ctx, node.right));
  return ref.set(binary);
}


function lowerConditional(ctx: LoweringContext, node: TS.ConditionalExpression): TS.Expression {
  const f = ctx.f;
  const condition = lowerExpression(ctx, node.condition);
  if (!ctx.suspends.containsSuspend(node.whenTrue) && !ctx.suspends.containsSuspend(node.whenFalse)) {
    return f.createConditionalExpression(condition, undefined, visitExpression(ctx, node.whenTrue), undefined, visitExpression(ctx, node.whenFalse));
  }
  const result = ctx.newTemp();
  const otherwise = ctx.b.defineLabel("Else", node.whenFalse);
  const end = ctx.b.defineLabel("Join", node);
  ctx.b.emitOp({ kind: "brfalse", label: otherwise, condition, origin: node.condition });
  ctx.b.emitOp({ kind: "assign", target: result, value: lowerExpression(ctx, node.whenTrue), origin: node.whenTrue });
  ctx.b.emitOp({ kind: "br", label: end });
  ctx.b.markLabel(otherwise);
  ctx.b.emitOp({ kind: "assign", target: result, value: lowerExpression(ctx, node.whenFalse), origin: node.whenFalse });
  ctx.b.markLabel(end);
  return ctx.varRef(result);
}

function lowerPrefixUnary(ctx: LoweringContext, node: TS.PrefixUnaryExpression): TS.Expression {
  const ts = ctx.ts;
  if (node.operator === ts.SyntaxKind.PlusPlusToken || node.operator === ts.SyntaxKind.MinusMinusToken) {
    const superUpdate = lowerSuperUpdate(ctx, node.operand, node.operator, true);
    if (superUpdate) return superUpdate;
    const ref = lowerReference(ctx, node.operand, false);
    return ctx.f.createPrefixUnaryExpression(node.operator, ref.get() as TS.UnaryExpression);
  }
  return ctx.f.createPrefixUnaryExpression(node.operator, lowerExpression(ctx, node.operand) as TS.UnaryExpression);
}

function lowerPostfixUnary(ctx: LoweringContext, node: TS.PostfixUnaryExpression): TS.Expression {
  const superUpdate = lowerSuperUpdate(ctx, node.operand, node.operator, false);
  if (superUpdate) return superUpdate;
  const ref = lowerReference(ctx, node.operand, false);
  return ctx.f.createPostfixUnaryExpression(ref.get() as TS.LeftHandSideExpression, node.operator);
}

/** `super[await k]++`: the key is lowered, then `$sl.superUpdate` reads and writes it once each. */
function lowerSuperUpdate(ctx: LoweringContext, operand: TS.Expression, operator: TS.SyntaxKind, prefix: boolean): TS.Expression | undefined {
  const target = superMemberOf(ctx, operand);
  if (!target) return undefined;
  const f = ctx.f;
  return ctx.superHelper("superUpdate", lowerSuperKey(ctx, target), [operator === ctx.ts.SyntaxKind.PlusPlusToken ? f.createTrue() : f.createFalse(), prefix ? f.createTrue() : f.createFalse()]);
}

function lowerDelete(ctx: LoweringContext, node: TS.DeleteExpression): TS.Expression {
  const target = superMemberOf(ctx, node.expression);
  // `delete super[await k]`: the key is evaluated, then V8's ReferenceError.
  if (target) return ctx.superDelete(lowerSuperKey(ctx, target));
  let operand: TS.Expression = node.expression;
  while (ctx.ts.isParenthesizedExpression(operand) || ctx.ts.isNonNullExpression(operand)) operand = operand.expression;
  if ((ctx.ts.isPropertyAccessExpression(operand) || ctx.ts.isElementAccessExpression(operand)) && ctx.ts.isOptionalChain(operand)) {
    return lowerOptionalDelete(ctx, operand);
  }
  const ref = lowerReference(ctx, node.expression, false);
  return ctx.f.createDeleteExpression(ref.get());
}

function superMemberOf(ctx: LoweringContext, node: TS.Expression): TS.PropertyAccessExpression | TS.ElementAccessExpression | undefined {
  const ts = ctx.ts;
  let inner = node;
  while (ts.isParenthesizedExpression(inner) || ts.isNonNullExpression(inner) || ts.isAsExpression(inner) || ts.isSatisfiesExpression(inner)) inner = inner.expression;
  return (ts.isPropertyAccessExpression(inner) || ts.isElementAccessExpression(inner)) && inner.expression.kind === ts.SyntaxKind.SuperKeyword ? inner : undefined;
}

function lowerSuperKey(ctx: LoweringContext, target: TS.PropertyAccessExpression | TS.ElementAccessExpression): TS.Expression {
  return ctx.ts.isPropertyAccessExpression(target) ? ctx.f.createStringLiteral(target.name.text) : lowerExpression(ctx, target.argumentExpression);
}

// ---- member access and calls ---------------------------------------------------------------

function lowerAccess(ctx: LoweringContext, node: TS.PropertyAccessExpression | TS.ElementAccessExpression): TS.Expression {
  const ts = ctx.ts;
  if (isOptionalChainRoot(ctx, node)) return lowerOptionalChain(ctx, node);
  const f = ctx.f;
  if (ts.isPropertyAccessExpression(node)) return f.createPropertyAccessExpression(lowerExpression(ctx, node.expression), node.name);
  const [object, key] = lowerOperands(ctx, [node.expression, node.argumentExpression]);
  return f.createElementAccessExpression(object!, key!);
}

/** The function to call and its receiver, evaluated in order and kept when arguments suspend. */
export function lowerCallee(ctx: LoweringContext, callee: TS.Expression, argsSuspend: boolean): { fn: TS.Expression; thisArg: TS.Expression | undefined } {
  const ts = ctx.ts;
  const f = ctx.f;
  let inner = callee;
  while (ts.isParenthesizedExpression(inner) || ts.isNonNullExpression(inner)) inner = inner.expression;
  // `(o?.m)(…)`: the chain may end in undefined, but its object is still the receiver.
  if ((ts.isPropertyAccessExpression(inner) || ts.isElementAccessExpression(inner)) && ts.isOptionalChain(inner)) return lowerOptionalChainCallee(ctx, inner);
  if (ts.isPropertyAccessExpression(inner) || ts.isElementAccessExpression(inner)) {
    if (inner.expression.kind === ts.SyntaxKind.SuperKeyword) {
      const key = ts.isPropertyAccessExpression(inner) ? f.createStringLiteral(inner.name.text) : lowerExpression(ctx, inner.argumentExpression);
      const member = ctx.superGet(key);
      return { fn: argsSuspend ? spill(ctx, member, inner) : member, thisArg: f.createIdentifier(ctx.thisVariable()) };
    }
    const objectValue = lowerExpression(ctx, inner.expression);
    const keySuspends = ts.isElementAccessExpression(inner) && ctx.suspends.containsSuspend(inner.argumentExpression);
    if (!argsSuspend && !keySuspends && !isTempRef(ctx, objectValue) && !ctx.suspends.containsSuspend(inner.expression)) {
      // Nothing after the callee suspends: keep the natural `o.m(…)` form.
      const member = ts.isPropertyAccessExpression(inner)
        ? f.createPropertyAccessExpression(objectValue, inner.name)
        : f.createElementAccessExpression(objectValue, visitExpression(ctx, inner.argumentExpression));
      return { fn: member, thisArg: undefined };
    }
    const object = spill(ctx, objectValue, inner.expression);
    const member = ts.isPropertyAccessExpression(inner)
      ? f.createPropertyAccessExpression(object, inner.name)
      : f.createElementAccessExpression(object, lowerExpression(ctx, inner.argumentExpression));
    if (!argsSuspend) return { fn: member, thisArg: undefined };
    return { fn: spill(ctx, member, inner), thisArg: object };
  }
  // `g(await x)` where g lives in the machine (`this.g`): called without a receiver.
  const fn = lowerExpression(ctx, callee);
  if (argsSuspend) return { fn: spill(ctx, fn, callee), thisArg: undefined };
  return { fn: ts.isIdentifier(inner) ? plainCallee(ctx, fn) : fn, thisArg: undefined };
}

export function lowerArguments(ctx: LoweringContext, args: readonly TS.Expression[]): TS.Expression[] {
  const ts = ctx.ts;
  const f = ctx.f;
  const lastSuspending = lastIndexWhere(args, (e) => ctx.suspends.containsSuspend(e));
  return args.map((arg, i) => {
    if (ts.isOmittedExpression(arg)) return arg;
    if (ts.isSpreadElement(arg)) {
      const value = lowerExpression(ctx, arg.expression);
      // A spread before a suspension is iterated now, as natively.
      return f.createSpreadElement(i < lastSuspending ? spill(ctx, f.createArrayLiteralExpression([f.createSpreadElement(value)]), arg) : value);
    }
    const value = lowerExpression(ctx, arg);
    return i < lastSuspending ? spill(ctx, value, arg) : value;
  });
}

function lowerCall(ctx: LoweringContext, node: TS.CallExpression): TS.Expression {
  const ts = ctx.ts;
  const f = ctx.f;
  if (isOptionalChainRoot(ctx, node)) return lowerOptionalChain(ctx, node);
  // `super(…)` in an arrow inside a constructor must run in the constructor: not lowered (SL1012).
  if (node.expression.kind === ts.SyntaxKind.SuperKeyword) ctx.fail(Diagnostics.SuperNotLoweredYet, node.expression);
  if (node.expression.kind === ts.SyntaxKind.ImportKeyword) {
    return f.createCallExpression(node.expression, node.typeArguments, lowerArguments(ctx, node.arguments));
  }
  if (ts.isIdentifier(node.expression) && node.expression.text === "eval") ctx.fail(Diagnostics.AwaitInUnsupportedPosition, node, ["a direct 'eval' call"]);
  if (ctx.suspends.isCheckedCall(node)) emitCheckPoint(ctx, node);
  const argsSuspend = node.arguments.some((a) => ctx.suspends.containsSuspend(a));
  const { fn, thisArg } = lowerCallee(ctx, node.expression, argsSuspend);
  const args = lowerArguments(ctx, node.arguments);
  // `$sl.call(fn, receiver, …)`, not `fn.call(receiver, …)`: a native call never reads `call`.
  if (thisArg) return f.createCallExpression(runtimeHelper(ctx, "call"), undefined, [fn, thisArg, ...args]);
  return f.createCallExpression(fn, node.typeArguments, args);
}

function lowerNew(ctx: LoweringContext, node: TS.NewExpression): TS.Expression {
  if (ctx.suspends.isCheckedCall(node)) emitCheckPoint(ctx, node);
  const args = node.arguments ?? [];
  const argsSuspend = args.some((a) => ctx.suspends.containsSuspend(a));
  const callee = lowerExpression(ctx, node.expression);
  const constructor = argsSuspend ? spill(ctx, callee, node.expression) : callee;
  return ctx.f.createNewExpression(constructor, node.typeArguments, lowerArguments(ctx, args));
}

// ---- literals ------------------------------------------------------------------------------

function lowerTemplate(ctx: LoweringContext, node: TS.TemplateExpression): TS.Expression {
  const f = ctx.f;
  const lastSuspending = lastIndexWhere(node.templateSpans, (s) => ctx.suspends.containsSuspend(s.expression));
  // Spans before the last suspending one are converted to strings now, as the template would.
  let prefix: TS.Expression = f.createStringLiteral(node.head.text);
  node.templateSpans.forEach((span, i) => {
    const value = lowerExpression(ctx, span.expression);
    const asString = f.createTemplateExpression(f.createTemplateHead(""), [f.createTemplateSpan(value, f.createTemplateTail(""))]);
    const piece = f.createBinaryExpression(asString, ctx.ts.SyntaxKind.PlusToken, f.createStringLiteral(span.literal.text));
    prefix = f.createBinaryExpression(prefix, ctx.ts.SyntaxKind.PlusToken, piece);
    if (i < lastSuspending) prefix = spill(ctx, prefix, span);
  });
  return prefix;
}

function lowerArrayLiteral(ctx: LoweringContext, node: TS.ArrayLiteralExpression): TS.Expression {
  return ctx.f.createArrayLiteralExpression(lowerArguments(ctx, node.elements));
}
