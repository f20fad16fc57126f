// The spec-mode sync generator driver against V8: every sequence of next/throw/return calls (a
// cross product up to a fixed length) on a newborn, suspended (also inside a `finally` that
// yields) and finished generator gives the same results, errors and body log as the native
// generator the hand-lowered machine stands for.

import { describe, expect, it } from "vitest";
import { guarded, guardedNative, range, rangeNative, reenter, reenterNative, type Holder } from "./sync-machines.js";
import { describeActions, driveSync, next, recorder, returning, sequences, throwing, type Action, type Log } from "./trace.js";

const choices: Action[] = [next("n"), throwing(new Error("t")), returning("r")];

/** All sequences of 1..maxLength actions. */
function allSequences(maxLength: number): Action[][] {
  const out: Action[][] = [];
  for (let length = 1; length <= maxLength; length++) out.push(...sequences(choices, length));
  return out;
}

/** Runs `actions` on a fresh generator from `make` and returns the log. */
function trace(make: (log: Log) => Generator<unknown, unknown, unknown>, actions: readonly Action[]): string[] {
  const { lines, log } = recorder();
  driveSync(make(log), actions, log);
  return lines;
}

describe("sync generator driver: lowered behaves as native", () => {
  it("guarded (try/catch/finally whose finally yields): every sequence of up to 6 calls", () => {
    const all = allSequences(6);
    expect(all.length).toBe(3 + 9 + 27 + 81 + 243 + 729);
    for (const actions of all) {
      const native = trace(guardedNative, actions);
      const lowered = trace(guarded, actions);
      expect(lowered, describeActions(actions)).toEqual(native);
    }
  });

  it("range (this and parameters bound at call time, a loop): every sequence of up to 5 calls", () => {
    const sequencesWithSkip = allSequences(5).map((actions) => actions.map((a, i) => (a.method === "next" && i % 2 ? next("skip") : a)));
    for (const actions of sequencesWithSkip) {
      const make = (f: typeof range) => (log: Log) => f.call({ step: 2, log }, 1, 9);
      expect(trace(make(range), actions), describeActions(actions)).toEqual(trace(make(rangeNative), actions));
    }
  });

  it("a full for-of and spread see the same values and return value", () => {
    const { log } = recorder();
    const thisArg = { step: 3, log };
    expect([...range.call(thisArg, 0, 10)]).toEqual([...rangeNative.call(thisArg, 0, 10)]);
    const collect = (g: Generator<unknown, unknown, unknown>) => {
      const out: unknown[] = [];
      let r = g.next();
      while (!r.done) out.push(r.value, (r = g.next(`sent ${String(r.value)}`)).value);
      return out;
    };
    expect(collect(guarded(log))).toEqual(collect(guardedNative(log)));
  });

  it("the body starts on the first next, with the arguments bound at the call", () => {
    const { lines, log } = recorder();
    const thisArg = { step: 1, log };
    const g = range.call(thisArg, 5, 7);
    thisArg.step = 2; // read when the body runs, as natively (`this` is bound, not copied)
    expect(lines).toEqual([]);
    expect(g.next()).toEqual({ value: 5, done: false });
    expect(lines).toEqual(["range starts"]);
    expect(g.next()).toEqual({ value: 7, done: true });
  });

  it("next while the body runs throws TypeError 'Generator is already running', as natively", () => {
    for (const make of [reenterNative, reenter]) {
      const { lines, log } = recorder();
      const holder: Holder = { log };
      const g = make(holder);
      holder.generator = g;
      driveSync(g, [next(), next(), next()], log);
      expect(lines).toEqual([
        "#0 next -> { value: 1, done: false }",
        "#1 next threw TypeError(Generator is already running)",
        "#2 next -> { value: undefined, done: true }",
      ]);
    }
  });

  it("a throw escaping the body completes the generator; later calls see it finished", () => {
    for (const make of [guardedNative, guarded]) {
      const { lines, log } = recorder();
      driveSync(make(log), [next(), throwing("x"), throwing("y"), next(), throwing("z"), returning("w")], log);
      expect(lines).toEqual([
        "body",
        "#0 next -> { value: 1, done: false }",
        "caught x",
        '#1 throw -> { value: "from catch", done: false }',
        "finally",
        '#2 throw -> { value: "from finally", done: false }',
        "finally got undefined",
        "#3 next threw y",
        "#4 throw threw z",
        '#5 return -> { value: "w", done: true }',
      ]);
    }
  });
});
