// How the pre-emption budget (check points between two reads of the clock) trades the cost of
// the checks against how late a spinning coroutine lets the host run: the measurement behind
// the default `preempt.budget` (README, Pre-emption). Each variant is the same lowering with
// another budget; the slice stays at its default (2 ms).

import { stacklessVariant } from "../lib/variants.mjs";
import { cases as preemptCases } from "./preempt.mjs";

const emptyLoop = preemptCases.find((c) => c.id === "preempt-empty-loop");

const budgets = [64, 256, 1024, 4096, 16384];
const budgetVariant = (budget) => `stackless-preempt-b${budget}`;

export const variants = budgets.map((budget) =>
  stacklessVariant(budgetVariant(budget), `stackless spec mode, check points at calls and loops, budget ${budget}`, {
    lowerAll: true,
    preempt: { calls: true, loops: true, budget },
  }));

const base = { variants: ["stackless-spec", ...budgets.map(budgetVariant)], baseline: "stackless-spec" };

/** @type {import("../lib/case-types.mjs").BenchCase[]} */
export const cases = [
  {
    // preempt.mjs's empty loop, by budget.
    ...emptyLoop,
    ...base,
    id: "preempt-budget-empty-loop",
    title: "empty counting loop by budget (the clock is read once per budget)",
    targets: {},
  },
  {
    ...base,
    id: "preempt-budget-heavy-iterations",
    title: "longest timer delay while a loop of ~20 µs iterations spins 200 ms, by budget",
    unit: "ms max delay",
    // Each iteration calls a plain (not lowered) function that works for about 20 µs: a budget
    // counts iterations, so the time between two reads of the clock grows with it.
    source: `
function work(k: number): number {
  let x = 0;
  for (let j = 0; j < k; j++) x = (x * 31 + j) | 0;
  return x;
}
export async function spin(ms: number, k: number): Promise<number> {
  await null;
  const end = Date.now() + ms;
  let n = 0;
  while (Date.now() < end) n += work(k) & 1;
  return n;
}
export function calibrate(): number {
  // Timed warm (optimised) over 20 calls: a cold call is many times slower than the loop's.
  const perCall = (k: number): number => {
    for (let i = 0; i < 20; i++) work(k);
    const start = process.hrtime.bigint();
    for (let i = 0; i < 20; i++) work(k);
    return Number(process.hrtime.bigint() - start) / 1000 / 20;
  };
  let k = 1000;
  while (perCall(k) < 10 && k < 1e8) k *= 2;
  return Math.round((k * 20) / perCall(k)); // doubling alone lands anywhere from 20 to 40 us
}
`,
    params: { full: { spinMs: 200 }, quick: { spinMs: 30 } },
    runs: { full: { warmup: 1, samples: 5 }, quick: { warmup: 0, samples: 1 } },
    check: async (w) => (await w.spin(1, 10)) >= 0,
    async sample(w, { spinMs }) {
      const k = w.calibrate();
      let last = performance.now();
      let longest = 0;
      let running = true;
      const tick = () => {
        const now = performance.now();
        longest = Math.max(longest, now - last);
        last = now;
        if (running) setTimeout(tick, 1);
      };
      setTimeout(tick, 1);
      await w.spin(spinMs, k);
      running = false;
      await new Promise((resolve) => setTimeout(resolve, 5));
      return longest;
    },
  },
];
