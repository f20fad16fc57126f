// Differential test with pre-emption on (issue 6): random programs, native loops that await
// nothing included, lowered with a check point at every call and back-edge and a budget of one,
// so every check point really yields to the host. Logs must match native's except ticks.
// STACKLESS_DIFF_RUNS_PREEMPT runs more; the other STACKLESS_DIFF_* variables apply (sweep.ts).

import { describe, expect, it } from "vitest";
import { mixedPrograms } from "./arbitraries.js";
import { preemptExcluded, preemptMode } from "./modes.js";
import { preludeSource } from "./prelude.js";
import { runDifferential } from "./run-program.js";
import { excludedKinds, sweep, sweepRuns, sweepSeed } from "./sweep.js";

// Vitest runs the differential files one after another here (one worker on 2 cores). Measured at
// load 2.6-3.7 with spec 1000, preempt 200, sloppy and task 150, global 80: 103 s wall, 108 s CPU
// (spec 39 s, generators 20 s, pre-emption 15 s: the slowest per program, every check point is a
// host turn; sloppy 10 s, task 8 s, global 6 s). CI runs spec 1500, preempt 300, sloppy and task
// 250, global 100, with the generators' 300 + 150: about 2,850 programs, ~150 s of the suite.
const runs = sweepRuns("STACKLESS_DIFF_RUNS_PREEMPT", 300);

describe("pre-emption mode", () => {
  it("really yields to the host at the check points of a loop that awaits nothing", async () => {
    // A host callback queued before the loop runs only once main gives the host a turn: natively
    // after main settles (not logged), lowered at the first spent check point.
    const source = `${preludeSource}
/** @coroutine */
export async function main(): Promise<any> {
  setImmediate(() => log("host turn"));
  let n = 0;
  for (let i = 0; i < 3 && fuel(); i++) n += call("c", i);
  return n;
}
`;
    const outcome = await runDifferential(source, preemptMode);
    expect(outcome.kind).toBe("different");
    if (outcome.kind === "different") expect(outcome.report).toContain("+ log 'host turn'");
  });
});

describe("differential: pre-emption at every check point", () => {
  it(`${runs} programs (seed ${sweepSeed})`, { timeout: 600_000 }, async () => {
    await sweep("preempt", mixedPrograms(8, [...excludedKinds, ...preemptExcluded]), preemptMode, runs);
  });
});
