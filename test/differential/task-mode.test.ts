// Differential test in task mode (issue 5): random programs lowered as lazy coroutines and run
// by the task runtime's `run`, against native async functions. Values, errors and the order of
// the coroutine tree's own events must match; ticks are not compared (modes.ts says why, and
// which shapes are left out). STACKLESS_DIFF_RUNS_TASK runs more.

import { describe, expect, it } from "vitest";
import { mixedPrograms } from "./arbitraries.js";
import { taskExcluded, taskExcludedAwaits, taskMode } from "./modes.js";
import { preludeSource } from "./prelude.js";
import { runDifferential } from "./run-program.js";
import { excludedKinds, sweep, sweepRuns, sweepSeed } from "./sweep.js";

const runs = sweepRuns("STACKLESS_DIFF_RUNS_TASK", 250);

describe("task mode", () => {
  const source = `${preludeSource}
/** @coroutine */
export async function main(p0: any): Promise<any> {
  log("a", await p0);
  return (await later("p", 2, 1)) + p0;
}
`;
  it("runs main as a task, on the executor's schedule", async () => {
    // Compared with ticks, the run shows task mode's one difference from native here: timing.
    const outcome = await runDifferential(source, { ...taskMode, compareTicks: true });
    expect(outcome.kind).toBe("different");
    if (outcome.kind === "different") expect(outcome.report).toMatch(/^[+-] tick \d+$/m);
  });

  it("agrees with native on values and the order of the logs", async () => {
    expect(await runDifferential(source, taskMode)).toMatchObject({ kind: "same", log: ["log 'a' 7", "log 'p' 'resolves' 2", "return 9"] });
  });
});

describe("differential: task mode under run()", () => {
  it(`${runs} programs (seed ${sweepSeed})`, { timeout: 600_000 }, async () => {
    await sweep("task", mixedPrograms(8, [...excludedKinds, ...taskExcluded], { generators: false, excludeAwaits: taskExcludedAwaits }), taskMode, runs);
  });
});
