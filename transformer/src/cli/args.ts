// Shared pieces of every command's argument parsing (Node's util.parseArgs): the `-h/--help`
// flag, and the translation of parseArgs's errors into usage errors that name the command.

import { UsageError, type CommandName } from "./usage.js";

/** The `-h/--help` entry every command's option table includes. */
export const HELP_FLAG = { help: { type: "boolean", short: "h" } } as const;

/** Runs `parse` (a strict parseArgs call); its errors become usage errors for `command`. */
export function withUsageErrors<T>(command: CommandName, parse: () => T): T {
  try {
    return parse();
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (typeof code === "string" && code.startsWith("ERR_PARSE_ARGS")) {
      throw new UsageError((error as Error).message, command);
    }
    throw error;
  }
}
