// Spec-mode async/await cases (issue 2): the cost of a ready await, of a 10-deep chain of async
// calls, of a suspended async function in heap bytes, and of a long loop inside one state.
// Each workload is TypeScript compiled by every variant; `sample` runs in the child process.

import { liveHeapBytes, nowNs, settleMacrotask } from "../lib/measure.mjs";

/** @type {import("../lib/case-types.mjs").BenchCase[]} */
export const cases = [
  {
    id: "await-loop",
    title: "ready await in a loop",
    unit: "ns/await",
    targets: { "stackless-spec": 1.3 },
    // `v` is the only value crossing each await; the sum is checked against native.
    source: `
export async function awaitLoop(n: number): Promise<number> {
  let sum = 0;
  for (let i = 0; i < n; i++) {
    const v = await i;
    sum = sum + v;
  }
  return sum;
}
`,
    params: { full: { n: 1_000_000 }, quick: { n: 10_000 } },
    runs: { full: { warmup: 3, samples: 10 }, quick: { warmup: 1, samples: 3 } },
    check: (w) => w.awaitLoop(1000),
    async sample(w, { n }) {
      const start = nowNs();
      await w.awaitLoop(n);
      return (nowNs() - start) / n;
    },
  },
  {
    id: "call-chain",
    title: "10-deep chain of async calls",
    unit: "ns/chain",
    targets: { "stackless-spec": 2.0 },
    // level(9) → … → level(1) → leaf: ten async frames, each awaiting the next; the leaf
    // awaits a ready value. The driving loop is part of the workload, so it is lowered too.
    source: `
async function leaf(v: number): Promise<number> {
  const r = await v;
  return r + 1;
}

async function level(depth: number, v: number): Promise<number> {
  const r = depth === 1 ? await leaf(v) : await level(depth - 1, v);
  return r;
}

export async function chainLoop(n: number): Promise<number> {
  let sum = 0;
  for (let i = 0; i < n; i++) {
    const r = await level(9, i);
    sum = sum + r;
  }
  return sum;
}
`,
    params: { full: { n: 30_000 }, quick: { n: 1_000 } },
    runs: { full: { warmup: 3, samples: 10 }, quick: { warmup: 1, samples: 3 } },
    check: (w) => w.chainLoop(100),
    async sample(w, { n }) {
      const start = nowNs();
      await w.chainLoop(n);
      return (nowNs() - start) / n;
    },
  },
  {
    id: "suspended-bytes",
    title: "heap per suspended async function",
    unit: "B/call",
    targets: { "stackless-spec": 1.5 },
    // One local (`y`) lives across the await, as in most real functions. All calls of a sample
    // wait on the same never-settling gate, so its reaction list is part of what is measured;
    // each sample opens a new gate, so the previous sample's calls become garbage.
    source: `
let gate: Promise<never> = new Promise<never>(() => {});

export function openGate(): void {
  gate = new Promise<never>(() => {});
}

export async function parked(x: number): Promise<number> {
  const y = x + 1;
  await gate;
  return y;
}
`,
    params: { full: { n: 100_000 }, quick: { n: 5_000 } },
    runs: { full: { warmup: 1, samples: 5 }, quick: { warmup: 1, samples: 2 } },
    // A parked call must still be pending after every microtask has run.
    async check(w) {
      const settled = await Promise.race([w.parked(1).then(() => "settled"), settleMacrotask().then(() => "pending")]);
      return settled;
    },
    async sample(w, { n }) {
      // The holder array exists before the baseline reading, so only the calls are counted.
      // One call on the new gate first: a runtime may keep the last awaited value in a scratch
      // variable (Babel's regenerator helper does), which would keep the previous gate and
      // every call parked on it alive through the baseline reading.
      w.openGate();
      w.parked(-1);
      let keep = new Array(n).fill(null);
      const before = liveHeapBytes();
      for (let i = 0; i < n; i++) keep[i] = w.parked(i);
      const after = liveHeapBytes();
      keep = null;
      return (after - before) / n;
    },
  },
  {
    id: "loop-in-state",
    title: "1e7-iteration loop inside one state",
    unit: "ns/iter",
    // No target in issue 2: this case is here to show V8 leaving the loop in unoptimised code
    // inside `resume` (about 5 ns/iter instead of 0.84 when it happens). No warm-up, so a cold
    // first call counts too; `sum` lives across the second await, so it must be spilled there.
    source: `
export async function loopInState(n: number): Promise<number> {
  await 0;
  let sum = 0;
  for (let i = 0; i < n; i++) {
    sum += i;
  }
  await 0;
  return sum;
}
`,
    params: { full: { n: 10_000_000 }, quick: { n: 100_000 } },
    runs: { full: { warmup: 0, samples: 7 }, quick: { warmup: 0, samples: 3 } },
    check: (w) => w.loopInState(1000),
    async sample(w, { n }) {
      const start = nowNs();
      await w.loopInState(n);
      return (nowNs() - start) / n;
    },
  },
];
