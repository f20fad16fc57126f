// Finds a native loop's counter for pre-emption: a local that holds only numbers and moves one
// way on every iteration. A loop with one checks `i >= stop` against a bound computed once at
// loop entry instead of counting a second variable down (half the cost in a tight loop).
//
// A counter must be:
//  1. a `var`/`let` of the coroutine, never captured by a nested function (a call could move
//     it) and never checked for TDZ (a function with a direct `eval` or a `with` is not lowered
//     at all);
//  2. numeric for sure, with no type information: declared without initializer or with a
//     numeric literal, and written only by `=` of a numeric literal, `++`/`--`, or an arithmetic
//     compound assignment of a numeric literal (each keeps a number a number);
//  3. inside the loop written only by `++`/`--`/`+= k`/`-= k` (|k| ≥ 1), all one way, so it
//     never comes back: once past the stop it stays past;
//  4. written on every iteration: in a `for`'s update, or in a top-level expression statement of
//     a body that no `continue` of this loop can skip.
// A loop that fails any rule keeps the countdown (still correct, just dearer).

import type { Binding, ScopeInfo } from "./scopes.js";
import type { TS, TsApi } from "../ts-api.js";

export interface LoopCounter {
  readonly binding: Binding;
  /** +1 when it only grows inside the loop, -1 when it only shrinks. */
  readonly direction: 1 | -1;
}

type NativeLoop = TS.WhileStatement | TS.DoStatement | TS.ForStatement;

/** Which way a write moves a counter: ±1, "numeric" (keeps it a number, no direction), or undefined (not allowed). */
type WriteKind = 1 | -1 | "numeric" | "read" | undefined;

export function findLoopCounter(ts: TsApi, scopes: ScopeInfo, loop: NativeLoop, labels: readonly string[], isTdzChecked: (id: TS.Identifier) => boolean): LoopCounter | undefined {
  const original = ts.getOriginalNode(loop) as NativeLoop;
  for (const candidate of everyIterationUpdates(ts, original, labels)) {
    const binding = scopes.bindingOf.get(candidate);
    if (!binding) continue;
    const direction = counterDirection(ts, binding, original, isTdzChecked);
    if (direction !== undefined) return { binding, direction };
  }
  return undefined;
}

/** The identifiers updated by rule 4's statements, in the order they are tried. */
function everyIterationUpdates(ts: TsApi, loop: NativeLoop, labels: readonly string[]): TS.Identifier[] {
  const found: TS.Identifier[] = [];
  const collect = (expression: TS.Expression) => {
    const e = skipOuterExpressions(ts, expression);
    if (ts.isBinaryExpression(e) && e.operatorToken.kind === ts.SyntaxKind.CommaToken) {
      collect(e.left);
      collect(e.right);
      return;
    }
    const target = updatedIdentifier(ts, e);
    if (target) found.push(target);
  };
  if (ts.isForStatement(loop) && loop.incrementor) collect(loop.incrementor);
  if (!hasContinueOf(ts, loop.statement, labels)) {
    const statements = ts.isBlock(loop.statement) ? loop.statement.statements : [loop.statement];
    for (const statement of statements) if (ts.isExpressionStatement(statement)) collect(statement.expression);
  }
  return found;
}

/** `i++`, `--i`, `i += 1`: the identifier such an expression updates. */
function updatedIdentifier(ts: TsApi, e: TS.Expression): TS.Identifier | undefined {
  let operand: TS.Expression | undefined;
  if (ts.isPostfixUnaryExpression(e) || (ts.isPrefixUnaryExpression(e) && isIncrementOrDecrement(ts, e.operator))) operand = e.operand;
  else if (ts.isBinaryExpression(e) && (e.operatorToken.kind === ts.SyntaxKind.PlusEqualsToken || e.operatorToken.kind === ts.SyntaxKind.MinusEqualsToken)) operand = e.left;
  if (!operand) return undefined;
  const target = skipOuterExpressions(ts, operand);
  return ts.isIdentifier(target) ? target : undefined;
}

/** The direction the binding moves in inside the loop if it is a counter (rules 1-3). */
function counterDirection(ts: TsApi, binding: Binding, loop: NativeLoop, isTdzChecked: (id: TS.Identifier) => boolean): 1 | -1 | undefined {
  if ((binding.kind !== "var" && binding.kind !== "let") || binding.captured) return undefined;
  const declaration = binding.declaration.parent;
  if (!declaration || !ts.isVariableDeclaration(declaration) || declaration.name !== binding.declaration) return undefined;
  if (declaration.initializer && numericLiteral(ts, declaration.initializer) === undefined) return undefined;
  // Declared in the loop (not in a `for`'s head, which runs once): reset every iteration.
  if (isInside(declaration, loop) && !(ts.isForStatement(loop) && loop.initializer && isInside(declaration, loop.initializer))) return undefined;
  let direction: 1 | -1 | undefined;
  for (const reference of binding.references) {
    if (isTdzChecked(reference) || !reference.parent) return undefined;
    const inLoop = isInside(reference, loop);
    const kind = writeKind(ts, reference, inLoop);
    if (kind === undefined) return undefined;
    if (kind === "read") continue;
    if (!inLoop) continue;
    if (kind === "numeric") return undefined;
    if (direction !== undefined && direction !== kind) return undefined;
    direction = kind;
  }
  return direction;
}

/** How a reference uses the binding (rules 2 and 3); undefined for any write not allowed. */
function writeKind(ts: TsApi, reference: TS.Identifier, inLoop: boolean): WriteKind {
  let child: TS.Node = reference;
  let parent = reference.parent;
  while (parent && isOuterExpression(ts, parent)) {
    child = parent;
    parent = parent.parent;
  }
  if (!parent) return undefined;
  // `var i = 0` again: a write of its initializer; any other declaring position is not allowed.
  if (ts.isVariableDeclaration(parent) && parent.name === child) {
    const forInOrOf = parent.parent?.parent && (ts.isForInStatement(parent.parent.parent) || ts.isForOfStatement(parent.parent.parent));
    if (forInOrOf || inLoop) return undefined;
    return !parent.initializer || numericLiteral(ts, parent.initializer) !== undefined ? "numeric" : undefined;
  }
  if (ts.isBindingElement(parent) || ts.isParameter(parent) || ts.isDeclarationStatement(parent)) return undefined;
  if (ts.isPostfixUnaryExpression(parent) || (ts.isPrefixUnaryExpression(parent) && isIncrementOrDecrement(ts, parent.operator))) {
    return parent.operator === ts.SyntaxKind.PlusPlusToken ? 1 : -1;
  }
  if (ts.isBinaryExpression(parent) && parent.left === child && isAssignment(ts, parent.operatorToken.kind)) {
    // `[i = 1] = xs`: a target with a default, not an assignment of the literal.
    if (parent.parent && mayBeWritten(ts, parent, parent.parent)) return undefined;
    const value = numericLiteral(ts, parent.right);
    if (value === undefined) return undefined;
    const operator = parent.operatorToken.kind;
    if (operator === ts.SyntaxKind.EqualsToken) return inLoop ? undefined : "numeric";
    if (operator === ts.SyntaxKind.PlusEqualsToken || operator === ts.SyntaxKind.MinusEqualsToken) {
      const step = operator === ts.SyntaxKind.PlusEqualsToken ? value : -value;
      if (!inLoop) return "numeric";
      return Math.abs(step) >= 1 && Number.isFinite(step) ? (step > 0 ? 1 : -1) : undefined;
    }
    // `*=`, `<<=`, ... of a number literal keep a number; `&&=`, `||=`, `??=` may not.
    const arithmetic = operator !== ts.SyntaxKind.AmpersandAmpersandEqualsToken && operator !== ts.SyntaxKind.BarBarEqualsToken &&
      operator !== ts.SyntaxKind.QuestionQuestionEqualsToken;
    return arithmetic && !inLoop ? "numeric" : undefined;
  }
  return mayBeWritten(ts, child, parent) ? undefined : "read";
}

/** A for-in/of head, or an element of an array/object literal that is a destructuring target. */
function mayBeWritten(ts: TsApi, child: TS.Node, parent: TS.Node): boolean {
  if ((ts.isForInStatement(parent) || ts.isForOfStatement(parent)) && parent.initializer === child) return true;
  if (ts.isPropertyAssignment(parent) && parent.initializer !== child) return false;
  if (!(ts.isShorthandPropertyAssignment(parent) || ts.isPropertyAssignment(parent) || ts.isSpreadElement(parent) || ts.isSpreadAssignment(parent) ||
    ts.isArrayLiteralExpression(parent) || (ts.isBinaryExpression(parent) && parent.left === child && parent.operatorToken.kind === ts.SyntaxKind.EqualsToken))) return false;
  // Up to the outermost literal of a would-be pattern (`[a, { b: [c = 1] }]`), then: is it assigned to?
  let node: TS.Node = parent;
  while (node.parent && (ts.isArrayLiteralExpression(node.parent) || ts.isObjectLiteralExpression(node.parent) || ts.isPropertyAssignment(node.parent) ||
    ts.isShorthandPropertyAssignment(node.parent) || ts.isSpreadElement(node.parent) || ts.isSpreadAssignment(node.parent) || isOuterExpression(ts, node.parent) ||
    (ts.isBinaryExpression(node.parent) && node.parent.left === node && node.parent.operatorToken.kind === ts.SyntaxKind.EqualsToken &&
      !!node.parent.parent && (ts.isArrayLiteralExpression(node.parent.parent) || ts.isObjectLiteralExpression(node.parent.parent) || ts.isPropertyAssignment(node.parent.parent))))) {
    node = node.parent;
  }
  const outer = node.parent;
  return !!outer && ((ts.isBinaryExpression(outer) && outer.left === node && outer.operatorToken.kind === ts.SyntaxKind.EqualsToken) ||
    ((ts.isForInStatement(outer) || ts.isForOfStatement(outer)) && outer.initializer === node));
}

/** `1`, `-1`, `+0.5` */
function numericLiteral(ts: TsApi, expression: TS.Expression): number | undefined {
  const e = skipOuterExpressions(ts, expression);
  if (ts.isNumericLiteral(e)) return Number(e.text);
  if (ts.isPrefixUnaryExpression(e) && (e.operator === ts.SyntaxKind.MinusToken || e.operator === ts.SyntaxKind.PlusToken)) {
    const operand = skipOuterExpressions(ts, e.operand);
    if (!ts.isNumericLiteral(operand)) return undefined;
    return e.operator === ts.SyntaxKind.MinusToken ? -Number(operand.text) : Number(operand.text);
  }
  return undefined;
}

/** A `continue` that targets this loop (unlabeled outside nested loops, or by one of its labels). */
function hasContinueOf(ts: TsApi, body: TS.Statement, labels: readonly string[]): boolean {
  let found = false;
  const visit = (node: TS.Node, nestedLoop: boolean): void => {
    if (found || ts.isFunctionLike(node) || ts.isClassLike(node)) return;
    if (ts.isContinueStatement(node) && (node.label ? labels.includes(node.label.text) : !nestedLoop)) {
      found = true;
      return;
    }
    const loop = ts.isIterationStatement(node, false);
    ts.forEachChild(node, (child) => visit(child, nestedLoop || loop));
  };
  visit(body, false);
  return found;
}

function isInside(node: TS.Node, ancestor: TS.Node): boolean {
  for (let current: TS.Node | undefined = node; current; current = current.parent) if (current === ancestor) return true;
  return false;
}

function isIncrementOrDecrement(ts: TsApi, operator: TS.SyntaxKind): boolean {
  return operator === ts.SyntaxKind.PlusPlusToken || operator === ts.SyntaxKind.MinusMinusToken;
}

function isAssignment(ts: TsApi, kind: TS.SyntaxKind): boolean {
  return kind >= ts.SyntaxKind.FirstAssignment && kind <= ts.SyntaxKind.LastAssignment;
}

function isOuterExpression(ts: TsApi, node: TS.Node): boolean {
  return ts.isParenthesizedExpression(node) || ts.isNonNullExpression(node) || ts.isAsExpression(node) || ts.isSatisfiesExpression(node) || ts.isTypeAssertionExpression(node);
}

function skipOuterExpressions(ts: TsApi, e: TS.Expression): TS.Expression {
  while (isOuterExpression(ts, e)) e = (e as TS.ParenthesizedExpression).expression;
  return e;
}
