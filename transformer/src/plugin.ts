// The ts-patch entry (`{ "transform": "stackless/transformer" }` in compilerOptions.plugins):
// reads and checks the plugin options and returns the transformer, using the TypeScript
// instance ts-patch hands us. No logic lives here (HS-1).

import type { TS, TsApi } from "./ts-api.js";
import { findPluginOption } from "./config-position.js";
import { createDiagnostic, withCodePrefix } from "./diagnostics.js";
import { resolveOptions } from "./options.js";
import { transformSourceFile } from "./transform.js";

/** What ts-patch passes as the third argument of a program transformer. */
interface TransformerExtras {
  ts: TsApi;
  addDiagnostic(diagnostic: TS.Diagnostic): number | void;
}

export default function stacklessTransformer(
  program: TS.Program,
  config: Record<string, unknown> | undefined,
  extras: TransformerExtras,
): TS.TransformerFactory<TS.SourceFile> {
  const ts = extras.ts;
  const { options, problems } = resolveOptions(config);
  let reported = false;
  // tsc prints every code as `TS<n>`: the message carries our `SL<n>` so it cannot be mistaken.
  const report = (d: TS.Diagnostic) => extras.addDiagnostic(withCodePrefix(d));
  const configPath = program.getCompilerOptions().configFilePath as string | undefined;
  return (context) => (file) => {
    if (!reported) {
      problems.forEach((p) => report(createDiagnostic(ts, p.template, findPluginOption(ts, configPath, p.args[0]!), p.args)));
      reported = true;
    }
    return transformSourceFile(ts, file, context, { ...options, inlineStates: true }, { addDiagnostic: report });
  };
}
