// `stackless lower <files...>`: prints each file's lowered TypeScript, or writes it under --out.

import { dirname, join, relative, resolve, sep } from "node:path";
import { parseArgs } from "node:util";
import { formatDiagnostic, lower } from "../index.js";
import { HELP_FLAG, withUsageErrors } from "./args.js";
import { hasErrors } from "./exit-status.js";
import type { CliIo } from "./io.js";
import { readTransformOptions, TRANSFORM_FLAGS } from "./transform-options.js";
import { COMMAND_HELP, EXIT_DIAGNOSTICS, EXIT_OK, UsageError } from "./usage.js";

export function runLower(args: string[], io: CliIo): number {
  const { values, positionals } = withUsageErrors("lower", () =>
    parseArgs({
      args,
      options: { ...TRANSFORM_FLAGS, ...HELP_FLAG, out: { type: "string" }, runtime: { type: "string" }, "runtime-module": { type: "string" } },
      allowPositionals: true,
      strict: true,
    }),
  );
  if (values.help) {
    io.stdout(COMMAND_HELP.lower);
    return EXIT_OK;
  }
  if (positionals.length === 0) throw new UsageError("lower needs at least one file", "lower");
  const options = readTransformOptions(values, "lower");
  if (values.runtime !== undefined) {
    if (values.runtime !== "module" && values.runtime !== "global") {
      throw new UsageError(`--runtime must be 'module' or 'global'; got '${values.runtime}'`, "lower");
    }
    options.runtime = values.runtime;
  }
  if (values["runtime-module"] !== undefined) options.runtimeModule = values["runtime-module"];

  // Read everything first, so a missing file fails the command before anything is written.
  const sources = positionals.map((file) => ({ file, text: io.readFile(file) }));
  const base = values.out === undefined ? "" : commonFolder(positionals);
  let failed = false;
  for (const { file, text } of sources) {
    const result = lower(text, { ...options, fileName: file });
    for (const diagnostic of result.diagnostics) io.stderr(`${formatDiagnostic(diagnostic)}\n`);
    failed ||= hasErrors(result.diagnostics);
    if (values.out !== undefined) {
      io.writeFile(join(values.out, relative(base, resolve(file))), result.code);
    } else {
      if (sources.length > 1) io.stdout(`// ==> ${file} <==\n`);
      io.stdout(result.code.endsWith("\n") ? result.code : `${result.code}\n`);
    }
  }
  return failed ? EXIT_DIAGNOSTICS : EXIT_OK;
}

/** The deepest folder containing every file, so --out mirrors the inputs' layout below it. */
export function commonFolder(files: string[]): string {
  const folders = files.map((file) => dirname(resolve(file)).split(sep));
  const first = folders[0]!;
  let depth = first.length;
  for (const parts of folders) {
    let i = 0;
    while (i < depth && i < parts.length && parts[i] === first[i]) i++;
    depth = i;
  }
  return first.slice(0, depth).join(sep) || sep;
}
