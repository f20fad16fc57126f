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

/**
 * Reads the `@coroutine` tag or the "use coroutine" directive of a function. The tag is read
 * from the comment text itself: `tsc` (and so `tspc`) parses no JSDoc in .ts files
 * (`JSDocParsingMode.ParseForTypeErrors`), so `ts.getJSDocTags` would see nothing there.
 */
export function readMarking(ts: TsApi, node: CoroutineNode): Marking {
  for (const holder of commentHolders(ts, node)) {
    const flags = coroutineTagIn(ts, holder);
    if (flags) return { marked: true, flags };
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
 * Nodes whose leading comment belongs to the function: itself, and for a function expression
 * or arrow the variable statement, property or export that holds it
 * (`/** @coroutine *\/ const f = async () => …`).
 */
function commentHolders(ts: TsApi, node: CoroutineNode): TS.Node[] {
  const holders: TS.Node[] = [node];
  let holder: TS.Node | undefined = node.parent;
  while (holder && (ts.isParenthesizedExpression(holder) || ts.isAsExpression(holder) || ts.isSatisfiesExpression(holder))) holder = holder.parent;
  if (holder && (ts.isVariableDeclaration(holder) || ts.isPropertyAssignment(holder) || ts.isPropertyDeclaration(holder))) {
    holders.push(holder);
    if (ts.isVariableDeclaration(holder) && holder.parent && ts.isVariableDeclarationList(holder.parent) && holder.parent.parent) {
      holders.push(holder.parent.parent);
    }
  }
  if (ts.isExportAssignment(node.parent)) holders.push(node.parent);
  return holders;
}

/** The words after `@coroutine` in a `/** … *\/` comment right before `node`, if any. */
function coroutineTagIn(ts: TsApi, node: TS.Node): string[] | undefined {
  const file = node.getSourceFile?.();
  if (!file || node.pos < 0) return undefined;
  // A comment on the line of the previous token (`return /** @coroutine */ async () => …`) is,
  // to TypeScript, that token's trailing comment; both end before the node starts.
  const ranges = [...(ts.getTrailingCommentRanges(file.text, node.pos) ?? []), ...(ts.getLeadingCommentRanges(file.text, node.pos) ?? [])];
  for (const range of ranges) {
    const text = file.text.slice(range.pos, range.end);
    if (!text.startsWith("/**")) continue;
    const match = /@coroutine\b([^\n@*]*)/.exec(text);
    if (match) return match[1]!.split(/\s+/).filter(Boolean);
  }
  return undefined;
}
