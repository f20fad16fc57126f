// One test per fixture case under fixtures/ (style.md HS-10): the lowered output matches its
// output.ts snapshot, diagnostics match errors.txt, and exec.ts behaves the same natively and
// lowered. The logic lives in test/harness/.

import { describe, it } from "vitest";
import { discoverFixtures } from "./harness/discover.js";
import { checkFixture } from "./harness/fixture-case.js";
import { loadTransformer } from "./harness/transformer.js";

describe("fixtures", () => {
  for (const fixture of discoverFixtures()) {
    it(fixture.id, async () => checkFixture(fixture, await loadTransformer()));
  }
});
