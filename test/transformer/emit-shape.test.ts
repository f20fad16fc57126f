// The emitter's fast shapes (emit/resume-method.ts, emit/machine-class.ts) keep the meaning of
// the code: jump threading, the switch without a loop, fields loaded in their case, fields that
// start at 0, and the skipped `this.state` store. Each rule is checked on the output's shape
// and on behaviour, in spec mode and task mode, including the cases where a rule must not apply.

import ts from "typescript";
import { describe, expect, it } from "vitest";
import * as runtime from "../../runtime/src/index.js";
import { createTransformer, lower } from "../../transformer/src/index.js";

type Exports = Record<string, (...args: any[]) => any>;

/** Compiles `source` with every async function lowered in `mode` and returns its exports. */
function load(source: string, mode: "spec" | "task"): Exports {
  const { outputText } = ts.transpileModule(source, {
    compilerOptions: { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.CommonJS },
    transformers: { before: [createTransformer({ lowerAll: true, mode })] },
  });
  const module = { exports: {} as Exports };
  const require = (specifier: string) => {
    if (specifier === "stackless/runtime") return runtime;
    throw new Error(`unexpected import ${specifier}`);
  };
  new Function("module", "exports", "require", outputText)(module, module.exports, require);
  return module.exports;
}

/** Runs `source` natively (as JavaScript) and returns its exports: the reference behaviour. */
function loadNative(source: string): Exports {
  const { outputText } = ts.transpileModule(source, {
    compilerOptions: { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.CommonJS },
  });
  const module = { exports: {} as Exports };
  new Function("module", "exports", "require", outputText)(module, module.exports, () => runtime);
  return module.exports;
}

/** The lowered TypeScript of `source` (task mode unless told). */
function lowered(source: string, mode: "spec" | "task" = "task"): string {
  const result = lower(source, { lowerAll: true, mode });
  expect(result.diagnostics).toEqual([]);
  return result.code;
}

/** The text of one machine's `resume` method. */
function resumeOf(code: string, machine: string): string {
  const start = code.indexOf(`class ${machine}$Machine`);
  expect(start).toBeGreaterThanOrEqual(0);
  const body = code.slice(code.indexOf("resume(", start));
  return body.slice(0, body.indexOf("\n    }\n"));
}

/** Expects `fn(...args())` to behave the same natively, in spec mode and in task mode. */
async function sameEverywhere(source: string, fn: string, args: () => unknown[] = () => []): Promise<unknown> {
  const settle = async (exports: Exports) => {
    try {
      return { value: await exports[fn]!(...args()) };
    } catch (error) {
      return { error: String(error) };
    }
  };
  const native = await settle(loadNative(source));
  expect(await settle(load(source, "spec"))).toEqual(native);
  expect(await settle(load(source, "task"))).toEqual(native);
  return native;
}

const awaitLoop = `
export async function awaitLoop(n: number): Promise<number> {
  let sum = 0;
  for (let i = 0; i < n; i++) {
    const v = await i;
    sum = sum + v;
  }
  return sum;
}`;

describe("jump threading", () => {
  it("a loop's back edge tests and suspends in the await's own case, with no second dispatch", () => {
    const resume = resumeOf(lowered(awaitLoop), "AwaitLoop");
    const awaitCase = resume.slice(resume.indexOf("case AwaitLoop$State.Await0:"));
    expect(awaitCase).toMatch(/i\+\+;\s*if \(!\(i < n\)\) \{\s*return this\.done\(sum\);\s*\}\s*this\.sum = sum;\s*this\.i = i;\s*return this\.await\(i\);/);
    expect(resume).not.toContain("continue");
    expect(resume).not.toContain("LoopExit0:"); // every jump to it was threaded: its case is gone
  });

  it("a copied state still reports a throw to the handler of the state it copies", async () => {
    // LoopHead0's test throws on the third iteration; its copy sits in the await's case, which
    // lies inside the same try: the catch must see it either way.
    const source = `
      export async function f(limit: () => number): Promise<string> {
        const log: string[] = [];
        try {
          for (let i = 0; i < limit(); i++) log.push(String(await i));
        } catch (error) {
          log.push("caught " + (error as Error).message);
        }
        return log.join(",");
      }`;
    const limit = () => {
      let calls = 0;
      return () => {
        if (++calls === 3) throw new Error("limit");
        return 10;
      };
    };
    expect(await sameEverywhere(source, "f", () => [limit()])).toEqual({ value: "0,1,caught limit" });
  });

  it("does not copy a long state, or one holding a labeled-break jump", () => {
    const long = Array.from({ length: 8 }, (_, k) => `log(${k});`).join(" ");
    const code = lowered(`
      export async function f(log: (k: number) => void, n: number): Promise<void> {
        for (let i = 0; i < n; i++) { await i; }
        ${long}
      }`);
    expect(code.match(/log\(7\)/g)).toHaveLength(1);
  });

  it("in spec mode copies a suspension only to the end of a case, in task mode into branches too", () => {
    const source = `
      async function leaf(v: number): Promise<number> { return v; }
      export async function level(depth: number, v: number): Promise<number> {
        const r = depth === 1 ? await leaf(v) : await level(depth - 1, v);
        return r;
      }`;
    const startOf = (mode: "spec" | "task") => {
      const resume = resumeOf(lowered(source, mode), "Level");
      return resume.slice(resume.indexOf("case Level$State.Start:"), resume.indexOf("case Level$State.Await0:"));
    };
    expect(startOf("task")).toContain("return this.await(level(depth - 1, v));");
    expect(startOf("spec")).not.toContain("level(depth - 1, v)");
  });
});

describe("the switch without a loop", () => {
  it("has no for (;;) and no local state when nothing dispatches again, and ends with a throw in TypeScript", () => {
    const resume = resumeOf(lowered(awaitLoop), "AwaitLoop");
    expect(resume).not.toContain("for (;;)");
    expect(resume).toContain("switch (this.state)");
    expect(resume).toContain('throw new $sl.CoroutineStateError("AwaitLoop$State: no such state");');
  });

  it("keeps the loop when a jump still dispatches, and with a catch dispatcher", () => {
    // The jump to the long else branch is not threaded.
    const jumps = lowered(`
      export async function f(a: boolean, log: (s: string) => void): Promise<void> {
        if (a) { await 1; } else { log("b"); log("b"); log("b"); log("b"); log("b"); log("b"); log("b"); log("b"); }
        log("end");
      }`);
    expect(resumeOf(jumps, "F")).toContain("for (;;)");
    const guarded = lowered(`
      export async function g(): Promise<number> { try { return await 1; } catch { return 2; } }`);
    expect(resumeOf(guarded, "G")).toContain("for (;;)");
  });
});

describe("field loads and initial values", () => {
  it("a state entered only on resume loads the fields live there; fields start at 0", () => {
    const code = lowered(awaitLoop);
    expect(code).toMatch(/this\.sum = 0;\s*this\.i = 0;/);
    const resume = resumeOf(code, "AwaitLoop");
    expect(resume).toMatch(/let n: any, sum: any, i: any, v: any;/);
    expect(resume).toMatch(/case AwaitLoop\$State\.Await0:\s*n = this\.n;\s*sum = this\.sum;\s*i = this\.i;/);
  });

  it("a variable read before its first assignment keeps starting as undefined", async () => {
    const source = `
      export async function f(flag: boolean): Promise<unknown[]> {
        var x: any;
        const seen: unknown[] = [x];
        await null;
        if (flag) x = 1;
        await null;
        seen.push(x);
        return seen;
      }`;
    expect(lowered(source)).toMatch(/this\.x = undefined!;/);
    expect(await sameEverywhere(source, "f", () => [false])).toEqual({ value: [undefined, undefined] });
    expect(await sameEverywhere(source, "f", () => [true])).toEqual({ value: [undefined, 1] });
  });

  it("a variable a closure reads keeps starting as undefined", async () => {
    const source = `
      export async function f(): Promise<unknown[]> {
        const read = () => x;
        const seen: unknown[] = [read()];
        await null;
        var x: any = 5;
        await null;
        seen.push(read());
        return seen;
      }`;
    expect(await sameEverywhere(source, "f")).toEqual({ value: [undefined, 5] });
  });

  it("fields holding doubles, objects and strings in turn keep their values", async () => {
    const source = `
      export async function f(): Promise<unknown[]> {
        const out: unknown[] = [];
        let v: any = 1;
        for (let i = 0; i < 4; i++) {
          v = i === 0 ? 2 ** 40 + 0.5 : i === 1 ? { k: 1 } : i === 2 ? "s" : -0;
          await null;
          out.push(typeof v === "object" ? JSON.stringify(v) : Object.is(v, -0) ? "-0" : v);
        }
        return out;
      }`;
    expect(await sameEverywhere(source, "f")).toEqual({ value: [2 ** 40 + 0.5, '{"k":1}', "s", "-0"] });
  });
});

describe("the skipped state store", () => {
  it("a suspension resuming at the state it was entered in does not store this.state again", () => {
    const resume = resumeOf(lowered(awaitLoop), "AwaitLoop");
    const awaitCase = resume.slice(resume.indexOf("case AwaitLoop$State.Await0:"));
    expect(awaitCase).not.toContain("this.state =");
    // The first suspension, entered in Start, stores it.
    expect(resume.slice(0, resume.indexOf("case AwaitLoop$State.Await0:"))).toContain("this.state = AwaitLoop$State.Await0;");
  });

  it("the loop runs every iteration in both modes", async () => {
    expect(await sameEverywhere(awaitLoop, "awaitLoop", () => [1000])).toEqual({ value: 499500 });
  });
});
