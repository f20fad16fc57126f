// Facts about a function's states that shape its `resume` method (resume-method.ts): which
// states run only right after `resume` is entered, which are short enough to copy into the
// jumps to them, which suspend, and which names a case declares in the switch's scope.
// Pure reads of the IR; nothing here builds code.

import type { FunctionIR, Label, Op } from "../ir/ir.js";
import type { LoweringContext } from "../lower/context.js";
import type { TS } from "../ts-api.js";
import type { State, StateTable } from "./states.js";
import { collectBindingNames } from "../util/binding-names.js";

/** A copied state has at most this many ops: enough for a loop head (test, check point, await). */
const COPY_OPS = 6;
/** Ops whose code is the same wherever it is emitted. */
const COPYABLE_OPS: ReadonlySet<Op["kind"]> = new Set(["stmt", "assign", "br", "brtrue", "brfalse", "await", "yield", "checkpoint", "return", "throw"]);

/** Whether control can go on to the op after `op`. */
export function canFallThrough(op: Op): boolean {
  return !(op.kind === "br" || op.kind === "await" || op.kind === "yield" || op.kind === "return" || op.kind === "throw" || op.kind === "through");
}

/**
 * States whose code runs only right after `resume` is entered in them, so `this.state` still
 * holds them there: Start, and states made only of resume points (await, yield, check point)
 * that the state before cannot fall into. A suspension in such a state that resumes at the
 * same state need not store `this.state` again (measured: 0.5 ns of a 4 ns ready await), and
 * its case can load the fields it needs itself.
 */
export function findEntryOnlyStates(ir: FunctionIR, table: StateTable): Set<State> {
  const ops = ir.ops;
  const resumeLabels = new Set<Label>();
  for (const op of ops) if (op.kind === "await" || op.kind === "yield" || op.kind === "checkpoint") resumeLabels.add(op.resume);
  const entryOnly = new Set<State>();
  for (const state of table.states) {
    if (state.start < 0) continue;
    let onlyResumes = true;
    for (let i = state.start; i < state.end && ops[i]!.kind === "mark"; i++) {
      const label = (ops[i] as Extract<Op, { kind: "mark" }>).label;
      const info = ir.labels[label]!;
      if (info.referenced && !resumeLabels.has(label) && !(state.id === 0 && info.kind === "Start")) onlyResumes = false;
    }
    const before = table.states[state.id - 1];
    const fallenInto = before !== undefined && before.start >= 0 && ops.slice(before.start, before.end).every(canFallThrough);
    if (onlyResumes && (state.id === 0 || !fallenInto)) entryOnly.add(state);
  }
  return entryOnly;
}

/**
 * Whether `state`'s code may be copied to a jump into it: it is short (COPY_OPS ops), ends in a
 * terminator, and holds only ops whose code does not depend on where it sits (no labeled-break
 * placeholders, whose labels are claimed once; no receive, which belongs right after a resume).
 */
export function isCopyable(ts: LoweringContext["ts"], ir: FunctionIR, state: State, placeholders: ReadonlyMap<TS.Node, unknown>): boolean {
  if (state.start < 0) return false;
  let count = 0;
  for (let i = state.start; i < state.end; i++) {
    const op = ir.ops[i]!;
    if (op.kind === "mark") continue;
    if (++count > COPY_OPS || !COPYABLE_OPS.has(op.kind) || (op.kind === "stmt" && hasPlaceholders(ts, op.node, placeholders))) return false;
    if (!canFallThrough(op)) return true;
  }
  return false;
}

function hasPlaceholders(ts: LoweringContext["ts"], node: TS.Node, placeholders: ReadonlyMap<TS.Node, unknown>): boolean {
  if (placeholders.size === 0) return false;
  const visit = (n: TS.Node): boolean => placeholders.has(n) || (ts.forEachChild(n, visit) ?? false);
  return visit(node);
}

/**
 * Whether `state`'s code suspends. In spec mode such a state is copied only to the end of a
 * case, not into a conditional jump's branch: the dispatch it saves is noise beside a native
 * await, and a second suspension in one case made V8 inline less into `resume` (measured: a
 * 10-deep spec-mode chain, 11.4k → 12.8k instructions per chain). In task mode, where a ready
 * await costs a few nanoseconds, the same copy saves 10% of the chain (4.1k → 3.7k).
 */
export function stateSuspends(ir: FunctionIR, state: State): boolean {
  for (let i = state.start; i < state.end; i++) {
    const kind = ir.ops[i]!.kind;
    if (kind === "await" || kind === "yield" || kind === "checkpoint") return true;
  }
  return false;
}

/** Names that statements emitted directly into a case clause declare in the switch's scope. */
export function namesDeclaredInCases(ts: LoweringContext["ts"], ir: FunctionIR): Set<string> {
  const names = new Set<string>();
  for (const op of ir.ops) {
    if (op.kind !== "stmt") continue;
    const node = op.node;
    if (ts.isVariableStatement(node)) {
      for (const declaration of node.declarationList.declarations) collectBindingNames(ts, declaration.name, names);
    } else if ((ts.isClassDeclaration(node) || ts.isFunctionDeclaration(node) || ts.isEnumDeclaration(node) || ts.isModuleDeclaration(node)) && node.name && ts.isIdentifier(node.name)) {
      names.add(node.name.text);
    }
  }
  return names;
}
