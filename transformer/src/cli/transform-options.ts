// Reads the transform flags every command shares (--mode, --preempt, --lower-all) into the
// transformer's options, rejecting bad values as usage errors before any file is read.

import type { Options } from "../options.js";
import { UsageError, type CommandName } from "./usage.js";

/** Pre-emption settings as design.md §5 names them. */
export interface PreemptSetting {
  calls?: boolean;
  loops?: boolean;
  budget?: number;
  sliceMs?: number;
}

/** What the CLI hands to `lower` / `inspect`. */
export type CliTransformOptions = Options & { preempt?: PreemptSetting };

/** The parseArgs option table for the shared flags. */
export const TRANSFORM_FLAGS = {
  mode: { type: "string" },
  preempt: { type: "string" },
  "lower-all": { type: "boolean" },
} as const;

export interface TransformFlagValues {
  mode?: string | undefined;
  preempt?: string | undefined;
  "lower-all"?: boolean | undefined;
}

/** Turns the shared flags into options; only the flags given appear in the result. */
export function readTransformOptions(values: TransformFlagValues, command: CommandName): CliTransformOptions {
  const options: CliTransformOptions = {};
  if (values.mode !== undefined) {
    if (values.mode !== "spec" && values.mode !== "task") {
      throw new UsageError(`--mode must be 'spec' or 'task'; got '${values.mode}'`, command);
    }
    options.mode = values.mode;
  }
  if (values["lower-all"]) options.lowerAll = true;
  if (values.preempt !== undefined) {
    const preempt = parsePreempt(values.preempt, command);
    if (preempt) options.preempt = preempt;
  }
  return options;
}

/**
 * Parses `calls,loops,budget=100,slice=2` (any subset, any order) or `off`.
 * Returns undefined for `off`.
 */
export function parsePreempt(text: string, command: CommandName): PreemptSetting | undefined {
  if (text.trim() === "off") return undefined;
  const setting: PreemptSetting = {};
  const items = text.split(",").map((item) => item.trim());
  for (const item of items) {
    const [key, value, ...rest] = item.split("=");
    if (rest.length > 0 || key === "") throw badPreempt(item, command);
    if ((key === "calls" || key === "loops") && value === undefined) {
      setting[key] = true;
    } else if ((key === "budget" || key === "slice") && value !== undefined) {
      const n = Number(value);
      if (value.trim() === "" || !Number.isFinite(n) || n <= 0) {
        throw new UsageError(`--preempt ${key} must be a positive number; got '${value}'`, command);
      }
      if (key === "budget") setting.budget = n;
      else setting.sliceMs = n;
    } else {
      throw badPreempt(item, command);
    }
  }
  return setting;
}

function badPreempt(item: string, command: CommandName): UsageError {
  return new UsageError(`--preempt takes calls, loops, budget=N, slice=MS or off; got '${item}'`, command);
}
