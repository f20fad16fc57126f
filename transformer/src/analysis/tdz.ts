// Which hoisted `let`/`const`/`class` bindings can be observed in their temporal dead zone, and
// which references to them need a check. Natively such a read throws a ReferenceError; once
// hoisted into the machine, the binding would read `undefined` instead.
//
// Rules:
//  1. A reference is safe when it cannot run before the declaration: it sits after the end of
//     the declarator (so after its initializer), in the same function activation, and for a
//     binding declared in a `switch`'s case block, in the same clause (another clause can be
//     entered without running this one). Everything else is checked.
//  2. A reference inside a closure runs no earlier than the closure is made: an arrow,
//     function expression, method or class is made where it stands, a function declaration
//     at the start of its block (hoisting). The outermost such closure gives the position.
//  3. Only checked bindings pay anything: they hold `$sl.uninitialized` from each entry of
//     their scope until the declaration runs; their safe references stay plain reads, and the
//     bindings without any unsafe reference are not touched at all (the hot path of locals).

import type { HoistingPlan } from "./hoisting.js";
import type { Binding } from "./scopes.js";
import type { TS, TsApi } from "../ts-api.js";

export interface TdzPlan {
  /** Bindings that start each entry of their scope as `$sl.uninitialized`. */
  readonly checkedBindings: ReadonlySet<Binding>;
  /** References (original identifiers) that are read or written through a check. */
  readonly checkedReferences: ReadonlySet<TS.Identifier>;
}

export const noTdzChecks: TdzPlan = { checkedBindings: new Set(), checkedReferences: new Set() };

export function planTdzChecks(ts: TsApi, fn: TS.Node, plan: HoistingPlan): TdzPlan {
  const checkedBindings = new Set<Binding>();
  const checkedReferences = new Set<TS.Identifier>();
  for (const binding of plan.hoisted.keys()) {
    if (binding.kind !== "let" && binding.kind !== "const" && binding.kind !== "class") continue;
    const initializedAt = initializationEnd(ts, binding);
    if (initializedAt === undefined) continue;
    const clause = caseClauseOf(ts, binding);
    for (const reference of binding.references) {
      const at = earliestRun(ts, reference, fn);
      const safe = at >= initializedAt && (!clause || (at >= clause.pos && at < clause.end));
      if (safe) continue;
      checkedReferences.add(reference);
      checkedBindings.add(binding);
    }
  }
  return { checkedBindings, checkedReferences };
}

/** Where the binding is initialized: the end of its declarator (or class declaration). */
function initializationEnd(ts: TsApi, binding: Binding): number | undefined {
  let node: TS.Node = binding.declaration;
  while (node.parent && (ts.isBindingElement(node.parent) || ts.isArrayBindingPattern(node.parent) || ts.isObjectBindingPattern(node.parent))) node = node.parent;
  const declaration = node.parent;
  if (!declaration || declaration.pos < 0) return undefined;
  if (ts.isClassDeclaration(declaration)) return declaration.end;
  if (!ts.isVariableDeclaration(declaration)) return undefined;
  const loop = declaration.parent?.parent;
  // `for (let x of xs)`: x is bound per iteration, just before the body runs.
  if (loop && (ts.isForOfStatement(loop) || ts.isForInStatement(loop))) return loop.statement.pos;
  return declaration.end;
}

/** The clause that declares a binding of a case block (rule 1), else undefined. */
function caseClauseOf(ts: TsApi, binding: Binding): TS.Node | undefined {
  if (!ts.isCaseBlock(binding.scope.node)) return undefined;
  for (let node: TS.Node | undefined = binding.declaration; node; node = node.parent) {
    if ((ts.isCaseClause(node) || ts.isDefaultClause(node)) && node.parent === binding.scope.node) return node;
  }
  return undefined;
}

/**
 * The earliest source position at which `reference` can run (rule 2). Synthesized nodes
 * (inner coroutines already lowered) have no position: -1 makes them checked, which is safe.
 */
function earliestRun(ts: TsApi, reference: TS.Identifier, fn: TS.Node): number {
  let at = reference.pos;
  // Unchanged user nodes keep their parents in the original tree, which holds the original
  // function (the coroutine we were given is its visited copy when inner ones were lowered).
  const original = ts.getOriginalNode(fn);
  for (let node = reference.parent; node && node !== fn && node !== original; node = node.parent) {
    if (!ts.isFunctionLike(node) && !ts.isClassLike(node)) continue;
    at = ts.isFunctionDeclaration(node) ? (node.parent?.pos ?? -1) : node.pos;
  }
  return at;
}
