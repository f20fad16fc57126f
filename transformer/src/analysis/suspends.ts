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
  /** An async generator's `return v` awaits v: such a return is a suspension point too. */
  readonly returnsAwait?: boolean;
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

  private readonly nativeCache = new WeakMap<TS.Node, boolean>();
  private readonly awaitCache = new WeakMap<TS.Node, boolean>();

  /**
   * A loop that stays a native JS loop with its check point inline (`while`, `do`, `for`; not
   * for-in/of): it awaits nothing, holds no other loop and no closure. Its state re-enters it
   * at the top of an iteration after a pre-emption, so it costs a local decrement per
   * iteration instead of a state dispatch; inside it, calls get no check points of their own
   * (the loop's stands for them).
   */
  isNativeLoop(node: TS.Node): boolean {
    const ts = this.ts;
    if (!this.checkPoints.loops && !this.checkPoints.calls) return false;
    if (!ts.isWhileStatement(node) && !ts.isDoStatement(node) && !ts.isForStatement(node)) return false;
    const cached = this.nativeCache.get(node);
    if (cached !== undefined) return cached;
    let plain = !this.containsAwait(node);
    const scan = (child: TS.Node): void => {
      if (!plain) return;
      if (ts.isIterationStatement(child, false) || ts.isFunctionLike(child) || ts.isClassLike(child)) plain = false;
      else ts.forEachChild(child, scan);
    };
    ts.forEachChild(node, scan);
    const result = plain && (this.checkPoints.loops || this.containsCall(node));
    this.nativeCache.set(node, result);
    return result;
  }

  /** Inside a native loop nothing suspends but the loop's own check point. */
  private isInsideNativeLoop(node: TS.Node): boolean {
    const ts = this.ts;
    for (let parent = node.parent; parent && !isFunctionBoundary(ts, parent); parent = parent.parent) {
      if (this.isNativeLoop(parent)) return true;
    }
    return false;
  }

  private containsCall(node: TS.Node): boolean {
    const ts = this.ts;
    let found = false;
    const scan = (child: TS.Node): void => {
      if (found || isFunctionBoundary(ts, child)) return;
      if (ts.isCallExpression(child) || ts.isNewExpression(child)) found = true;
      else ts.forEachChild(child, scan);
    };
    ts.forEachChild(node, scan);
    return found;
  }

  /** An await, yield or for-await of this function (check points aside). */
  containsAwait(node: TS.Node): boolean {
    const cached = this.awaitCache.get(node);
    if (cached !== undefined) return cached;
    const ts = this.ts;
    let result: boolean;
    if (ts.isAwaitExpression(node) || ts.isYieldExpression(node) || (ts.isForOfStatement(node) && !!node.awaitModifier)) result = true;
    else if (this.checkPoints.returnsAwait && ts.isReturnStatement(node) && node.expression) result = true;
    else if (isFunctionBoundary(ts, node)) {
      const name = (node as { name?: TS.Node }).name;
      result = !!name && ts.isComputedPropertyName(name) && this.containsAwait(name);
    } else result = !!ts.forEachChild(node, (child) => (this.containsAwait(child) ? true : undefined));
    this.awaitCache.set(node, result);
    return result;
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
    if (this.isNativeLoop(node)) result = true;
    else if ((this.checkPoints.calls || this.checkPoints.loops) && node.parent && this.isInsideNativeLoop(node)) result = false;
    else if (ts.isAwaitExpression(node) || ts.isYieldExpression(node)) result = true;
    else if (this.checkPoints.returnsAwait && ts.isReturnStatement(node) && node.expression) result = true;
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
