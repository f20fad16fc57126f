// lowerX for loops that suspend: while, do-while, for, for-in and for-of (with the iterator
// closed when the body leaves the loop by break, return or throw).

import type { Label } from "../ir/ir.js";
import { findLoopCounter } from "../analysis/loop-counter.js";
import type { TS } from "../ts-api.js";
import type { LoweringContext } from "./context.js";
import { isAssignmentPattern, lowerAssignmentPattern, lowerBindingPattern } from "./destructuring.js";
import { awaitValue, emitCheckPoint, lowerDiscarded, lowerExpression } from "./expressions.js";
import { bindingNameToTarget, visitPlainStatement } from "./rewrite.js";
import { assignTo, lowerStatement, lowerVariableDeclarationList } from "./statements.js";
import { runtimeHelper } from "./runtime-helpers.js";
import { closeIteratorRegion } from "./try.js";

/**
 * Runs `body` with this loop as the break/continue target. A for-of's body sits inside its
 * iterator-closing region: `break` leaves that region (closing the iterator), `continue` does not.
 */
function withLoopTarget(ctx: LoweringContext, labels: string[], breakLabel: Label, continueLabel: Label, body: () => void, depths?: { break: number; continue: number }): void {
  const depth = ctx.finallyStack.length;
  ctx.jumpTargets.push({
    userLabels: labels, breakLabel, continueLabel, acceptsPlainBreak: true,
    finallyDepth: depths?.break ?? depth, continueFinallyDepth: depths?.continue ?? depth,
  });
  body();
  ctx.jumpTargets.pop();
}

// [source]
//      while (c) { await x; }
// [intermediate]
//  .mark LoopHead0
//  .brfalse LoopExit0, c
//  .await x -> Await0
//  .mark Await0
//  .receive
//  .br LoopHead0
//  .mark LoopExit0
export function lowerWhileStatement(ctx: LoweringContext, node: TS.WhileStatement, labels: string[]): void {
  if (ctx.suspends.isNativeLoop(node)) return lowerNativeLoop(ctx, node, labels);
  const b = ctx.b;
  const head = b.defineLabel("LoopHead", node);
  const exit = b.defineLabel("LoopExit", node);
  b.markLabel(head);
  checkLoop(ctx, node);
  b.emitOp({ kind: "brfalse", label: exit, condition: lowerExpression(ctx, node.expression), origin: node.expression });
  withLoopTarget(ctx, labels, exit, head, () => lowerStatement(ctx, node.statement));
  b.emitOp({ kind: "br", label: head });
  b.markLabel(exit);
}

// [source]
//      do { await x; } while (c);
// [intermediate]
//  .mark LoopHead0
//  .await x -> Await0
//  .mark Await0
//  .receive
//  .mark LoopContinue0
//  .brtrue LoopHead0, c
//  .mark LoopExit0
export function lowerDoStatement(ctx: LoweringContext, node: TS.DoStatement, labels: string[]): void {
  if (ctx.suspends.isNativeLoop(node)) return lowerNativeLoop(ctx, node, labels);
  const b = ctx.b;
  const head = b.defineLabel("LoopHead", node);
  const next = b.defineLabel("LoopContinue", node.expression);
  const exit = b.defineLabel("LoopExit", node);
  b.markLabel(head);
  checkLoop(ctx, node);
  withLoopTarget(ctx, labels, exit, next, () => lowerStatement(ctx, node.statement));
  b.markLabel(next);
  b.emitOp({ kind: "brtrue", label: head, condition: lowerExpression(ctx, node.expression), origin: node.expression });
  b.markLabel(exit);
}

// [source]
//      for (let i = 0; i < n; i++) { await x; }
// [intermediate]
//      i = 0
//  .mark LoopHead0
//  .brfalse LoopExit0, i < n
//  .await x -> Await0
//  .mark Await0
//  .receive
//  .mark LoopContinue0
//      i++
//  .br LoopHead0
//  .mark LoopExit0
export function lowerForStatement(ctx: LoweringContext, node: TS.ForStatement, labels: string[]): void {
  if (ctx.suspends.isNativeLoop(node)) return lowerNativeLoop(ctx, node, labels);
  const ts = ctx.ts;
  const b = ctx.b;
  ctx.enterScopeEnv(node);
  if (node.initializer) {
    if (ts.isVariableDeclarationList(node.initializer)) lowerVariableDeclarationList(ctx, node.initializer, node.initializer);
    else lowerDiscarded(ctx, node.initializer);
  }
  const head = b.defineLabel("LoopHead", node);
  const next = b.defineLabel("LoopContinue", node.incrementor ?? node);
  const exit = b.defineLabel("LoopExit", node);
  b.markLabel(head);
  checkLoop(ctx, node);
  if (node.condition) b.emitOp({ kind: "brfalse", label: exit, condition: lowerExpression(ctx, node.condition), origin: node.condition });
  withLoopTarget(ctx, labels, exit, next, () => lowerStatement(ctx, node.statement));
  b.markLabel(next);
  ctx.enterScopeEnv(node, true); // CreatePerIterationEnvironment: each iteration its own `i`
  if (node.incrementor) lowerDiscarded(ctx, node.incrementor);
  b.emitOp({ kind: "br", label: head });
  b.markLabel(exit);
}

// [source]
//      for (const k in o) { await x; }
// [intermediate]
//      t0 = $sl.forIn(o)
//  .mark LoopHead0
//  .brfalse LoopExit0, t0.next()
//      k = t0.key
//  .await x -> Await0
//  .mark Await0
//  .receive
//  .br LoopHead0
//  .mark LoopExit0
export function lowerForInStatement(ctx: LoweringContext, node: TS.ForInStatement, labels: string[]): void {
  const f = ctx.f;
  const b = ctx.b;
  const { cursor: keys, head, exit } = openIteration(ctx, node, "forIn");
  b.emitOp({ kind: "brfalse", label: exit, condition: f.createCallExpression(f.createPropertyAccessExpression(ctx.varRef(keys), "next"), undefined, []), origin: node });
  ctx.enterScopeEnv(node);
  bindLoopVariable(ctx, node.initializer, f.createPropertyAccessExpression(ctx.varRef(keys), "key"));
  withLoopTarget(ctx, labels, exit, head, () => lowerStatement(ctx, node.statement));
  b.emitOp({ kind: "br", label: head });
  b.markLabel(exit);
}

// [source]
//      for (const x of xs) { await f(x); }
// [intermediate]
//      t0 = $sl.iterate(xs)
//  .mark LoopHead0
//  .brfalse LoopExit0, t0.step()
//  .mark Try0                              // region: finally only, closes the iterator
//      x = t0.value
//  .await f(x) -> Await0
//  .mark Await0
//  .receive
//  .br LoopHead0                           // continue: leaves the region without closing
//  .mark Finally0
//      $sl.closeIterator(t0, t1 === 1)     // break, return, throw: close it
//  .endfinally
//  .mark LoopExit0
export function lowerForOfStatement(ctx: LoweringContext, node: TS.ForOfStatement, labels: string[]): void {
  const f = ctx.f;
  const b = ctx.b;
  if (node.awaitModifier) return lowerForAwaitStatement(ctx, node, labels);
  const { cursor: iterator, head, exit } = openIteration(ctx, node, "iterate");
  b.emitOp({ kind: "brfalse", label: exit, condition: f.createCallExpression(f.createPropertyAccessExpression(ctx.varRef(iterator), "step"), undefined, []), origin: node });
  closeIteratorRegion(ctx, node, iterator, exit, iterationBody(ctx, node, labels, iterator, head, exit));
}

// [source]
//      for (let i = 0; i < n; i++) sum += f(i);          (with pre-emption; the loop awaits nothing)
// [intermediate]
//      i = 0
//  .mark LoopHead0
//      budget0: for (; i < n; i++) { sum += f(i); if (--spin < 0) break budget0; }
//  .brfalse LoopExit0, spin < 0                         // left normally (or by the user's break)
//  .checkpoint! -> Preempt0                             // the budget ran out: read the clock
//  .mark Checked0                                       // (resumed here after a pre-emption)
//      i++                                              // the update the countdown skipped
//  .br LoopHead0
//  .mark LoopExit0
// With a counter (analysis/loop-counter.ts: `i` only grows, on every iteration) the loop spends
// the budget by comparing, not counting: no second variable moves in the hot loop.
//      t0 = i + spin
//      budget0: for (; i < n; i++) { sum += f(i); if (i >= t0) { spin = -1; break budget0; } }
//      if (!(spin < 0)) spin = t0 > i ? t0 - i : 0      // left normally: charge what it ran
//  .brfalse LoopExit0, spin < 0                         // … then as above
/**
 * A loop that awaits nothing stays a native loop of the same shape (its condition in its head,
 * so V8 optimises it as before). Each iteration ends with a countdown of a JS local (or a
 * comparison of the loop's counter with its stop); when it runs out the loop is left by a
 * labeled `break`, the check point runs outside the loop (a call inside a hot loop costs V8 far
 * more than the rare path suggests), and the loop statement is entered again after the step
 * the `break` skipped (a `for`'s update, a `do`'s condition).
 */
function lowerNativeLoop(ctx: LoweringContext, node: TS.WhileStatement | TS.DoStatement | TS.ForStatement, labels: string[]): void {
  const ts = ctx.ts;
  const f = ctx.f;
  const b = ctx.b;
  if (ts.isForStatement(node) && node.initializer) {
    if (ts.isVariableDeclarationList(node.initializer)) lowerVariableDeclarationList(ctx, node.initializer, node.initializer);
    else lowerDiscarded(ctx, node.initializer);
  }
  const head = b.defineLabel("LoopHead", node);
  const exit = b.defineLabel("LoopExit", node);
  b.markLabel(head);
  b.reference(head);
  const budgetLabel = ctx.names.claimInternal(`budget`);
  const spin = () => f.createIdentifier(ctx.internal.spin);
  const counter = loopCounter(ctx, node, labels);
  // `t0 = i + spin`: where the counter stops when the budget is spent (recomputed at each entry).
  const stop = counter && ctx.newTemp();
  if (counter && stop) {
    const ahead = counter.direction === 1 ? ts.SyntaxKind.PlusToken : ts.SyntaxKind.MinusToken;
    b.emitOp({ kind: "assign", target: stop, value: f.createBinaryExpression(ctx.varRef(counter.name), ahead, spin()), origin: node });
  }
  const reached = counter?.direction === 1 ? ts.SyntaxKind.GreaterThanEqualsToken : ts.SyntaxKind.LessThanEqualsToken;
  const countdown = () => counter && stop
    ? f.createIfStatement(f.createBinaryExpression(ctx.varRef(counter.name), reached, ctx.varRef(stop)), f.createBlock([
      f.createExpressionStatement(f.createAssignment(spin(), f.createPrefixMinus(f.createNumericLiteral(1)))),
      f.createBreakStatement(budgetLabel),
    ], false))
    : f.createIfStatement(
      f.createBinaryExpression(f.createPrefixUnaryExpression(ts.SyntaxKind.MinusMinusToken, spin()), ts.SyntaxKind.LessThanToken, f.createNumericLiteral(0)),
      f.createBreakStatement(budgetLabel));
  const body = withCountdownBeforeContinue(ctx, node.statement, labels, countdown);
  const checkedBody = f.createBlock([...unrolledTwice(ctx, node, body), countdown()], true);
  let loop: TS.Statement = ts.isWhileStatement(node)
    ? f.createWhileStatement(node.expression, checkedBody)
    : ts.isDoStatement(node)
      ? f.createDoStatement(checkedBody, node.expression)
      : f.createForStatement(undefined, node.condition, node.incrementor, checkedBody);
  loop = f.createLabeledStatement(budgetLabel, loop);
  for (const label of [...labels].reverse()) loop = f.createLabeledStatement(label, loop);
  ts.setTextRange(loop, node);
  const visited = visitPlainStatement(ctx, loop);
  b.emitOp({ kind: "stmt", node: visited.node!, jumps: visited.jumps as never[], returns: visited.returns });
  if (counter && stop) b.emitOp({ kind: "stmt", node: chargeCounted(ctx, counter, stop), jumps: [], returns: false });

  // Left by the countdown (spin < 0): the check point, then the skipped step, then again.
  const spent = f.createBinaryExpression(spin(), ts.SyntaxKind.LessThanToken, f.createNumericLiteral(0));
  b.emitOp({ kind: "brfalse", label: exit, condition: spent, origin: node });
  emitCheckPoint(ctx, node, { spent: true });
  if (ts.isForStatement(node) && node.incrementor) lowerDiscarded(ctx, node.incrementor);
  if (ts.isDoStatement(node)) b.emitOp({ kind: "brfalse", label: exit, condition: lowerExpression(ctx, node.expression), origin: node.expression });
  b.emitOp({ kind: "br", label: head });
  b.markLabel(exit);
}

/** The loop's counter as a machine local (a field or environment slot would cost a load per check). */
function loopCounter(ctx: LoweringContext, node: TS.WhileStatement | TS.DoStatement | TS.ForStatement, labels: string[]): { name: string; direction: 1 | -1 } | undefined {
  const found = findLoopCounter(ctx.ts, ctx.scopes, node, labels, (id) => ctx.tdz.checkedReferences.has(id));
  const hoisted = found && ctx.plan.hoisted.get(found.binding);
  if (!found || !hoisted || hoisted.env || hoisted.fieldOnly) return undefined;
  return { name: ctx.declareHoisted(hoisted, false), direction: found.direction };
}

/** Left normally: `if (!(spin < 0)) spin = t0 > i ? t0 - i : 0;` (the budget the loop did not use). */
function chargeCounted(ctx: LoweringContext, counter: { name: string; direction: 1 | -1 }, stop: string): TS.Statement {
  const f = ctx.f;
  const ts = ctx.ts;
  const [ahead, behind] = counter.direction === 1 ? [ctx.varRef(stop), ctx.varRef(counter.name)] : [ctx.varRef(counter.name), ctx.varRef(stop)];
  const left = f.createConditionalExpression(f.createBinaryExpression(ahead, ts.SyntaxKind.GreaterThanToken, behind), undefined,
    f.createBinaryExpression(ahead, ts.SyntaxKind.MinusToken, behind), undefined, f.createNumericLiteral(0));
  const spent = f.createBinaryExpression(f.createIdentifier(ctx.internal.spin), ts.SyntaxKind.LessThanToken, f.createNumericLiteral(0));
  return f.createIfStatement(f.createLogicalNot(spent), f.createExpressionStatement(f.createAssignment(f.createIdentifier(ctx.internal.spin), left)));
}

/** Node counts up to which a loop's body (and its condition and update) is unrolled. */
const UNROLL_LIMITS = { body: 32, head: 12 };

/**
 * The statements of one iteration of the budget loop: the body, or for a small body two
 * iterations, `B; U; if (!(C)) break; B`, so the check runs every second iteration (it costs as
 * much as a one-cycle loop itself). Condition, update and body run in exactly the original
 * order; a `continue` in the first copy goes to the loop's own update and condition, as one in
 * the original would. Bodies that make functions or classes are not copied.
 */
function unrolledTwice(ctx: LoweringContext, node: TS.WhileStatement | TS.DoStatement | TS.ForStatement, body: TS.Statement): readonly TS.Statement[] {
  const ts = ctx.ts;
  const f = ctx.f;
  const statements = (statement: TS.Statement) => ts.isBlock(statement) && !declaresBlockScoped(ctx, statement) ? statement.statements : [statement];
  const condition = ts.isForStatement(node) ? node.condition : node.expression;
  const update = ts.isForStatement(node) ? node.incrementor : undefined;
  if (!isSmall(ctx, body, UNROLL_LIMITS.body) || (condition && !isSmall(ctx, condition, UNROLL_LIMITS.head)) || (update && !isSmall(ctx, update, UNROLL_LIMITS.head))) return statements(body);
  return [
    ...statements(body),
    ...(update ? [f.createExpressionStatement(update)] : []),
    ...(condition ? [f.createIfStatement(f.createLogicalNot(condition), f.createBreakStatement())] : []),
    ...statements(body),
  ];
}

/** At most `limit` nodes, none of them a function or class (copying those is not worth it). */
function isSmall(ctx: LoweringContext, root: TS.Node, limit: number): boolean {
  let count = 0;
  const visit = (node: TS.Node): boolean => {
    if (++count > limit || ctx.ts.isFunctionLike(node) || ctx.ts.isClassLike(node)) return true;
    return ctx.ts.forEachChild(node, visit) ?? false;
  };
  return !visit(root);
}

/** A block with its own `let`/`const` (two copies side by side would clash). */
function declaresBlockScoped(ctx: LoweringContext, block: TS.Block): boolean {
  return block.statements.some((statement) => ctx.ts.isVariableStatement(statement) && (statement.declarationList.flags & ctx.ts.NodeFlags.BlockScoped) !== 0);
}

/** `continue` of this loop becomes `{ countdown; continue; }`: the countdown ends every iteration. */
function withCountdownBeforeContinue(ctx: LoweringContext, statement: TS.Statement, labels: string[], countdown: () => TS.Statement): TS.Statement {
  const ts = ctx.ts;
  const visit = (node: TS.Node): TS.Node => {
    if (ts.isContinueStatement(node) && (!node.label || labels.includes(node.label.text))) {
      return ctx.f.createBlock([countdown(), node], false);
    }
    return ts.visitEachChild(node, visit, undefined);
  };
  return visit(statement) as TS.Statement;
}

/**
 * A for-of / for-await body inside its iterator-closing region: the binding of the current
 * value, the body, and the back-edge. `break` leaves the region (closing the iterator),
 * `continue` does not, so their finally depths differ.
 */
function iterationBody(ctx: LoweringContext, node: TS.ForOfStatement, labels: string[], iterator: string, head: Label, exit: Label): () => void {
  const breakDepth = ctx.finallyStack.length;
  return () => {
    ctx.enterScopeEnv(node);
    bindLoopVariable(ctx, node.initializer, ctx.f.createPropertyAccessExpression(ctx.varRef(iterator), "value"));
    withLoopTarget(ctx, labels, exit, head, () => lowerStatement(ctx, node.statement), { break: breakDepth, continue: ctx.finallyStack.length });
    ctx.b.emitOp({ kind: "br", label: head });
  };
}

/**
 * The start of a for-in/of/await loop: `t0 = $sl.<helper>(expression)`, then the loop head
 * (with its check point when pre-emption is on).
 */
function openIteration(ctx: LoweringContext, node: TS.ForInStatement | TS.ForOfStatement, helper: "forIn" | "iterate" | "asyncIterate"): { cursor: string; head: Label; exit: Label } {
  const b = ctx.b;
  const cursor = ctx.newTemp();
  const value = ctx.f.createCallExpression(runtimeHelper(ctx, helper), undefined, [lowerExpression(ctx, node.expression)]);
  b.emitOp({ kind: "assign", target: cursor, value, origin: node.expression });
  const head = b.defineLabel("LoopHead", node);
  const exit = b.defineLabel("LoopExit", node);
  b.markLabel(head);
  checkLoop(ctx, node);
  return { cursor, head, exit };
}

/** With pre-emption at loops, every iteration passes a check point, even one that calls nothing. */
function checkLoop(ctx: LoweringContext, node: TS.Node): void {
  if (ctx.suspends.checkPoints.loops) emitCheckPoint(ctx, node);
}

// [source]
//      for await (const x of xs) { body }
// [intermediate]
//      t0 = $sl.asyncIterate(xs)
//  .mark LoopHead0
//  .await t0.next() -> Await0
//  .mark Await0
//  .receive t1                         // a rejected next() throws here, outside the region
//  .brfalse LoopExit0, t0.settle(t1)
//  .mark Try0                          // region: finally only, closes the iterator
//      x = t0.value
//      body
//  .br LoopHead0
//  .mark Finally0
//  .brfalse Join0, t0.close(t2 === 1)  // no return() method: nothing to await
//  .await t0.closing -> Await1
//  .mark Await1
//      t0.closed(kind, input)          // not a receive: a throw completion ignores return()'s rejection
//  .mark Join0
//  .endfinally
//  .mark LoopExit0
function lowerForAwaitStatement(ctx: LoweringContext, node: TS.ForOfStatement, labels: string[]): void {
  const f = ctx.f;
  const b = ctx.b;
  const { cursor: iterator, head, exit } = openIteration(ctx, node, "asyncIterate");
  const call = (name: string, args: TS.Expression[] = []) => f.createCallExpression(f.createPropertyAccessExpression(ctx.varRef(iterator), name), undefined, args);
  const result = awaitValue(ctx, call("next"), node);
  b.emitOp({ kind: "brfalse", label: exit, condition: call("settle", [result]), origin: node });
  closeIteratorRegion(ctx, node, iterator, exit, iterationBody(ctx, node, labels, iterator, head, exit), (region) => {
    const closed = b.defineLabel("Join", node);
    const throwing = f.createStrictEquality(ctx.varRef(region.completionKind!), f.createNumericLiteral(1));
    b.emitOp({ kind: "brfalse", label: closed, condition: call("close", [throwing]) });
    const resume = b.defineLabel("Await", node);
    b.emitOp({ kind: "await", value: f.createPropertyAccessExpression(ctx.varRef(iterator), "closing"), resume, origin: node });
    b.markLabel(resume);
    const closedCall = call("closed", [f.createIdentifier(ctx.internal.kind), f.createIdentifier(ctx.internal.input)]);
    b.emitOp({ kind: "stmt", node: f.createExpressionStatement(closedCall), jumps: [], returns: false });
    b.markLabel(closed);
  });
}

/** The `const x` / `x` / `[a, b]` of a for-in/of head, assigned the current element. */
function bindLoopVariable(ctx: LoweringContext, initializer: TS.ForInitializer, value: TS.Expression): void {
  const ts = ctx.ts;
  if (ts.isVariableDeclarationList(initializer)) {
    const declaration = initializer.declarations[0]!;
    if (ts.isIdentifier(declaration.name)) return assignTo(ctx, declaration.name, value, declaration);
    if (ctx.suspends.containsSuspend(declaration.name)) return lowerBindingPattern(ctx, declaration.name, value);
    const pattern = bindingNameToTarget(ctx, declaration.name);
    ctx.b.emitOp({ kind: "stmt", node: ts.setTextRange(ctx.f.createExpressionStatement(ctx.f.createAssignment(pattern, value)), declaration), jumps: [], returns: false });
    return;
  }
  if (isAssignmentPattern(ctx, initializer) && ctx.suspends.containsSuspend(initializer)) return lowerAssignmentPattern(ctx, initializer, value);
  const target = lowerExpression(ctx, initializer);
  ctx.b.emitOp({ kind: "stmt", node: ts.setTextRange(ctx.f.createExpressionStatement(ctx.f.createAssignment(target, value)), initializer), jumps: [], returns: false });
}
