// The table of user-facing diagnostic codes (SL1xxx) and how they become ts.Diagnostics.
// Codes are never renumbered: a retired code stays reserved.

import type { TS, TsApi } from "./ts-api.js";

export interface DiagnosticTemplate {
  code: number;
  category: "error" | "warning";
  message: string;
}

export const Diagnostics = {
  UnknownOption: { code: 1001, category: "error", message: "Unknown stackless option '{0}'; accepted options are {1}." },
  BadOptionValue: { code: 1002, category: "error", message: "Stackless option '{0}' must be {1}; got {2}." },
  GeneratorNotLoweredYet: { code: 1010, category: "error", message: "Generators cannot be lowered yet; '{0}' is left as it was." },
  /** Retired: `for await` is lowered (lower/loops.ts). Kept so that no code is ever reused. */
  ForAwaitNotLoweredYet: { code: 1011, category: "error", message: "'for await' loops cannot be lowered yet; the function is left as it was." },
  /** Now only for `super(…)` called in an async arrow inside a constructor (every `super.x` form is lowered). */
  SuperNotLoweredYet: { code: 1012, category: "error", message: "'super' inside a lowered function is not supported yet; the function is left as it was." },
  PrivateNameNotLoweredYet: { code: 1013, category: "error", message: "Private names ('{0}') inside a lowered function are not supported yet; the function is left as it was." },
  /** Retired: `new.target` is lowered (lower/rewrite.ts). */
  NewTargetNotLoweredYet: { code: 1014, category: "error", message: "'new.target' inside a lowered function is not supported yet; the function is left as it was." },
  /** Retired: destructuring parameters are lowered (lower/function.ts). */
  ParameterPatternNotLoweredYet: { code: 1015, category: "error", message: "Destructuring parameters cannot be lowered yet; bind the parameter to a name and destructure it in the body." },
  LoopBindingCapturedAcrossAwait: {
    code: 1016,
    category: "error",
    message: "A function declaration nested in a block captures per-iteration bindings ({0}) of a loop that suspends; this cannot be lowered yet: use a function expression.",
  },
  AwaitInTaggedTemplate: { code: 1017, category: "error", message: "'await' inside a tagged template cannot be lowered yet; await into a local first." },
  AwaitInUnsupportedPosition: { code: 1018, category: "error", message: "'{0}' containing 'await' cannot be lowered yet; await into a local first." },
  WithStatement: { code: 1019, category: "error", message: "'with' statements cannot be lowered; move the 'with' block into a plain function." },
  CoroutineTagOnNonAsync: { code: 1020, category: "warning", message: "'@coroutine' marks '{0}', which is neither async nor a generator; it is left as it was." },
  /** Retired: task mode is lowered. */
  TaskModeNotLoweredYet: { code: 1021, category: "error", message: "Task mode cannot be lowered yet; '{0}' is left as it was." },
  /** Retired: lower/destructuring.ts lowers these patterns. Kept so that no code is ever reused. */
  DestructuringWithAwaitNotLoweredYet: {
    code: 1022,
    category: "error",
    message: "A destructuring pattern containing 'await' cannot be lowered yet; await into a local first.",
  },
  /** Reserved: getters, setters and constructors cannot be async, so this never fires today. */
  AccessorNotLowered: { code: 1023, category: "error", message: "Getters, setters and constructors cannot be coroutines." },
  DirectEval: {
    code: 1024,
    category: "error",
    message: "A direct 'eval' reads and writes the function's local variables by name, which a lowered function keeps elsewhere; the function is left as it was.",
  },
  SloppyBlockFunction: {
    code: 1025,
    category: "error",
    message: "Function '{0}' is declared in a block of a sloppy-mode function, where it is also a function-level variable (Annex B); this cannot be lowered yet: declare it at the top of the function or use strict mode.",
  },
  VarRedeclaresCapturedParameter: {
    code: 1026,
    category: "error",
    message: "'var {0}' redeclares a parameter that a closure in the parameter list captures; the two bindings cannot be kept apart in a lowered function yet: rename the variable.",
  },
} satisfies Record<string, DiagnosticTemplate>;

/** `SL1002: …`: for hosts that print the numeric code as `TS1002` (tsc, tspc). */
export function withCodePrefix(diagnostic: TS.Diagnostic): TS.Diagnostic {
  const text = typeof diagnostic.messageText === "string" ? diagnostic.messageText : diagnostic.messageText.messageText;
  return { ...diagnostic, messageText: `stackless SL${diagnostic.code}: ${text}` };
}

/** Fills `{0}`, `{1}`, … in a template message. */
export function formatMessage(template: DiagnosticTemplate, args: readonly string[]): string {
  return template.message.replace(/\{(\d+)\}/g, (_, i: string) => args[Number(i)] ?? "");
}

/** A diagnostic on the smallest offending node (HS-9). */
export function createDiagnostic(
  ts: TsApi,
  template: DiagnosticTemplate,
  node: TS.Node | undefined,
  args: readonly string[] = [],
): TS.Diagnostic {
  // Synthesized nodes have no source position: report on the parse-tree node they came from.
  const parsed = node && ts.getParseTreeNode(node);
  const file = parsed?.getSourceFile();
  const start = parsed && file ? parsed.getStart(file) : undefined;
  return {
    file,
    start,
    length: parsed && start !== undefined ? parsed.getEnd() - start : undefined,
    messageText: formatMessage(template, args),
    category: template.category === "error" ? ts.DiagnosticCategory.Error : ts.DiagnosticCategory.Warning,
    code: template.code,
    source: "stackless",
  };
}
