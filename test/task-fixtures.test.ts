// The exec fixtures again in task mode, where the semantics are the same as native (issue 5):
// values, errors and the order of each coroutine's own side effects. Ticks are left out (the
// executor orders interleaved work), and the cases below are left out for the reason given.

import * as fs from "node:fs";
import ts from "typescript";
import { describe, it } from "vitest";
import { discoverFixtures } from "./harness/discover.js";
import { checkExec, compileVariants } from "./harness/fixture-case.js";
import { loadTransformer } from "./harness/transformer.js";

/** Where task mode differs from native on purpose (README, "Task mode"), by case. */
const differsOnPurpose: Record<string, string> = {
  "await/basic": "laziness: the body starts when awaited, not at the call",
  "await/no-await": "laziness",
  "await/throw-before-first-await-rejects": "laziness: a throw before the first await happens when awaited",
  "await/rejection-propagates": "laziness",
  "await/thenable": "a task-mode await reads `then` once and subscribes (coroutine.ts rule 2)",
  "await/native-promise-then-not-read": "same: the task driver calls `then` on a thenable",
  "closures/hoisted-function-reads-later-const": "a coroutine is PromiseLike, without `catch`",
  "functions/destructuring-parameters": "a coroutine is PromiseLike, without `catch`",
  "destructuring/generator-return-closes": "uses a generator (spec mode only)",
  "interleaving/awaiting-lowered-from-native": "interleaving follows the executor's queue",
  "interleaving/promise-combinators": "interleaving follows the executor's queue",
  "interleaving/two-concurrent-calls": "interleaving follows the executor's queue",
  "interleaving/with-then-chain": "interleaving follows the executor's queue",
  "regressions/jump-out-of-throwing-sync-finally": "laziness: the log order of four calls started together",
};

describe("fixtures in task mode", () => {
  for (const fixture of discoverFixtures()) {
    if (fixture.execPath === undefined || fs.existsSync(fixture.execDiffPath)) continue;
    // Generators have no task mode (SL1010); neither do sloppy scripts' global runtime cases.
    if (fixture.id.startsWith("generators/") || fixture.harness.sloppy === true || fixture.options.mode === "task") continue;
    if (differsOnPurpose[fixture.id] !== undefined) continue;
    // Generators have no task mode (SL1010): a case with a marked generator stays in spec mode.
    if (/function\s*\*|(?:^|[\s{;])(?:async\s+)?\*\s*[\w$#]+\s*\(/m.test(fs.readFileSync(fixture.inputPath, "utf8"))) continue;
    it(fixture.id, async () => {
      const api = await loadTransformer();
      const options = { ...fixture.options, mode: "task" as const };
      const checked = { ...fixture, options, harness: { ...fixture.harness, compareTicks: false } };
      await checkExec(checked, compileVariants(checked, api.createTransformer(options, ts, () => {})));
    });
  }
});
