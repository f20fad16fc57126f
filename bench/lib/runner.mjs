// Runs the measurement plan: every ready (case, variant) pair in its own child process, for
// `rounds` rounds with the variant order rotated each round (so no variant always runs first
// on a warm or cold machine), then pools the samples and computes medians and ratios.

import { costRatio, summarise } from "./stats.mjs";
import { runChild } from "./spawn.mjs";

/** Rotates `items` left by `by` places. */
function rotate(items, by) {
  const k = items.length === 0 ? 0 : by % items.length;
  return [...items.slice(k), ...items.slice(0, k)];
}

/**
 * `plan`: [{ benchCase, entries: [{ variant, compiled }] }] with the baseline first in entries.
 * Returns the per-case results that the reports and latest.json are made of.
 */
export async function runPlan(plan, { quick, rounds, log }) {
  const state = plan.map(({ benchCase, entries }) => ({
    benchCase,
    entries: entries.map(({ variant, compiled }) => ({ variant, compiled, samples: [], checks: [], error: null })),
  }));
  const jobs = state.flatMap((c) => c.entries.filter((e) => e.compiled.status === "ready")).length * rounds;
  let done = 0;
  for (let round = 0; round < rounds; round++) {
    for (const { benchCase, entries } of state) {
      for (const entry of rotate(entries, round)) {
        if (entry.compiled.status !== "ready" || entry.error) continue;
        const started = Date.now();
        const outcome = await runChild({ suiteFile: benchCase.suiteFile, caseId: benchCase.id, modulePath: entry.compiled.modulePath, quick });
        done++;
        const seconds = ((Date.now() - started) / 1000).toFixed(1);
        log(`[${done}/${jobs}] ${benchCase.id} ${entry.variant.id} (round ${round + 1}): ${outcome.ok ? "ok" : "FAILED"} in ${seconds} s`);
        if (outcome.ok) {
          entry.samples.push(...outcome.samples);
          entry.checks.push(outcome.check);
        } else {
          entry.error = outcome.error;
        }
      }
    }
  }
  return state.map(summariseCase);
}

/** Turns one case's raw samples into its result record, judging checks and targets. */
function summariseCase({ benchCase, entries }) {
  const better = benchCase.better ?? "lower";
  const [baseline] = entries;
  const baselineCheck = baseline.checks.length > 0 ? JSON.stringify(baseline.checks[0]) : undefined;
  const rows = entries.map((entry) => {
    const row = { id: entry.variant.id, label: entry.variant.label };
    if (entry.compiled.status !== "ready") return { ...row, status: entry.compiled.status, reason: entry.compiled.reason };
    if (entry.error) return { ...row, status: "failed", reason: entry.error };
    const check = JSON.stringify(entry.checks[0]);
    const inconsistent = entry.checks.some((c) => JSON.stringify(c) !== check);
    if (inconsistent || (baselineCheck !== undefined && check !== baselineCheck)) {
      return { ...row, status: "wrong-result", reason: `check gave ${check}, ${baseline.variant.id} gave ${baselineCheck}` };
    }
    return { ...row, status: "ok", check: entry.checks[0], stats: summarise(entry.samples), samples: entry.samples };
  });
  const base = rows[0].status === "ok" ? rows[0].stats.median : null;
  for (const row of rows) {
    if (row.status !== "ok" || base === null) continue;
    row.ratio = costRatio(row.stats.median, base, better);
    const target = benchCase.targets?.[row.id];
    if (target !== undefined) {
      row.target = target;
      row.verdict = row.ratio <= target ? "PASS" : "MISS";
    }
  }
  // Targets of variants that produced no number are reported as not measured, never as passed.
  for (const row of rows) {
    if (row.status !== "ok" && benchCase.targets?.[row.id] !== undefined) {
      row.target = benchCase.targets[row.id];
      row.verdict = "NOT MEASURED";
    }
  }
  return {
    id: benchCase.id,
    suite: benchCase.suite,
    title: benchCase.title,
    unit: benchCase.unit,
    better,
    baseline: rows[0].id,
    variants: rows,
  };
}
