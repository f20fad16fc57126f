// Inner iterators for `yield*` tests: each kind exercises one branch of the spec's yield* loop
// (missing `throw` or `return`, `return()` that does not finish, non-object results, getters
// that show the order of `done`/`value` reads, argument counts). Every factory returns a fresh
// iterable, so a native and a lowered run each get their own.

import type { Log } from "./trace.js";

type Result = { value?: unknown; done?: unknown };

/** A sync iterator built from method bodies, logging each call with its argument count. */
function iterable(
  log: Log,
  name: string,
  methods: { next: (arg: unknown) => unknown; return?: (arg: unknown) => unknown; throw?: (arg: unknown) => unknown },
) {
  const iterator: Record<string, unknown> = {};
  for (const key of ["next", "return", "throw"] as const) {
    const body = methods[key];
    if (!body) continue;
    iterator[key] = function (this: unknown, ...args: unknown[]) {
      log(`${name}.${key}`, `args=${args.length}`, ...args);
      return body(args[0]);
    };
  }
  return { [Symbol.iterator]: () => iterator };
}

/** Result objects whose `done` and `value` reads are logged. */
function watched(log: Log, value: unknown, done: boolean): Result {
  return {
    get done() {
      log("read done", value);
      return done;
    },
    get value() {
      log("read value", value);
      return value;
    },
  };
}

/** `function* (log) { try { const x = yield "i1"; log(…); yield "i2"; } catch { yield "i-catch" } finally { log } return "inner result" }` */
export function* innerGenerator(log: Log): Generator<unknown, string, unknown> {
  try {
    const x = yield "i1";
    log("inner got", x);
    yield "i2";
  } catch (e) {
    log("inner caught", e);
    yield "i-catch";
  } finally {
    log("inner finally");
  }
  return "inner result";
}

/** Sync inner iterables by kind; each call of a factory makes a fresh one. */
export function syncInners(log: Log): Record<string, () => unknown> {
  return {
    generator: () => innerGenerator(log),
    array: () => ["a0", "a1"],
    "next only": () => {
      let i = 0;
      return iterable(log, "nextOnly", {
        next: () => (i < 2 ? { value: `n${i++}`, done: false, extra: "kept" } : { value: "nextOnly result", done: true }),
      });
    },
    "no throw": () => {
      let i = 0;
      return iterable(log, "noThrow", {
        next: () => ({ value: `n${i++}`, done: i > 3 }),
        return: (arg) => ({ value: `closed with ${String(arg)}`, done: true }),
      });
    },
    "return keeps going": () => {
      let returns = 0;
      return iterable(log, "sticky", {
        next: (arg) => ({ value: `s:${String(arg)}`, done: false }),
        return: (arg) => (++returns < 2 ? { value: `still ${String(arg)}`, done: false } : { value: `gave up ${String(arg)}`, done: true }),
        throw: (arg) => ({ value: `absorbed ${String(arg)}`, done: false }),
      });
    },
    getters: () => {
      let i = 0;
      return iterable(log, "getters", {
        next: () => watched(log, `g${i}`, i++ >= 2),
        return: (arg) => watched(log, arg, true),
        throw: (arg) => watched(log, arg, false),
      });
    },
    "non-object result": () => {
      let i = 0;
      return iterable(log, "bad", { next: () => (i++ === 0 ? { value: "ok", done: false } : 5), return: () => 7, throw: () => null });
    },
    "throwing methods": () =>
      iterable(log, "thrower", {
        next: () => ({ value: "t", done: false }),
        return: () => {
          throw new Error("return threw");
        },
        throw: () => {
          throw new Error("throw threw");
        },
      }),
    "no throw, throwing return": () =>
      iterable(log, "closer", {
        next: () => ({ value: "c", done: false }),
        return: () => {
          throw new Error("close threw");
        },
      }),
    "not iterable": () => ({ notAnIterator: true }),
  };
}

/** Async inner iterables by kind (async iterators and sync iterables that go through the wrapper). */
export function asyncInners(log: Log): Record<string, () => unknown> {
  const asyncIterable = (
    name: string,
    methods: { next: (arg: unknown) => unknown; return?: (arg: unknown) => unknown; throw?: (arg: unknown) => unknown },
  ) => {
    const sync = iterable(log, name, methods)[Symbol.iterator]();
    return { [Symbol.asyncIterator]: () => sync };
  };
  return {
    "async generator": () => innerAsyncGenerator(log),
    "sync generator": () => innerGenerator(log),
    "array of promises": () => [Promise.resolve("p0"), "plain", handled(Promise.reject(new Error("p2 rejected")))],
    "async next only": () => {
      let i = 0;
      return asyncIterable("nextOnly", {
        next: () => Promise.resolve(i < 2 ? { value: `n${i++}`, done: false } : { value: "nextOnly result", done: true }),
      });
    },
    "async no throw": () => {
      let i = 0;
      return asyncIterable("noThrow", {
        next: () => Promise.resolve({ value: `n${i++}`, done: i > 3 }),
        return: (arg) => Promise.resolve({ value: `closed with ${String(arg)}`, done: true }),
      });
    },
    "async sync results": () => {
      let i = 0;
      // Results that are not promises: the await still takes its tick.
      return asyncIterable("syncResults", {
        next: () => ({ value: Promise.resolve(`v${i}`), done: i++ >= 2 }),
        return: (arg) => ({ value: arg, done: false }),
        throw: (arg) => ({ value: arg, done: true }),
      });
    },
    "async getters": () => {
      let i = 0;
      return asyncIterable("getters", {
        next: () => Promise.resolve(watched(log, `g${i}`, i++ >= 2)),
        return: (arg) => Promise.resolve(watched(log, arg, true)),
        throw: (arg) => Promise.resolve(watched(log, arg, false)),
      });
    },
    "async rejecting": () =>
      asyncIterable("rejecting", {
        next: () => Promise.reject(new Error("next rejected")),
        return: () => Promise.reject(new Error("return rejected")),
        throw: () => Promise.reject(new Error("throw rejected")),
      }),
    "async non-object": () =>
      asyncIterable("bad", { next: () => Promise.resolve(3), return: () => Promise.resolve(null), throw: () => Promise.resolve("x") }),
    "sync no throw": () => {
      let i = 0;
      return iterable(log, "syncNoThrow", {
        next: () => ({ value: Promise.resolve(`sn${i++}`), done: i > 3 }),
        return: (arg) => ({ value: Promise.resolve(`closed ${String(arg)}`), done: true }),
      });
    },
    "thenable values": () => {
      const thenable = (v: unknown) => ({
        then(resolve: (x: unknown) => void) {
          log("thenable.then", v);
          resolve(v);
        },
      });
      return [thenable("th0"), thenable("th1")];
    },
    "not iterable": () => ({ notAnIterator: true }),
  };
}

/** A rejected promise that is not reported as unhandled when a sequence never reaches it. */
export function handled<T>(promise: Promise<T>): Promise<T> {
  promise.catch(() => {});
  return promise;
}

/** `async function* (log) { try { const x = yield "i1"; … yield "i2" } catch { yield "i-catch" } finally { await; log } return "inner result" }` */
export async function* innerAsyncGenerator(log: Log): AsyncGenerator<unknown, string, unknown> {
  try {
    const x = yield "i1";
    log("inner got", x);
    yield Promise.resolve("i2");
  } catch (e) {
    log("inner caught", e);
    yield "i-catch";
  } finally {
    await null;
    log("inner finally");
  }
  return "inner result";
}
