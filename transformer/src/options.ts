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
  /**
   * Pre-emption check points (design.md §5), off by default: `true` for calls and loops, or
   * `{ calls, loops, budget, sliceMs }`. Per function: `@coroutine preempt` (`preempt loops`,
   * `preempt calls`).
   */
  preempt?: boolean | PreemptOptions;
}

export interface PreemptOptions {
  /** A check point before each call in the coroutine body. */
  calls?: boolean;
  /** A check point at each loop iteration, so a loop that calls nothing still yields. */
  loops?: boolean;
  /** Check points passed between two reads of the clock. Default 1024. */
  budget?: number;
  /** How long a spec-mode coroutine may run before a check point yields (ms). Default 2. */
  sliceMs?: number;
}

/** Pre-emption as one function gets it. */
export interface PreemptSettings {
  calls: boolean;
  loops: boolean;
  budget: number;
  sliceMs: number | undefined;
}

export const DEFAULT_CHECKPOINT_BUDGET = 1024;

/** Options after defaults are applied. */
export interface ResolvedOptions {
  mode: "spec" | "task";
  lowerAll: boolean;
  runtime: "module" | "global";
  runtimeModule: string;
  /** Pre-emption for every lowered function, or undefined (per-function tags can still ask). */
  preempt: PreemptSettings | undefined;
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
  const options: ResolvedOptions = { mode: "spec", lowerAll: false, runtime: "module", runtimeModule: "stackless/runtime", preempt: undefined };
  const known = ["mode", "lowerAll", "runtime", "runtimeModule", "preempt"];
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
      case "preempt":
        options.preempt = resolvePreempt(value, problems);
        break;
      default:
        problems.push({ template: Diagnostics.UnknownOption, args: [key, known.map((k) => `'${k}'`).join(", ")] });
    }
  }
  return { options, problems };
}

function resolvePreempt(value: unknown, problems: OptionProblem[]): PreemptSettings | undefined {
  if (value === false) return undefined;
  if (value === true) return { calls: true, loops: true, budget: DEFAULT_CHECKPOINT_BUDGET, sliceMs: undefined };
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    problems.push({ template: Diagnostics.BadOptionValue, args: ["preempt", "true, false or { calls, loops, budget, sliceMs }", JSON.stringify(value)] });
    return undefined;
  }
  const settings: PreemptSettings = { calls: false, loops: false, budget: DEFAULT_CHECKPOINT_BUDGET, sliceMs: undefined };
  for (const [key, field] of Object.entries(value as Record<string, unknown>)) {
    const bad = (accepts: string) => problems.push({ template: Diagnostics.BadOptionValue, args: [`preempt.${key}`, accepts, JSON.stringify(field)] });
    if (key === "calls" || key === "loops") {
      if (typeof field === "boolean") settings[key] = field;
      else bad("true or false");
    } else if (key === "budget") {
      if (Number.isInteger(field) && (field as number) > 0) settings.budget = field as number;
      else bad("a positive integer");
    } else if (key === "sliceMs") {
      if (typeof field === "number" && field >= 0 && Number.isFinite(field)) settings.sliceMs = field;
      else bad("a number of milliseconds ≥ 0");
    } else {
      problems.push({ template: Diagnostics.UnknownOption, args: [`preempt.${key}`, "'calls', 'loops', 'budget', 'sliceMs'"] });
    }
  }
  return settings.calls || settings.loops ? settings : undefined;
}

/** `@coroutine preempt` (calls and loops), `preempt loops`, `preempt calls`: per-function pre-emption. */
export function preemptFor(flags: readonly string[], fileLevel: PreemptSettings | undefined): PreemptSettings | undefined {
  const at = flags.indexOf("preempt");
  if (at < 0) return fileLevel;
  const rest = flags.slice(at + 1).filter((word) => word === "calls" || word === "loops");
  const base = fileLevel ?? { calls: false, loops: false, budget: DEFAULT_CHECKPOINT_BUDGET, sliceMs: undefined };
  if (rest.length === 0) return { ...base, calls: true, loops: true };
  return { ...base, calls: rest.includes("calls"), loops: rest.includes("loops") };
}
