#!/usr/bin/env node
// The `stackless` command (package.json `bin`): lower, graph and check TypeScript files from the
// shell. All logic is in cli/; this file only connects it to the process.

import type * as Main from "./cli/main.js";
import { EXIT_USAGE } from "./cli/usage.js";

/** TypeScript is a peer of stackless, not bundled: say so plainly instead of a stack trace. */
function hasTypeScript(): boolean {
  try {
    require.resolve("typescript");
    return true;
  } catch {
    return false;
  }
}

if (hasTypeScript()) {
  // Loaded only now: cli/main.js loads the transformer, which loads TypeScript.
  const { runCli } = require("./cli/main.js") as typeof Main;
  const { processIo } = require("./cli/io.js") as typeof import("./cli/io.js");
  process.exitCode = runCli(process.argv.slice(2), processIo);
} else {
  process.stderr.write("stackless: the 'typescript' package is needed next to stackless; install it with `npm install --save-dev typescript`\n");
  process.exitCode = EXIT_USAGE;
}
