// Pre-emption check points (issue 6): the same lowered code without and with check points, so
// the ratio is the cost of the checks alone. Targets from design.md §9.

import { fork } from "node:child_process";
import * as http from "node:http";
import { fileURLToPath } from "node:url";
import { nowNs } from "../lib/measure.mjs";
import { stacklessVariant } from "../lib/variants.mjs";

export const variants = [
  stacklessVariant("stackless-preempt", "stackless spec mode with check points at calls and loops", {
    lowerAll: true,
    preempt: { calls: true, loops: true },
  }),
];

const base = { variants: ["stackless-spec", "stackless-preempt"], baseline: "stackless-spec" };

/** @type {import("../lib/case-types.mjs").BenchCase[]} */
export const cases = [
  {
    ...base,
    id: "preempt-empty-loop",
    title: "empty counting loop, check points off vs on",
    unit: "ns/iter",
    targets: { "stackless-preempt": 1.5 },
    source: `
export async function count(n: number): Promise<number> {
  await null;
  let i = 0;
  while (i < n) i++;
  return i;
}
`,
    params: { full: { n: 100_000_000 }, quick: { n: 1_000_000 } },
    runs: { full: { warmup: 1, samples: 5 }, quick: { warmup: 1, samples: 2 } },
    check: (w) => w.count(1000),
    async sample(w, { n }) {
      const start = nowNs();
      await w.count(n);
      return (nowNs() - start) / n;
    },
  },
  {
    ...base,
    id: "preempt-array-sum",
    title: "loop summing a large array, check points off vs on",
    unit: "ns/elem",
    targets: { "stackless-preempt": 1.1 },
    source: `
const data = Array.from({ length: 1_000_000 }, (_, i) => (i * 7) % 13);
export async function sum(rounds: number): Promise<number> {
  await null;
  let total = 0;
  for (let r = 0; r < rounds; r++) {
    for (let i = 0; i < data.length; i++) total += data[i]!;
  }
  return total;
}
`,
    params: { full: { rounds: 50 }, quick: { rounds: 1 } },
    runs: { full: { warmup: 1, samples: 5 }, quick: { warmup: 1, samples: 2 } },
    check: (w) => w.sum(1),
    async sample(w, { rounds }) {
      const start = nowNs();
      await w.sum(rounds);
      return (nowNs() - start) / (rounds * 1_000_000);
    },
  },
  {
    ...base,
    id: "preempt-call-loop",
    title: "call-heavy loop, check points off vs on",
    unit: "ns/call",
    targets: { "stackless-preempt": 1.1 },
    source: `
function mix(a: number, b: number): number {
  return (a * 31 + b) % 1_000_003;
}
export async function calls(n: number): Promise<number> {
  await null;
  let h = 1;
  for (let i = 0; i < n; i++) h = mix(h, i);
  return h;
}
`,
    params: { full: { n: 20_000_000 }, quick: { n: 100_000 } },
    runs: { full: { warmup: 1, samples: 5 }, quick: { warmup: 1, samples: 2 } },
    check: (w) => w.calls(1000),
    async sample(w, { n }) {
      const start = nowNs();
      await w.calls(n);
      return (nowNs() - start) / n;
    },
  },
  {
    ...base,
    id: "preempt-request-latency",
    title: "p99 latency of loopback requests served while a CPU-bound coroutine runs",
    unit: "ms p99",
    // The spinner is an async function that awaits nothing in its loop: without check points it
    // holds the event loop for its whole run, so every request waits for it.
    source: `
export async function spin(ms: number): Promise<number> {
  await null;
  const end = Date.now() + ms;
  let n = 0;
  while (Date.now() < end) n++;
  return n;
}
`,
    params: { full: { spinMs: 300, requests: 40 }, quick: { spinMs: 50, requests: 5 } },
    runs: { full: { warmup: 1, samples: 5 }, quick: { warmup: 0, samples: 1 } },
    check: async (w) => (await w.spin(1)) > 0,
    async sample(w, { spinMs, requests }) {
      const server = http.createServer((_, response) => response.end("ok"));
      await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
      const { port } = server.address();
      // The client paces its requests from another process, so they arrive during the spin.
      const client = fork(fileURLToPath(new URL("../lib/latency-client.mjs", import.meta.url)), [String(port), String(requests), String(Math.max(1, Math.floor(spinMs / requests)))]);
      const reported = new Promise((resolve) => client.once("message", (message) => resolve(message.latencies)));
      await new Promise((resolve) => setTimeout(resolve, 100)); // the client is up and connected
      await w.spin(spinMs);
      const latencies = await reported;
      await new Promise((resolve) => server.close(resolve));
      latencies.sort((a, b) => a - b);
      return latencies[Math.min(latencies.length - 1, Math.floor(latencies.length * 0.99))];
    },
  },
];
