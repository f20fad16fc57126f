// Finds the async/generator syntax left in compiled JavaScript, so a variant that claims to lower
// async functions but left one native is reported as failed instead of timed as if it were lowered.

import ts from "typescript";

/** The set of `async`, `await` and `yield` constructs present in `code` (parsed as a script AST). */
export function findCoroutineSyntax(code) {
  const file = ts.createSourceFile("variant.js", code, ts.ScriptTarget.Latest, false, ts.ScriptKind.JS);
  const found = new Set();
  const visit = (node) => {
    if (ts.isAwaitExpression(node) || (ts.isForOfStatement(node) && node.awaitModifier)) found.add("await");
    if (ts.isYieldExpression(node)) found.add("yield");
    if (ts.isFunctionLike(node) && node.modifiers?.some((m) => m.kind === ts.SyntaxKind.AsyncKeyword)) found.add("async");
    if (ts.isFunctionLike(node) && node.asteriskToken) found.add("yield");
    ts.forEachChild(node, visit);
  };
  visit(file);
  return found;
}
