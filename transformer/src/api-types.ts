// The shapes `lower()` and `inspect()` return: plain data, so the playground, the CLI and the
// tests can use them without the TypeScript API.

/** One diagnostic, positioned in the input (1-based line and column). */
export interface LowerDiagnostic {
  /** Stable code, e.g. 1001 for SL1001. */
  code: number;
  category: "error" | "warning";
  message: string;
  fileName: string;
  /** Offset and length of the smallest offending node in the input text. */
  start: number;
  length: number;
  line: number;
  column: number;
}

/** How control leaves one state for another. */
export type TransitionKind = "fallthrough" | "jump" | "branch" | "await" | "yield" | "throw" | "return";

export interface StateTransition {
  /** Target state name, or "Done" when the machine finishes. */
  to: string;
  kind: TransitionKind;
}

/** One state of a machine: a `case` of its `resume` switch. */
export interface StateInfo {
  /** The number the state has in the enum. */
  id: number;
  /** The enum member name: `Start`, `Await0`, `LoopHead1`, … */
  name: string;
  /** The source text the state stands for, as in the `case` comment. */
  comment: string;
  /** Where in the input the state starts (1-based). */
  line: number;
  column: number;
  /** Offsets of the source span the state stands for, in the input. */
  start: number;
  end: number;
  transitions: StateTransition[];
}

/** What was made of one lowered function. */
export interface FunctionReport {
  /** The function's name (or `anon$<line>_<col>`). */
  name: string;
  /** Names of the generated machine class and state enum. */
  machine: string;
  stateEnum: string;
  kind: "async" | "generator" | "async-generator";
  mode: "spec" | "task";
  states: StateInfo[];
  /** Fields the machine keeps: the locals live across a suspension, and temporaries. */
  fields: string[];
  /** The IR listing, in the notation of transformer/src/ir/ir.ts. */
  ir: string;
  /** Where the original function was (1-based). */
  line: number;
  column: number;
}

export interface LowerResult {
  /** The lowered module as TypeScript source. */
  code: string;
  diagnostics: LowerDiagnostic[];
}

export interface InspectResult extends LowerResult {
  functions: FunctionReport[];
  /** Source map (v3, JSON object) from `code` back to the input. */
  sourceMap: { version: 3; sources: string[]; names: string[]; mappings: string; file?: string; sourcesContent?: string[] };
}
