// The fixtures dropdown's data: every fixtures/**/input.ts (with its exec.ts and the options.json
// files merged from the feature folder down to the case), bundled through Vite's glob. They are
// small, so they are bundled eagerly: one chunk instead of one request per file.

import { DEFAULT_OPTIONS, type PlaygroundOptions } from "./protocol.js";

const inputs = import.meta.glob<string>("../../fixtures/**/input.ts", { query: "?raw", import: "default", eager: true });
const execs = import.meta.glob<string>("../../fixtures/**/exec.ts", { query: "?raw", import: "default", eager: true });
const optionFiles = import.meta.glob<Record<string, unknown>>("../../fixtures/**/options.json", { import: "default", eager: true });

const PREFIX = "../../fixtures/";

export interface Fixture {
  /** `feature/case`, the folder below fixtures/. */
  name: string;
  input: string;
  exec: string | undefined;
  options: PlaygroundOptions;
}

/** Names of all fixtures, sorted. */
export function fixtureNames(): string[] {
  return Object.keys(inputs)
    .map((path) => path.slice(PREFIX.length, -"/input.ts".length))
    .sort();
}

export function loadFixture(name: string): Fixture | undefined {
  const input = inputs[`${PREFIX}${name}/input.ts`];
  if (input === undefined) return undefined;
  return { name, input, exec: execs[`${PREFIX}${name}/exec.ts`], options: fixtureOptions(name) };
}

/** options.json merged from parent to child (HS-10), read into the panel's options. */
function fixtureOptions(name: string): PlaygroundOptions {
  const merged: Record<string, unknown> = {};
  const parts = name.split("/");
  for (let depth = 0; depth <= parts.length; depth++) {
    const file = optionFiles[`${PREFIX}${[...parts.slice(0, depth), "options.json"].join("/")}`];
    if (file) Object.assign(merged, file);
  }
  const options = structuredClone(DEFAULT_OPTIONS);
  if (merged.mode === "spec" || merged.mode === "task") options.mode = merged.mode;
  if (merged.lowerAll === true) options.lowerAll = true;
  const preempt = merged.preempt as { calls?: unknown; loops?: unknown; budget?: unknown } | undefined;
  if (preempt && typeof preempt === "object") {
    options.preempt.calls = preempt.calls === true;
    options.preempt.loops = preempt.loops === true;
    if (typeof preempt.budget === "number") options.preempt.budget = preempt.budget;
  }
  return options;
}
