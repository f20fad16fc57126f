// The fixed parts of every generated program: the import of the logging helpers (which live
// in fixtures/regressions/helpers.ts, shared with the regression fixtures) and the exec.ts that
// drives `main`. Both follow the fixtures' exec contract, so a minimal failing program can be
// copied into fixtures/regressions/<case>/ as it is.

import * as path from "node:path";
import { fixturesRoot } from "../harness/discover.js";

/** Where generated programs live (virtually) and regression fixtures made from them really do. */
export const regressionsDir = path.join(fixturesRoot, "regressions");

/** The helpers every generated program imports (each logs what it does). */
export const helperNames = ["log", "fuel", "t", "call", "boom", "later", "fail", "thenable", "mk", "iter", "msg", "keep", "go", "attempt", "patched", "subclassed", "unruly"];

/** The first line of every generated input.ts. */
export const preludeSource = `import { ${helperNames.join(", ")} } from "../helpers";\n`;

/** The exec.ts of every generated program (and of the regression fixtures made from them). */
export const execSource = `import { callKept, useLog } from "../helpers";
import { main } from "./input";

export default async function run(log: (...values: unknown[]) => void): Promise<unknown> {
  useLog(log);
  try {
    return await main(7);
  } finally {
    callKept();
  }
}
`;
