// Scoping that the machine form cannot keep, found before lowering so that the function is
// reported and left as it was instead of being lowered into code that behaves differently:
//  1. A direct `eval(…)` anywhere in the coroutine: it reads and writes the function's locals by
//     name, sees its `this` and `arguments`, and in sloppy code declares new vars — all of which
//     live elsewhere once lowered.
//  2. In a sloppy function, a function declared in a block of the coroutine's own body and named
//     outside that block: Annex B also binds its name as a function-level var when the
//     declaration runs; the lowering keeps only the strict, block-scoped binding.
//  3. With a non-simple parameter list (defaults, patterns, rest), a body `var` that redeclares a
//     parameter a closure in the parameter list captures: the spec gives the body's vars their
//     own environment, so the closure keeps seeing the parameter; the machine has one binding.

import type { DiagnosticTemplate } from "../diagnostics.js";
import { Diagnostics } from "../diagnostics.js";
import type { TS, TsApi } from "../ts-api.js";
import { collectBindingNames } from "../util/binding-names.js";

export interface ScopingLimit {
  readonly template: DiagnosticTemplate;
  readonly node: TS.Node;
  readonly args: readonly string[];
}

export function findScopingLimit(ts: TsApi, fn: TS.FunctionLikeDeclaration, sloppy: boolean): ScopingLimit | undefined {
  return directEval(ts, fn) ?? (sloppy ? blockFunction(ts, fn) : undefined) ?? varShadowingCapturedParameter(ts, fn);
}

/** Rule 1: `eval(…)` or `(eval)(…)` calling the global eval (a local named eval is a plain call). */
function directEval(ts: TsApi, fn: TS.FunctionLikeDeclaration): ScopingLimit | undefined {
  let found: TS.Node | undefined;
  const declaresEval = (node: TS.Node) => ts.forEachChild(node, function visit(child): boolean | undefined {
    if ((ts.isVariableDeclaration(child) || ts.isParameter(child) || ts.isFunctionDeclaration(child) || ts.isClassDeclaration(child)) &&
      child.name && ts.isIdentifier(child.name) && child.name.text === "eval") return true;
    return ts.forEachChild(child, visit);
  });
  const visit = (node: TS.Node): void => {
    if (found) return;
    if (ts.isCallExpression(node) && !node.questionDotToken) {
      let callee: TS.Expression = node.expression;
      while (ts.isParenthesizedExpression(callee)) callee = callee.expression;
      if (ts.isIdentifier(callee) && callee.text === "eval") found = node;
    }
    ts.forEachChild(node, visit);
  };
  visit(fn);
  if (!found || declaresEval(fn)) return undefined;
  return { template: Diagnostics.DirectEval, node: found, args: [] };
}

/**
 * Rule 2: `{ function f() {} }`, `if (c) function f() {}`, a function in a `case`, in the
 * coroutine's own body, whose name is used outside that block (inside it the block-scoped
 * binding is the one both semantics read).
 */
function blockFunction(ts: TsApi, fn: TS.FunctionLikeDeclaration): ScopingLimit | undefined {
  if (!fn.body || !ts.isBlock(fn.body)) return undefined;
  const body = fn.body;
  let found: TS.FunctionDeclaration | undefined;
  const visit = (node: TS.Node): void => {
    if (found) return;
    if (ts.isFunctionDeclaration(node)) {
      // Its parent, not `body`, tells the function's top level (`body` may be a visited copy when
      // inner coroutines were lowered first; their synthesized wrappers have no parent at all).
      const block = node.parent;
      const topLevel = !block || (ts.isBlock(block) && !!block.parent && ts.isFunctionLike(block.parent));
      if (!topLevel && node.name && isPlainFunction(ts, node) && usedOutside(ts, body, block, node.name.text)) found = node;
      return;
    }
    if (ts.isFunctionLike(node) || ts.isClassLike(node)) return;
    ts.forEachChild(node, visit);
  };
  ts.forEachChild(body, visit);
  return found && { template: Diagnostics.SloppyBlockFunction, node: found.name ?? found, args: [found.name?.text ?? "function"] };
}

/** Annex B covers plain functions only, not async ones or generators (a lowered one is the wrapper of its original). */
function isPlainFunction(ts: TsApi, node: TS.FunctionDeclaration): boolean {
  const original = ts.getOriginalNode(node) as TS.FunctionDeclaration;
  return !original.asteriskToken && !original.modifiers?.some((m) => m.kind === ts.SyntaxKind.AsyncKeyword);
}

/** An identifier `name` in `body` outside `block` (a same-named other binding counts too: conservative). */
function usedOutside(ts: TsApi, body: TS.Node, block: TS.Node, name: string): boolean {
  const inside = (node: TS.Node) => {
    const original = ts.getOriginalNode(node);
    return original === block || (original.pos >= 0 && original.pos >= block.pos && original.end <= block.end);
  };
  const visit = (node: TS.Node): boolean | undefined => {
    if (inside(node)) return false;
    if (ts.isIdentifier(node) && node.text === name) return true;
    return ts.forEachChild(node, visit);
  };
  return ts.forEachChild(body, visit) ?? false;
}

/** Rule 3 */
function varShadowingCapturedParameter(ts: TsApi, fn: TS.FunctionLikeDeclaration): ScopingLimit | undefined {
  const simple = fn.parameters.every((p) => ts.isIdentifier(p.name) && !p.initializer && !p.dotDotDotToken);
  if (simple || !fn.body) return undefined;
  const parameterNames = new Set<string>();
  for (const parameter of fn.parameters) collectBindingNames(ts, parameter.name, parameterNames);
  let closureInParameters = false;
  for (const parameter of fn.parameters) {
    ts.forEachChild(parameter, function visit(node): void {
      if (ts.isFunctionLike(node) || ts.isClassLike(node)) closureInParameters = true;
      else ts.forEachChild(node, visit);
    });
  }
  if (!closureInParameters) return undefined;
  let found: TS.Identifier | undefined;
  const visit = (node: TS.Node): void => {
    if (found || ts.isFunctionLike(node) || ts.isClassLike(node)) return;
    if (ts.isVariableDeclarationList(node) && (node.flags & ts.NodeFlags.BlockScoped) === 0) {
      for (const declaration of node.declarations) {
        const names = new Set<string>();
        collectBindingNames(ts, declaration.name, names);
        for (const name of names) if (parameterNames.has(name)) found ??= declarationIdentifier(ts, declaration.name, name);
      }
    }
    ts.forEachChild(node, visit);
  };
  ts.forEachChild(fn.body, visit);
  return found && { template: Diagnostics.VarRedeclaresCapturedParameter, node: found, args: [found.text] };
}

function declarationIdentifier(ts: TsApi, name: TS.BindingName, text: string): TS.Identifier | undefined {
  if (ts.isIdentifier(name)) return name.text === text ? name : undefined;
  for (const element of name.elements) {
    if (ts.isOmittedExpression(element)) continue;
    const found = declarationIdentifier(ts, element.name, text);
    if (found) return found;
  }
  return undefined;
}
