// Whether a function's code names a private member (`#x`) of a class around it. Such code is
// valid only lexically inside that class, so its machine must be emitted there too. The check
// is syntactic over the whole function (parameters and body, nested functions included), so it
// sees every use whichever lowering path later handles the expression (split, pre-empted, …).

import type { TS, TsApi } from "../ts-api.js";

/** The first `#x` in `fn` that refers to an enclosing class's member, or undefined. */
export function findOuterPrivateName(ts: TsApi, fn: TS.FunctionLikeDeclaration): TS.PrivateIdentifier | undefined {
  // Names declared by classes nested in `fn`, innermost last: their own `#x` need no host.
  const declaredInside: Set<string>[] = [];
  let found: TS.PrivateIdentifier | undefined;
  const visit = (node: TS.Node): void => {
    if (found) return;
    if (ts.isPrivateIdentifier(node)) {
      if (!declaredInside.some((names) => names.has(node.text))) found = node;
      return;
    }
    if (ts.isClassLike(node)) {
      // `extends …` is evaluated outside the class's own private names.
      node.heritageClauses?.forEach(visit);
      declaredInside.push(privateMemberNames(ts, node));
      node.members.forEach(visit);
      declaredInside.pop();
      return;
    }
    ts.forEachChild(node, visit);
  };
  for (const parameter of fn.parameters) visit(parameter);
  if (fn.body) visit(fn.body);
  return found;
}

/** The `#x` a class declares (fields, methods, accessors; static or not). */
function privateMemberNames(ts: TsApi, node: TS.ClassLikeDeclaration): Set<string> {
  const names = new Set<string>();
  for (const member of node.members) {
    if (member.name && ts.isPrivateIdentifier(member.name)) names.add(member.name.text);
  }
  return names;
}
