// Assigns state numbers: a state starts at each marked label that something refers to (a jump,
// a resume, a try region); labels marked at the same point share one state; unreferenced
// labels make no state (HS-3). Numbers follow emission order, so try blocks are ranges.

import type { FunctionIR, Label, LabelInfo } from "../ir/ir.js";
import type { TS } from "../ts-api.js";

export interface State {
  readonly id: number;
  readonly name: string;
  /** The label that names the state (the first marked there). */
  readonly label: LabelInfo;
  /** Ops [start, end) of the IR that this state's case runs. */
  readonly start: number;
  readonly end: number;
  readonly origin: TS.Node | undefined;
}

export interface StateTable {
  readonly states: State[];
  /** The state each referenced label belongs to. */
  stateOf(label: Label): State;
}

export function numberStates(ir: FunctionIR, extraLabels: readonly Label[]): StateTable {
  const states: State[] = [];
  const byLabel = new Map<Label, State>();
  const starts: { position: number; labels: Label[] }[] = [];
  ir.ops.forEach((op, position) => {
    if (op.kind !== "mark" || !ir.labels[op.label]!.referenced) return;
    const last = starts[starts.length - 1];
    if (last && (last.position === position || onlyMarksBetween(ir, last.position, position))) last.labels.push(op.label);
    else starts.push({ position, labels: [op.label] });
  });
  starts.forEach((start, i) => {
    const info = ir.labels[start.labels[0]!]!;
    const state: State = {
      id: states.length,
      name: `${info.kind}${info.kind === "Start" ? "" : info.index}`,
      label: info,
      start: start.position,
      end: i + 1 < starts.length ? starts[i + 1]!.position : ir.ops.length,
      origin: info.origin,
    };
    states.push(state);
    for (const label of start.labels) byLabel.set(label, state);
  });
  // Trampolines are emitted after the body by the emitter; they get the last numbers.
  for (const label of extraLabels) {
    const info = ir.labels[label]!;
    const state: State = { id: states.length, name: `${info.kind}${info.index}`, label: info, start: -1, end: -1, origin: info.origin };
    states.push(state);
    byLabel.set(label, state);
  }
  return {
    states,
    stateOf(label) {
      const state = byLabel.get(label);
      if (!state) throw new Error(`stackless internal error: label ${ir.labels[label]?.kind}${ir.labels[label]?.index} has no state (referenced=${ir.labels[label]?.referenced})`);
      return state;
    },
  };
}

function onlyMarksBetween(ir: FunctionIR, from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (ir.ops[i]!.kind !== "mark") return false;
  return true;
}
