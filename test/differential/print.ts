// Prints a generated Program as the TypeScript source of input.ts. Index-based references
// (variables, jump targets, closures) are resolved against what is in scope at each node, and
// every tag a helper logs is numbered in print order, so any tree prints a valid, strictly
// type-checkable program whose log shows which operation ran.
//
// Invariants (print):
//  1. Every compound expression is parenthesised, so precedence never depends on context.
//  2. A jump that has no valid target where it lands prints as a log statement instead.
//  3. A closure calls only closures declared before it, so no program recurses. Main's
//     top-level arrows capture its top-level locals; block-level arrows capture what is in
//     scope, per-iteration loop bindings included (unless captureLoopBindings is off).

import type { AnyExpr, AssignTarget, AwaitHow, Expr, Program, Stmt, Test } from "./program.js";
import { preludeSource, sloppyEpilogue, sloppyPreludeSource } from "./prelude.js";
import { shapeText } from "./shapes.js";

/** A statement a `break` or `continue` may target. */
interface JumpTarget {
  kind: "loop" | "switch" | "block";
  /** Set when the statement is labeled. */
  label?: string;
}

/** What is visible where a node is printed. */
interface Scope {
  /** Inside an async function (main or an async arrow): `await` is allowed. */
  async: boolean;
  readable: string[];
  assignable: string[];
  /** Bindings declared outside every loop: what a block-level closure may capture. */
  capturable: string[];
  /** Inside a loop body (bindings declared here are per iteration). */
  inLoop: boolean;
  /** Block-level closures declared so far in enclosing blocks. */
  localClosures: string[];
  jumps: JumpTarget[];
  /** How many sync / async closures and hoisted functions may be called from here. */
  syncClosures: number;
  asyncClosures: number;
  hoisted: number;
  /** Promises of async closures started (`spawn`) in enclosing blocks. */
  spawned: string[];
  /** `super` refers to a base class here (main is a derived class's method, or an arrow in it). */
  superAvailable: boolean;
  /** Inside a generator: `yield` is allowed. */
  generator: boolean;
  /** How many generator (`yN`) and async generator (`zN`) closures may be used from here. */
  generators: number;
  asyncGenerators: number;
  /** Counters of the enclosing counting loops, with the count that stops each (they only count up). */
  counters: { name: string; stop: number }[];
  /** Undeclared globals (`uN`) that sloppy code here may assign and delete; empty in strict code. */
  globals: string[];
}

/** Top-level locals of main, captured by every closure. */
const topLevelVariables = ["v0", "v1", "v2"];
const receivers = ["o0", "o1"];

export interface PrintOptions {
  /**
   * Block-level closures may capture bindings declared in loop bodies and heads (per-iteration
   * bindings). Off, they capture only bindings declared outside every loop.
   */
  captureLoopBindings: boolean;
  /** Main's `arguments.length` is readable (off: to look past a known bug while it is fixed). */
  readArguments: boolean;
  /** A derived class's main reads, writes and calls through `super` (off: the same, without). */
  useSuper: boolean;
  /**
   * A sloppy-mode script: helpers through `require`, main through `module.exports`,
   * and sloppy code reads coerced `this`, `arguments[0]` and undeclared globals.
   */
  sloppy: boolean;
  /**
   * A class's main and its arrows read, write and call the class's private members (`this.#pv`,
   * `this.#pm()`). On by default.
   */
  privateNames: boolean;
}

export const defaultPrintOptions: PrintOptions = { captureLoopBindings: true, readArguments: true, useSuper: true, sloppy: false, privateNames: true };

class Printer {
  private readonly lines: string[] = [];
  constructor(readonly options: PrintOptions) {}
  depth = 0;
  private readonly counters = new Map<string, number>();

  /** A fresh name or tag with the given prefix: `a1`, `a2`, … */
  fresh(prefix: string): string {
    const n = (this.counters.get(prefix) ?? 0) + 1;
    this.counters.set(prefix, n);
    return `${prefix}${n}`;
  }

  line(text: string): void {
    this.lines.push("  ".repeat(this.depth) + text);
  }

  indented(body: () => void): void {
    this.depth++;
    body();
    this.depth--;
  }

  text(): string {
    return this.lines.join("\n");
  }

  // ---- expressions --------------------------------------------------------------------------

  /** A numeric expression; `loose` wraps literals so TypeScript does not judge them constant. */
  expr(e: Expr, s: Scope, loose = false): string {
    switch (e.k) {
      case "num":
        return loose ? `(${e.v} as any)` : String(e.v);
      case "nil":
        return "(null as any)";
      case "var":
        return s.readable[e.i % s.readable.length]!;
      case "trace":
        return `t(${quote(this.fresh("e"))}, ${this.expr(e.e, s)})`;
      case "await":
        return this.awaited(e.how, e.hops, e.e, s);
      case "reject":
        return this.rejected(e.how, e.hops, s);
      case "arith":
        return `(${this.expr(e.l, s)} ${e.op} ${this.expr(e.r, s)})`;
      case "logical":
        return `(${this.expr(e.l, s, true)} ${e.op} ${this.expr(e.r, s)})`;
      case "cond":
        return `(${this.test(e.test, s)} ? ${this.expr(e.then, s)} : ${this.expr(e.else, s)})`;
      case "call":
        return `call(${[quote(this.fresh("c")), ...e.args.map((a) => this.expr(a, s))].join(", ")})`;
      case "method":
        return `${receivers[e.recv % receivers.length]}.m(${e.args.map((a) => this.expr(a, s)).join(", ")})`;
      case "getter":
        return `${receivers[e.recv % receivers.length]}.g`;
      case "index":
        return `arr[${this.expr(e.key, s)} & 3]`;
      case "assign":
        return `(${this.assignable(s, e.target)} ${e.op} ${this.expr(e.e, s)})`;
      case "assignMember":
        return `(${receivers[e.recv % receivers.length]}.n ${e.op} ${this.expr(e.e, s)})`;
      case "assignIndex":
        return `(arr[${this.expr(e.key, s)} & 3] ${e.op} ${this.expr(e.e, s)})`;
      case "swap":
        return `(${receivers[e.recv % receivers.length]} = mk(${quote(this.fresh("x"))}), ${this.expr(e.e, s)})`;
      case "update": {
        const target = this.assignable(s, e.target);
        const op = e.op.endsWith("++") ? "++" : "--";
        return e.op.startsWith("pre") ? `(${op}${target})` : `(${target}${op})`;
      }
      case "callClosure":
        return s.syncClosures > 0 ? `f${e.i % s.syncClosures}()` : "0";
      case "callAsyncClosure":
        return s.async && s.asyncClosures > 0 ? `(await g${e.i % s.asyncClosures}())` : "0";
      case "boom":
        return `boom(${quote(this.fresh("b"))})`;
      case "unary":
        return `(${e.op === "void" ? "void " : e.op}${this.expr(e.e, s)})`;
      case "spreadCall":
        return `call(${quote(this.fresh("c"))}, ...[${e.args.map((a) => this.expr(a, s)).join(", ")}])`;
      case "optionalMethod":
        return `${receivers[e.recv % receivers.length]}?.m(${e.args.map((a) => this.expr(a, s)).join(", ")})`;
      case "callLocalClosure":
        return s.localClosures.length > 0 ? `${s.localClosures[e.i % s.localClosures.length]}()` : "0";
      case "yield":
        return s.generator ? `(yield ${this.expr(e.e, s)})` : this.expr(e.e, s);
      case "yieldStar": {
        if (!s.generator) return "0";
        // An async generator delegates to an async one when it can, a sync generator to a sync one.
        if (s.async && s.asyncGenerators > 0) return `(yield* z${e.i % s.asyncGenerators}())`;
        return s.generators > 0 ? `(yield* y${e.i % s.generators}())` : "0";
      }
      case "spreadGenerator":
        return s.generators > 0 ? `call(${quote(this.fresh("c"))}, ...y${e.i % s.generators}())` : `call(${quote(this.fresh("c"))})`;
      case "superCall": {
        const args = e.args.map((a) => this.expr(a, s)).join(", ");
        return s.superAvailable ? `super.m(${args})` : `o0.m(${args})`;
      }
      case "callHoisted":
        return s.hoisted > 0 ? `fh${e.i % s.hoisted}()` : "0";
      case "awaitSpawned":
        return s.async && s.spawned.length > 0 ? `(await ${s.spawned[e.i % s.spawned.length]})` : "0";
      case "optionalCallMember":
        return `${receivers[e.recv % receivers.length]}.m?.(${e.args.map((a) => this.expr(a, s)).join(", ")})`;
      case "computedMethod":
        return `${receivers[e.recv % receivers.length]}[t(${quote(this.fresh("k"))}, "m")](${e.args.map((a) => this.expr(a, s)).join(", ")})`;
      case "chainedCall":
        return `mk(${quote(this.fresh("x"))}).m(${e.args.map((a) => this.expr(a, s)).join(", ")})`;
      case "construct":
        return `new Set([${e.args.map((a) => this.expr(a, s)).join(", ")}]).size`;
      case "deleteGlobal":
        return s.globals.length > 0 ? `(delete ${s.globals[e.i % s.globals.length]})` : "0";
    }
  }

  /** An awaited operand; in a synchronous closure only the operand itself is kept. */
  awaited(how: AwaitHow, hops: number, e: Expr, s: Scope): string {
    const value = this.expr(e, s);
    if (!s.async) return value;
    switch (how) {
      case "value":
        return `(await ${value})`;
      case "resolved":
        return `(await Promise.resolve(${value}))`;
      case "later":
        return `(await later(${quote(this.fresh("p"))}, ${value}, ${hops}))`;
      case "thenable":
        return `(await thenable(${quote(this.fresh("h"))}, ${value}))`;
      case "patched":
        return `(await patched(${quote(this.fresh("h"))}, ${value}))`;
      case "subclassed":
        return `(await subclassed(${value}))`;
      case "unruly":
        return `(await unruly(${quote(this.fresh("h"))}, ${value}))`;
    }
  }

  /** An awaited rejection; in a synchronous closure it becomes a synchronous throw. */
  rejected(how: "now" | "later", hops: number, s: Scope): string {
    if (!s.async) return `boom(${quote(this.fresh("b"))})`;
    const tag = quote(this.fresh("r"));
    return how === "now" ? `(await Promise.reject(new Error(${tag})))` : `(await fail(${tag}, ${hops}))`;
  }

  test(t: Test, s: Scope): string {
    if (t.k === "truthy") return this.expr(t.e, s, true);
    return `(${this.expr(t.l, s, true)} ${t.op} ${this.expr(t.r, s, true)})`;
  }

  anyExpr(e: AnyExpr, s: Scope): string {
    switch (e.k) {
      case "numeric":
        return this.expr(e.e, s);
      case "str":
        return quote(e.v);
      case "array":
        return `[${e.items.map((i) => this.anyExpr(i, s)).join(", ")}]`;
      case "computedObject":
        return `({ ${e.items.map((item, n) => `[t(${quote(this.fresh("k"))}, "k${n}")]: ${this.anyExpr(item, s)}`).join(", ")} })`;
      case "object":
        return `({ ${e.items.map((item, n) => `k${n}: ${this.anyExpr(item, s)}`).join(", ")} })`;
      case "template":
        return "`" + e.parts.map((p) => "${" + this.expr(p, s) + "}").join("-") + "`";
    }
  }

  // ---- statements ---------------------------------------------------------------------------

  /** A list of statements in its own block scope: `let`s stay inside it. */
  block(body: readonly Stmt[], outer: Scope): void {
    const s: Scope = { ...outer, readable: [...outer.readable], assignable: [...outer.assignable], capturable: [...outer.capturable], localClosures: [...outer.localClosures], spawned: [...outer.spawned] };
    for (const stmt of body) this.stmt(stmt, s);
  }

  braced(head: string, body: readonly Stmt[], s: Scope, tail = ""): void {
    this.line(`${head}{`);
    this.indented(() => this.block(body, s));
    this.line(`}${tail}`);
  }

  /** `s` plus one readable binding (a catch parameter, say). */
  withBinding(s: Scope, readable: string): Scope {
    return { ...s, readable: [...s.readable, readable], capturable: s.inLoop && !this.options.captureLoopBindings ? s.capturable : [...s.capturable, readable] };
  }

  /** Scope inside a loop body: the loop is a jump target and its binding (if any) is readable. */
  loopScope(s: Scope, label: string | undefined, binding: string | undefined): Scope {
    return {
      ...s,
      readable: binding === undefined ? s.readable : [...s.readable, binding],
      capturable: binding === undefined || !this.options.captureLoopBindings ? s.capturable : [...s.capturable, binding],
      inLoop: true,
      jumps: [...s.jumps, { kind: "loop", label }],
    };
  }

  /** A loop scope whose binding is a counter that statements in the body may move forward. */
  countingScope(s: Scope, label: string | undefined, counter: string, stop: number): Scope {
    return { ...this.loopScope(s, label, counter), counters: [...s.counters, { name: counter, stop }] };
  }

  labelPrefix(labeled: boolean): { label: string | undefined; prefix: string } {
    const label = labeled ? this.fresh("L") : undefined;
    return { label, prefix: label === undefined ? "" : `${label}: ` };
  }

  stmt(st: Stmt, s: Scope): void {
    switch (st.k) {
      case "log":
        this.line(`log(${[quote(this.fresh("s")), ...st.values.map((v) => this.anyExpr(v, s))].join(", ")});`);
        return;
      case "expr":
        this.line(`${this.expr(st.e, s)};`);
        return;
      case "assign":
        this.line(`${this.assignable(s, st.target)} ${st.op} ${this.expr(st.e, s)};`);
        return;
      case "let": {
        const name = this.fresh("b");
        this.line(`let ${name}: any = ${this.expr(st.e, s)};`);
        s.readable.push(name); // visible to the rest of this block only (block() copies the lists)
        s.assignable.push(name);
        if (!s.inLoop || this.options.captureLoopBindings) s.capturable.push(name);
        return;
      }
      case "spawn": {
        if (!s.async || s.asyncClosures === 0) {
          this.line(`log(${quote(this.fresh("s"))}, "nothing to spawn");`);
          return;
        }
        const name = this.fresh("q");
        this.line(`const ${name} = go(g${st.i % s.asyncClosures}());`);
        s.spawned.push(name);
        return;
      }
      case "closure": {
        const name = this.fresh("h");
        // rule 3: only capturable bindings, no awaits, no calls to other block-level closures.
        const inner: Scope = { ...s, async: false, readable: [...s.capturable], assignable: s.assignable.filter((v) => s.capturable.includes(v)), localClosures: [], spawned: [], generator: false };
        this.line(`const ${name} = (): any => ${this.expr(st.e, inner)};`);
        // Every closure is also called once more after main settles, to show which bindings it kept.
        this.line(`keep(${name});`);
        s.localClosures.push(name);
        return;
      }
      case "await":
        this.line(`${this.awaited(st.how, st.hops, st.e, s)};`);
        return;
      case "if":
        this.line(`if (${this.test(st.test, s)}) {`);
        this.indented(() => this.block(st.then, s));
        if (st.else === null) {
          this.line("}");
        } else {
          this.line("} else {");
          this.indented(() => this.block(st.else!, s));
          this.line("}");
        }
        return;
      case "while": {
        const counter = this.fresh("w");
        const { label, prefix } = this.labelPrefix(st.label);
        this.line(`let ${counter} = 0;`);
        this.braced(`${prefix}while (${counter}++ < ${st.n} && fuel()${this.extraTest(st.extra, s)}) `, st.body, this.countingScope(s, label, counter, st.n));
        return;
      }
      case "doWhile": {
        const counter = this.fresh("d");
        const { label, prefix } = this.labelPrefix(st.label);
        this.line(`let ${counter} = 0;`);
        this.braced(`${prefix}do `, st.body, this.countingScope(s, label, counter, st.n), ` while (++${counter} < ${st.n} && fuel()${this.extraTest(st.extra, s)});`);
        return;
      }
      case "for": {
        const counter = this.fresh("i");
        const { label, prefix } = this.labelPrefix(st.label);
        const inner = this.countingScope(s, label, counter, st.n);
        const update = st.extra === null ? "" : `, ${this.expr(st.extra, inner)}`;
        const head = `${prefix}for (let ${counter} = 0; ${counter} < ${st.n} && fuel(); ${counter}++${update}) `;
        this.braced(head, st.body, inner);
        return;
      }
      case "forOfArray": {
        const binding = this.fresh("x");
        const { label, prefix } = this.labelPrefix(st.label);
        const items = st.items.map((i) => this.expr(i, s)).join(", ");
        this.braced(`${prefix}for (const ${binding} of [${items}]) `, st.body, this.loopScope(s, label, binding));
        return;
      }
      case "forOfIter": {
        const binding = this.fresh("x");
        const { label, prefix } = this.labelPrefix(st.label);
        const head = `${prefix}for (const ${binding} of iter(${quote(this.fresh("it"))}, ${st.n})) `;
        this.braced(head, st.body, this.loopScope(s, label, binding));
        return;
      }
      case "forOfGenerator": {
        const binding = this.fresh("x");
        const { label, prefix } = this.labelPrefix(st.label);
        const source = s.generators > 0 ? `y${st.i % s.generators}()` : `iter(${quote(this.fresh("it"))}, 2)`;
        this.braced(`${prefix}for (const ${binding} of ${source}) `, st.body, this.loopScope(s, label, binding));
        return;
      }
      case "forAwait": {
        const binding = this.fresh("x");
        const { label, prefix } = this.labelPrefix(st.label);
        const source = s.asyncGenerators > 0 ? `z${st.i % s.asyncGenerators}()` : `iter(${quote(this.fresh("it"))}, 2)`;
        // Outside async code a for-await cannot be written: the same loop, plain.
        const head = s.async ? `${prefix}for await (const ${binding} of ${source}) ` : `${prefix}for (const ${binding} of iter(${quote(this.fresh("it"))}, 2)) `;
        this.braced(head, st.body, this.loopScope(s, label, binding));
        return;
      }
      case "forIn": {
        const binding = this.fresh("x");
        const { label, prefix } = this.labelPrefix(st.label);
        const keys = ["a", "bb", "ccc"];
        const items = st.items.map((item, n) => `${keys[n] ?? `k${n}`}: ${this.expr(item, s)}`).join(", ");
        // The key is a string: read as its length, so arithmetic stays numeric.
        this.braced(`${prefix}for (const ${binding} in { ${items} }) `, st.body, this.loopScope(s, label, `${binding}.length`));
        return;
      }
      case "destructure":
        this.destructure(st, s);
        return;
      case "noAwait":
        // As in a synchronous closure, awaits print as their operands and yields are left out.
        this.stmt(st.loop, { ...s, async: false, generator: false });
        return;
      case "tdz": {
        const closure = this.fresh("h");
        const binding = this.fresh("b");
        this.line(`const ${closure} = (): any => ${binding};`);
        this.line(`keep(${closure});`);
        this.line(`log(${quote(this.fresh("s"))}, attempt(${closure}));`);
        this.line(`let ${binding}: any = ${this.expr(st.e, s)};`);
        this.line(`log(${quote(this.fresh("s"))}, attempt(${closure}));`);
        s.readable.push(binding);
        s.assignable.push(binding);
        if (!s.inLoop || this.options.captureLoopBindings) s.capturable.push(binding);
        return;
      }
      case "block": {
        // A bare block is only interesting as a labeled break target.
        const label = this.fresh("L");
        this.braced(`${label}: `, st.body, { ...s, jumps: [...s.jumps, { kind: "block", label }] });
        return;
      }
      case "switch":
        this.switchStatement(st, s);
        return;
      case "try":
        this.tryStatement(st, s);
        return;
      case "break":
      case "continue":
        this.jump(st.k, st.labeled, st.pick, s);
        return;
      case "return":
        this.line(`return ${this.expr(st.e, s)};`);
        return;
      case "bump": {
        const counter = s.counters[st.pick % Math.max(1, s.counters.length)];
        if (counter === undefined) this.line(`log(${quote(this.fresh("s"))}, "no counter");`);
        else this.line(st.how === "= stop" ? `${counter.name} = ${counter.stop};` : st.how === "++" ? `${counter.name}++;` : `${counter.name} ${st.how};`);
        return;
      }
      case "throw":
        this.line(st.e === null ? `throw new Error(${quote(this.fresh("t"))});` : `throw ${this.expr(st.e, s)};`);
        return;
    }
  }

  /**
   * The assignable binding `pick` selects, for any operator or as a destructuring target
   * (`super.x` included: every form of it is lowered since 8508993).
   */
  assignable(s: Scope, pick: number): string {
    return s.assignable[pick % s.assignable.length]!;
  }

  /** `&& (extra, true)`: an expression evaluated in a loop condition without deciding it. */
  extraTest(extra: Expr | null, s: Scope): string {
    return extra === null ? "" : ` && (${this.expr(extra, s)}, true)`;
  }

  destructure(st: Extract<Stmt, { k: "destructure" }>, s: Scope): void {
    const source =
      st.pattern === "iter"
        ? `iter(${quote(this.fresh("it"))}, ${st.values.length})`
        : st.pattern === "array"
          ? `[${st.values.map((v) => this.expr(v, s)).join(", ")}]`
          : `{ ${st.values.map((v, n) => `k${n}: ${this.expr(v, s)}`).join(", ")} }`;
    const declared: string[] = [];
    const elements = st.elements.map((element, n) => {
      let target: string;
      if (st.form === "declare") {
        target = this.fresh("b");
        declared.push(target);
      } else {
        target = this.assignTarget(element.target, s);
      }
      const withDefault = element.fallback === null ? target : `${target} = ${this.expr(element.fallback, s)}`;
      return st.pattern === "object" ? `k${n}: ${withDefault}` : withDefault;
    });
    const pattern = st.pattern === "object" ? `{ ${elements.join(", ")} }` : `[${elements.join(", ")}]`;
    if (st.form === "declare") {
      this.line(`let ${pattern}: any = ${source};`);
    } else {
      // An object pattern at the start of a statement would read as a block: parenthesise it.
      this.line(st.pattern === "object" ? `(${pattern} = ${source} as any);` : `${pattern} = ${source} as any;`);
    }
    for (const name of declared) {
      s.readable.push(name);
      s.assignable.push(name);
      if (!s.inLoop || this.options.captureLoopBindings) s.capturable.push(name);
    }
  }

  assignTarget(target: AssignTarget, s: Scope): string {
    switch (target.kind) {
      case "var":
        return this.assignable(s, target.i);
      case "member":
        return `${receivers[target.recv % receivers.length]}.n`;
      case "index":
        return `arr[${this.expr(target.key, s)} & 3]`;
    }
  }

  switchStatement(st: Extract<Stmt, { k: "switch" }>, s: Scope): void {
    this.line(`switch (${this.expr(st.discriminant, s)} & 3) {`);
    // One lexical scope for all clauses, as in JS; each clause's `let`s stay in its own list.
    const inner: Scope = { ...s, jumps: [...s.jumps, { kind: "switch" }] };
    let sawDefault = false;
    this.indented(() => {
      for (const clause of st.cases) {
        if (clause.test === null && sawDefault) continue; // only one default per switch
        sawDefault ||= clause.test === null;
        // Clause bodies are not wrapped in blocks: their declarations share the switch's scope.
        // `case (v = 0):` would parse as an arrow function's head in TypeScript; `as any` ends it.
        this.line(clause.test === null ? "default:" : `case ${this.expr(clause.test, s)} as any:`);
        this.indented(() => {
          this.block(clause.body, inner);
          if (clause.brk) this.line("break;");
        });
      }
    });
    this.line("}");
  }

  tryStatement(st: Extract<Stmt, { k: "try" }>, s: Scope): void {
    this.line("try {");
    this.indented(() => this.block(st.body, s));
    if (st.catchBody !== null || st.finallyBody === null) {
      const binding = st.catchBinding ? this.fresh("err") : undefined;
      this.line(binding === undefined ? "} catch {" : `} catch (${binding}) {`);
      this.indented(() => {
        if (binding !== undefined) this.line(`log(${quote(this.fresh("caught"))}, msg(${binding}));`);
        // The catch binding is readable (as a number, so arithmetic never builds strings).
        const inner = binding === undefined ? s : this.withBinding(s, `msg(${binding}).length`);
        this.block(st.catchBody ?? [], inner);
      });
    }
    if (st.finallyBody !== null) {
      this.line("} finally {");
      this.indented(() => this.block(st.finallyBody!, s));
    }
    this.line("}");
  }

  jump(kind: "break" | "continue", labeled: boolean, pick: number, s: Scope): void {
    const allowed = s.jumps.filter((j) => (kind === "continue" ? j.kind === "loop" : true));
    if (labeled) {
      const targets = allowed.filter((j) => j.label !== undefined);
      if (targets.length > 0) {
        this.line(`${kind} ${targets[pick % targets.length]!.label};`);
        return;
      }
    } else {
      // An unlabeled jump goes to the innermost loop (or switch, for break): no choice.
      const innermost = [...allowed].reverse().find((j) => j.kind !== "block");
      if (innermost !== undefined) {
        this.line(`${kind};`);
        return;
      }
    }
    this.line(`log(${quote(this.fresh("s"))}, "no ${kind} target");`); // rule 2
  }
}

function quote(text: string): string {
  return JSON.stringify(text);
}

/** The source of input.ts for a program: the prelude, then `main` with its closures. */
export function printProgram(program: Program, options: PrintOptions = defaultPrintOptions): string {
  const p = new Printer(options);
  const shape = shapeText(program.shape, options.sloppy);
  if (!options.readArguments) shape.readable = shape.readable.filter((r) => !r.startsWith("arguments"));
  if (!options.privateNames) {
    shape.readable = shape.readable.filter((r) => !r.includes("#"));
    shape.assignable = shape.assignable.filter((r) => !r.includes("#"));
  }
  if (!options.useSuper && shape.superAvailable) {
    shape.readable = shape.readable.filter((r) => !r.startsWith("super"));
    shape.assignable = shape.assignable.filter((r) => !r.startsWith("super"));
    shape.superAvailable = false;
  }
  // Sloppy code may assign undeclared names: main creates them (globals of the sandbox's realm).
  const globals = options.sloppy && shape.sloppyCode ? ["u0", "u1"] : [];
  const locals = [...topLevelVariables, "p0", "p1", ...globals];
  // What a plainly called function sees as `this`: the global object in sloppy code.
  const plainThis = options.sloppy ? ["(this === globalThis)"] : [];
  const top: Scope = {
    async: true,
    readable: [...locals, ...shape.readable],
    assignable: [...locals, ...shape.assignable],
    capturable: [...locals, ...shape.readable],
    inLoop: false,
    localClosures: [],
    spawned: [],
    superAvailable: shape.superAvailable,
    generator: false,
    generators: 0,
    asyncGenerators: 0,
    counters: [],
    globals,
    jumps: [],
    syncClosures: 0,
    asyncClosures: 0,
    hoisted: program.hoisted.length,
  };
  const method = program.shape !== "function" && program.shape !== "arrow" && program.shape !== "simpleParams";
  for (const line of shape.open.slice(0, -1)) p.line(line);
  if (method) p.depth++; // the method's own lines are indented inside the class or object literal
  p.line(shape.open[shape.open.length - 1]!.trim());
  p.indented(() => {
    p.line("let v0: any = 1, v1: any = 2, v2: any = 3;");
    p.line('let o0: any = mk("o0"), o1: any = mk("o1");');
    p.line("const arr: any[] = [0, 1, 2, 3];");
    if (globals.length > 0) p.line(`${globals.map((name, n) => `${name} = ${n + 1}`).join(", ")};`);
    program.closures.forEach((closure, i) => {
      // rule 3: a closure sees the closures declared before it, and no awaits.
      const s: Scope = { ...top, async: false, syncClosures: i };
      p.line(`const f${i} = (): any => {`);
      p.indented(() => {
        p.block(closure.body, s); // its own copy of the scope lists: nothing declared here leaks into main
        p.line(`return ${p.expr(closure.result, s)};`);
      });
      p.line("};");
    });
    program.asyncClosures.forEach((closure, i) => {
      const s: Scope = { ...top, syncClosures: program.closures.length, asyncClosures: i };
      p.line("/** @coroutine */");
      p.line(`const g${i} = async (): Promise<any> => {`);
      p.indented(() => {
        p.block(closure.body, s);
        p.line(`return ${p.expr(closure.result, s)};`);
      });
      p.line("};");
    });
    const allClosures = { syncClosures: program.closures.length, asyncClosures: program.asyncClosures.length };
    // Generators are function expressions: their own `this` and `arguments`, so they read only
    // the locals. Each sees the generators declared before it (rule 3).
    const generatorScope = (async: boolean, i: number): Scope => ({
      ...top,
      ...allClosures,
      async,
      asyncClosures: async ? program.asyncClosures.length : 0,
      generator: true,
      generators: async ? program.generators.length : i,
      asyncGenerators: async ? i : 0,
      readable: [...locals, ...plainThis],
      assignable: [...locals],
      capturable: [...locals],
      superAvailable: false,
    });
    program.generators.forEach((gen, i) => {
      const s = generatorScope(false, i);
      p.line("/** @coroutine */");
      p.line(`const y${i} = function* (): any {`);
      p.indented(() => {
        p.block(gen.body, s);
        p.line(`return ${p.expr(gen.result, s)};`);
      });
      p.line("};");
    });
    program.asyncGenerators.forEach((gen, i) => {
      const s = generatorScope(true, i);
      p.line("/** @coroutine */");
      p.line(`const z${i} = async function* (): any {`);
      p.indented(() => {
        p.block(gen.body, s);
        p.line(`return ${p.expr(gen.result, s)};`);
      });
      p.line("};");
    });
    const body: Scope = { ...top, ...allClosures, generators: program.generators.length, asyncGenerators: program.asyncGenerators.length };
    p.block(program.body, body);
    p.line('log("end", v0, v1, v2, arr, o0.tag, o0.n, o1.tag, o1.n);');
    p.line("return v0;");
    program.hoisted.forEach((fn, i) => {
      // Declared after the return and called from before it: hoisting at work. Its own `this`
      // and `arguments` differ from main's, so it reads only the locals (rule 3: earlier fh only).
      const s: Scope = { ...top, async: false, readable: [...locals, ...plainThis], assignable: [...locals], capturable: [...locals], hoisted: i, superAvailable: false };
      p.line(`function fh${i}(): any {`);
      p.indented(() => {
        p.block(fn.body, s);
        p.line(`return ${p.expr(fn.result, s)};`);
      });
      p.line("}");
    });
  });
  if (method) p.depth--;
  for (const line of shape.close) p.line(line);
  if (options.sloppy) return `${sloppyPreludeSource}\n${p.text()}\n${sloppyEpilogue}`;
  return `${preludeSource}\n${p.text()}\n`;
}
