// fast-check arbitraries for random async programs (program.ts), limited to what the
// transformer lowers today. Arbitraries are built per remaining depth and memoised, so the
// trees stay small and shrinking walks down towards leaves.

import fc from "fast-check";
import type {
  AnyExpr,
  ArithmeticOp,
  AssignOp,
  AssignTarget,
  AsyncClosure,
  AwaitHow,
  CompareOp,
  Expr,
  GeneratorClosure,
  LogicalOp,
  MainShape,
  Program,
  Stmt,
  SwitchCase,
  SyncClosure,
  Test,
  UpdateOp,
} from "./program.js";

/** How deep statements and expressions nest. */
export interface Limits {
  stmtDepth: number;
  exprDepth: number;
  /** Most statements per block. */
  blockLength: number;
  /** Expression kinds never generated (to look past a known bug while it is being fixed). */
  exclude?: readonly Expr["k"][];
  /** Statement kinds never generated, for the same reason. */
  excludeStatements?: readonly Stmt["k"][];
  /** Generator and async generator closures (off for task mode, which has no generators: SL1010). */
  generators?: boolean;
  /** Sloppy-only expressions (`delete uN` of an undeclared global); the printer decides where they apply. */
  sloppy?: boolean;
  /** Ways of awaiting never generated (where a mode differs from native on purpose). */
  excludeAwaits?: readonly AwaitHow[];
}

export const defaultLimits: Limits = { stmtDepth: 3, exprDepth: 2, blockLength: 3 };
/** Deeper programs: twice as slow to lower, but some bugs need a side effect three levels down. */
export const deepLimits: Limits = { stmtDepth: 4, exprDepth: 3, blockLength: 3 };

/**
 * Mostly default-sized programs, one in `deepShare` deep: the mix the CI test runs. `exclude`
 * names expression or statement kinds never to generate (to look past a known bug).
 */
export function mixedPrograms(deepShare = 8, exclude: readonly string[] = [], features: Pick<Limits, "generators" | "sloppy" | "excludeAwaits"> = {}): fc.Arbitrary<Program> {
  const without = { exclude: exclude as Expr["k"][], excludeStatements: exclude as Stmt["k"][], ...features };
  return fc.oneof(
    { arbitrary: programArbitraries({ ...defaultLimits, ...without }).program, weight: deepShare - 1 },
    { arbitrary: programArbitraries({ ...deepLimits, ...without }).program, weight: 1 },
  );
}

const index = fc.nat({ max: 7 });
const hops = fc.nat({ max: 3 });
const loopCount = fc.integer({ min: 1, max: 3 });
/** The ways of awaiting: the common ones eight times as often as the odd promises and thenables. */
function awaitHowArb(excluded: readonly AwaitHow[] = []): fc.Arbitrary<AwaitHow> {
  const allowed = (hows: AwaitHow[]) => hows.filter((how) => !excluded.includes(how));
  return fc.oneof(
    { arbitrary: fc.constantFrom<AwaitHow>(...allowed(["value", "resolved", "later", "thenable"])), weight: 8 },
    { arbitrary: fc.constantFrom<AwaitHow>(...allowed(["patched", "subclassed", "unruly"])), weight: 1 },
  );
}
const arithmeticOp = fc.constantFrom<ArithmeticOp>("+", "-", "*", "%", "&", "|");
const compareOp = fc.constantFrom<CompareOp>("<", ">=", "===", "!==");
const logicalOp = fc.constantFrom<LogicalOp>("&&", "||", "??");
const assignOp = fc.constantFrom<AssignOp>("=", "+=", "-=", "*=", "||=", "&&=", "??=");
const updateOp = fc.constantFrom<UpdateOp>("pre++", "post++", "pre--", "post--");

/** fc.oneof over the entries with a positive weight; a failing value may shrink into the first entry (the simplest). */
function weighted<T>(...entries: { arbitrary: fc.Arbitrary<T>; weight: number }[]): fc.Arbitrary<T> {
  return fc.oneof({ withCrossShrink: true }, ...entries.filter((e) => e.weight > 0));
}

function memo<T>(build: (depth: number) => fc.Arbitrary<T>): (depth: number) => fc.Arbitrary<T> {
  const cache = new Map<number, fc.Arbitrary<T>>();
  return (depth) => {
    let arb = cache.get(depth);
    if (arb === undefined) {
      arb = build(depth);
      cache.set(depth, arb);
    }
    return arb;
  };
}

/** Builds the arbitraries for one set of limits. */
export function programArbitraries(limits: Limits = defaultLimits): {
  expr: (depth: number) => fc.Arbitrary<Expr>;
  stmt: (depth: number) => fc.Arbitrary<Stmt>;
  program: fc.Arbitrary<Program>;
} {
  const awaitHow = awaitHowArb(limits.excludeAwaits);
  const leafExpr: fc.Arbitrary<Expr> = weighted<Expr>(
    { arbitrary: fc.record({ k: fc.constant("num" as const), v: fc.nat({ max: 5 }) }), weight: 3 },
    { arbitrary: fc.record({ k: fc.constant("var" as const), i: index }), weight: 4 },
    { arbitrary: fc.constant({ k: "nil" as const }), weight: 1 },
  );

  const expr = memo((depth): fc.Arbitrary<Expr> => {
    if (depth <= 0) return leafExpr;
    const sub = expr(depth - 1);
    const args = fc.array(sub, { maxLength: 3 });
    const test = testArb(depth - 1);
    const w = (k: Expr["k"], weight: number) => (limits.exclude?.includes(k) ? 0 : weight);
    return weighted<Expr>(
      { arbitrary: leafExpr, weight: 60 },
      { arbitrary: fc.record({ k: fc.constant("trace" as const), e: sub }), weight: w("trace", 6) },
      { arbitrary: fc.record({ k: fc.constant("await" as const), how: awaitHow, hops, e: sub }), weight: w("await", 16) },
      { arbitrary: fc.record({ k: fc.constant("reject" as const), how: fc.constantFrom("now" as const, "later" as const), hops }), weight: w("reject", 1) },
      { arbitrary: fc.record({ k: fc.constant("arith" as const), op: arithmeticOp, l: sub, r: sub }), weight: w("arith", 8) },
      { arbitrary: fc.record({ k: fc.constant("logical" as const), op: logicalOp, l: sub, r: sub }), weight: w("logical", 4) },
      { arbitrary: fc.record({ k: fc.constant("cond" as const), test, then: sub, else: sub }), weight: w("cond", 4) },
      { arbitrary: fc.record({ k: fc.constant("call" as const), args }), weight: w("call", 6) },
      { arbitrary: fc.record({ k: fc.constant("method" as const), recv: index, args }), weight: w("method", 6) },
      { arbitrary: fc.record({ k: fc.constant("getter" as const), recv: index }), weight: w("getter", 2) },
      { arbitrary: fc.record({ k: fc.constant("index" as const), key: sub }), weight: w("index", 2) },
      { arbitrary: fc.record({ k: fc.constant("assign" as const), target: index, op: assignOp, e: sub }), weight: w("assign", 6) },
      { arbitrary: fc.record({ k: fc.constant("assignMember" as const), recv: index, op: assignOp, e: sub }), weight: w("assignMember", 2) },
      { arbitrary: fc.record({ k: fc.constant("assignIndex" as const), key: sub, op: assignOp, e: sub }), weight: w("assignIndex", 2) },
      { arbitrary: fc.record({ k: fc.constant("swap" as const), recv: index, e: sub }), weight: w("swap", 4) },
      { arbitrary: fc.record({ k: fc.constant("update" as const), target: index, op: updateOp }), weight: w("update", 2) },
      { arbitrary: fc.record({ k: fc.constant("callClosure" as const), i: index }), weight: w("callClosure", 4) },
      { arbitrary: fc.record({ k: fc.constant("callAsyncClosure" as const), i: index }), weight: w("callAsyncClosure", 4) },
      { arbitrary: fc.constant({ k: "boom" as const }), weight: w("boom", 1) },
      { arbitrary: fc.record({ k: fc.constant("unary" as const), op: fc.constantFrom("-" as const, "!" as const, "void" as const), e: sub }), weight: w("unary", 2) },
      { arbitrary: fc.record({ k: fc.constant("spreadCall" as const), args }), weight: w("spreadCall", 2) },
      { arbitrary: fc.record({ k: fc.constant("optionalMethod" as const), recv: index, args }), weight: w("optionalMethod", 2) },
      { arbitrary: fc.record({ k: fc.constant("callLocalClosure" as const), i: index }), weight: w("callLocalClosure", 3) },
      { arbitrary: fc.record({ k: fc.constant("callHoisted" as const), i: index }), weight: w("callHoisted", 2) },
      { arbitrary: fc.record({ k: fc.constant("superCall" as const), args }), weight: w("superCall", 2) },
      { arbitrary: fc.record({ k: fc.constant("yield" as const), e: sub }), weight: w("yield", 4) },
      { arbitrary: fc.record({ k: fc.constant("yieldStar" as const), i: index }), weight: w("yieldStar", 1) },
      { arbitrary: fc.record({ k: fc.constant("spreadGenerator" as const), i: index }), weight: w("spreadGenerator", 1) },
      { arbitrary: fc.record({ k: fc.constant("awaitSpawned" as const), i: index }), weight: w("awaitSpawned", 3) },
      { arbitrary: fc.record({ k: fc.constant("deleteGlobal" as const), i: index }), weight: limits.sloppy === true ? w("deleteGlobal", 1) : 0 },
      { arbitrary: fc.record({ k: fc.constant("computedMethod" as const), recv: index, args }), weight: w("computedMethod", 2) },
      { arbitrary: fc.record({ k: fc.constant("optionalCallMember" as const), recv: index, args }), weight: w("optionalCallMember", 2) },
      { arbitrary: fc.record({ k: fc.constant("chainedCall" as const), args }), weight: w("chainedCall", 1) },
      { arbitrary: fc.record({ k: fc.constant("construct" as const), args }), weight: w("construct", 1) },
    );
  });

  const testArb = memo(
    (depth): fc.Arbitrary<Test> =>
      fc.oneof(
        fc.record({ k: fc.constant("compare" as const), op: compareOp, l: expr(depth), r: expr(depth) }),
        fc.record({ k: fc.constant("truthy" as const), e: expr(depth) }),
      ),
  );

  const anyExpr = memo((depth): fc.Arbitrary<AnyExpr> => {
    const numeric = fc.record({ k: fc.constant("numeric" as const), e: expr(depth) });
    if (depth <= 0) return numeric;
    const items = fc.array(anyExpr(depth - 1), { maxLength: 3 });
    return weighted<AnyExpr>(
      { arbitrary: numeric, weight: 6 },
      { arbitrary: fc.record({ k: fc.constant("str" as const), v: fc.constantFrom("a", "b", "") }), weight: 1 },
      { arbitrary: fc.record({ k: fc.constant("array" as const), items }), weight: 1 },
      { arbitrary: fc.record({ k: fc.constant("object" as const), items }), weight: 1 },
      { arbitrary: fc.record({ k: fc.constant("computedObject" as const), items }), weight: limits.exclude?.includes("computedObject" as Expr["k"]) ? 0 : 1 },
      { arbitrary: fc.record({ k: fc.constant("template" as const), parts: fc.array(expr(depth - 1), { minLength: 1, maxLength: 3 }) }), weight: 1 },
    );
  });

  const e = expr(limits.exprDepth);
  const jump = (k: "break" | "continue") => fc.record({ k: fc.constant(k), labeled: fc.boolean(), pick: index });

  const ws = (k: Stmt["k"], weight: number) => (limits.excludeStatements?.includes(k) ? 0 : weight);

  /** Statements without nested statements. */
  const simpleStmt: fc.Arbitrary<Stmt> = fc.oneof(
    { arbitrary: fc.record({ k: fc.constant("log" as const), values: fc.array(anyExpr(limits.exprDepth), { minLength: 1, maxLength: 2 }) }), weight: 5 },
    { arbitrary: fc.record({ k: fc.constant("expr" as const), e }), weight: 4 },
    // `yield e;` as a statement, so generator bodies yield often (elsewhere it prints as `e;`).
    { arbitrary: expr(limits.exprDepth - 1).map((y): Stmt => ({ k: "expr", e: { k: "yield", e: y } })), weight: 3 },
    { arbitrary: fc.record({ k: fc.constant("assign" as const), target: index, op: assignOp, e }), weight: 2 },
    { arbitrary: fc.record({ k: fc.constant("let" as const), e }), weight: 2 },
    { arbitrary: fc.record({ k: fc.constant("closure" as const), e }), weight: 2 },
    { arbitrary: fc.record({ k: fc.constant("spawn" as const), i: index }), weight: ws("spawn", 1) },
    { arbitrary: fc.record({ k: fc.constant("tdz" as const), e }), weight: 1 },
    { arbitrary: fc.record({ k: fc.constant("bump" as const), pick: index, how: fc.constantFrom("++" as const, "+= 1" as const, "+= 2" as const, "= stop" as const) }), weight: ws("bump", 1) },
    { arbitrary: fc.record({ k: fc.constant("await" as const), how: awaitHow, hops, e }), weight: 3 },
  );

  const assignTarget: fc.Arbitrary<AssignTarget> = fc.oneof(
    { arbitrary: fc.record({ kind: fc.constant("var" as const), i: index }), weight: 3 },
    { arbitrary: fc.record({ kind: fc.constant("member" as const), recv: index }), weight: 1 },
    { arbitrary: fc.record({ kind: fc.constant("index" as const), key: expr(limits.exprDepth - 1) }), weight: 1 },
  );
  const destructure: fc.Arbitrary<Stmt> = fc.record({
    k: fc.constant("destructure" as const),
    form: fc.constantFrom("declare" as const, "assign" as const),
    pattern: fc.constantFrom("array" as const, "object" as const, "iter" as const),
    values: fc.array(e, { maxLength: 3 }),
    elements: fc.array(fc.record({ target: assignTarget, fallback: fc.option(e, { nil: null }) }), { minLength: 1, maxLength: 3 }),
  });

  /** Statements that leave the block: kept rarer so most code is reachable. */
  const exitStmt: fc.Arbitrary<Stmt> = weighted<Stmt>(
    { arbitrary: jump("break"), weight: ws("break", 1) },
    { arbitrary: jump("continue"), weight: ws("continue", 1) },
    { arbitrary: fc.record({ k: fc.constant("return" as const), e }), weight: ws("return", 1) },
    { arbitrary: fc.record({ k: fc.constant("throw" as const), e: fc.option(e, { nil: null }) }), weight: ws("throw", 1) },
  );

  const block = memo((depth): fc.Arbitrary<Stmt[]> => fc.array(stmt(depth), { maxLength: limits.blockLength }));

  /** A statement; `exits` allows break/continue/return/throw at this level (not at main's top level). */
  const stmtOf = (depth: number, exits: boolean): fc.Arbitrary<Stmt> => {
    const exitWeight = exits ? 1 : 0;
    if (depth <= 0) return weighted<Stmt>({ arbitrary: simpleStmt, weight: 5 }, { arbitrary: exitStmt, weight: exitWeight });
    const body = block(depth - 1);
    const extra = fc.option(expr(limits.exprDepth - 1), { nil: null, freq: 3 });
    const loop = <K extends "while" | "doWhile" | "for">(k: K) => fc.record({ k: fc.constant(k), n: loopCount, label: fc.boolean(), extra, body });
    const forOfArray = fc.record({ k: fc.constant("forOfArray" as const), items: fc.array(e, { maxLength: 3 }), label: fc.boolean(), body });
    const forOfIter = fc.record({ k: fc.constant("forOfIter" as const), n: loopCount, label: fc.boolean(), body });
    // The same loops, printed without awaits or yields: native loops in the lowered code.
    const noAwait = fc.oneof<fc.Arbitrary<Stmt>[]>(loop("while"), loop("doWhile"), loop("for"), forOfArray, forOfIter).map((l): Stmt => ({ k: "noAwait", loop: l }));
    const switchCase: fc.Arbitrary<SwitchCase> = fc.record({
      test: fc.oneof({ arbitrary: fc.nat({ max: 3 }).map((v): Expr => ({ k: "num", v })), weight: 4 }, { arbitrary: e, weight: 1 }, { arbitrary: fc.constant(null), weight: 1 }),
      body,
      brk: fc.boolean(),
    });
    return weighted<Stmt>(
      { arbitrary: simpleStmt, weight: 8 },
      { arbitrary: exitStmt, weight: 2 * exitWeight },
      { arbitrary: fc.record({ k: fc.constant("if" as const), test: testArb(limits.exprDepth - 1), then: body, else: fc.option(body, { nil: null }) }), weight: 3 },
      { arbitrary: loop("while"), weight: 1 },
      { arbitrary: loop("doWhile"), weight: 1 },
      { arbitrary: loop("for"), weight: 1 },
      { arbitrary: forOfIter, weight: 1 },
      { arbitrary: noAwait, weight: ws("noAwait", 2) },
      { arbitrary: fc.record({ k: fc.constant("forOfGenerator" as const), i: index, label: fc.boolean(), body }), weight: ws("forOfGenerator", 1) },
      { arbitrary: fc.record({ k: fc.constant("forAwait" as const), i: index, label: fc.boolean(), body }), weight: ws("forAwait", 1) },
      { arbitrary: fc.record({ k: fc.constant("forIn" as const), items: fc.array(e, { maxLength: 3 }), label: fc.boolean(), body }), weight: 1 },
      { arbitrary: destructure, weight: ws("destructure", 1) },
      { arbitrary: forOfArray, weight: 1 },
      { arbitrary: fc.record({ k: fc.constant("block" as const), body }), weight: 1 },
      { arbitrary: fc.record({ k: fc.constant("switch" as const), discriminant: e, cases: fc.array(switchCase, { minLength: 1, maxLength: 4 }) }), weight: 2 },
      {
        arbitrary: fc
          .record({ body, catchBody: fc.option(body, { nil: null }), catchBinding: fc.boolean(), finallyBody: fc.option(body, { nil: null }) })
          .map((t): Stmt => ({ k: "try", ...t })),
        weight: 4,
      },
    );
  };
  const stmt = memo((depth) => stmtOf(depth, true));

  const syncClosure: fc.Arbitrary<SyncClosure> = fc.record({
    body: fc.array(simpleStmt.filter((s) => s.k !== "await" && s.k !== "spawn"), { maxLength: 2 }),
    result: e,
  });
  const asyncClosure: fc.Arbitrary<AsyncClosure> = fc.record({ body: block(1), result: e });
  const generatorClosure: fc.Arbitrary<GeneratorClosure> = fc.record({ body: block(1), result: e });

  const program: fc.Arbitrary<Program> = fc.record({
    generators: fc.array(generatorClosure, { maxLength: limits.generators === false ? 0 : 2 }),
    asyncGenerators: fc.array(generatorClosure, { maxLength: limits.generators === false ? 0 : 2 }),
    // Simple parameters alias `arguments` in sloppy code only: that shape is for sloppy scripts.
    shape: fc.constantFrom<MainShape>("function", "arrow", "method", "staticMethod", "objectMethod", "derivedMethod", ...(limits.sloppy === true ? (["simpleParams"] as const) : [])),
    hoisted: fc.array(syncClosure, { maxLength: 2 }),
    closures: fc.array(syncClosure, { maxLength: 2 }),
    asyncClosures: fc.array(asyncClosure, { maxLength: 2 }),
    body: fc.array(stmtOf(limits.stmtDepth, false), { minLength: 2, maxLength: limits.blockLength + 3 }),
  });

  return { expr, stmt, program };
}
