// Builds a FunctionIR: defines and marks labels, appends ops, opens try regions. All ops go
// through `emitOp` (TypeScript's emitWorker), so the op list is the single record of order.

import { assert } from "../util/assert.js";
import type { TS } from "../ts-api.js";
import type { FunctionIR, Label, LabelInfo, LabelKind, Op, TryRegion } from "./ir.js";

export class IRBuilder {
  private readonly ops: Op[] = [];
  private readonly labels: LabelInfo[] = [];
  private readonly regions: TryRegion[] = [];
  private readonly counters = new Map<LabelKind, number>();

  /** A new label; its per-kind number follows source order because lowering does. */
  defineLabel(kind: LabelKind, origin?: TS.Node): Label {
    const index = this.counters.get(kind) ?? 0;
    this.counters.set(kind, index + 1);
    this.labels.push({ kind, index, origin, position: -1, referenced: kind === "Start" });
    return (this.labels.length - 1) as Label;
  }

  /** Marks `label` at the current position: "marked once" (HS-3). */
  markLabel(label: Label): void {
    const info = this.labels[label];
    assert(info && info.position === -1, `label ${label} marked twice (HS-3)`);
    info.position = this.ops.length;
    this.ops.push({ kind: "mark", label });
  }

  /** Records that `label` is a jump, resume or region target: it gets a state. */
  reference(label: Label): Label {
    this.labels[label]!.referenced = true;
    return label;
  }

  emitOp(op: Op): void {
    switch (op.kind) {
      case "br":
      case "brtrue":
      case "brfalse":
        this.reference(op.label);
        break;
      case "await":
      case "yield":
      case "delegate":
      case "checkpoint":
        this.reference(op.resume);
        break;
      case "through":
        this.reference(op.region.finallyLabel!);
        if (op.completion === 3) this.reference(op.target);
        break;
      case "stmt":
        op.jumps.forEach((label) => this.reference(label));
        break;
    }
    this.ops.push(op);
  }

  addRegion(region: Omit<TryRegion, "id" | "jumpTargets">): TryRegion {
    const full: TryRegion = { ...region, id: this.regions.length, jumpTargets: [] };
    this.reference(full.tryLabel);
    if (full.catchLabel !== undefined) this.reference(full.catchLabel);
    if (full.finallyLabel !== undefined) this.reference(full.finallyLabel);
    this.reference(full.endLabel);
    this.regions.push(full);
    return full;
  }

  labelInfo(label: Label): LabelInfo {
    return this.labels[label]!;
  }

  /**
   * If the last op is `.receive temp`, makes it receive into `target` instead and returns true:
   * `x = await e` then needs no temporary.
   */
  retargetReceive(temp: string, target: string): boolean {
    const last = this.ops[this.ops.length - 1];
    if (!last || last.kind !== "receive" || last.target !== temp) return false;
    this.ops[this.ops.length - 1] = { ...last, target };
    return true;
  }

  /** The last op emitted, to tell whether control can fall through past it. */
  lastOp(): Op | undefined {
    return this.ops[this.ops.length - 1];
  }

  finish(): FunctionIR {
    for (const [i, info] of this.labels.entries()) {
      assert(!info.referenced || info.position >= 0, `label ${info.kind}${info.index} (#${i}) referenced but never marked (HS-3)`);
    }
    return { ops: this.ops, labels: this.labels, regions: this.regions };
  }
}
