// Property-based differential test (issue 3): random async programs run natively and lowered
// must log the same events and end the same way (strict spec mode; preempt, task-mode, sloppy
// and global-runtime .test.ts run the same generator in the other modes, modes.ts). CI runs a
// fixed seed. Locally: STACKLESS_DIFF_RUNS (STACKLESS_DIFF_RUNS_<MODE> for the other files) and
// STACKLESS_DIFF_SEED run more or other programs, STACKLESS_DIFF_PATH replays one failure,
// STACKLESS_DIFF_EXCLUDE=kind,kind leaves kinds out (see program.ts), and
// STACKLESS_DIFF_FINDINGS=1 generates the kinds left out for known findings (sweep.ts). A
// failure shrinks to a minimal program and prints it with both logs and its lowered form; once
// minimised by hand it becomes a fixtures/regressions/<case>/ (importing ../helpers).

import { describe, expect, it } from "vitest";
import { mixedPrograms } from "./arbitraries.js";
import { preludeSource } from "./prelude.js";
import type { Options } from "../../transformer/src/index.js";
import { runDifferential, specMode } from "./run-program.js";
import { excludedKinds, sweep, sweepRuns, sweepSeed } from "./sweep.js";

// About 39 ms a program on this 2-core machine at load 3 (mostly the two TypeScript compiles).
// CI shares (see preempt.test.ts) add up to a few thousand programs a run, as issue 3 asks.
const runs = sweepRuns("STACKLESS_DIFF_RUNS", 1500);

describe("differential runner", () => {
  it("reports a program whose lowered run logs something else", async () => {
    // `main` reads its own source text, which is the one thing lowering must change.
    const source = `${preludeSource}
/** @coroutine */
export async function main(): Promise<any> {
  await null;
  log("native", main.toString().startsWith("async"));
  return 1;
}
`;
    const outcome = await runDifferential(source);
    expect(outcome.kind).toBe("different");
    if (outcome.kind === "different") expect(outcome.report).toContain("- log 'native' true");
  });

  it("counts a program the transformer refuses as skipped, with its code", async () => {
    const source = `${preludeSource}
/** @coroutine */
export async function main(): Promise<any> {
  return await t("a", 1);
}
`;
    // A bad option value is refused for good (SL1002), unlike constructs that get lowered later.
    const outcome = await runDifferential(source, { options: { lowerAll: true, mode: "sideways" } as unknown as Options });
    expect(outcome).toEqual({ kind: "skipped", codes: [1002] });
  });

  it("agrees on a program that behaves the same both ways", async () => {
    const source = `${preludeSource}
/** @coroutine */
export async function main(): Promise<any> {
  const v = t("a", await later("p", 2, 1));
  return v + (await Promise.resolve(3));
}
`;
    expect(await runDifferential(source)).toMatchObject({ kind: "same" });
  });
});

describe("differential: random async programs, native vs lowered", () => {
  it(`${runs} programs (seed ${sweepSeed})`, { timeout: 600_000 }, async () => {
    await sweep("spec", mixedPrograms(8, excludedKinds), specMode, runs);
  });
});
