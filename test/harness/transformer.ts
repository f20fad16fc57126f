// Loads the transformer API (transformer/src/index.ts) for the fixture tests, and reports its
// absence as a clear error instead of a failed import, so the harness can be proven on its own.

import type ts from "typescript";
import type { InspectResult, LowerResult } from "../../transformer/src/api-types.js";
import type { Options } from "../../transformer/src/options.js";

/** The part of the transformer's public API the fixture tests use. */
export interface TransformerApi {
  lower(source: string, options?: Options & { fileName?: string }): LowerResult;
  inspect(source: string, options?: Options & { fileName?: string; compilerOptions?: import("typescript").CompilerOptions }): InspectResult;
  /** Without `onDiagnostic`, error diagnostics are thrown after the file. */
  createTransformer(
    options?: Options,
    tsInstance?: typeof ts,
    onDiagnostic?: (diagnostic: ts.Diagnostic) => void,
  ): ts.TransformerFactory<ts.SourceFile>;
}

let loading: Promise<TransformerApi> | undefined;

/** The transformer API, imported once; rejects with the import error if it is not there. */
export function loadTransformer(): Promise<TransformerApi> {
  loading ??= import("../../transformer/src/index.js").then(
    (module) => module as unknown as TransformerApi,
    (error: unknown) => {
      throw new Error(`cannot load transformer/src/index.ts: ${error instanceof Error ? error.message : String(error)}`);
    },
  );
  return loading;
}
