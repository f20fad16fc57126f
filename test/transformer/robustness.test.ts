// Lowers every TypeScript file of this repository with `lowerAll` (real code: the transformer,
// the runtime, the tests, the playground): nothing may crash, and every output must parse.
// A construct we cannot lower must come back as a diagnostic, never as an exception.

import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import ts from "typescript";
import { expect, it } from "vitest";
import { lower } from "../../transformer/src/index.js";

const root = path.resolve(__dirname, "..", "..");

it("lowers every .ts file of the repository without a crash, into code that parses", () => {
  const files = execFileSync("git", ["ls-files", "*.ts"], { cwd: root, encoding: "utf8" })
    .split("\n")
    .filter((f) => f && !f.endsWith(".d.ts") && !/^fixtures\/.*\/output\.ts$/.test(f));
  expect(files.length).toBeGreaterThan(100);
  const failures: string[] = [];
  let lowered = 0;
  for (const file of files) {
    const source = fs.readFileSync(path.join(root, file), "utf8");
    try {
      const { code } = lower(source, { fileName: file, lowerAll: true });
      if (code.includes("$Machine")) lowered++;
      const parsed = ts.createSourceFile(file, code, ts.ScriptTarget.Latest, true) as ts.SourceFile & { parseDiagnostics?: ts.Diagnostic[] };
      const problem = parsed.parseDiagnostics?.[0];
      if (problem) failures.push(`${file}: output does not parse: ${ts.flattenDiagnosticMessageText(problem.messageText, " ")}`);
    } catch (error) {
      failures.push(`${file}: ${(error as Error).message.split("\n")[0]}`);
    }
  }
  expect(failures).toEqual([]);
  expect(lowered).toBeGreaterThan(20);
});
