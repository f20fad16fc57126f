#!/usr/bin/env node
// The `stackless` command (package.json `bin`): lower, graph and check TypeScript files from the
// shell. All logic is in cli/; this file only connects it to the process.

import { processIo } from "./cli/io.js";
import { runCli } from "./cli/main.js";

process.exitCode = runCli(process.argv.slice(2), processIo);
