// One differential sweep: fast-check generates `runs` programs from a fixed seed, each is run
// natively and lowered in one RunMode, and the first mismatch fails with the shrunk program.
// Shared by the CI tests of every mode; the environment variables below steer all of them.

import fc from "fast-check";
import { expect } from "vitest";
import type { Program } from "./program.js";
import { printProgram, type PrintOptions, defaultPrintOptions } from "./print.js";
import { failureReport, runDifferential, type RunMode } from "./run-program.js";

/** The seed every sweep uses unless STACKLESS_DIFF_SEED says otherwise. */
export const sweepSeed = Number(process.env.STACKLESS_DIFF_SEED ?? 20260503);
/**
 * Kinds every sweep leaves out because they hit a known bug, each with its finding (reported to
 * the lead, see the commit that added it); each goes back in once fixed.
 * STACKLESS_DIFF_FINDINGS=1 generates them anyway, to check a fix.
 */
export const knownFindings: Record<string, string> = {
};
const findingsOn = process.env.STACKLESS_DIFF_FINDINGS === "1";
/** Expression or statement kinds not to generate: STACKLESS_DIFF_EXCLUDE (comma-separated, to look past a bug) and the known findings. */
export const excludedKinds = [
  ...(process.env.STACKLESS_DIFF_EXCLUDE ?? "").split(",").filter((k) => k !== ""),
  ...(findingsOn ? [] : Object.keys(knownFindings)),
];
/** fast-check's replay path from a failure report: with the same seed, runs only the minimal program. */
const replayPath = process.env.STACKLESS_DIFF_PATH;
/** At most this fraction of programs may be refused with a diagnostic. */
const maxSkipFraction = 0.02;

/** How many programs a sweep runs: `STACKLESS_DIFF_RUNS` for the spec sweep, `STACKLESS_DIFF_RUNS_<MODE>` for the others. */
export function sweepRuns(envName: string, ciDefault: number): number {
  return Number(process.env[envName] ?? ciDefault);
}

export interface SweepSummary {
  ran: number;
  skipped: number;
  events: number;
  text: string;
}

/** Runs the sweep and fails the calling test on the first mismatch (or on too many skips). */
export async function sweep(
  label: string,
  programs: fc.Arbitrary<Program>,
  mode: RunMode,
  runs: number,
  print: PrintOptions = defaultPrintOptions,
): Promise<SweepSummary> {
  const skips = new Map<number, number>();
  let skipped = 0;
  let ran = 0;
  let events = 0;
  await fc.assert(
    fc.asyncProperty(programs, async (p) => {
      const source = printProgram(p, findingsOn ? { ...print, privateNames: true } : print);
      const outcome = await runDifferential(source, mode);
      if (outcome.kind === "different") throw new Error(failureReport(source, outcome, mode));
      if (outcome.kind === "skipped") {
        skipped++;
        for (const code of new Set(outcome.codes)) skips.set(code, (skips.get(code) ?? 0) + 1);
      } else {
        ran++;
        events += outcome.events;
      }
    }),
    { seed: sweepSeed, numRuns: runs, endOnFailure: false, ...(replayPath === undefined ? {} : { path: replayPath }) },
  );
  const text = `${ran} programs compared (${events} events), ${skipped} skipped: ${JSON.stringify(Object.fromEntries(skips))}`;
  console.log(`differential (${label}): ${text}`);
  expect(skipped / runs, text).toBeLessThanOrEqual(maxSkipFraction);
  return { ran, skipped, events, text };
}
