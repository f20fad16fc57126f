// The checks one fixture case goes through (style.md HS-10/HS-11): the lowered code matches
// output.ts, the diagnostics match errors.txt (none without one), and exec.ts logs the same
// events run natively and lowered.

import * as fs from "node:fs";
import ts from "typescript";
import { expect } from "vitest";
import { compileModule, sloppyCompilerOptions } from "./compile.js";
import { describeDiff } from "./diff.js";
import type { FixtureCase } from "./discover.js";
import { runExec, showsSomething } from "./exec-run.js";
import { renderDiagnostics } from "./render-diagnostics.js";
import type { TransformerApi } from "./transformer.js";

/** Every generated machine class is named `<Fn>$Machine` (style.md HS-4). */
const machineMarker = "$Machine";

/** Thrown when the native and lowered runs of an exec fixture log different events. */
export class ExecMismatchError extends Error {
  constructor(id: string, diff: string) {
    super(`fixtures/${id}: native and lowered runs differ\n${diff}`);
    this.name = "ExecMismatchError";
  }
}

function snapshotUpdateMode(): string {
  const state = expect.getState().snapshotState as { snapshotUpdateState?: string } | undefined;
  return state?.snapshotUpdateState ?? "none";
}

/** output.ts and errors.txt for one case; soft, so both are reported when both are wrong. */
export async function checkSnapshots(c: FixtureCase, api: TransformerApi): Promise<void> {
  const source = fs.readFileSync(c.inputPath, "utf8");
  const compilerOptions = c.harness.sloppy === true ? sloppyCompilerOptions : undefined;
  const result = api.inspect(source, { ...c.options, fileName: "input.ts", ...(compilerOptions && { compilerOptions }) });
  const updating = snapshotUpdateMode() === "all";
  // Vitest would write a missing snapshot on any run; here a new output.ts takes an explicit
  // `vitest -u`, so a stray `npm test` never fills the fixture tree with unreviewed output.
  if (!updating && !fs.existsSync(c.outputPath)) {
    expect.soft(false, "no output.ts yet: run `npx vitest run fixtures -u` and review what it writes").toBe(true);
  } else {
    await expect.soft(result.code).toMatchFileSnapshot(c.outputPath);
  }
  if (c.harness.expectLowered !== false) {
    expect.soft(result.code, "inspect() output has no machine: nothing was lowered").toContain(machineMarker);
  }

  const hasErrorsFile = fs.existsSync(c.errorsPath);
  if (result.diagnostics.length === 0) {
    if (hasErrorsFile && updating)
      fs.rmSync(c.errorsPath); // the case no longer reports anything
    else expect.soft(hasErrorsFile, "errors.txt exists but lowering reported no diagnostics").toBe(false);
    return;
  }
  const rendered = renderDiagnostics(source, result.diagnostics);
  if (!hasErrorsFile && !updating) {
    // A new diagnostic is never accepted silently: it takes an explicit `vitest -u`.
    expect.soft(hasErrorsFile, `unexpected diagnostics (no errors.txt; run with -u to accept):\n${rendered}`).toBe(true);
    return;
  }
  await expect.soft(rendered).toMatchFileSnapshot(c.errorsPath);
}

/** The two compiled forms of input.ts an exec run compares. */
export interface Variants {
  native: string;
  lowered: string;
}

/** Compiles input.ts natively and with the stackless transformer `lowering`. */
export function compileVariants(c: FixtureCase, lowering: ts.TransformerFactory<ts.SourceFile>): Variants {
  const source = fs.readFileSync(c.inputPath, "utf8");
  const sloppy = c.harness.sloppy === true;
  return {
    native: compileModule(source, c.inputPath, [], sloppy),
    lowered: compileModule(source, c.inputPath, [lowering], sloppy),
  };
}

/**
 * Runs exec.ts against both variants and fails with a diff when their event logs differ.
 * Also fails when the lowered variant was not lowered at all (unless the case says
 * `expectLowered: false`), and when the run logs nothing, which would make it prove nothing.
 */
export async function checkExec(c: FixtureCase, variants: Variants): Promise<void> {
  if (c.execPath === undefined) return;
  if (c.harness.expectLowered !== false) {
    expect(variants.lowered, "the lowered variant contains no machine: the transformer did nothing").toContain(machineMarker);
  }
  const execJs = compileModule(fs.readFileSync(c.execPath, "utf8"), c.execPath);
  const runtimeGlobal = c.options.runtime === "global";
  const withoutTicks = (events: string[]) => (c.harness.compareTicks === false ? events.filter((e) => !e.startsWith("tick ")) : events);
  const native = withoutTicks(await runExec({ caseDir: c.dir, inputJs: variants.native, execJs, runtimeGlobal }));
  const lowered = withoutTicks(await runExec({ caseDir: c.dir, inputJs: variants.lowered, execJs, runtimeGlobal }));
  expect(showsSomething(native), `fixtures/${c.id}: exec.ts logged nothing and returned undefined natively`).toBe(true);
  const diff = describeDiff(native, lowered);
  const pinned = readPinnedDiff(c);
  if (pinned === undefined) {
    if (diff !== undefined) throw new ExecMismatchError(c.id, diff);
  } else if (diff === undefined) {
    throw new ExecMismatchError(c.id, "exec-diff.txt pins a difference, but native and lowered now agree: delete exec-diff.txt");
  } else if (diff !== pinned) {
    throw new ExecMismatchError(c.id, `the difference pinned in exec-diff.txt changed; now:\n${diff}`);
  }
}

/**
 * A known gap from native behaviour is pinned, not skipped: exec-diff.txt holds `#` lines saying
 * why (and where the README lists it), then the exact diff the runs show. It is edited by hand,
 * never by `-u`, so a new difference cannot slip in as an accepted one.
 */
function readPinnedDiff(c: FixtureCase): string | undefined {
  if (!fs.existsSync(c.execDiffPath)) return undefined;
  const lines = fs.readFileSync(c.execDiffPath, "utf8").replace(/\n+$/, "").split("\n");
  const reason = lines.filter((line) => line.startsWith("#"));
  if (reason.length === 0) throw new Error(`fixtures/${c.id}/exec-diff.txt: start with '#' lines saying why this difference is accepted`);
  return lines.filter((line) => !line.startsWith("#")).join("\n");
}

/** Everything for one case: snapshots, then the native-vs-lowered exec comparison. */
export async function checkFixture(c: FixtureCase, api: TransformerApi): Promise<void> {
  await checkSnapshots(c, api);
  if (c.execPath !== undefined) {
    // Diagnostics were compared against errors.txt above; here they must not stop the build, so
    // that a case whose functions are left alone still runs (and must still behave natively).
    const ignoreDiagnostic = (): void => {};
    await checkExec(c, compileVariants(c, api.createTransformer(c.options, ts, ignoreDiagnostic)));
  }
}
