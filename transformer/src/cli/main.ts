// Dispatches `stackless <command>` to its command and turns errors into exit codes: usage
// errors print the message and a pointer to --help (exit 2); anything else is our bug (exit 3).

import { runCheck } from "./check-command.js";
import { runGraph } from "./graph-command.js";
import type { CliIo } from "./io.js";
import { runLower } from "./lower-command.js";
import { COMMAND_HELP, EXIT_OK, EXIT_USAGE, TOP_HELP, UsageError, type CommandName } from "./usage.js";

/** Exit code for a crash inside stackless itself: never a user error. */
export const EXIT_INTERNAL = 3;

const COMMANDS: Record<CommandName, (args: string[], io: CliIo) => number> = {
  lower: runLower,
  graph: runGraph,
  check: runCheck,
};

function isCommand(name: string): name is CommandName {
  return Object.hasOwn(COMMANDS, name);
}

/** Runs the CLI on `argv` (without `node` and the script) and returns the exit code. */
export function runCli(argv: string[], io: CliIo): number {
  const [command, ...rest] = argv;
  try {
    if (command === "-h" || command === "--help") {
      io.stdout(TOP_HELP);
      return EXIT_OK;
    }
    if (command === "help") {
      const topic = rest[0];
      if (topic === undefined) io.stdout(TOP_HELP);
      else if (isCommand(topic)) io.stdout(COMMAND_HELP[topic]);
      else throw new UsageError(`unknown command '${topic}'`);
      return EXIT_OK;
    }
    if (command === undefined) {
      io.stderr(TOP_HELP);
      return EXIT_USAGE;
    }
    if (!isCommand(command)) throw new UsageError(`unknown command '${command}'; expected lower, graph or check`);
    return COMMANDS[command](rest, io);
  } catch (error) {
    if (error instanceof UsageError) {
      const help = error.command ? `stackless ${error.command} --help` : "stackless --help";
      io.stderr(`stackless: ${error.message}\n${error.pointToHelp ? `Run '${help}' for usage.\n` : ""}`);
      return EXIT_USAGE;
    }
    const detail = error instanceof Error ? (error.stack ?? error.message) : String(error);
    io.stderr(`stackless: internal error (a bug in stackless, please report it):\n${detail}\n`);
    return EXIT_INTERNAL;
  }
}
