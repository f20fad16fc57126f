// `for await` through `$sl.asyncIterate` against V8: over async iterators and sync iterables
// (of promises too, rejected ones included), with the iterator closed on break, return and
// throw (awaits and errors of `return()` as natively), in an async function (`$sl.spec`) and in
// an async generator whose consumer calls next/throw/return; microtask logs compared.

import { describe, expect, it } from "vitest";
import * as $sl from "../../runtime/src/index.js";
import { collect, collectNative, relay, relayNative } from "./async-machines.js";
import { handled, innerAsyncGenerator, innerGenerator } from "./inner-iterators.js";
import {
  describeActions,
  driveAsync,
  macrotask,
  next,
  recorder,
  returning,
  sequences,
  startTicker,
  throwing,
  type Action,
  type Log,
} from "./trace.js";

/** Sources for a `for await`: each factory makes a fresh one. */
function sources(log: Log): Record<string, () => unknown> {
  const logged = (name: string, results: () => unknown, close?: () => unknown) => ({
    [Symbol.asyncIterator]() {
      log(`${name} opened`);
      const iterator: Record<string, unknown> = {
        next: (...args: unknown[]) => {
          log(`${name}.next args=${args.length}`);
          return results();
        },
      };
      if (close) {
        iterator.return = (...args: unknown[]) => {
          log(`${name}.return args=${args.length}`);
          return close();
        };
      }
      return iterator;
    },
  });
  const syncLogged = (name: string, values: unknown[], close?: () => unknown) => ({
    [Symbol.iterator]() {
      log(`${name} opened`);
      let i = 0;
      const iterator: Record<string, unknown> = {
        next: (...args: unknown[]) => {
          log(`${name}.next args=${args.length}`);
          return i < values.length ? { value: values[i++], done: false } : { value: "ignored", done: true };
        },
      };
      if (close) {
        iterator.return = (...args: unknown[]) => {
          log(`${name}.return args=${args.length}`);
          return close();
        };
      }
      return iterator;
    },
  });
  // Finite sources only: a `for await` that never breaks must end.
  const queue = (values: unknown[], wrap: (r: object) => unknown) => {
    let i = 0;
    return () => wrap(i < values.length ? { value: values[i++], done: false } : { value: "end", done: true });
  };
  return {
    "async generator": () => innerAsyncGenerator(log),
    "sync generator": () => innerGenerator(log),
    "array with promises": () => [Promise.resolve("a"), "stop", "b"],
    "array with a promise that has an own then": () => {
      const promise = Promise.resolve("own");
      Object.defineProperty(promise, "then", {
        value(...args: Parameters<Promise<unknown>["then"]>) {
          log("own then called"); // natively never: the wrapper awaits with PerformPromiseThen
          return Promise.prototype.then.apply(promise, args);
        },
      });
      return [promise, "stop"];
    },
    "array with a rejected promise": () => ["a", handled(Promise.reject(new Error("rejected element"))), "b"],
    "sync iterator with return": () =>
      syncLogged("sync", [Promise.resolve("x"), "y", "stop", "z"], () => ({ value: "closed", done: true })),
    "sync iterator, return gives non-object": () => syncLogged("sync", ["x", "throw", "y"], () => 3),
    "sync iterator, return throws": () =>
      syncLogged("sync", ["x", "stop"], () => {
        throw new Error("sync return threw");
      }),
    "async iterator, return resolves": () =>
      logged(
        "async",
        queue(["v0", "v1", "v2", "v3"], (r) => Promise.resolve(r)),
        () => Promise.resolve({ done: true }),
      ),
    "async iterator, return rejects": () =>
      logged(
        "async",
        queue(["v0", "stop", "v2"], (r) => Promise.resolve(r)),
        () => Promise.reject(new Error("return rejected")),
      ),
    "async iterator, return gives non-object": () =>
      logged(
        "async",
        queue(["w", "throw", "w"], (r) => r),
        () => Promise.resolve(42),
      ),
    "async iterator without return": () =>
      logged(
        "async",
        queue(["v1", "stop"], (r) => r),
      ),
    "async iterator, next gives non-object": () =>
      logged(
        "async",
        () => Promise.resolve(7),
        () => ({}),
      ),
    "async iterator, next rejects": () =>
      logged(
        "async",
        () => Promise.reject(new Error("next rejected")),
        () => ({}),
      ),
    "thenables in a sync iterable": () => [
      {
        then(resolve: (v: unknown) => void) {
          log("then called");
          resolve("from thenable");
        },
      },
    ],
    "not iterable": () => ({ nothing: true }),
  };
}

describe("for await in an async function ($sl.spec + $sl.asyncIterate)", () => {
  for (const kind of Object.keys(sources(() => {}))) {
    for (const stopAt of ["stop", "v1", "never"]) {
      it(`source: ${kind}, break at ${stopAt}`, async () => {
        const run = async (f: typeof collect) => {
          const { lines, log } = recorder();
          startTicker(log, 40);
          f(log, sources(log)[kind]!(), stopAt).then(
            (v) => log("fulfilled", v),
            (e) => log("rejected", e),
          );
          await macrotask();
          await macrotask();
          return lines;
        };
        const native = await run(collectNative);
        const lowered = await run(collect);
        if (kind === "not iterable") {
          // V8 names the source text ("source is not async iterable"); a helper can only name the type.
          expect(native).toContain("rejected TypeError(source is not async iterable)");
          expect(lowered).toEqual(native.map((l) => l.replace("source is not", "object is not")));
        } else expect(lowered).toEqual(native);
      });
    }
  }
});

describe("for await in an async generator, with a consumer that calls next/throw/return", () => {
  const choices: Action[] = [next("n"), next("boom"), next("ret"), throwing(new Error("t")), returning("r")];
  const all: Action[][] = [];
  for (let length = 1; length <= 3; length++) all.push(...sequences(choices, length));
  for (const kind of Object.keys(sources(() => {}))) {
    if (kind === "not iterable") continue; // covered above; the message names the source text
    for (const mode of ["burst", "sequential"] as const) {
      it(`source: ${kind}, ${mode}, every sequence of up to 3 calls`, async () => {
        for (const actions of all) {
          const run = async (make: typeof relay) => {
            const { lines, log } = recorder();
            await driveAsync(make(log, sources(log)[kind]!()), actions, mode, log);
            return lines;
          };
          expect(await run(relay), `${mode}: ${describeActions(actions)}`).toEqual(await run(relayNative));
        }
      });
    }
  }
});

describe("AsyncFromSyncIterator as V8 in Node 20", () => {
  it("does not close the sync iterator when a yielded promise rejects (pre-2023 spec)", async () => {
    const { lines, log } = recorder();
    const sync = {
      [Symbol.iterator]: () => sync,
      next: () => ({ value: handled(Promise.reject(new Error("no"))), done: false }),
      return: () => {
        log("closed");
        return {};
      },
    };
    await expect(collect(log, sync, "never")).rejects.toThrow("no");
    await expect(collectNative(log, sync, "never")).rejects.toThrow("no");
    expect(lines).toEqual([]);
  });

  it("throw() without a sync throw method rejects with the thrown value (pre-2023 spec)", async () => {
    const wrapper = $sl.getAsyncIterator([1, 2]).iterator as $sl.AsyncFromSyncIterator;
    const error = new Error("thrown in");
    await expect(wrapper.throw(error)).rejects.toBe(error);
  });

  it("forwards an argument only when given one", async () => {
    const counts: number[] = [];
    const sync = {
      [Symbol.iterator]: () => sync,
      next: (...args: unknown[]) => (counts.push(args.length), { value: 1, done: false }),
      return: (...args: unknown[]) => (counts.push(args.length), { value: 2, done: true }),
    };
    const wrapper = $sl.getAsyncIterator(sync).iterator as $sl.AsyncFromSyncIterator;
    await wrapper.next();
    await wrapper.next(undefined);
    await wrapper.return();
    await wrapper.return(undefined);
    expect(counts).toEqual([0, 1, 0, 1]);
  });
});
