// Describes the states of a lowered function as plain data (names, source spans, transitions),
// for `inspect()`: the playground's state graph, the CLI's `graph` command and tests.

import type { StateInfo, StateTransition, TransitionKind } from "../api-types.js";
import type { FunctionIR, Label } from "../ir/ir.js";
import type { TS, TsApi } from "../ts-api.js";
import { stateComment } from "./resume-method.js";
import type { StateTable } from "./states.js";

/** The state an exception thrown in state `id` continues at, if a try region covers it. */
function exceptionHandler(ir: FunctionIR, table: StateTable, id: number): string | undefined {
  const idOf = (label: Label | undefined) => (label === undefined ? undefined : table.stateOf(label).id);
  // Innermost regions are created last.
  for (const region of [...ir.regions].reverse()) {
    const tryStart = idOf(region.tryLabel)!;
    const catchStart = idOf(region.catchLabel);
    const finallyStart = idOf(region.finallyLabel);
    const tryEnd = catchStart ?? finallyStart ?? idOf(region.endLabel)!;
    if (id >= tryStart && id < tryEnd) return table.states[(catchStart ?? finallyStart)!]!.name;
    if (catchStart !== undefined && finallyStart !== undefined && id >= catchStart && id < finallyStart) return table.states[finallyStart]!.name;
  }
  return undefined;
}

export function buildStateReport(ts: TsApi, ir: FunctionIR, table: StateTable, fn: TS.Node): StateInfo[] {
  const file = fn.getSourceFile();
  return table.states.map((state) => {
    const transitions: StateTransition[] = [];
    const add = (to: string, kind: TransitionKind) => {
      if (!transitions.some((t) => t.to === to && t.kind === kind)) transitions.push({ to, kind });
    };
    const nameOf = (label: Label) => table.stateOf(label).name;
    let fallsThrough = true;
    for (let i = state.start; i < state.end && fallsThrough; i++) {
      const op = ir.ops[i]!;
      switch (op.kind) {
        case "br": add(nameOf(op.label), "jump"); fallsThrough = false; break;
        case "brtrue": case "brfalse": add(nameOf(op.label), "branch"); break;
        case "await": add(nameOf(op.resume), "await"); fallsThrough = false; break;
        case "return": add("Done", "return"); fallsThrough = false; break;
        case "throw": add("Done", "throw"); fallsThrough = false; break;
        case "through": add(nameOf(op.region.finallyLabel!), "jump"); fallsThrough = false; break;
        case "stmt": op.jumps.forEach((l) => add(nameOf(l), "jump")); if (op.returns) add("Done", "return"); break;
        case "endfinally":
          op.region.jumpTargets.forEach((l) => add(nameOf(l), "jump"));
          if (op.region.outerFinally) add(nameOf(op.region.outerFinally.finallyLabel!), "jump");
          else add("Done", "return");
          add("Done", "throw");
          break;
      }
    }
    if (fallsThrough) {
      const next = table.states[state.id + 1];
      add(next ? next.name : "Done", next ? "fallthrough" : "return");
    }
    // A throw in a try block goes to its catch (or finally), in a catch block to its finally.
    const handler = exceptionHandler(ir, table, state.id);
    if (handler) add(handler, "throw");
    const origin = state.label.kind === "Start" ? fn : ts.getParseTreeNode(state.origin) ?? fn;
    const start = origin.pos >= 0 ? origin.getStart(file) : 0;
    const position = file.getLineAndCharacterOfPosition(start);
    return {
      id: state.id,
      name: state.name,
      comment: stateComment(ts, state, fn) ?? state.name,
      line: position.line + 1,
      column: position.character + 1,
      start,
      end: origin.end,
      transitions,
    };
  });
}
