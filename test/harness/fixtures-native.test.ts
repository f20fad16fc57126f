// Every exec fixture, run natively twice: it must finish in time, log something, and log the
// same events both times. A fixture that is flaky on its own would make the native-vs-lowered
// comparison meaningless, and this needs no transformer.

import { describe, expect, it } from "vitest";
import * as fs from "node:fs";
import { compileModule } from "./compile.js";
import { discoverFixtures } from "./discover.js";
import { runExec, showsSomething } from "./exec-run.js";

describe("exec fixtures run natively", () => {
  for (const c of discoverFixtures().filter((f) => f.execPath !== undefined)) {
    it(c.id, async () => {
      const inputJs = compileModule(fs.readFileSync(c.inputPath, "utf8"), c.inputPath, [], c.harness.sloppy === true);
      const execJs = compileModule(fs.readFileSync(c.execPath!, "utf8"), c.execPath!);
      const request = { caseDir: c.dir, inputJs, execJs, runtimeGlobal: c.options.runtime === "global" };
      const first = await runExec(request);
      const second = await runExec(request);
      if (process.env["SL_PRINT_NATIVE_LOGS"] !== undefined) console.log(`== ${c.id}\n${first.join("\n")}`);
      expect(showsSomething(first), "exec.ts logged nothing and returned undefined").toBe(true);
      expect(first.at(-1), "the run did not settle in time").not.toMatch(/^timeout/);
      expect(second).toEqual(first);
    });
  }
});
