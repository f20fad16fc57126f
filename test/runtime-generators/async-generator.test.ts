// The spec-mode async generator driver against V8, microtask by microtask: every sequence of
// next/throw/return calls up to a fixed length, issued all at once (the request queue) or one
// after another, on a newborn, suspended (also inside a `finally` that yields) and finished
// generator, with a ticker logging each microtask tick. Native and lowered logs must be equal.

import { describe, expect, it } from "vitest";
import { early, earlyNative, flow, flowNative } from "./async-machines.js";
import { describeActions, driveAsync, next, recorder, returning, sequences, throwing, type Action, type Log } from "./trace.js";

/** `return(v)` where awaiting v rejects: the rejection is thrown into the body at its yield. */
const rejectingThenable = {
  then(_: unknown, reject: (e: unknown) => void) {
    reject(new Error("return value rejected"));
  },
};
const choices: Action[] = [
  next("n"),
  throwing(new Error("t")),
  returning("r"),
  returning(Promise.resolve("rp")),
  returning(rejectingThenable),
];

function allSequences(maxLength: number): Action[][] {
  const out: Action[][] = [];
  for (let length = 1; length <= maxLength; length++) out.push(...sequences(choices, length));
  return out;
}

/** What `p` is in the bodies: each kind of awaited value takes its own number of ticks. */
function awaitedValues(log: Log): Record<string, () => unknown> {
  return {
    "resolved promise": () => Promise.resolve("P"),
    "plain value": () => "V",
    thenable: () => ({
      then(resolve: (v: unknown) => void) {
        log("then called");
        resolve("T");
      },
    }),
    // Native await reads `constructor` once and never calls `then` on a native promise.
    "promise with own then and constructor": () => {
      const promise = Promise.resolve("O");
      Object.defineProperty(promise, "then", {
        value(...args: Parameters<Promise<unknown>["then"]>) {
          log("own then called");
          return Promise.prototype.then.apply(promise, args);
        },
      });
      Object.defineProperty(promise, "constructor", {
        get() {
          log("constructor read");
          return Promise;
        },
      });
      return promise;
    },
    "rejecting thenable": () => ({
      then(_: unknown, reject: (e: unknown) => void) {
        log("then called");
        reject(new Error("rejected p"));
      },
    }),
  };
}

type Make = (log: Log, p: unknown) => AsyncGenerator<unknown, unknown, unknown>;

async function trace(make: Make, pKind: string, actions: readonly Action[], mode: "burst" | "sequential"): Promise<string[]> {
  const { lines, log } = recorder();
  const p = awaitedValues(log)[pKind]!();
  await driveAsync(make(log, p), actions, mode, log);
  return lines;
}

async function compare(
  native: Make,
  lowered: Make,
  pKind: string,
  actions: readonly Action[],
  mode: "burst" | "sequential",
): Promise<void> {
  const expected = await trace(native, pKind, actions, mode);
  const actual = await trace(lowered, pKind, actions, mode);
  expect(actual, `${mode}: ${describeActions(actions)} (p: ${pKind})`).toEqual(expected);
}

describe("async generator driver: same results and microtask ticks as native", () => {
  for (const pKind of Object.keys(awaitedValues(() => {}))) {
    for (const mode of ["burst", "sequential"] as const) {
      it(`flow (awaits, yields of promises, a rejected yield, try/catch/finally that yields), p: ${pKind}, ${mode}, up to 4 calls`, async () => {
        const all = allSequences(4);
        expect(all.length).toBe(5 + 25 + 125 + 625);
        for (const actions of all) await compare(flowNative, flow, pKind, actions, mode);
      });
    }
    it(`early (return p inside try whose finally yields), p: ${pKind}, up to 3 calls, both modes`, async () => {
      for (const actions of allSequences(3)) {
        await compare(earlyNative, early, pKind, actions, "burst");
        await compare(earlyNative, early, pKind, actions, "sequential");
      }
    });
  }

  it("a full for-await over the lowered generator sees what it sees natively", async () => {
    const run = async (make: Make) => {
      const { lines, log } = recorder();
      const seen: unknown[] = [];
      for await (const v of make(log, Promise.resolve(7))) seen.push(v);
      return { seen, lines };
    };
    const native = await run(flowNative);
    expect(native.seen).toEqual([7, 7, "from catch", "from finally"]);
    expect(await run(flow)).toEqual(native);
  });

  it("next called from inside the running body is queued, not an error", async () => {
    const { lines, log } = recorder();
    const g = flow(log, {
      then(resolve: (v: unknown) => void) {
        log("inside body, next() ->", typeof g.next("from inside").then);
        resolve("T");
      },
    });
    await driveAsync(g, [next("first")], "burst", log, 6);
    const { lines: nativeLines, log: nativeLog } = recorder();
    const n = flowNative(nativeLog, {
      then(resolve: (v: unknown) => void) {
        nativeLog("inside body, next() ->", typeof n.next("from inside").then);
        resolve("T");
      },
    });
    await driveAsync(n, [next("first")], "burst", nativeLog, 6);
    expect(lines).toEqual(nativeLines);
    expect(lines).toContain("b from inside");
  });
});
