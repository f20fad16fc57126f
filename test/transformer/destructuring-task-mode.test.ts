// Destructuring patterns with awaits in task mode: a cancellation that arrives at an await
// inside an array pattern's default leaves the pattern abruptly, so the pattern's iterator is
// closed (return() called) before the enclosing finally blocks run. Native code has no
// cancellation, so this is checked here rather than against V8 in a fixture.

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
  expect(outputText).toContain("$sl.destructure");
  const module = { exports: {} as Record<string, (...args: unknown[]) => unknown> };
  const require = (specifier: string) => {
    if (specifier === "stackless/runtime") return runtime;
    throw new Error(`unexpected import ${specifier}`);
  };
  new Function("module", "exports", "require", outputText)(module, module.exports, require);
  return module.exports;
}

const source = `
  function iterable(log: string[], values: unknown[]): Iterable<any> {
    return {
      [Symbol.iterator]() {
        let i = 0;
        return {
          next() { log.push("next " + i); return i < values.length ? { done: false, value: values[i++] } : { done: true, value: undefined }; },
          return() { log.push("return"); return { done: true, value: undefined }; },
        };
      },
    };
  }
  /** @coroutine */
  export async function bind(log: string[], gate: Promise<string>): Promise<string> {
    try {
      const [a = await gate, b] = iterable(log, [undefined, "b", "c"]);
      log.push("bound " + a + " " + b);
      return a + b;
    } finally {
      log.push("finally");
    }
  }`;

describe("destructuring in task mode", () => {
  it("binds as natively when the default's await completes", async () => {
    const log: string[] = [];
    const { bind } = load(source);
    expect(await (bind(log, Promise.resolve("a")) as PromiseLike<string>)).toBe("ab");
    expect(log).toEqual(["next 0", "next 1", "return", "bound a b", "finally"]);
  });

  it("closes the pattern's iterator when cancelled at an await inside a default", async () => {
    const log: string[] = [];
    const { bind } = load(source);
    const task = runtime.spawnDetached(bind(log, new Promise<string>(() => {})) as runtime.Coroutine<string>);
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(log).toEqual(["next 0"]);
    expect(task.cancel()).toBe(true);
    const outcome = await Promise.resolve(task).then(() => "fulfilled", (error: unknown) => error);
    expect(outcome).toBeInstanceOf(runtime.Cancelled);
    expect(log).toEqual(["next 0", "return", "finally"]);
  });
});
