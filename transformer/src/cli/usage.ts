// The CLI's help texts and its usage error: everything `--help` prints lives here, so the texts
// stay next to each other and consistent.

/** A mistake in the command line itself (unknown flag, missing file argument): exit code 2. */
export class UsageError extends Error {
  constructor(
    message: string,
    /** The command whose usage to point at after the message, or undefined for the top level. */
    readonly command?: CommandName,
    /** False for a bad argument that --help would not explain (e.g. a file that cannot be read). */
    readonly pointToHelp = true,
  ) {
    super(message);
    this.name = "UsageError";
  }
}

export type CommandName = "lower" | "graph" | "check";

export const EXIT_OK = 0;
export const EXIT_DIAGNOSTICS = 1;
export const EXIT_USAGE = 2;

const TRANSFORM_OPTIONS = `Transform options:
  --mode spec|task        spec (default): a drop-in for native async functions;
                          task: lazy Rust-style futures run by the stackless executor
  --preempt LIST          pre-emption check points, comma-separated: calls, loops,
                          budget=N, slice=MS; or 'off' (the default)
  --lower-all             lower every async function and generator, not only the ones
                          marked /** @coroutine */ or "use coroutine"`;

export const TOP_HELP = `Usage: stackless <command> [options]

Lowers async functions into enum-tagged state machines and shows what came out.

Commands:
  lower <files...>   print the lowered TypeScript of each file (or write it with --out)
  graph <file>       print the state graph of the file's lowered functions
  check <files...>   report stackless diagnostics without writing anything

Run 'stackless <command> --help' for the options of a command.
Exit codes: 0 ok, 1 diagnostics reported, 2 usage or setup error, 3 internal error (a stackless bug).
`;

export const COMMAND_HELP: Record<CommandName, string> = {
  lower: `Usage: stackless lower <files...> [options]

Prints the lowered TypeScript of each file; with several files, each is preceded by a
'// ==> file <==' line. Diagnostics go to stderr as 'file(line,col): error SL1xxx: ...'.

Options:
  --out DIR               write each lowered file under DIR (keeping paths relative to the
                          files' common folder) instead of printing it
  --runtime module|global where lowered code finds the runtime: an import of
                          'stackless/runtime' (default) or globalThis.stackless
  --runtime-module SPEC   the module specifier to import the runtime from
${TRANSFORM_OPTIONS}
  -h, --help              show this help

Exit codes: 0 ok, 1 a file has error diagnostics, 2 usage error.
`,
  graph: `Usage: stackless graph <file> [options]

Prints the state graph of the lowered functions in <file>: states as nodes, transitions as
edges labelled fallthrough, jump, branch, await, yield, throw or return.

Options:
  --function NAME         only this function (as named in the report, e.g. 'fetchTwo')
  --format dot|svg|mermaid
                          dot (default) for Graphviz, a self-contained SVG picture, or a
                          Mermaid stateDiagram-v2
${TRANSFORM_OPTIONS}
  -h, --help              show this help

Exit codes: 0 ok, 1 error diagnostics or no lowered function, 2 usage error.
`,
  check: `Usage: stackless check <files...> [options]

Lowers each file in memory and prints its diagnostics in TypeScript's format,
'file(line,col): error SL1xxx: message'. Prints nothing when all is well.

Options:
${TRANSFORM_OPTIONS}
  -h, --help              show this help

Exit codes: 0 no errors (warnings allowed), 1 errors reported, 2 usage error.
`,
};
