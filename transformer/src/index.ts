// The stackless transformer's programmatic API: `createTransformer` for ts.transpileModule and
// loaders, `lower` for lowered TypeScript source, `inspect` for everything the playground and
// the tests look at (states, IR, source map).
//
//     import { lower } from "stackless";
//     const { code, diagnostics } = lower(`/** @coroutine *\/ async function f() { await 1; }`);

import * as typescript from "typescript";
import type { FunctionReport, InspectResult, LowerDiagnostic, LowerResult } from "./api-types.js";
import { createDiagnostic } from "./diagnostics.js";
import { resolveOptions, type Options } from "./options.js";
import { printWithSourceMap } from "./print.js";
import { transformSourceFile, type TransformHooks } from "./transform.js";
import type { TS, TsApi } from "./ts-api.js";

export type { Options } from "./options.js";
export type * from "./api-types.js";

export interface SourceOptions extends Options {
  /** File name used in diagnostics and the source map. Default `input.ts`. */
  fileName?: string;
  /**
   * The options the file will be compiled with. Only `alwaysStrict` matters today: without it
   * (TypeScript 6's default) every file is strict code; `alwaysStrict: false` lets a script's
   * functions be sloppy, and their `resume` is then emitted outside the class body.
   */
  compilerOptions?: TS.CompilerOptions;
}

/**
 * A transformer factory for `ts.transpileModule(src, { transformers: { before: [createTransformer()] } })`
 * and loaders (ts-loader, ts-jest). Diagnostics go to `onDiagnostic` (default: thrown as one
 * error after the file, so a loader fails loudly instead of emitting untransformed code silently).
 */
export function createTransformer(
  options: Options = {},
  tsInstance: TsApi = typescript,
  onDiagnostic?: (diagnostic: TS.Diagnostic) => void,
): TS.TransformerFactory<TS.SourceFile> {
  const { options: resolved, problems } = resolveOptions(options as Record<string, unknown>);
  return (context) => (file) => {
    const diagnostics: TS.Diagnostic[] = problems.map((p) => createDiagnostic(tsInstance, p.template, undefined, p.args));
    const hooks: TransformHooks = { addDiagnostic: (d) => diagnostics.push(d) };
    const result = transformSourceFile(tsInstance, file, context, { ...resolved, inlineStates: true }, hooks);
    if (diagnostics.length) {
      if (onDiagnostic) diagnostics.forEach(onDiagnostic);
      else if (diagnostics.some((d) => d.category === tsInstance.DiagnosticCategory.Error)) {
        throw new Error(diagnostics.map((d) => formatDiagnostic(toLowerDiagnostic(tsInstance, d, file.fileName))).join("\n"));
      }
    }
    return result;
  };
}

/** Lowers the coroutines of one TypeScript source text; returns the lowered TypeScript. */
export function lower(source: string, options: SourceOptions = {}): LowerResult {
  const { code, diagnostics } = inspect(source, options);
  return { code, diagnostics };
}

/** Like `lower`, plus each function's states, transitions, IR listing and a source map. */
export function inspect(source: string, options: SourceOptions = {}): InspectResult {
  const ts = typescript;
  const fileName = options.fileName ?? "input.ts";
  const { options: resolved, problems } = resolveOptions(stripFileName(options));
  const file = ts.createSourceFile(fileName, source, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const raw: TS.Diagnostic[] = problems.map((p) => createDiagnostic(ts, p.template, undefined, p.args));
  const functions: FunctionReport[] = [];
  const hooks: TransformHooks = { addDiagnostic: (d) => raw.push(d), onFunction: (r) => functions.push(r) };
  const result = ts.transform(file, [(context) => (sf) => transformSourceFile(ts, sf, context, { ...resolved, inlineStates: false }, hooks)], options.compilerOptions);
  const transformed = result.transformed[0]!;
  const { code, sourceMap } = printWithSourceMap(ts, transformed, file);
  result.dispose();
  return { code, diagnostics: raw.map((d) => toLowerDiagnostic(ts, d, fileName)), functions, sourceMap };
}

/** `input.ts(3,11): error SL1003: message` */
export function formatDiagnostic(d: LowerDiagnostic): string {
  return `${d.fileName}(${d.line},${d.column}): ${d.category} SL${d.code}: ${d.message}`;
}

export function toLowerDiagnostic(ts: TsApi, d: TS.Diagnostic, fileName: string): LowerDiagnostic {
  const file = d.file;
  const position = file && d.start !== undefined ? file.getLineAndCharacterOfPosition(d.start) : { line: 0, character: 0 };
  return {
    code: d.code,
    category: d.category === ts.DiagnosticCategory.Error ? "error" : "warning",
    message: ts.flattenDiagnosticMessageText(d.messageText, "\n"),
    fileName: file?.fileName ?? fileName,
    start: d.start ?? 0,
    length: d.length ?? 0,
    line: position.line + 1,
    column: position.character + 1,
  };
}

function stripFileName(options: SourceOptions): Record<string, unknown> {
  const { fileName: _ignored, compilerOptions: _compilerOptions, ...rest } = options;
  return rest as Record<string, unknown>;
}
