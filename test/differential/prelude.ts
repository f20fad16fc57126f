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

/** The first line of a sloppy-mode script: a script has no imports, so it requires the helpers. */
export const sloppyPreludeSource = `const { ${helperNames.join(", ")} } = require("../helpers");\n`;

/** The last line of a sloppy-mode script (printProgram adds it). */
export const sloppyEpilogue = "module.exports = { main };\n";

/** Drives a sloppy script's main with a primitive `this`, which sloppy code sees coerced to an object. */
export const sloppyExecSource = execSource.replace("import { main } from \"./input\";", 'const { main } = require("./input");').replace("main(7)", "main.call(4, 7)");

/**
 * Drives main in task mode: natively it returns a promise, lowered a lazy coroutine that the
 * task runtime's `run` polls (calling main runs nothing before that, the same as here, where
 * nothing happens between the call and `run`).
 */
export const taskExecSource = `import { callKept, useLog } from "../helpers";
import { run } from "stackless/runtime";
import { main } from "./input";

export default async function drive(log: (...values: unknown[]) => void): Promise<unknown> {
  useLog(log);
  try {
    const started: any = main(7);
    return await (started instanceof Promise ? started : run(started));
  } finally {
    callKept();
  }
}
`;

/**
 * Loads the runtime's classic-script build (\`scriptPath\`) into the sandbox's realm with an
 * indirect eval, as a script tag would, before main's module (compiled with runtime: "global")
 * reads globalThis.stackless.
 */
export function scriptRuntimeExecSource(scriptPath: string): string {
  return execSource
    .replace(
      'import { main } from "./input";',
      `import { readFileSync } from "node:fs";\n(0, eval)(readFileSync(${JSON.stringify(scriptPath)}, "utf8"));\nconst { main } = require("./input");`,
    );
}
