// Strict type checks of the fixture tree: every input.ts and exec.ts as written, and every
// lowered output.ts with the exec.ts files importing it (design.md §3: the output of every
// fixture type-checks with `tsc --noEmit --strict`). Zero diagnostics allowed, reported per file.

import * as path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { discoverFixtures, repoRoot } from "./harness/discover.js";
import { typecheckFixtures, typecheckRoots, type TypecheckResult, type TypecheckSide } from "./harness/typecheck.js";

const cases = discoverFixtures();

function describeSide(side: TypecheckSide): void {
  describe(`${side} type-check strictly`, () => {
    let result: TypecheckResult;
    beforeAll(() => {
      result = typecheckFixtures(cases, side);
    });
    const roots = typecheckRoots(cases, side);
    for (const file of roots) {
      const relative = path.relative(repoRoot, file);
      it(relative, () => {
        const found = result.diagnostics.get(file) ?? [];
        expect(found, found.join("\n")).toEqual([]);
      });
    }
    it("files outside the fixtures (runtime, options)", () => {
      const rootSet = new Set(result.roots);
      const others = [...result.diagnostics].filter(([file]) => !rootSet.has(file)).flatMap(([, texts]) => texts);
      expect(others, others.join("\n")).toEqual([]);
    });
  });
}

describeSide("sources");
describeSide("lowered");
