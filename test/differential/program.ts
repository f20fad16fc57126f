// The abstract syntax of the random async programs the differential test generates. Nodes
// refer to variables, jump targets and closures by index, not by name: the printer resolves an
// index against what is in scope where the node lands, so every tree prints a valid program and
// fast-check can shrink trees freely without breaking scoping.

/** How an awaited operand is produced; each takes a different path through PromiseResolve. */
export type AwaitHow =
  /** `await e`: a plain value (one tick). */
  | "value"
  /** `await Promise.resolve(e)`: an already-resolved native promise. */
  | "resolved"
  /** `await later(tag, e, hops)`: a promise resolved after `hops` microtask hops. */
  | "later"
  /** `await thenable(tag, e)`: a non-promise thenable whose `then` logs. */
  | "thenable"
  /** `await patched(tag, e)`: a native promise with an own logging `then` (await must not call it). */
  | "patched"
  /** `await subclassed(e)`: a resolved Promise subclass whose `then` logs. */
  | "subclassed"
  /** `await unruly(tag, e)`: a thenable that settles, settles again and throws. */
  | "unruly";

/** How an awaited promise rejects: `Promise.reject(...)` now or `fail(tag, hops)` later. */
export type RejectHow = "now" | "later";

export type ArithmeticOp = "+" | "-" | "*" | "%" | "&" | "|";
export type CompareOp = "<" | ">=" | "===" | "!==";
export type LogicalOp = "&&" | "||" | "??";
export type AssignOp = "=" | "+=" | "-=" | "*=" | "||=" | "&&=" | "??=";
export type UpdateOp = "pre++" | "post++" | "pre--" | "post--";

/**
 * A numeric expression (its value is a number, boolean, null or undefined at run time, so
 * arithmetic never builds strings that grow with every loop iteration).
 */
export type Expr =
  | { k: "num"; v: number }
  | { k: "nil" }
  /** A readable variable: `readable[i % readable.length]`. */
  | { k: "var"; i: number }
  /** `t(tag, e)`: logs and returns `e`, making evaluation order visible. */
  | { k: "trace"; e: Expr }
  | { k: "await"; how: AwaitHow; hops: number; e: Expr }
  | { k: "reject"; how: RejectHow; hops: number }
  | { k: "arith"; op: ArithmeticOp; l: Expr; r: Expr }
  | { k: "logical"; op: LogicalOp; l: Expr; r: Expr }
  | { k: "cond"; test: Test; then: Expr; else: Expr }
  /** `call(tag, ...args)`: logs its arguments, returns their sum. */
  | { k: "call"; args: Expr[] }
  /** `oN.m(...args)`: the receiver is read before the arguments (which may replace it). */
  | { k: "method"; recv: number; args: Expr[] }
  /** `oN.g`: a getter that logs. */
  | { k: "getter"; recv: number }
  /** `arr[key & 3]`. */
  | { k: "index"; key: Expr }
  /** `(v op= e)` on an assignable variable. */
  | { k: "assign"; target: number; op: AssignOp; e: Expr }
  /** `(oN.n op= e)`: the receiver is read before `e`. */
  | { k: "assignMember"; recv: number; op: AssignOp; e: Expr }
  /** `(arr[key & 3] op= e)`: `key` is evaluated before `e`. */
  | { k: "assignIndex"; key: Expr; op: AssignOp; e: Expr }
  /** `(oN = mk(tag), e)`: replaces a receiver, then yields `e`. */
  | { k: "swap"; recv: number; e: Expr }
  | { k: "update"; target: number; op: UpdateOp }
  /** `fN()`: a synchronous closure over the coroutine's locals. */
  | { k: "callClosure"; i: number }
  /** `(await gN())`: an async closure (itself lowered) over the coroutine's locals. */
  | { k: "callAsyncClosure"; i: number }
  /** `boom(tag)`: throws synchronously in the middle of an expression. */
  | { k: "boom" }
  | { k: "unary"; op: "-" | "!" | "void"; e: Expr }
  /** `call(tag, ...[args])`: arguments through spread. */
  | { k: "spreadCall"; args: Expr[] }
  /** `oN?.m(...args)`. */
  | { k: "optionalMethod"; recv: number; args: Expr[] }
  /** `hN()`: a closure declared earlier in an enclosing block (`closure` statement). */
  | { k: "callLocalClosure"; i: number }
  /** `fhN()`: a function declaration of main's, hoisted (it is printed after main's return). */
  | { k: "callHoisted"; i: number }
  /** `(yield e)` in a generator; elsewhere just `e`. */
  | { k: "yield"; e: Expr }
  /** `(yield* yN())` (or `zN()` in an async generator): delegation to an earlier generator. */
  | { k: "yieldStar"; i: number }
  /** `call(tag, ...yN())`: a generator spread into arguments. */
  | { k: "spreadGenerator"; i: number }
  /** `super.m(...args)` in a derived class's method (elsewhere `o0.m(...args)`). */
  | { k: "superCall"; args: Expr[] }
  /** `(await qN)`: a promise started earlier by a `spawn` statement in scope. */
  | { k: "awaitSpawned"; i: number }
  /** `oN.m?.(...args)`: an optional call of a method, with its receiver. */
  | { k: "optionalCallMember"; recv: number; args: Expr[] }
  /** `oN[t(tag, "m")](...args)`: receiver, then key, then arguments. */
  | { k: "computedMethod"; recv: number; args: Expr[] }
  /** `mk(tag).m(...args)`: a method called on a call's result. */
  | { k: "chainedCall"; args: Expr[] }
  /** `new Set([...args]).size`: a construction whose arguments may suspend. */
  | { k: "construct"; args: Expr[] }
  /** `(delete uN)` of an undeclared global in sloppy code (elsewhere `0`). */
  | { k: "deleteGlobal"; i: number };

/** A condition: a comparison or any numeric expression (truthiness). */
export type Test = { k: "compare"; op: CompareOp; l: Expr; r: Expr } | { k: "truthy"; e: Expr };

/** An expression of any type, for logged values only. */
export type AnyExpr =
  | { k: "numeric"; e: Expr }
  | { k: "str"; v: string }
  | { k: "array"; items: AnyExpr[] }
  | { k: "object"; items: AnyExpr[] }
  /** `({ [t(tag, "kN")]: item, … })`: each key is evaluated before its value. */
  | { k: "computedObject"; items: AnyExpr[] }
  | { k: "template"; parts: Expr[] };

/** Where a destructuring assignment stores one element. */
export type AssignTarget = { kind: "var"; i: number } | { kind: "member"; recv: number } | { kind: "index"; key: Expr };

/** One element of a destructuring pattern: its target (assignments only) and its default. */
export interface PatternElement {
  target: AssignTarget;
  fallback: Expr | null;
}

export interface SwitchCase {
  /** `default` when null, otherwise `case <test>:`. */
  test: Expr | null;
  body: Stmt[];
  /** Ends the clause with `break;` (otherwise it falls through). */
  brk: boolean;
}

export type Stmt =
  | { k: "log"; values: AnyExpr[] }
  | { k: "expr"; e: Expr }
  /** `v op= e;` as a statement of its own. */
  | { k: "assign"; target: number; op: AssignOp; e: Expr }
  /** `let bN: any = e;`: visible (readable and assignable) to the rest of the block. */
  | { k: "let"; e: Expr }
  /**
   * `const hN = (): any => e;` declared in the current block; it captures only bindings declared
   * outside every loop (closures over per-iteration bindings of suspending loops are SL1016).
   */
  | { k: "closure"; e: Expr }
  /**
   * A destructuring declaration (`let [bA, bB = d] = source;`, new block bindings) or assignment
   * (`[v0, o0.n = d] = source;`). The source is an array or object literal of `values`, or a
   * logging iterable of `values.length` numbers (`iter`, closed when the pattern stops early).
   */
  | { k: "destructure"; form: "declare" | "assign"; pattern: "array" | "object" | "iter"; values: Expr[]; elements: PatternElement[] }
  /** `for (const x in { a: e0, bb: e1, ccc: e2 })`: the binding is read as `x.length`. */
  | { k: "forIn"; items: Expr[]; label: boolean; body: Stmt[] }
  /**
   * A closure that reads a `let` declared after it, called before the declaration (ReferenceError)
   * and after it; the declaration's initialiser `e` may suspend.
   */
  | { k: "tdz"; e: Expr }
  /** `for (const x of yN())`: a generator closure consumed by for-of. */
  | { k: "forOfGenerator"; i: number; label: boolean; body: Stmt[] }
  /** `for await (const x of zN())`, or over a sync logging iterable when there is no async generator. */
  | { k: "forAwait"; i: number; label: boolean; body: Stmt[] }
  /** `const qN = go(gI());`: starts an async closure that then runs alongside main. */
  | { k: "spawn"; i: number }
  | { k: "await"; how: AwaitHow; hops: number; e: Expr }
  | { k: "if"; test: Test; then: Stmt[]; else: Stmt[] | null }
  /** Loops run at most `n` times; a loop with `label` gets its own label. */
  /** `extra`, when present, is evaluated in the loop condition (or, in `for`, in the update). */
  | { k: "while"; n: number; label: boolean; extra: Expr | null; body: Stmt[] }
  | { k: "doWhile"; n: number; label: boolean; extra: Expr | null; body: Stmt[] }
  | { k: "for"; n: number; label: boolean; extra: Expr | null; body: Stmt[] }
  | { k: "forOfArray"; items: Expr[]; label: boolean; body: Stmt[] }
  /** `for (const x of iter(tag, n))`: the iterable logs `next()` and `return()`. */
  | { k: "forOfIter"; n: number; label: boolean; body: Stmt[] }
  /**
   * A loop (one of the loop kinds above) printed with no await or yield anywhere inside, so it
   * stays a native loop in the lowered code: its pre-emption check point is the back-edge countdown.
   */
  | { k: "noAwait"; loop: Stmt }
  | { k: "block"; body: Stmt[] }
  | { k: "switch"; discriminant: Expr; cases: SwitchCase[] }
  /** At least one of `catchBody` / `finallyBody` is present. */
  | { k: "try"; body: Stmt[]; catchBody: Stmt[] | null; catchBinding: boolean; finallyBody: Stmt[] | null }
  /** `labeled`: jump to `targets[pick % n]` by label; otherwise the innermost target. */
  | { k: "break"; labeled: boolean; pick: number }
  | { k: "continue"; labeled: boolean; pick: number }
  | { k: "return"; e: Expr }
  /**
   * Moves the counter of an enclosing counting loop forward in its body (`wN++`, `iN += 2`,
   * `dN = stop`), which the pre-emption lowering's loop-counter analysis must follow; elsewhere a log.
   */
  | { k: "bump"; pick: number; how: "++" | "+= 1" | "+= 2" | "= stop" }
  /** `throw new Error(tag)`, or `throw e` when `e` is given. */
  | { k: "throw"; e: Expr | null };

/** A synchronous arrow declared at the top of `main`; it sees main's top-level locals. */
export interface SyncClosure {
  body: Stmt[];
  result: Expr;
}

/** An async arrow (marked `@coroutine`) declared at the top of `main`. */
export interface AsyncClosure {
  body: Stmt[];
  result: Expr;
}

/**
 * What main is: a function declaration, an async arrow, or a method (instance, static, object
 * literal, or in a derived class using `super`) reading `this`. Every shape takes `(p0, p1 = default)`.
 */
export type MainShape = "function" | "arrow" | "method" | "staticMethod" | "objectMethod" | "derivedMethod" | "simpleParams";

/** A generator (`function*`) or async generator closure declared in main; `result` is its return value. */
export interface GeneratorClosure {
  body: Stmt[];
  result: Expr;
}

export interface Program {
  shape: MainShape;
  generators: GeneratorClosure[];
  asyncGenerators: GeneratorClosure[];
  /** Function declarations at the end of main's body, called (hoisted) from before them. */
  hoisted: SyncClosure[];
  closures: SyncClosure[];
  asyncClosures: AsyncClosure[];
  body: Stmt[];
}
