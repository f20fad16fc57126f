// Unit tests of the loop-counter analysis (analysis/loop-counter.ts) through the lowered code:
// which native loops check pre-emption by comparing their counter with a stop, which keep the
// countdown, and which get their small body unrolled twice. Behaviour is proven by the exec
// fixture fixtures/preempt/loop-counters and the pre-emption sweeps.

import { describe, expect, it } from "vitest";
import { inspect } from "../../transformer/src/index.js";

/** The kinds of check in the function's native loops (`counter i` / `countdown`), each once, in order. */
function checks(body: string, params = "n: number"): string[] {
  const result = inspect(`/** @coroutine */ async function f(${params}) {\n${body}\n}`, { preempt: { calls: true, loops: true } });
  expect(result.diagnostics).toEqual([]);
  return [...result.code.matchAll(/if \(--spin < 0\)\s*break budget|if \((\w+) [<>]= t\d+\) \{/g)].map((m) => (m[1] ? `counter ${m[1]}` : "countdown"))
    .filter((kind, index, all) => all.indexOf(kind) === index);
}

describe("loop counters", () => {
  it("uses a for loop's counter, also when the body continues", () => {
    expect(checks("for (let i = 0; i < n; i++) { if (i % 2) continue; use(i); }")).toEqual(["counter i"]);
  });

  it("uses a counter moved by a top-level statement of a while or do body, either way", () => {
    expect(checks("let i = 0; while (i < n) i += 2;")).toEqual(["counter i"]);
    expect(checks("let k = 10; do { k--; use(k); } while (k > 0);")).toEqual(["counter k"]);
  });

  it("keeps the countdown when the counter is not known to hold a number", () => {
    expect(checks("let i = n; while (i < 10) i++;")).toEqual(["countdown"]);
    expect(checks("let i = 0; i = n; while (i < 10) i++;")).toEqual(["countdown"]);
    expect(checks("let i = 0; [i] = [n]; while (i < 10) i++;")).toEqual(["countdown"]);
    expect(checks("let i = 0; for (i of [n]); while (i < 10) i++;")).toEqual(["countdown"]);
  });

  it("keeps the countdown when the counter can stand still or come back", () => {
    expect(checks("let i = 0; while (i < n) { if (n > 3) i++; }")).toEqual(["countdown"]);
    expect(checks("let i = 0; while (i < n) { if (use()) continue; i++; }")).toEqual(["countdown"]);
    expect(checks("let i = 0; while (i < n) { i++; if (i > 5) i = 0; }")).toEqual(["countdown"]);
    expect(checks("let i = 0; while (i < n) { i++; i -= 1; }")).toEqual(["countdown"]);
    expect(checks("let i = 0; while (i < n) { i += 0.5; }")).toEqual(["countdown"]);
    expect(checks("while (n) { let i = 0; i++; n--; }", "n: any")).toEqual(["countdown"]);
  });

  it("keeps the countdown for a counter a closure could move", () => {
    expect(checks("let i = 0; const f = () => i--; while (i < n) { i++; f(); }")).toEqual(["countdown"]);
  });

  it("reads a counter in a literal that is not a pattern", () => {
    expect(checks("let i = 0; while (i < n) { i++; use([i], { i }, { k: i }); }")).toEqual(["counter i"]);
  });
});

describe("unrolling", () => {
  function lowered(body: string): string {
    const result = inspect(`/** @coroutine */ async function f(n: number) {\n${body}\n}`, { preempt: { calls: true, loops: true } });
    expect(result.diagnostics).toEqual([]);
    return result.code.replace(/^\s*\/\/.*$/gm, ""); // without the states' source comments
  }

  it("runs a small body twice per check, with the update and the condition between", () => {
    expect(lowered("let s = 0; for (let i = 0; i < n; i++) s += i; return s;")).toMatch(
      /for \(; i < n; i\+\+\) \{\s*s \+= i;\s*i\+\+;\s*if \(!\(i < n\)\)\s*break;\s*s \+= i;\s*if \(i >= t\d+\)/);
  });

  it("does not copy a large body", () => {
    const big = Array.from({ length: 12 }, (_, k) => `use(${k});`).join(" ");
    expect(lowered(`for (let i = 0; i < n; i++) { ${big} }`).match(/use\(11\)/g)).toHaveLength(1);
  });

  it("keeps each copy of a body with block-scoped declarations in its own block", () => {
    expect(lowered("for (let i = 0; i < n; i++) { const d = i * 2; use(d); }")).toMatch(
      /\{\s*const d = i \* 2;\s*use\(d\);\s*\}\s*i\+\+;\s*if \(!\(i < n\)\)\s*break;\s*\{\s*const d = i \* 2;/);
  });
});
