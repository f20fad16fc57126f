// The user-facing options of the transformer (tsconfig plugin entry, `lower`, `inspect`), and
// their validation into diagnostics.

/** Options accepted in the tsconfig plugin entry and by `lower` / `inspect` / `createTransformer`. */
export interface Options {
  /** `spec` (default): a drop-in that behaves as native. `task`: lazy Rust-style futures. */
  mode?: "spec" | "task";
  /** Lower every async function, not only the ones marked `@coroutine` / `"use coroutine"`. */
  lowerAll?: boolean;
  /**
   * Where emitted code finds the runtime: `module` (default) imports `runtimeModule`;
   * `global` reads `globalThis.stackless` (for `stackless/runtime/script`).
   */
  runtime?: "module" | "global";
  /** The module specifier emitted code imports the runtime from. Default `stackless/runtime`. */
  runtimeModule?: string;
}

/** Options after defaults are applied. */
export interface ResolvedOptions {
  mode: "spec" | "task";
  lowerAll: boolean;
  runtime: "module" | "global";
  runtimeModule: string;
}

import type { DiagnosticTemplate } from "./diagnostics.js";
import { Diagnostics } from "./diagnostics.js";

/** The option names the plugin entry may carry besides ts-patch's own (`transform`, …). */
const PLUGIN_KEYS = new Set(["transform", "import", "type", "after", "afterDeclarations", "transformProgram", "isEsm", "resolvePathAliases", "name"]);

export interface OptionProblem {
  template: DiagnosticTemplate;
  args: string[];
}

/** Applies defaults and reports every bad option (HS-9: name the option and what it accepts). */
export function resolveOptions(raw: Record<string, unknown> | undefined): { options: ResolvedOptions; problems: OptionProblem[] } {
  const problems: OptionProblem[] = [];
  const options: ResolvedOptions = { mode: "spec", lowerAll: false, runtime: "module", runtimeModule: "stackless/runtime" };
  const known = ["mode", "lowerAll", "runtime", "runtimeModule"];
  for (const [key, value] of Object.entries(raw ?? {})) {
    if (PLUGIN_KEYS.has(key) || value === undefined) continue;
    switch (key) {
      case "mode":
        if (value === "spec" || value === "task") options.mode = value;
        else problems.push({ template: Diagnostics.BadOptionValue, args: [key, "'spec' or 'task'", JSON.stringify(value)] });
        break;
      case "lowerAll":
        if (typeof value === "boolean") options.lowerAll = value;
        else problems.push({ template: Diagnostics.BadOptionValue, args: [key, "true or false", JSON.stringify(value)] });
        break;
      case "runtime":
        if (value === "module" || value === "global") options.runtime = value;
        else problems.push({ template: Diagnostics.BadOptionValue, args: [key, "'module' or 'global'", JSON.stringify(value)] });
        break;
      case "runtimeModule":
        if (typeof value === "string" && value.length > 0) options.runtimeModule = value;
        else problems.push({ template: Diagnostics.BadOptionValue, args: [key, "a non-empty module specifier", JSON.stringify(value)] });
        break;
      default:
        problems.push({ template: Diagnostics.UnknownOption, args: [key, known.map((k) => `'${k}'`).join(", ")] });
    }
  }
  return { options, problems };
}
