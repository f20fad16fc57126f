// Unit tests of the IR builder: label numbering per kind, "marked once" (HS-3), and that a
// referenced label must be marked before the IR is finished.

import ts from "typescript";
import { describe, expect, it } from "vitest";
import { IRBuilder } from "../../transformer/src/ir/builder.js";
import { formatIR } from "../../transformer/src/ir/listing.js";

describe("IRBuilder", () => {
  it("numbers labels per kind in definition order", () => {
    const b = new IRBuilder();
    const a0 = b.defineLabel("Await");
    const l0 = b.defineLabel("LoopHead");
    const a1 = b.defineLabel("Await");
    expect([b.labelInfo(a0).index, b.labelInfo(l0).index, b.labelInfo(a1).index]).toEqual([0, 0, 1]);
  });

  it("refuses to mark a label twice", () => {
    const b = new IRBuilder();
    const label = b.defineLabel("Join");
    b.markLabel(label);
    expect(() => b.markLabel(label)).toThrow(/marked twice/);
  });

  it("refuses to finish with a jump to a label that was never marked", () => {
    const b = new IRBuilder();
    const start = b.defineLabel("Start");
    b.markLabel(start);
    b.emitOp({ kind: "br", label: b.defineLabel("LoopExit") });
    expect(() => b.finish()).toThrow(/referenced but never marked/);
  });

  it("marks jump and resume targets as referenced, and only those", () => {
    const b = new IRBuilder();
    const f = ts.factory;
    const start = b.defineLabel("Start");
    const unused = b.defineLabel("Join");
    const resume = b.defineLabel("Await");
    b.markLabel(start);
    b.markLabel(unused);
    b.emitOp({ kind: "await", value: f.createIdentifier("x"), resume, origin: f.createIdentifier("x") });
    b.markLabel(resume);
    b.emitOp({ kind: "receive", target: "t0" });
    b.emitOp({ kind: "return", value: f.createIdentifier("t0") });
    const ir = b.finish();
    expect(ir.labels.map((l) => l.referenced)).toEqual([true, false, true]);
    const file = ts.createSourceFile("x.ts", "", ts.ScriptTarget.Latest);
    expect(formatIR(ts, ir, file)).toBe([".mark Start", ".await x -> Await0", ".mark Await0", ".receive t0", ".return t0"].join("\n"));
  });

  it("retargets the last receive so `x = await e` needs no temporary", () => {
    const b = new IRBuilder();
    b.emitOp({ kind: "receive", target: "t0" });
    expect(b.retargetReceive("t1", "x")).toBe(false);
    expect(b.retargetReceive("t0", "x")).toBe(true);
    expect(b.lastOp()).toEqual({ kind: "receive", target: "x" });
  });
});
