// The intermediate representation a coroutine body is lowered to: a flat list of operations
// with symbolic labels, in the manner of TypeScript's generators transform. Lowering (lower/)
// produces it; liveness (analysis/liveness.ts) reads it; emission (emit/) turns it into the
// machine's `resume` method.
//
// The IR as a small language. Each op, what it means, and the TypeScript it becomes:
//
//   op                         meaning                                   emitted
//   .mark L                    L names this point (a state if used)      case S.L:
//   .stmt s                    run a statement that cannot suspend       s
//   .assign x, e               x = e                                     x = e;
//   .br L                      go to L                                   state = S.L; continue;
//   .brtrue L, e / .brfalse    go to L when e is truthy / falsy          if (e) { state = S.L; continue; }
//   .await e -> L              suspend on e; continue at L               this.f = f; …; this.state = S.L; return this.await(e);
//   .yield e -> L              produce e (generators); continue at L     …stores; this.state = S.L; return this.yield(e);
//   .delegate d -> L, x        a yield* turn (d = $sl.delegate(it)),     switch (d.step(kind, input)) { case 0: …; return this.yieldDelegated(d.yielded);
//                              marked at L itself; x = its value          case 3: …; return this.await(d.awaited); case 2: <return d.value> } x = d.value;
//   .receive x                 the value (or throw) the machine resumes  if (kind === 1) throw input; x = input;
//                              with; always right after `.mark L`.
//                              In task mode and generators it also
//                              answers Cancel / Return by unwinding     if (kind === 3) { t1 = 2; state = S.Finally0; continue; }
//   .checkpoint -> L           pre-emption check point: spend budget;   if (--spin < 0) { spin = N; if ($sl.checkpoint()) {
//                              when spent and the slice is used up,         …stores; this.state = S.L; return this.preempt(); } }
//                              suspend and continue at L
//   .return e                  finish with e                             return this.done(e);
//   .throw e                   throw e                                   throw e;
//   .through F, kind[, e | L]  leave through finally region F: record    t1 = 2; t2 = e; state = S.Finally0; continue;
//                              the completion (return e, or jump to L)
//   .endfinally F              resume F's recorded completion            if (t1 === 1) throw t2; …
//
// Try regions live beside the ops: each names the labels where its try block, catch block and
// finally block start and where the statement ends. Because labels are marked in source
// order, each block is one contiguous range of states, which is what lets the emitted catch
// dispatcher find the handler of the state that threw with two comparisons.

import type { TS } from "../ts-api.js";

/** An opaque label: an index into the function's label table (HS-3). */
export type Label = number & { readonly __label: unique symbol };

/** What a label stands for; gives the state its name (`Await0`, `LoopHead1`, …, HS-4). */
export type LabelKind =
  | "Start"
  | "Await"
  | "Preempt"
  | "Delegate"
  | "Checked"
  | "Yield"
  | "LoopHead"
  | "LoopContinue"
  | "LoopExit"
  | "Then"
  | "Else"
  | "EndIf"
  | "Case"
  | "SwitchExit"
  | "BlockExit"
  | "Try"
  | "Catch"
  | "Finally"
  | "TryExit"
  | "Jump"
  | "Join";

export interface LabelInfo {
  readonly kind: LabelKind;
  /** Per-kind counter in source order: the `0` of `Await0`. */
  readonly index: number;
  /** The source node the label stands for, for the `case` comment and positions. */
  readonly origin: TS.Node | undefined;
  /** Op index where the label was marked; -1 until marked (marked once: HS-3). */
  position: number;
  /** Jumped to, resumed at or named by a try region: it needs a state of its own. */
  referenced: boolean;
}

/** How a block is left through a finally region; recorded in the region's completion temps. */
export const enum Completion {
  Normal = 0,
  Throw = 1,
  Return = 2,
  Jump = 3,
}

export interface TryRegion {
  readonly id: number;
  readonly tryLabel: Label;
  readonly catchLabel: Label | undefined;
  readonly finallyLabel: Label | undefined;
  readonly endLabel: Label;
  /** The finally region this one is nested in (for returns and jumps leaving both). */
  readonly outerFinally: TryRegion | undefined;
  /** The enclosing region (any kind), for the dispatcher's nesting order. */
  readonly parent: TryRegion | undefined;
  /** Where the catch dispatcher stores the caught exception. */
  readonly errorTemp: string | undefined;
  /** Completion kind and value of a pending finally (Completion above). */
  readonly completionKind: string | undefined;
  readonly completionValue: string | undefined;
  /** Labels reached by `.through F, Jump, L` ops: the finally's possible continuations. */
  readonly jumpTargets: Label[];
}

export type Op =
  | { readonly kind: "mark"; readonly label: Label }
  | {
      readonly kind: "stmt";
      readonly node: TS.Statement;
      readonly jumps: readonly Label[];
      readonly returns: boolean;
    }
  | { readonly kind: "assign"; readonly target: string; readonly value: TS.Expression; readonly origin?: TS.Node }
  | { readonly kind: "br"; readonly label: Label; readonly origin?: TS.Node }
  | { readonly kind: "brtrue" | "brfalse"; readonly label: Label; readonly condition: TS.Expression; readonly origin?: TS.Node }
  | { readonly kind: "await"; readonly value: TS.Expression; readonly resume: Label; readonly origin: TS.Node }
  /** `spent`: the countdown already ran out (a native loop left by it): check the clock now. */
  | { readonly kind: "yield"; readonly value: TS.Expression; readonly resume: Label; readonly origin: TS.Node }
  /** One turn of a `yield*` (delegate.ts): stays at `resume` while the inner iterator yields or awaits. */
  | { readonly kind: "delegate"; readonly delegate: string; readonly resume: Label; readonly target: string | undefined; readonly region: TryRegion | undefined; readonly origin: TS.Node }
  | { readonly kind: "checkpoint"; readonly resume: Label; readonly origin: TS.Node; readonly spent?: boolean }
  | { readonly kind: "receive"; readonly target: string | undefined; readonly unwind?: Unwind; readonly throws?: false }
  | { readonly kind: "return"; readonly value: TS.Expression | undefined; readonly origin?: TS.Node }
  | { readonly kind: "throw"; readonly value: TS.Expression; readonly origin?: TS.Node }
  | { readonly kind: "through"; readonly region: TryRegion; readonly completion: Completion.Return; readonly value: TS.Expression | undefined; readonly origin?: TS.Node }
  | { readonly kind: "through"; readonly region: TryRegion; readonly completion: Completion.Jump; readonly target: Label; readonly origin?: TS.Node }
  | { readonly kind: "endfinally"; readonly region: TryRegion };

/**
 * How a resume point answers an abrupt resumption that is a return completion: `gen.return(v)`
 * (ResumeKind.Return, value `input`) or a task's cancellation (ResumeKind.Cancel, which no
 * `catch` intercepts). It leaves through `region`'s finally, or returns when there is none.
 */
export interface Unwind {
  readonly resumeKind: 2 | 3;
  readonly withValue: boolean;
  readonly region: TryRegion | undefined;
}

/** A lowered function body: what emission and liveness consume. */
export interface FunctionIR {
  readonly ops: readonly Op[];
  readonly labels: readonly LabelInfo[];
  readonly regions: readonly TryRegion[];
}
