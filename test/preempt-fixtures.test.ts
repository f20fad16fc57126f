// Every exec fixture again with pre-emption check points at calls and loops: the injected
// states must not change what the code does. Ticks are left out of the comparison, because a
// check point that finds its slice used up yields to the host (that is its job).

import * as fs from "node:fs";
import ts from "typescript";
import { describe, it } from "vitest";
import { discoverFixtures } from "./harness/discover.js";
import { checkExec, compileVariants } from "./harness/fixture-case.js";
import { loadTransformer } from "./harness/transformer.js";

describe("fixtures with pre-emption on", () => {
  for (const fixture of discoverFixtures()) {
    // Cases pinning a known gap (exec-diff.txt) pin it with ticks; they run in fixtures.test.ts.
    if (fixture.execPath === undefined || fs.existsSync(fixture.execDiffPath)) continue;
    // Orders timers against setImmediate: a check point that finds its slice spent (on a busy
    // machine) yields to the host, which may legitimately move a timer ahead.
    if (fixture.id === "interleaving/timers-and-microtasks") continue;
    it(fixture.id, async () => {
      const api = await loadTransformer();
      const options = { ...fixture.options, preempt: { calls: true, loops: true } };
      const checked = { ...fixture, options, harness: { ...fixture.harness, compareTicks: false } };
      await checkExec(checked, compileVariants(checked, api.createTransformer(options, ts, () => {})));
    });
  }
});
