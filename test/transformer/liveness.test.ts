// Unit tests of the liveness analysis, through `inspect()`: which locals become fields (live
// across a suspension) and which suspensions store what.

import { describe, expect, it } from "vitest";
import { inspect } from "../../transformer/src/index.js";

function lowered(body: string, params = "") {
  const result = inspect(`/** @coroutine */ async function f(${params}) {\n${body}\n}`);
  expect(result.diagnostics).toEqual([]);
  return { fields: result.functions[0]!.fields, code: result.code };
}

describe("liveness", () => {
  it("keeps a local used only before the first await out of the fields", () => {
    const { fields } = lowered("let a = 1; use(a); await x; use(2);");
    expect(fields).not.toContain("a");
  });

  it("makes a local read after an await a field", () => {
    const { fields } = lowered("let a = 1; await x; use(a);");
    expect(fields).toContain("a");
  });

  it("does not keep a local redefined after the await before it is read", () => {
    const { fields } = lowered("let a = 1; use(a); await x; a = 2; use(a);");
    expect(fields).not.toContain("a");
  });

  it("keeps loop variables of a tight loop inside one state as JS locals", () => {
    const { fields, code } = lowered("await x; let s = 0; for (let i = 0; i < n; i++) s += i; return s;", "n: number");
    expect(fields).not.toContain("s");
    expect(code).not.toMatch(/this\.s\b/);
  });

  it("keeps a local live across a loop back-edge that suspends", () => {
    const { fields } = lowered("let total = 0; for (const v of vs) { total += await v; } return total;", "vs: number[]");
    expect(fields).toContain("total");
  });

  it("sees a local live in a catch handler reached by a throw during an await", () => {
    const { fields } = lowered("let a = 1; try { await x; } catch { use(a); }");
    expect(fields).toContain("a");
  });

  it("stores a field only where it may have changed since the machine resumed", () => {
    const { code } = lowered("let a = 1; await x; await y; use(a);");
    expect(code.match(/this\.a = a;/g)).toHaveLength(1);
  });

  it("stores nothing for a parameter that is never reassigned", () => {
    const { code, fields } = lowered("await x; use(p);", "p: number");
    expect(fields).toContain("p");
    // The constructor stores it once; `resume` never does.
    expect(code.slice(code.indexOf("resume("))).not.toMatch(/this\.p = p/);
  });
});
