// Differential test of sloppy-mode scripts (issue 3): the random programs printed as scripts
// compiled without "use strict" (runtime on globalThis), reading a coerced `this`, `arguments`
// (aliased to simple parameters), and assigning and deleting undeclared globals from main and
// its closures. Class shapes stay
// strict code inside the script. STACKLESS_DIFF_RUNS_SLOPPY runs more.

import { describe, expect, it } from "vitest";
import { mixedPrograms } from "./arbitraries.js";
import { sloppyMode } from "./modes.js";
import { sloppyEpilogue, sloppyPreludeSource } from "./prelude.js";
import { defaultPrintOptions } from "./print.js";
import { runDifferential } from "./run-program.js";
import { excludedKinds, sweep, sweepRuns, sweepSeed } from "./sweep.js";

const runs = sweepRuns("STACKLESS_DIFF_RUNS_SLOPPY", 250);

describe("sloppy mode", () => {
  it("runs scripts as sloppy code both ways: coerced this, undeclared globals, delete of a name", async () => {
    // Each line below throws or logs otherwise in strict code.
    const source = `${sloppyPreludeSource}
/** @coroutine */
async function main(this: any, p0: any): Promise<any> {
  const set = (): any => (u0 = p0);
  log("this", this instanceof Number, +this);
  await set();
  log("u0", u0, delete u0, typeof u0);
  return arguments.length;
}
${sloppyEpilogue}`;
    const outcome = await runDifferential(source, sloppyMode);
    expect(outcome).toMatchObject({ kind: "same", log: expect.arrayContaining(["log 'this' true 4", "log 'u0' 7 true 'undefined'", "return 1"]) });
  });

  it("keeps simple parameters aliased to arguments across awaits", async () => {
    const source = `${sloppyPreludeSource}
/** @coroutine */
async function main(a: any): Promise<any> {
  arguments[0] = 2;
  await null;
  log("a", a);
  a = 3;
  await null;
  return arguments[0];
}
${sloppyEpilogue}`;
    expect(await runDifferential(source, sloppyMode)).toMatchObject({ kind: "same", log: expect.arrayContaining(["log 'a' 2", "return 3"]) });
  });
});

describe("differential: sloppy-mode scripts", () => {
  it(`${runs} programs (seed ${sweepSeed})`, { timeout: 600_000 }, async () => {
    await sweep("sloppy", mixedPrograms(8, excludedKinds, { sloppy: true }), sloppyMode, runs, { ...defaultPrintOptions, sloppy: true });
  });
});
