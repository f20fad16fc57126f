// Compiles the input (and a fixture's exec.ts) to CommonJS JavaScript for the run sandbox, twice:
// natively, and lowered with `runtime: "global"` so the sandbox's `globalThis.stackless` drives it.

import ts from "typescript";
import type { CompiledProgram, PlaygroundOptions } from "../protocol.js";
import { toTransformOptions } from "./options.js";
import { formatDiagnostic, lower } from "./transformer.js";

function toJavaScript(code: string, fileName: string): string {
  return ts.transpileModule(code, {
    fileName,
    compilerOptions: { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.CommonJS, esModuleInterop: true },
  }).outputText;
}

export interface CompiledPair {
  native: CompiledProgram;
  lowered: CompiledProgram;
  /** The lowering's diagnostics, formatted one per line. */
  diagnostics: string[];
}

export function compileForRun(source: string, exec: string | undefined, options: PlaygroundOptions): CompiledPair {
  const lowered = lower(source, { ...toTransformOptions(options), runtime: "global" });
  const execJs = exec === undefined ? undefined : toJavaScript(exec, "exec.ts");
  return {
    native: { input: toJavaScript(source, "input.ts"), exec: execJs },
    lowered: { input: toJavaScript(lowered.code, "input.ts"), exec: execJs },
    diagnostics: lowered.diagnostics.map(formatDiagnostic),
  };
}
