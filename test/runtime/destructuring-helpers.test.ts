// The destructuring helpers of runtime/src/helpers.ts against native destructuring: each case
// runs the same pattern natively and through the helpers over instrumented values (proxies,
// logging iterators) and compares the logs of every observable step.

import { describe, expect, it } from "vitest";
import { coercible, destructure, restOf, toPropertyKey } from "../../runtime/src/helpers.js";

type Log = string[];

/** An object whose every trap is logged, so CopyDataProperties' steps show. */
function logged(log: Log, target: object): object {
  return new Proxy(target, {
    get: (t, k, r) => { log.push(`get ${String(k)}`); return Reflect.get(t, k, r); },
    ownKeys: (t) => { log.push("ownKeys"); return Reflect.ownKeys(t); },
    getOwnPropertyDescriptor: (t, k) => { log.push(`gopd ${String(k)}`); return Reflect.getOwnPropertyDescriptor(t, k); },
  });
}

/** An iterator over `values` that logs next() and return(). */
function loggedIterable(log: Log, values: unknown[], options: { throwAt?: number; returnThrows?: boolean } = {}): Iterable<unknown> {
  return {
    [Symbol.iterator]() {
      let i = 0;
      return {
        next() {
          log.push(`next ${i}`);
          if (i === options.throwAt) throw new Error("next failed");
          return i < values.length ? { done: false, value: values[i++] } : { done: true, value: undefined };
        },
        return() {
          log.push("return");
          if (options.returnThrows) throw new Error("return failed");
          return { done: true, value: undefined };
        },
      };
    },
  };
}

function thrown(fn: () => unknown): string {
  try {
    fn();
    return "no throw";
  } catch (error) {
    return `${(error as Error).constructor.name}: ${(error as Error).message}`;
  }
}

describe("coercible", () => {
  it("passes objects and primitives, throws a TypeError for null and undefined", () => {
    expect(coercible(0)).toBe(0);
    expect(coercible("")).toBe("");
    const native = thrown(() => { const {} = null as unknown as object; });
    expect(thrown(() => coercible(null))).toBe(native);
    expect(thrown(() => coercible(undefined))).toMatch(/^TypeError: /);
  });
});

describe("toPropertyKey", () => {
  it("converts as a computed key does, calling toString/valueOf/toPrimitive once", () => {
    const sym = Symbol("s");
    const cases: unknown[] = [1, 1e21, -0, 2n, true, null, undefined, "x", sym, { toString: () => "t" }, { [Symbol.toPrimitive]: () => sym }, [1, 2]];
    for (const key of cases) {
      const native = Reflect.ownKeys({ [key as PropertyKey]: 0 })[0];
      expect(toPropertyKey(key)).toBe(native);
    }
    let calls = 0;
    toPropertyKey({ toString: () => { calls++; return "k"; } });
    expect(calls).toBe(1);
  });
});

describe("restOf", () => {
  it("copies own enumerable properties except the excluded keys, in the native order of traps", () => {
    const sym = Symbol("s");
    const make = () => {
      const o: Record<PropertyKey, unknown> = { b: 2, a: 1, 1: "one", [sym]: "sym" };
      Object.defineProperty(o, "hidden", { value: 0, enumerable: false });
      return o;
    };
    const nativeLog: Log = [];
    const { a: _a, 1: _one, ...nativeRest } = logged(nativeLog, make()) as Record<PropertyKey, unknown>;
    const helperLog: Log = [];
    const source = logged(helperLog, make());
    helperLog.length = 0;
    nativeLog.length = 0;
    const { a: _a2, 1: _one2, ...nativeRest2 } = logged(nativeLog, make()) as Record<PropertyKey, unknown>;
    const rest = restOf(source, ["a", 1]);
    expect(rest).toEqual(nativeRest);
    expect(Reflect.ownKeys(rest)).toEqual(Reflect.ownKeys(nativeRest2));
    expect(helperLog).toEqual(nativeLog.filter((line) => line !== "get a" && line !== "get 1"));
  });

  it("defines `__proto__` as data and converts primitives with ToObject", () => {
    const source = JSON.parse('{"__proto__": 5, "x": 1}') as object;
    const { ...nativeRest } = source as Record<string, unknown>;
    const rest = restOf(source, []);
    expect(Object.getOwnPropertyDescriptor(rest, "__proto__")).toEqual(Object.getOwnPropertyDescriptor(nativeRest, "__proto__"));
    expect(Object.getPrototypeOf(rest)).toBe(Object.prototype);
    const { 0: _first, ...nativeString } = "abc" as unknown as Record<string, unknown>;
    expect(restOf("abc", [0])).toEqual(nativeString);
  });
});

describe("PatternIterator", () => {
  /** Runs `[a, , b, ...r] = iterable` natively and through the helper; returns both logs. */
  function both(pattern: "two" | "elision-rest" | "one", values: unknown[], options: Parameters<typeof loggedIterable>[2] = {}) {
    const nativeLog: Log = [];
    let nativeResult: unknown;
    const nativeOutcome = thrown(() => {
      const iterable = loggedIterable(nativeLog, values, options);
      if (pattern === "one") { const [a] = iterable as unknown[]; nativeResult = [a]; }
      if (pattern === "two") { const [a, b] = iterable as unknown[]; nativeResult = [a, b]; }
      if (pattern === "elision-rest") { const [a, , ...r] = iterable as unknown[]; nativeResult = [a, r]; }
    });
    const helperLog: Log = [];
    let helperResult: unknown;
    const helperOutcome = thrown(() => {
      const it = destructure(loggedIterable(helperLog, values, options));
      let completed = false;
      let bound: unknown;
      try {
        if (pattern === "one") bound = [it.step()];
        if (pattern === "two") bound = [it.step(), it.step()];
        if (pattern === "elision-rest") { const a = it.step(); it.step(); bound = [a, it.rest()]; }
        completed = true;
      } finally {
        it.close(!completed);
      }
      // As natively, the bindings exist only once the pattern (and its IteratorClose) completed.
      helperResult = bound;
    });
    return { native: { log: nativeLog, outcome: nativeOutcome, result: nativeResult }, helper: { log: helperLog, outcome: helperOutcome, result: helperResult } };
  }

  const cases: [string, "two" | "elision-rest" | "one", unknown[], Parameters<typeof loggedIterable>[2]][] = [
    ["closes an iterator the pattern did not finish", "one", [1, 2], {}],
    ["does not close an exhausted iterator", "two", [1], {}],
    ["steps for an elision and collects the rest", "elision-rest", [1, 2, 3, 4], {}],
    ["a throwing next() marks it done: no return()", "two", [1, 2], { throwAt: 1 }],
    ["errors from return() propagate on a normal completion", "one", [1, 2], { returnThrows: true }],
    ["keeps undefined values that are not the end", "two", [undefined, undefined, 3], {}],
  ];
  for (const [name, pattern, values, options] of cases) {
    it(name, () => {
      const { native, helper } = both(pattern, values, options);
      expect(helper).toEqual(native);
    });
  }

  it("ignores errors from return() when the pattern is left by a throw", () => {
    const log: Log = [];
    const it = destructure(loggedIterable(log, [1, 2], { returnThrows: true }));
    it.step();
    expect(() => it.close(true)).not.toThrow();
    expect(log).toEqual(["next 0", "return"]);
    it.close(true);
    expect(log).toEqual(["next 0", "return"]);
  });

  it("throws TypeError for a value that is not iterable and for a non-object step result", () => {
    expect(thrown(() => destructure(5))).toBe(thrown(() => { const [_a] = 5 as unknown as unknown[]; }));
    const bad = { [Symbol.iterator]: () => ({ next: () => 1 }) };
    expect(thrown(() => destructure(bad).step())).toMatch(/^TypeError: /);
    expect(thrown(() => { const [_a] = bad as unknown as unknown[]; })).toMatch(/^TypeError: /);
  });
});
