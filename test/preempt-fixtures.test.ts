// Every exec fixture again with pre-emption check points at calls and loops: the injected
// states must not change what the code does. Ticks are left out of the comparison, because a
// check point that finds its slice used up yields to the host (that is its job).

import * as fs from "node:fs";
import ts from "typescript";
import { describe, it } from "vitest";
import { discoverFixtures } from "./harness/discover.js";
import { checkExec, compileVariants } from "./harness/fixture-case.js";
import { loadTransformer } from "./harness/transformer.js";

// Twice: with the default budget (check points mostly take their fast path) and with a budget
// of 2 and no time slice, so that nearly every check point suspends and resumes.
const settings = {
  "default budget": { calls: true, loops: true },
  "budget 2, slice 0": { calls: true, loops: true, budget: 2, sliceMs: 0 },
};

for (const [name, preempt] of Object.entries(settings)) {
  describe(`fixtures with pre-emption on (${name})`, () => {
    for (const fixture of discoverFixtures()) {
      // Cases pinning a known gap (exec-diff.txt) pin it with ticks; they run in fixtures.test.ts.
      if (fixture.execPath === undefined || fs.existsSync(fixture.execDiffPath)) continue;
      // Orders timers against setImmediate: a check point that finds its slice spent (on a busy
      // machine) yields to the host, which may legitimately move a timer ahead.
      if (fixture.id === "interleaving/timers-and-microtasks") continue;
      it(fixture.id, async () => {
        const api = await loadTransformer();
        const options = { ...fixture.options, preempt };
        const checked = { ...fixture, options, harness: { ...fixture.harness, compareTicks: false } };
        await checkExec(checked, compileVariants(checked, api.createTransformer(options, ts, () => {})));
      });
    }
  });
}
