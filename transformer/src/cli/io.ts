// The CLI's only contact with the outside world: output streams and files. Commands take a
// `CliIo`, so they can be driven in memory as well as from `process`.

import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import { UsageError } from "./usage.js";

export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  /** Reads a UTF-8 file; an unreadable file is a usage error (exit 2). */
  readFile(path: string): string;
  /** Writes a UTF-8 file, creating its folders. */
  writeFile(path: string, text: string): void;
}

/** The real thing: process streams and the file system. */
export const processIo: CliIo = {
  stdout: (text) => void process.stdout.write(text),
  stderr: (text) => void process.stderr.write(text),
  readFile(path) {
    try {
      return readFileSync(path, "utf8");
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      const why = code === "ENOENT" ? "no such file" : code === "EISDIR" ? "it is a directory" : String(code ?? error);
      throw new UsageError(`cannot read '${path}': ${why}`, undefined, false);
    }
  },
  writeFile(path, text) {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, text);
  },
};
