// An error thrown in a lowered function names the original function in its stack trace, and
// the source map leads back to the original line.

import ts from "typescript";
import { expect, it } from "vitest";
import * as runtime from "../../runtime/src/index.js";
import { createTransformer } from "../../transformer/src/index.js";

it("names the original function in the stack frame of a throw after an await", async () => {
  const source = `
/** @coroutine */
export async function fetchTwo(x: number): Promise<number> {
  const a = await Promise.resolve(x);
  if (a > 1) throw new Error("boom");
  return a;
}`;
  const { outputText } = ts.transpileModule(source, {
    compilerOptions: { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.CommonJS },
    transformers: { before: [createTransformer()] },
  });
  const module = { exports: {} as Record<string, (x: number) => Promise<number>> };
  new Function("module", "exports", "require", outputText)(module, module.exports, () => runtime);
  const error = await module.exports.fetchTwo!(2).catch((e: Error) => e);
  expect((error as Error).stack).toMatch(/at FetchTwo\$Machine\.fetchTwo \[as resume\]/);
});
