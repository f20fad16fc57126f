// Compiles fixture sources to the CommonJS the exec sandbox runs: natively (TypeScript alone,
// target ES2022 so async/await stay native) or lowered (the same, with a stackless transformer
// in the `before` phase). Syntax errors are thrown, never run.

import ts from "typescript";

/** The one set of compiler options both variants use, so the transformer is the only difference. */
export const execCompilerOptions: ts.CompilerOptions = {
  target: ts.ScriptTarget.ES2022,
  module: ts.ModuleKind.CommonJS,
  esModuleInterop: true,
  // Inline maps let stack traces (and a debugger) point back at the .ts source.
  inlineSourceMap: true,
  inlineSources: true,
};

/** For `"sloppy": true` cases: scripts stay sloppy (TypeScript 6 deprecates this, hence the opt-in). */
export const sloppyCompilerOptions: ts.CompilerOptions = { ...execCompilerOptions, alwaysStrict: false, ignoreDeprecations: "6.0" };

/** Thrown when TypeScript reports a syntax error while compiling a fixture file. */
export class FixtureCompileError extends Error {
  constructor(fileName: string, messages: string[]) {
    super(`${fileName} does not compile:\n${messages.join("\n")}`);
    this.name = "FixtureCompileError";
  }
}

/**
 * Transpiles one TypeScript module to CommonJS JavaScript.
 * `before` transformers run ahead of TypeScript's own (that is where stackless plugs in).
 */
export function compileModule(source: string, fileName: string, before: ts.TransformerFactory<ts.SourceFile>[] = [], sloppy = false): string {
  const result = ts.transpileModule(source, {
    compilerOptions: sloppy ? sloppyCompilerOptions : execCompilerOptions,
    fileName,
    reportDiagnostics: true,
    transformers: { before },
  });
  const errors = (result.diagnostics ?? []).filter((d) => d.category === ts.DiagnosticCategory.Error);
  if (errors.length > 0) {
    throw new FixtureCompileError(
      fileName,
      errors.map((d) => ts.flattenDiagnosticMessageText(d.messageText, "\n")),
    );
  }
  return result.outputText;
}
