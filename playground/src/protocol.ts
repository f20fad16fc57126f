// The messages between the page and its two kinds of worker (the transform worker and the run
// sandbox), and the data both sides share. Plain structured-clone data only.

import type { InspectResult } from "../../transformer/src/api-types.js";

/** The options the page's panel edits; a subset of the transformer's options. */
export interface PlaygroundOptions {
  mode: "spec" | "task";
  lowerAll: boolean;
  preempt: { calls: boolean; loops: boolean; budget: number | undefined };
}

export const DEFAULT_OPTIONS: PlaygroundOptions = { mode: "spec", lowerAll: false, preempt: { calls: false, loops: false, budget: undefined } };

/** One generated range of the formatted output and the source offset it maps back to. */
export type OutputMapping = [outStart: number, outEnd: number, sourceOffset: number];

export type TransformRequest =
  | { type: "inspect"; id: number; source: string; options: PlaygroundOptions }
  | { type: "compile"; id: number; source: string; exec: string | undefined; options: PlaygroundOptions };

/** `inspect()`'s result plus what the page needs to show it. */
export interface InspectView {
  result: InspectResult;
  /** `result.code` formatted with prettier (or unformatted if prettier failed). */
  formatted: string;
  /** Why formatting failed, if it did. */
  formatError: string | undefined;
  /** The source map, re-expressed against `formatted`, sorted by `outStart`. */
  mappings: OutputMapping[];
  durationMs: number;
}

/** A program ready for the sandbox: CommonJS JavaScript for the input and (optionally) exec.ts. */
export interface CompiledProgram {
  input: string;
  exec: string | undefined;
}

export type TransformResponse =
  | { type: "inspected"; id: number; view: InspectView }
  | { type: "compiled"; id: number; native: CompiledProgram; lowered: CompiledProgram; diagnostics: string[] }
  | { type: "failed"; id: number; message: string; stack: string | undefined };

/** page → sandbox. */
export type SandboxRequest =
  | { type: "run"; program: CompiledProgram; variant: "native" | "lowered"; stepping: boolean; ticks: number }
  | { type: "step" }
  | { type: "continue" };

/** One resume of a machine, seen by the sandbox in the lowered variant. */
export interface ResumeEvent {
  machine: string;
  state: number;
}

/** sandbox → page. */
export type SandboxMessage =
  | { type: "log"; text: string; kind: "log" | "result" | "error" | "tick" }
  | { type: "paused"; waiting: ResumeEvent[] }
  | { type: "resumed"; event: ResumeEvent; after: number; step: number }
  | { type: "done" };
