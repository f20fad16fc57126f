// Read-only facts about where a function can suspend (regenerator's meta.js): does a node
// contain an `await`/`yield` of the function being lowered, not of a nested function.

import type { TS, TsApi } from "../ts-api.js";

/** Function-like nodes start a new body: suspensions inside them are not ours. */
export function isFunctionBoundary(ts: TsApi, node: TS.Node): boolean {
  return (
    ts.isFunctionLike(node) ||
    ts.isClassStaticBlockDeclaration(node) ||
    // A class field initializer runs in the constructor, not here.
    ts.isPropertyDeclaration(node)
  );
}

/** Where pre-emption check points go (design.md §5): they are suspension points too. */
export interface CheckPoints {
  readonly calls: boolean;
  readonly loops: boolean;
}

export class SuspendAnalysis {
  private readonly cache = new WeakMap<TS.Node, boolean>();

  constructor(
    private readonly ts: TsApi,
    readonly checkPoints: CheckPoints = { calls: false, loops: false },
  ) {}

  /** Is `node` a call that gets a check point? (Tagged templates and `super()` do not.) */
  isCheckedCall(node: TS.Node): node is TS.CallExpression | TS.NewExpression {
    const ts = this.ts;
    if (!this.checkPoints.calls) return false;
    if (ts.isNewExpression(node)) return true;
    return ts.isCallExpression(node) && node.expression.kind !== ts.SyntaxKind.SuperKeyword && node.expression.kind !== ts.SyntaxKind.ImportKeyword;
  }

  /**
   * True when `node` contains an await, a yield, a `for await` of the current function, or a
   * pre-emption check point (a call, a loop) when those are on.
   */
  containsSuspend(node: TS.Node | undefined): boolean {
    if (!node) return false;
    const cached = this.cache.get(node);
    if (cached !== undefined) return cached;
    const ts = this.ts;
    let result: boolean;
    if (ts.isAwaitExpression(node) || ts.isYieldExpression(node)) result = true;
    else if (ts.isForOfStatement(node) && node.awaitModifier) result = true;
    else if (this.checkPoints.loops && ts.isIterationStatement(node, false)) result = true;
    else if (this.isCheckedCall(node)) result = true;
    else if (isFunctionBoundary(ts, node)) {
      // A member's computed key is evaluated where the class or object literal is.
      const name = (node as { name?: TS.Node }).name;
      result = !!name && ts.isComputedPropertyName(name) && this.containsSuspend(name);
    }
    else result = !!ts.forEachChild(node, (child) => (this.containsSuspend(child) ? true : undefined));
    this.cache.set(node, result);
    return result;
  }
}
