// `stackless check <files...>`: lowers each file in memory and prints only its diagnostics.

import { parseArgs } from "node:util";
import { formatDiagnostic, lower } from "../index.js";
import { HELP_FLAG, withUsageErrors } from "./args.js";
import { hasErrors } from "./exit-status.js";
import type { CliIo } from "./io.js";
import { readTransformOptions, TRANSFORM_FLAGS } from "./transform-options.js";
import { COMMAND_HELP, EXIT_DIAGNOSTICS, EXIT_OK, UsageError } from "./usage.js";

export function runCheck(args: string[], io: CliIo): number {
  const { values, positionals } = withUsageErrors("check", () =>
    parseArgs({ args, options: { ...TRANSFORM_FLAGS, ...HELP_FLAG }, allowPositionals: true, strict: true }),
  );
  if (values.help) {
    io.stdout(COMMAND_HELP.check);
    return EXIT_OK;
  }
  if (positionals.length === 0) throw new UsageError("check needs at least one file", "check");
  const options = readTransformOptions(values, "check");
  const sources = positionals.map((file) => ({ file, text: io.readFile(file) }));
  let failed = false;
  for (const { file, text } of sources) {
    const { diagnostics } = lower(text, { ...options, fileName: file });
    for (const diagnostic of diagnostics) io.stdout(`${formatDiagnostic(diagnostic)}\n`);
    failed ||= hasErrors(diagnostics);
  }
  return failed ? EXIT_DIAGNOSTICS : EXIT_OK;
}
