// Differential test with runtime: "global": the lowered programs read globalThis.stackless,
// defined by the runtime's classic-script build (scripts/build-runtime-script.mjs, built fresh
// into a temp dir) loaded into each run's realm. STACKLESS_DIFF_RUNS_GLOBAL runs more.

import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { repoRoot } from "../harness/discover.js";
import { mixedPrograms } from "./arbitraries.js";
import { globalRuntimeMode } from "./modes.js";
import { execSource, preludeSource } from "./prelude.js";
import { runDifferential } from "./run-program.js";
import { excludedKinds, sweep, sweepRuns, sweepSeed } from "./sweep.js";

const runs = sweepRuns("STACKLESS_DIFF_RUNS_GLOBAL", 100);
let workDir: string;
let scriptPath: string;

beforeAll(() => {
  // Built from the sources rather than read from dist/, which may be stale between builds.
  workDir = mkdtempSync(path.join(tmpdir(), "stackless-differential-script-"));
  scriptPath = path.join(workDir, "stackless.js");
  execFileSync(process.execPath, [path.join(repoRoot, "scripts/build-runtime-script.mjs"), "--outfile", scriptPath], { stdio: "pipe" });
}, 60_000);

afterAll(() => {
  if (workDir) rmSync(workDir, { recursive: true, force: true });
});

describe("global runtime mode", () => {
  const source = `${preludeSource}
/** @coroutine */
export async function main(p0: any): Promise<any> {
  return (await later("p", 2, 1)) + p0;
}
`;
  it("agrees with native when the script build is loaded", async () => {
    expect(await runDifferential(source, globalRuntimeMode(scriptPath))).toMatchObject({ kind: "same" });
  });

  it("depends on the script: without it the lowered program finds no globalThis.stackless", async () => {
    const outcome = await runDifferential(source, { ...globalRuntimeMode(scriptPath), loweredExecSource: execSource });
    expect(outcome.kind).toBe("different");
  });
});

describe("differential: runtime on globalThis from the script build", () => {
  it(`${runs} programs (seed ${sweepSeed})`, { timeout: 600_000 }, async () => {
    await sweep("global runtime", mixedPrograms(8, excludedKinds), globalRuntimeMode(scriptPath), runs);
  });
});
