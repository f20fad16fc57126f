// Which functions are "stackless": the ones marked `/** @coroutine */`, the ones whose body
// starts with a "use coroutine" directive, or every async function with `lowerAll`.

import type { TS, TsApi } from "./ts-api.js";

/** Any function-like node that can be a coroutine. */
export type CoroutineNode =
  | TS.FunctionDeclaration
  | TS.FunctionExpression
  | TS.ArrowFunction
  | TS.MethodDeclaration;

/** What the `@coroutine` tag asks for, e.g. `@coroutine task`. */
export interface Marking {
  marked: boolean;
  /** Words after the tag: `task`, `spec`, `preempt`, … */
  flags: string[];
}

export function isCoroutineCandidate(ts: TsApi, node: TS.Node): node is CoroutineNode {
  return (
    ts.isFunctionDeclaration(node) ||
    ts.isFunctionExpression(node) ||
    ts.isArrowFunction(node) ||
    ts.isMethodDeclaration(node)
  );
}

export function isAsync(ts: TsApi, node: TS.FunctionLikeDeclaration): boolean {
  return ts.canHaveModifiers(node) && !!ts.getModifiers(node)?.some((m) => m.kind === ts.SyntaxKind.AsyncKeyword);
}

export function isGenerator(node: TS.FunctionLikeDeclaration): boolean {
  return !!node.asteriskToken;
}

/** Reads the `@coroutine` JSDoc tag or the "use coroutine" directive of a function. */
export function readMarking(ts: TsApi, node: CoroutineNode): Marking {
  for (const tag of jsDocTagsOf(ts, node)) {
    if (tag.tagName.text !== "coroutine") continue;
    const comment = typeof tag.comment === "string" ? tag.comment : (tag.comment ?? []).map((c) => c.text).join("");
    return { marked: true, flags: comment.split(/\s+/).filter(Boolean) };
  }
  if (hasUseCoroutineDirective(ts, node)) return { marked: true, flags: [] };
  return { marked: false, flags: [] };
}

export function hasUseCoroutineDirective(ts: TsApi, node: CoroutineNode): boolean {
  const body = node.body;
  if (!body || !ts.isBlock(body)) return false;
  for (const statement of body.statements) {
    if (!ts.isExpressionStatement(statement) || !ts.isStringLiteral(statement.expression)) return false;
    if (statement.expression.text === "use coroutine") return true;
  }
  return false;
}

/**
 * JSDoc tags that belong to the function: on the node itself, or, for a function expression or
 * arrow, on the variable statement / property that holds it (`/** @coroutine *\/ const f = async () => …`).
 */
function jsDocTagsOf(ts: TsApi, node: CoroutineNode): readonly TS.JSDocTag[] {
  const own = ts.getJSDocTags(node);
  if (own.length > 0) return own;
  let holder: TS.Node = node.parent;
  while (holder && (ts.isParenthesizedExpression(holder) || ts.isAsExpression(holder) || ts.isSatisfiesExpression(holder))) holder = holder.parent;
  if (holder && (ts.isVariableDeclaration(holder) || ts.isPropertyAssignment(holder) || ts.isPropertyDeclaration(holder))) {
    const tags = ts.getJSDocTags(holder);
    if (tags.length > 0) return tags;
    if (ts.isVariableDeclaration(holder) && holder.parent && ts.isVariableDeclarationList(holder.parent)) {
      return ts.getJSDocTags(holder.parent.parent);
    }
  }
  return own;
}
