// lowerX for a `switch` that suspends: the discriminant and the case tests are evaluated in
// order (tests stop at the first match, `default` is taken only after every test failed,
// wherever it stands), then the bodies follow in source order so fall-through is kept.

import type { TS } from "../ts-api.js";
import type { LoweringContext } from "./context.js";
import { lowerExpression, spill } from "./expressions.js";
import { lowerStatements } from "./statements.js";

// [source]
//      switch (await d) { case a: f(); case await b: g(); break; default: h(); }
// [intermediate]
//  .await d -> Await0
//  .mark Await0
//  .receive t0
//  .brtrue Case0, t0 === a
//  .await b -> Await1
//  .mark Await1
//  .receive t1
//  .brtrue Case1, t0 === t1
//  .br Case2
//  .mark Case0
//      f();
//  .mark Case1
//      g();
//  .br SwitchExit0
//  .mark Case2
//      h();
//  .mark SwitchExit0
export function lowerSwitchStatement(ctx: LoweringContext, node: TS.SwitchStatement, labels: string[]): void {
  const ts = ctx.ts;
  const f = ctx.f;
  const b = ctx.b;
  const discriminant = spill(ctx, lowerExpression(ctx, node.expression), node.expression);
  ctx.enterScopeEnv(node.caseBlock);
  const exit = b.defineLabel("SwitchExit", node);
  const clauses = node.caseBlock.clauses;
  const caseLabels = clauses.map((clause) => b.defineLabel("Case", clause));
  clauses.forEach((clause, i) => {
    if (!ts.isCaseClause(clause)) return;
    const test = lowerExpression(ctx, clause.expression);
    b.emitOp({ kind: "brtrue", label: caseLabels[i]!, condition: f.createStrictEquality(discriminant, test), origin: clause.expression });
  });
  const defaultIndex = clauses.findIndex((clause) => ts.isDefaultClause(clause));
  b.emitOp({ kind: "br", label: defaultIndex >= 0 ? caseLabels[defaultIndex]! : exit });
  const depth = ctx.finallyStack.length;
  ctx.jumpTargets.push({ userLabels: labels, breakLabel: exit, continueLabel: undefined, acceptsPlainBreak: true, finallyDepth: depth, continueFinallyDepth: depth });
  clauses.forEach((clause, i) => {
    b.markLabel(caseLabels[i]!);
    lowerStatements(ctx, clause.statements);
  });
  ctx.jumpTargets.pop();
  b.markLabel(exit);
}
