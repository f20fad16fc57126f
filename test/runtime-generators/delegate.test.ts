// `yield*` through `$sl.delegate` / `$sl.delegateAsync` against V8: for each kind of inner
// iterable (generators, arrays, iterators missing `throw` or `return`, `return()` that does not
// finish, non-object results, throwing methods, getters that log the order of reads), every
// sequence of consumer calls gives the same results, errors, call log and (async) microtask log.

import { describe, expect, it } from "vitest";
import * as $sl from "../../runtime/src/index.js";
import { outerAsync, outerAsyncNative } from "./async-machines.js";
import { asyncInners, syncInners } from "./inner-iterators.js";
import { outer, outerNative } from "./sync-machines.js";
import { describeActions, driveAsync, driveSync, next, recorder, returning, sequences, throwing, type Action, type Log } from "./trace.js";

const syncChoices: Action[] = [next("n"), throwing(new Error("t")), returning("r")];
/** `return(v)` where awaiting v rejects: the rejection is thrown into the body at its yield. */
const rejectingThenable = {
  then(_: unknown, reject: (e: unknown) => void) {
    reject(new Error("return value rejected"));
  },
};
const asyncChoices: Action[] = [
  next("n"),
  throwing(new Error("t")),
  returning("r"),
  returning(Promise.resolve("rp")),
  returning(rejectingThenable),
];

function allSequences(choices: Action[], maxLength: number): Action[][] {
  const out: Action[][] = [];
  for (let length = 1; length <= maxLength; length++) out.push(...sequences(choices, length));
  return out;
}

describe("sync yield*: $sl.delegate forwards as the spec's yield* loop", () => {
  for (const kind of Object.keys(syncInners(() => {}))) {
    it(`inner: ${kind}, every sequence of up to 5 calls`, () => {
      for (const actions of allSequences(syncChoices, 5)) {
        const run = (make: (log: Log, inner: unknown) => Generator<unknown, unknown, unknown>) => {
          const { lines, log } = recorder();
          driveSync(make(log, syncInners(log)[kind]!()), actions, log);
          return lines;
        };
        expect(run(outer), describeActions(actions)).toEqual(run(outerNative));
      }
    });
  }

  it("hands the inner result object on unchanged (same identity), as natively", () => {
    const results = [
      { value: 1, done: false },
      { value: 2, done: false },
    ];
    const inner = () => {
      let i = 0;
      return { [Symbol.iterator]: () => ({ next: () => results[i++] ?? { value: "end", done: true } }) };
    };
    const log = () => {};
    for (const make of [outerNative, outer]) {
      const g = make(log, inner());
      expect(g.next()).toBe(results[0]);
      expect(g.next()).toBe(results[1]);
      expect(g.next()).toEqual({ value: "outer done", done: true });
    }
  });

  it("a lowered generator delegating to a lowered generator behaves as native to native", () => {
    for (const actions of allSequences(syncChoices, 5)) {
      const run = (make: typeof outer) => {
        const { lines, log } = recorder();
        driveSync(make(log, make(log, [1, 2])), actions, log);
        return lines;
      };
      expect(run(outer), describeActions(actions)).toEqual(run(outerNative));
    }
  });

  it("the first step ignores whatever completion the machine was entered with", () => {
    const d = $sl.delegate([10]);
    expect(d.step($sl.ResumeKind.Throw, new Error("stale"))).toBe($sl.DelegateStep.Yield);
    expect(d.yielded).toEqual({ value: 10, done: false });
    expect(d.step($sl.ResumeKind.Next, undefined)).toBe($sl.DelegateStep.Done);
  });
});

describe("async yield*: $sl.delegateAsync, with the microtask ticks of native", () => {
  for (const kind of Object.keys(asyncInners(() => {}))) {
    for (const mode of ["burst", "sequential"] as const) {
      it(`inner: ${kind}, ${mode}, every sequence of up to 4 calls`, async () => {
        for (const actions of allSequences(asyncChoices, 4)) {
          const run = async (make: (log: Log, inner: unknown) => AsyncGenerator<unknown, unknown, unknown>) => {
            const { lines, log } = recorder();
            await driveAsync(make(log, asyncInners(log)[kind]!()), actions, mode, log);
            return lines;
          };
          expect(await run(outerAsync), `${mode}: ${describeActions(actions)}`).toEqual(await run(outerAsyncNative));
        }
      });
    }
  }

  it("a lowered async generator delegating to a lowered async generator behaves as native to native", async () => {
    for (const actions of allSequences(asyncChoices, 4)) {
      const run = async (make: typeof outerAsync) => {
        const { lines, log } = recorder();
        await driveAsync(make(log, make(log, [Promise.resolve(1), 2])), actions, "burst", log);
        return lines;
      };
      expect(await run(outerAsync), describeActions(actions)).toEqual(await run(outerAsyncNative));
    }
  });
});
