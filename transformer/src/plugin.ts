// The ts-patch entry (`{ "transform": "stackless/transformer" }` in compilerOptions.plugins):
// reads and checks the plugin options and returns the transformer, using the TypeScript
// instance ts-patch hands us. No logic lives here (HS-1).

import type { TS, TsApi } from "./ts-api.js";
import { createDiagnostic } from "./diagnostics.js";
import { resolveOptions } from "./options.js";
import { transformSourceFile } from "./transform.js";

/** What ts-patch passes as the third argument of a program transformer. */
interface TransformerExtras {
  ts: TsApi;
  addDiagnostic(diagnostic: TS.Diagnostic): number | void;
}

export default function stacklessTransformer(
  _program: TS.Program,
  config: Record<string, unknown> | undefined,
  extras: TransformerExtras,
): TS.TransformerFactory<TS.SourceFile> {
  const ts = extras.ts;
  const { options, problems } = resolveOptions(config);
  let reported = false;
  return (context) => (file) => {
    if (!reported) {
      problems.forEach((p) => extras.addDiagnostic(createDiagnostic(ts, p.template, undefined, p.args)));
      reported = true;
    }
    return transformSourceFile(ts, file, context, { ...options, inlineStates: true }, { addDiagnostic: (d) => extras.addDiagnostic(d) });
  };
}
