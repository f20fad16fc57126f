// lowerX for statements: the dispatch over statement kinds (HS-6: one line per case) and the
// simple constructs. Loops, switch and try live in their own files.
//
// Invariants (lower/):
//  4. A statement that cannot suspend and declares nothing hoisted becomes one `.stmt` op.
//  5. Declarations in a split scope become assignments to machine variables; function
//     declarations are assigned at the start of their block, as hoisting does.

import { Diagnostics } from "../diagnostics.js";
import type { TS } from "../ts-api.js";
import type { LoweringContext } from "./context.js";
import { lowerBindingPattern } from "./destructuring.js";
import { awaitValue, lowerDiscarded, lowerExpression } from "./expressions.js";
import { emitJump, emitReturn, findJumpTarget, planJump } from "./jumps.js";
import { lowerDoStatement, lowerForInStatement, lowerForOfStatement, lowerForStatement, lowerWhileStatement } from "./loops.js";
import { bindingNameToTarget, visitExpression, visitPlainStatement } from "./rewrite.js";
import { lowerSwitchStatement } from "./switch.js";
import { lowerTryStatement } from "./try.js";

export function lowerStatement(ctx: LoweringContext, node: TS.Statement): void {
  const ts = ctx.ts;
  if (ts.isVariableStatement(node)) return lowerVariableDeclarationList(ctx, node.declarationList, node);
  if (ts.isFunctionDeclaration(node)) return; // assigned at block start by lowerStatements
  if (ts.isClassDeclaration(node)) return lowerClassDeclaration(ctx, node);
  if (!ctx.suspends.containsSuspend(node)) return lowerPlainStatement(ctx, node);
  if (ts.isExpressionStatement(node)) return lowerDiscarded(ctx, node.expression);
  if (ts.isReturnStatement(node)) return lowerReturnStatement(ctx, node);
  if (ts.isThrowStatement(node)) return lowerThrowStatement(ctx, node);
  if (ts.isBlock(node)) {
    ctx.enterScopeEnv(node);
    return lowerStatements(ctx, node.statements);
  }
  if (ts.isIfStatement(node)) return lowerIfStatement(ctx, node);
  if (ts.isWhileStatement(node)) return lowerWhileStatement(ctx, node, []);
  if (ts.isDoStatement(node)) return lowerDoStatement(ctx, node, []);
  if (ts.isForStatement(node)) return lowerForStatement(ctx, node, []);
  if (ts.isForInStatement(node)) return lowerForInStatement(ctx, node, []);
  if (ts.isForOfStatement(node)) return lowerForOfStatement(ctx, node, []);
  if (ts.isSwitchStatement(node)) return lowerSwitchStatement(ctx, node, []);
  if (ts.isLabeledStatement(node)) return lowerLabeledStatement(ctx, node);
  if (ts.isTryStatement(node)) return lowerTryStatement(ctx, node);
  if (ts.isWithStatement(node)) return ctx.fail(Diagnostics.WithStatement, node.getFirstToken() ?? node);
  return ctx.fail(Diagnostics.AwaitInUnsupportedPosition, node, [ts.SyntaxKind[node.kind] ?? "statement"]);
}

/** A block's statements: function declarations first (hoisting), then each in order. */
export function lowerStatements(ctx: LoweringContext, statements: readonly TS.Statement[]): void {
  const ts = ctx.ts;
  for (const statement of statements) {
    if (ts.isFunctionDeclaration(statement) && statement.name && statement.body) hoistFunctionDeclaration(ctx, statement);
  }
  for (const statement of statements) lowerStatement(ctx, statement);
}

function lowerPlainStatement(ctx: LoweringContext, node: TS.Statement): void {
  const ts = ctx.ts;
  if (ts.isBreakOrContinueStatement(node)) return lowerBreakOrContinue(ctx, node);
  if (ts.isReturnStatement(node)) return lowerReturnStatement(ctx, node);
  if (ts.isEmptyStatement(node)) return;
  if (isPlainAssignment(ctx, node)) {
    // `x = e;` as an `.assign` op: liveness sees the definition (a `.stmt` is opaque).
    const assignment = node.expression as TS.BinaryExpression;
    return assignTo(ctx, assignment.left as TS.Identifier, visitExpression(ctx, assignment.right), node);
  }
  if (ts.isInterfaceDeclaration(node) || ts.isTypeAliasDeclaration(node)) return;
  const visited = visitPlainStatement(ctx, node);
  if (visited.node) ctx.b.emitOp({ kind: "stmt", node: visited.node, jumps: visited.jumps as never[], returns: visited.returns });
}

function isPlainAssignment(ctx: LoweringContext, node: TS.Statement): node is TS.ExpressionStatement {
  const ts = ctx.ts;
  if (!ts.isExpressionStatement(node) || !ts.isBinaryExpression(node.expression)) return false;
  const { left, operatorToken } = node.expression;
  // A write that can run in the binding's TDZ stays an expression: rewrite.ts checks it.
  return operatorToken.kind === ts.SyntaxKind.EqualsToken && ts.isIdentifier(left) && !!ctx.hoistedOf(left) && !ctx.tdz.checkedReferences.has(left);
}

/** `let a = 1, [b, c] = f();` in a split scope: assignments to the hoisted names. */
export function lowerVariableDeclarationList(ctx: LoweringContext, list: TS.VariableDeclarationList, origin: TS.Node): void {
  const ts = ctx.ts;
  const isVar = (list.flags & ts.NodeFlags.BlockScoped) === 0;
  for (const declaration of list.declarations) {
    if (!declaration.initializer) {
      // `let x;` in a loop body is undefined again on each iteration; `var x;` is not, and
      // outside loops the variable is still undefined from the machine's construction (unless
      // it held `$sl.uninitialized` for its TDZ until now).
      if (!isVar && ts.isIdentifier(declaration.name) && (isInsideLoop(ctx, declaration) || isTdzChecked(ctx, declaration.name))) {
        assignTo(ctx, declaration.name, ctx.f.createVoidZero(), declaration);
      }
      continue;
    }
    const value = lowerExpression(ctx, declaration.initializer);
    if (ts.isIdentifier(declaration.name)) {
      assignTo(ctx, declaration.name, value, declaration);
    } else {
      if (ctx.suspends.containsSuspend(declaration.name)) {
        lowerBindingPattern(ctx, declaration.name, value);
        continue;
      }
      const pattern = bindingNameToTarget(ctx, declaration.name);
      ctx.b.emitOp({ kind: "stmt", node: ts.setTextRange(ctx.f.createExpressionStatement(ctx.f.createAssignment(pattern, value)), declaration), jumps: [], returns: false });
    }
  }
  void origin;
}

function isTdzChecked(ctx: LoweringContext, name: TS.Identifier): boolean {
  const binding = ctx.scopes.bindingOf.get(name);
  return !!binding && ctx.tdz.checkedBindings.has(binding);
}

function isInsideLoop(ctx: LoweringContext, node: TS.Node): boolean {
  for (let current = node.parent; current && current !== ctx.fn; current = current.parent) {
    if (ctx.ts.isIterationStatement(current, false)) return true;
  }
  return false;
}

/** Assigns to a declared identifier: an `.assign` op (tracked by liveness) unless field-only. */
export function assignTo(ctx: LoweringContext, name: TS.Identifier, value: TS.Expression, origin: TS.Node): void {
  const hoisted = ctx.hoistedOf(name);
  if (hoisted && !hoisted.fieldOnly && !hoisted.env) {
    ctx.declareHoisted(hoisted, false);
    if (ctx.ts.isIdentifier(value) && ctx.vars.get(value.text)?.isTemp && ctx.b.retargetReceive(value.text, hoisted.name)) {
      ctx.vars.delete(value.text);
      return;
    }
    ctx.b.emitOp({ kind: "assign", target: hoisted.name, value, origin });
    return;
  }
  const target = bindingNameToTarget(ctx, name);
  ctx.b.emitOp({ kind: "stmt", node: ctx.ts.setTextRange(ctx.f.createExpressionStatement(ctx.f.createAssignment(target, value)), origin), jumps: [], returns: false });
}

function hoistFunctionDeclaration(ctx: LoweringContext, node: TS.FunctionDeclaration): void {
  const f = ctx.f;
  const expression = f.createFunctionExpression(
    node.modifiers?.filter((m) => m.kind === ctx.ts.SyntaxKind.AsyncKeyword) as TS.Modifier[] | undefined,
    node.asteriskToken, node.name, node.typeParameters, node.parameters, node.type, node.body!,
  );
  ctx.ts.setTextRange(expression, node);
  ctx.ts.setOriginalNode(expression, node);
  assignTo(ctx, node.name!, visitExpression(ctx, expression), node);
}

function lowerClassDeclaration(ctx: LoweringContext, node: TS.ClassDeclaration): void {
  const f = ctx.f;
  if (!node.name) return lowerPlainStatement(ctx, node);
  if (ctx.suspends.containsSuspend(node)) ctx.fail(Diagnostics.AwaitInUnsupportedPosition, node, ["a class with 'await' in a computed key"]);
  const expression = f.createClassExpression(
    node.modifiers?.filter((m) => ctx.ts.isDecorator(m)) as TS.ModifierLike[] | undefined,
    node.name, node.typeParameters, node.heritageClauses, node.members,
  );
  ctx.ts.setTextRange(expression, node);
  assignTo(ctx, node.name, visitExpression(ctx, expression), node);
}

function lowerReturnStatement(ctx: LoweringContext, node: TS.ReturnStatement): void {
  let value = node.expression && lowerExpression(ctx, node.expression);
  // `return v` in an async generator awaits v, before any finally block runs.
  if (value && ctx.functionKind === "async-generator") value = awaitValue(ctx, value, node.expression!);
  emitReturn(ctx, value, node);
}

function lowerThrowStatement(ctx: LoweringContext, node: TS.ThrowStatement): void {
  ctx.b.emitOp({ kind: "throw", value: lowerExpression(ctx, node.expression), origin: node });
}

function lowerBreakOrContinue(ctx: LoweringContext, node: TS.BreakOrContinueStatement): void {
  const isContinue = node.kind === ctx.ts.SyntaxKind.ContinueStatement;
  const target = findJumpTarget(ctx, isContinue, node.label?.text, node);
  const plan = isContinue
    ? planJump(ctx, target.continueLabel!, target.continueFinallyDepth, node)
    : planJump(ctx, target.breakLabel, target.finallyDepth, node);
  emitJump(ctx, plan, node);
}

// [source]
//      if (c) { await a; } else { b(); }
// [intermediate]
//  .brfalse Else0, c
//  .await a -> Await0
//  .mark Await0
//  .receive
//  .br EndIf0
//  .mark Else0
//      b();
//  .mark EndIf0
function lowerIfStatement(ctx: LoweringContext, node: TS.IfStatement): void {
  const b = ctx.b;
  const condition = lowerExpression(ctx, node.expression);
  const end = b.defineLabel("EndIf", node);
  const otherwise = node.elseStatement ? b.defineLabel("Else", node.elseStatement) : end;
  b.emitOp({ kind: "brfalse", label: otherwise, condition, origin: node.expression });
  lowerStatement(ctx, node.thenStatement);
  if (node.elseStatement) {
    if (canFallThrough(b.lastOp())) b.emitOp({ kind: "br", label: end });
    b.markLabel(otherwise);
    lowerStatement(ctx, node.elseStatement);
  }
  b.markLabel(end);
}

/** Can control pass the end of `op` (is it not a jump, return or throw)? */
export function canFallThrough(op: ReturnType<LoweringContext["b"]["lastOp"]>): boolean {
  return !op || !(op.kind === "br" || op.kind === "return" || op.kind === "throw" || op.kind === "through");
}

/** `a: b: stmt`: loops and switches take the labels; anything else is a breakable block. */
function lowerLabeledStatement(ctx: LoweringContext, node: TS.LabeledStatement): void {
  const ts = ctx.ts;
  const labels = [node.label.text];
  let body = node.statement;
  while (ts.isLabeledStatement(body)) { labels.push(body.label.text); body = body.statement; }
  if (ts.isWhileStatement(body)) return lowerWhileStatement(ctx, body, labels);
  if (ts.isDoStatement(body)) return lowerDoStatement(ctx, body, labels);
  if (ts.isForStatement(body)) return lowerForStatement(ctx, body, labels);
  if (ts.isForInStatement(body)) return lowerForInStatement(ctx, body, labels);
  if (ts.isForOfStatement(body)) return lowerForOfStatement(ctx, body, labels);
  if (ts.isSwitchStatement(body)) return lowerSwitchStatement(ctx, body, labels);
  const exit = ctx.b.defineLabel("BlockExit", node);
  const depth = ctx.finallyStack.length;
  ctx.jumpTargets.push({ userLabels: labels, breakLabel: exit, continueLabel: undefined, acceptsPlainBreak: false, finallyDepth: depth, continueFinallyDepth: depth });
  lowerStatement(ctx, body);
  ctx.jumpTargets.pop();
  ctx.b.markLabel(exit);
}
