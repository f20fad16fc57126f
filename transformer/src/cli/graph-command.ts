// `stackless graph <file>`: prints the state graph of the file's lowered functions as dot, SVG
// or Mermaid, through the same report module the playground draws with.

import { parseArgs } from "node:util";
import { formatDiagnostic, inspect } from "../index.js";
import { buildStateGraph, renderStateGraphsDot, renderStateGraphsMermaid, renderStateGraphsSvg } from "../report/index.js";
import { HELP_FLAG, withUsageErrors } from "./args.js";
import { hasErrors } from "./exit-status.js";
import type { CliIo } from "./io.js";
import { readTransformOptions, TRANSFORM_FLAGS } from "./transform-options.js";
import { COMMAND_HELP, EXIT_DIAGNOSTICS, EXIT_OK, UsageError } from "./usage.js";

const RENDERERS = {
  dot: renderStateGraphsDot,
  svg: (graphs: Parameters<typeof renderStateGraphsSvg>[0]) => `${renderStateGraphsSvg(graphs)}\n`,
  mermaid: renderStateGraphsMermaid,
} as const;

export function runGraph(args: string[], io: CliIo): number {
  const { values, positionals } = withUsageErrors("graph", () =>
    parseArgs({
      args,
      options: { ...TRANSFORM_FLAGS, ...HELP_FLAG, function: { type: "string" }, format: { type: "string" } },
      allowPositionals: true,
      strict: true,
    }),
  );
  if (values.help) {
    io.stdout(COMMAND_HELP.graph);
    return EXIT_OK;
  }
  if (positionals.length !== 1) throw new UsageError(`graph takes exactly one file; got ${positionals.length}`, "graph");
  const format = values.format ?? "dot";
  if (!(format in RENDERERS)) throw new UsageError(`--format must be dot, svg or mermaid; got '${format}'`, "graph");
  const options = readTransformOptions(values, "graph");
  const file = positionals[0]!;
  const result = inspect(io.readFile(file), { ...options, fileName: file });
  for (const diagnostic of result.diagnostics) io.stderr(`${formatDiagnostic(diagnostic)}\n`);

  let functions = result.functions;
  if (values.function !== undefined) {
    functions = functions.filter((fn) => fn.name === values.function);
    if (functions.length === 0) {
      const names = result.functions.map((fn) => `'${fn.name}'`).join(", ") || "none";
      throw new UsageError(`no lowered function named '${values.function}' in '${file}'; lowered: ${names}`, "graph");
    }
  }
  if (functions.length === 0) {
    io.stderr(`${file}: no function was lowered; mark one with /** @coroutine */ or pass --lower-all\n`);
    return EXIT_DIAGNOSTICS;
  }
  io.stdout(RENDERERS[format as keyof typeof RENDERERS](functions.map(buildStateGraph)));
  return hasErrors(result.diagnostics) ? EXIT_DIAGNOSTICS : EXIT_OK;
}
