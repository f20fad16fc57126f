// Task-mode lowering end to end: the lowered machines run on the task runtime, lazily, with
// nested coroutines polled inline and cancellation unwinding through `finally` blocks (awaits
// inside them included) while `catch` blocks do not intercept it.

import ts from "typescript";
import { describe, expect, it } from "vitest";
import * as runtime from "../../runtime/src/index.js";
import { createTransformer } from "../../transformer/src/index.js";

/** Compiles `source` in task mode and returns its exports, wired to the runtime under test. */
function load(source: string): Record<string, (...args: unknown[]) => unknown> {
  const { outputText } = ts.transpileModule(source, {
    compilerOptions: { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.CommonJS },
    transformers: { before: [createTransformer({ mode: "task" })] },
  });
  expect(outputText).toContain("extends $sl.Coroutine");
  const module = { exports: {} as Record<string, (...args: unknown[]) => unknown> };
  const require = (specifier: string) => {
    if (specifier === "stackless/runtime") return runtime;
    throw new Error(`unexpected import ${specifier}`);
  };
  new Function("module", "exports", "require", outputText)(module, module.exports, require);
  return module.exports;
}

describe("task mode", () => {
  it("is lazy: calling the function runs nothing until it is awaited", async () => {
    const log: string[] = [];
    const { work } = load(`
      /** @coroutine */
      export async function work(log: string[]): Promise<number> { log.push("ran"); await null; return 7; }`);
    const coroutine = work(log) as PromiseLike<number>;
    expect(log).toEqual([]);
    expect(await coroutine).toBe(7);
    expect(log).toEqual(["ran"]);
  });

  it("polls an awaited coroutine inline: a chain of ready awaits takes no microtask", async () => {
    const { outer } = load(`
      /** @coroutine */ async function leaf(n: number): Promise<number> { return n + 1; }
      /** @coroutine */
      export async function outer(): Promise<number> {
        let total = 0;
        for (let i = 0; i < 100; i++) total += await leaf(i);
        return total;
      }`);
    let ticks = 0;
    let settled = false;
    const tick = (): void => { if (!settled) { ticks++; void Promise.resolve().then(tick); } };
    void Promise.resolve().then(tick);
    const result = await (outer() as PromiseLike<number>);
    settled = true;
    expect(result).toBe(5050);
    // Native async/await would take at least 3 ticks per level here (300+).
    expect(ticks).toBeLessThan(20);
  });

  it("cancellation unwinds through finally blocks, awaits inside them included, skipping catch", async () => {
    const log: string[] = [];
    const { guarded } = load(`
      /** @coroutine */
      export async function guarded(log: string[], never: Promise<void>): Promise<string> {
        try {
          try {
            log.push("waiting");
            await never;
            log.push("not reached");
          } catch (error) {
            log.push("catch must not run");
          } finally {
            log.push("inner finally");
            await Promise.resolve();
            log.push("inner finally after await");
          }
          log.push("not reached either");
        } finally {
          log.push("outer finally");
        }
        return "done";
      }`);
    const task = runtime.spawnDetached(guarded(log, new Promise<void>(() => {})) as runtime.Coroutine<string>);
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(log).toEqual(["waiting"]);
    expect(task.cancel()).toBe(true);
    const outcome = await Promise.resolve(task).then(() => "fulfilled", (error: unknown) => error);
    expect(outcome).toBeInstanceOf(runtime.Cancelled);
    expect(log).toEqual(["waiting", "inner finally", "inner finally after await", "outer finally"]);
  });
});
