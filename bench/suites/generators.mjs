// Generators (issue 4): values through a for-of over a lowered generator and a for-await over a
// lowered async generator. The consuming loop is the benchmark's own (native) code; only the
// generator is compiled by each variant.

import { nowNs } from "../lib/measure.mjs";

const variants = ["native", "ts-es5", "regenerator", "stackless-spec"];

/** @type {import("../lib/case-types.mjs").BenchCase[]} */
export const cases = [
  {
    id: "generator-for-of",
    title: "values through for-of over a generator",
    unit: "ns/value",
    variants,
    targets: { "stackless-spec": 2 },
    source: `
export function* count(n: number): Generator<number, void, unknown> {
  for (let i = 0; i < n; i++) yield i;
}
`,
    params: { full: { n: 5_000_000 }, quick: { n: 10_000 } },
    runs: { full: { warmup: 3, samples: 10 }, quick: { warmup: 1, samples: 3 } },
    check: (w) => [...w.count(10)],
    async sample(w, { n }) {
      const start = nowNs();
      let sum = 0;
      for (const v of w.count(n)) sum += v;
      if (sum < 0) throw new Error("unreachable");
      return (nowNs() - start) / n;
    },
  },
  {
    id: "async-generator-for-await",
    title: "values through for-await over an async generator",
    unit: "ns/value",
    variants,
    source: `
export async function* ticks(n: number): AsyncGenerator<number, void, unknown> {
  for (let i = 0; i < n; i++) yield i;
}
`,
    params: { full: { n: 500_000 }, quick: { n: 2_000 } },
    runs: { full: { warmup: 3, samples: 10 }, quick: { warmup: 1, samples: 3 } },
    check: async (w) => {
      const out = [];
      for await (const v of w.ticks(5)) out.push(v);
      return out;
    },
    async sample(w, { n }) {
      const start = nowNs();
      let sum = 0;
      for await (const v of w.ticks(n)) sum += v;
      if (sum < 0) throw new Error("unreachable");
      return (nowNs() - start) / n;
    },
  },
];
