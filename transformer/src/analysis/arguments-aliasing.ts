// Whether a sloppy-mode coroutine must keep its parameters aliased to `arguments`. In a sloppy
// function with a simple parameter list, `arguments[i]` and the i-th parameter are one binding
// (for i < arguments.length at the call); the lowered machine keeps such parameters in the
// wrapper's own bindings, reached through accessors (lower/function.ts), but only when the
// aliasing can be observed: the common case keeps plain copies.
//
// Rules:
//  1. Only non-arrow sloppy functions with simple parameters (no default, rest or pattern) have
//     a mapped `arguments`; everything else is never aliased.
//  2. Aliasing is observable only when the body uses its own `arguments` (not a nested non-arrow
//     function's) and either writes or redeclares a parameter, or uses `arguments` other than by
//     reading `arguments[i]` or `arguments.length` (a write through it, or an escape to code
//     that may write through it).

import type { TS, TsApi } from "../ts-api.js";
import type { ScopeInfo } from "./scopes.js";

export function needsArgumentsAliasing(ts: TsApi, fn: TS.FunctionLikeDeclaration, scopes: ScopeInfo): boolean {
  if (ts.isArrowFunction(fn) || !fn.body) return false;
  const parameters = fn.parameters.filter((p) => !(ts.isIdentifier(p.name) && p.name.text === "this"));
  if (parameters.length === 0) return false;
  if (parameters.some((p) => !ts.isIdentifier(p.name) || p.initializer || p.dotDotDotToken)) return false;
  const uses = ownArgumentsUses(ts, fn.body, scopes);
  if (uses.length === 0) return false;
  const paramBindings = new Set([...scopes.root.bindings.values()].filter((b) => b.kind === "param"));
  if ([...paramBindings].some((b) => b.written)) return true;
  // `var a` / `function a() {}` in the body is the parameter's binding again (an initializer
  // or a hoisted function writes it).
  for (const [id, binding] of scopes.bindingOf) {
    if (paramBindings.has(binding) && id !== binding.declaration && !binding.references.includes(id)) return true;
  }
  return uses.some((use) => !isPlainRead(ts, use));
}

/**
 * The `arguments` identifiers of `fn`'s own activation: outside nested non-arrow functions and
 * class members, and not a local binding named `arguments`. A synthesized one (an inner
 * coroutine's arrow wrapper passing `arguments` on) has no parent: it counts as an escape.
 */
function ownArgumentsUses(ts: TsApi, body: TS.Node, scopes: ScopeInfo): TS.Identifier[] {
  const uses: TS.Identifier[] = [];
  const visit = (node: TS.Node): void => {
    if (ts.isIdentifier(node)) {
      if (node.text === "arguments" && !scopes.bindingOf.has(node) && isValuePosition(ts, node)) uses.push(node);
      return;
    }
    if ((ts.isFunctionLike(node) && !ts.isArrowFunction(node)) || ts.isClassStaticBlockDeclaration(node) || ts.isPropertyDeclaration(node)) {
      // A computed member name is evaluated in the enclosing activation.
      const name = (node as { name?: TS.Node }).name;
      if (name && ts.isComputedPropertyName(name)) visit(name);
      return;
    }
    ts.forEachChild(node, visit);
  };
  visit(body);
  return uses;
}

function isValuePosition(ts: TsApi, id: TS.Identifier): boolean {
  const parent = id.parent;
  if (!parent) return true;
  if (ts.isPropertyAccessExpression(parent) && parent.name === id) return false;
  if ((ts.isPropertyAssignment(parent) || ts.isMethodDeclaration(parent)) && parent.name === id) return false;
  if (ts.isTypeReferenceNode(parent) || ts.isLabeledStatement(parent) || ts.isBreakOrContinueStatement(parent)) return false;
  return true;
}

/** `arguments[i]` or `arguments.length` read as a value (not written, deleted or called). */
function isPlainRead(ts: TsApi, id: TS.Identifier): boolean {
  const access = id.parent;
  if (!access) return false;
  const isElement = ts.isElementAccessExpression(access) && access.expression === id;
  const isLength = ts.isPropertyAccessExpression(access) && access.expression === id && access.name.text === "length";
  if (!isElement && !isLength) return false;
  let child: TS.Node = access;
  let parent = access.parent;
  while (parent && (ts.isParenthesizedExpression(parent) || ts.isNonNullExpression(parent) || ts.isAsExpression(parent))) {
    child = parent;
    parent = parent.parent;
  }
  if (!parent) return false;
  if (ts.isCallExpression(parent) && parent.expression === child) return false;
  if (ts.isTaggedTemplateExpression(parent) && parent.tag === child) return false;
  if (ts.isBinaryExpression(parent) && parent.left === child) {
    const op = parent.operatorToken.kind;
    if (op >= ts.SyntaxKind.FirstAssignment && op <= ts.SyntaxKind.LastAssignment) return false;
  }
  if ((ts.isPrefixUnaryExpression(parent) || ts.isPostfixUnaryExpression(parent)) &&
    (parent.operator === ts.SyntaxKind.PlusPlusToken || parent.operator === ts.SyntaxKind.MinusMinusToken)) return false;
  if (ts.isDeleteExpression(parent)) return false;
  if ((ts.isForInStatement(parent) || ts.isForOfStatement(parent)) && parent.initializer === child) return false;
  // Inside a literal that may be a destructuring target: assume a write.
  if (ts.isArrayLiteralExpression(parent) || ts.isSpreadElement(parent) || ts.isShorthandPropertyAssignment(parent) ||
    (ts.isPropertyAssignment(parent) && parent.initializer === child) || ts.isSpreadAssignment(parent)) return false;
  return true;
}
