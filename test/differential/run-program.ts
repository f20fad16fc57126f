// Runs one generated program natively and lowered through the exec harness (test/harness/)
// and says whether the two event logs agree, in one RunMode (modes.ts: strict spec mode by
// default; pre-emption, sloppy scripts, the global runtime, task mode). A program the
// transformer refuses with a diagnostic is "skipped" with its codes; a transformer crash or
// invalid output is a mismatch.

import * as path from "node:path";
import ts from "typescript";
import { createTransformer, lower, type Options } from "../../transformer/src/index.js";
import { compileModule, execCompilerOptions, FixtureCompileError, sloppyCompilerOptions } from "../harness/compile.js";
import { describeDiff } from "../harness/diff.js";
import { runExec } from "../harness/exec-run.js";
import { execSource, regressionsDir } from "./prelude.js";

/**
 * A case folder that exists only in the sandbox's overrides (input.ts and exec.ts are given as
 * text); it sits next to the regression fixtures so `../helpers` resolves to their helpers.ts.
 */
const virtualCaseDir = path.join(regressionsDir, ".differential-virtual-case");
const virtualInput = path.join(virtualCaseDir, "input.ts");
const virtualExec = path.join(virtualCaseDir, "exec.ts");

/** The transformer options the differential test lowers with (main and its arrows are marked anyway). */
export const differentialOptions = { lowerAll: true } as const;

/** How a program is compiled and run, natively and lowered. */
export interface RunMode {
  /** The transformer options of the lowered variant. */
  options: Options;
  /** Both variants compile as a sloppy script (`alwaysStrict: false`, no "use strict"). */
  sloppy?: boolean;
  /** `false` leaves microtask ticks out of the comparison (pre-emption and task mode schedule differently on purpose). */
  compareTicks?: boolean;
  /** The exec.ts that drives main (default: prelude.ts's execSource). */
  execSource?: string;
  /**
   * The exec.ts of the lowered run only, where it needs the runtime and the native run does not
   * (loading the runtime into a sandbox costs a few milliseconds per run).
   */
  loweredExecSource?: string;
  /** The lowered run's sandbox defines globalThis.stackless from runtime/src (for runtime: "global"). */
  runtimeGlobal?: boolean;
}

/** Strict spec mode, the runtime imported as a module: what differential.test.ts runs. */
export const specMode: RunMode = { options: differentialOptions };

export type Outcome =
  /** `log` is the (shared) event log, as compared. */
  | { kind: "same"; events: number; log: string[] }
  | { kind: "skipped"; codes: number[] }
  | { kind: "different"; report: string };

/** Compiled exec.ts sources, by source text. */
const execJsCache = new Map<string, string>();

function compiledExec(source: string): string {
  let js = execJsCache.get(source);
  if (js === undefined) {
    js = compileModule(source, virtualExec);
    execJsCache.set(source, js);
  }
  return js;
}

// The exec harness's compiler options without inline source maps: nobody reads the maps of a
// generated program, and writing them costs a third of the compile time.
const quickOptions: ts.CompilerOptions = { ...execCompilerOptions, inlineSourceMap: false, inlineSources: false };
const quickSloppyOptions: ts.CompilerOptions = { ...sloppyCompilerOptions, inlineSourceMap: false, inlineSources: false };

/** Like the harness's compileModule, without source maps. */
function compileQuick(source: string, before: ts.TransformerFactory<ts.SourceFile>[] = [], sloppy = false): string {
  const compilerOptions = sloppy ? quickSloppyOptions : quickOptions;
  const result = ts.transpileModule(source, { compilerOptions, fileName: virtualInput, reportDiagnostics: true, transformers: { before } });
  const errors = (result.diagnostics ?? []).filter((d) => d.category === ts.DiagnosticCategory.Error);
  if (errors.length > 0) throw new FixtureCompileError(virtualInput, errors.map((d) => ts.flattenDiagnosticMessageText(d.messageText, "\n")));
  return result.outputText;
}

/** Compiles the source with stackless; diagnostics are collected, never thrown. */
function lowerToJs(source: string, mode: RunMode): { js: string; codes: number[] } {
  const codes: number[] = [];
  const transformer = createTransformer(mode.options, ts, (d) => {
    if (d.category === ts.DiagnosticCategory.Error) codes.push(d.code);
  });
  const js = compileQuick(source, [transformer], mode.sloppy);
  return { js, codes };
}

/** What the transformer made of `source`, in TypeScript, for failure reports. */
function loweredTypeScript(source: string, mode: RunMode): string {
  const compilerOptions = mode.sloppy === true ? { compilerOptions: sloppyCompilerOptions } : {};
  const { code, diagnostics } = lower(source, { ...mode.options, ...compilerOptions, fileName: "input.ts" });
  const notes = diagnostics.map((d) => `// ${d.code}: ${d.message}`);
  return [...notes, code].join("\n");
}

function errorText(error: unknown): string {
  return error instanceof Error ? (error.stack ?? error.message) : String(error);
}

/** Runs `source` (an input.ts from printProgram) both ways in `mode` and compares the event logs. */
export async function runDifferential(source: string, mode: RunMode = specMode): Promise<Outcome> {
  const execJs = compiledExec(mode.execSource ?? execSource);
  const loweredExecJs = mode.loweredExecSource === undefined ? execJs : compiledExec(mode.loweredExecSource);
  const runtimeGlobal = mode.runtimeGlobal ?? false;
  const comparable = (events: string[]) => (mode.compareTicks === false ? events.filter((e) => !e.startsWith("tick ")) : events);
  // The native side must always work: a failure here is a generator bug, so it is thrown.
  let nativeJs: string;
  try {
    nativeJs = compileQuick(source, [], mode.sloppy);
  } catch (error) {
    throw new Error(`generated program does not compile (a generator bug):\n${source}\n${errorText(error)}`);
  }
  const native = comparable(await runExec({ caseDir: virtualCaseDir, inputJs: nativeJs, execJs }));
  if (native.some((line) => line.startsWith("timeout") || line.includes("out of fuel"))) {
    throw new Error(`generated program does not terminate natively:\n${source}\n${native.join("\n")}`);
  }

  let lowered: string[];
  try {
    const { js, codes } = lowerToJs(source, mode);
    if (codes.length > 0) return { kind: "skipped", codes };
    lowered = comparable(await runExec({ caseDir: virtualCaseDir, inputJs: js, execJs: loweredExecJs, runtimeGlobal }));
  } catch (error) {
    return { kind: "different", report: `lowering or running the lowered program failed:\n${errorText(error)}\n\nnative log:\n${native.join("\n")}` };
  }
  const diff = describeDiff(native, lowered);
  if (diff === undefined) return { kind: "same", events: native.length, log: native };
  return {
    kind: "different",
    report: [
      "native and lowered runs differ:",
      diff,
      "",
      "native log:",
      ...native,
      "",
      "lowered log:",
      ...lowered,
    ].join("\n"),
  };
}

/** A full report for a failing program: its source, the diff and logs, and its lowered form. */
export function failureReport(source: string, outcome: Extract<Outcome, { kind: "different" }>, mode: RunMode = specMode): string {
  let lowered: string;
  try {
    lowered = loweredTypeScript(source, mode);
  } catch (error) {
    lowered = `(transformer threw: ${errorText(error)})`;
  }
  return ["program:", source, outcome.report, "", "lowered:", lowered].join("\n");
}
