// Starvation, stated as counts: a lowered coroutine spinning in a loop that calls nothing lets
// timers and a loopback HTTP request through when pre-emption is on, and holds them off until it
// ends when it is off. Spec mode (yields to the host) and task mode (yields to the executor).

import * as http from "node:http";
import type { AddressInfo } from "node:net";
import ts from "typescript";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as runtime from "../../runtime/src/index.js";
import { createTransformer } from "../../transformer/src/index.js";
import type { Options } from "../../transformer/src/options.js";

type Exports = Record<string, (...args: unknown[]) => unknown>;

function load(source: string, options: Options): Exports {
  const { outputText } = ts.transpileModule(source, {
    compilerOptions: { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.CommonJS },
    transformers: { before: [createTransformer(options)] },
  });
  const module = { exports: {} as Exports };
  new Function("module", "exports", "require", outputText)(module, module.exports, (s: string) => {
    if (s === "stackless/runtime") return runtime;
    throw new Error(`unexpected import ${s}`);
  });
  return module.exports;
}

// Spins for a bounded number of iterations (about 0.2-0.5 s here), so a run without pre-emption ends.
const spinner = `
/** @coroutine */
export async function spin(state: { n: number }, limit: number): Promise<number> {
  await null;
  while (state.n < limit) state.n++;
  return state.n;
}`;
const LIMIT = 300_000_000;

// The same, through a counted loop (its check compares the counter: analysis/loop-counter.ts)
// and through a loop of calls with check points at calls only.
const counted = `
/** @coroutine */
export async function spin(state: { n: number }, limit: number): Promise<number> {
  await null;
  let i = 0;
  while (i < limit) i++;
  state.n = i;
  return i;
}`;
const callLoop = `
function bump(state: { n: number }): void { state.n++; }
/** @coroutine */
export async function spin(state: { n: number }, limit: number): Promise<number> {
  await null;
  while (state.n < limit) bump(state);
  return state.n;
}`;
const CALL_LIMIT = 30_000_000;

/** How many 1 ms timer ticks ran while `work` was in progress. */
async function timerTicksDuring(work: () => PromiseLike<unknown>): Promise<number> {
  let ticks = 0;
  let done = false;
  const tick = () => {
    if (done) return;
    ticks++;
    setTimeout(tick, 1);
  };
  setTimeout(tick, 1);
  await work();
  done = true;
  return ticks;
}

describe("pre-emption, spec mode", () => {
  let server: http.Server;
  let port = 0;
  beforeAll(async () => {
    server = http.createServer((_, response) => response.end("pong"));
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it("lets timers run while a loop that calls nothing spins", async () => {
    const { spin } = load(spinner, { preempt: { loops: true } });
    const ticks = await timerTicksDuring(() => spin({ n: 0 }, LIMIT) as Promise<number>);
    expect(ticks).toBeGreaterThan(0);
  });

  it("without check points the same loop holds every timer off until it ends", async () => {
    const { spin } = load(spinner, {});
    const ticks = await timerTicksDuring(() => spin({ n: 0 }, LIMIT) as Promise<number>);
    expect(ticks).toBe(0);
  });

  it("lets timers run while a counted loop or a loop of calls spins, and not without check points", async () => {
    const cases = [[counted, LIMIT, { loops: true }], [callLoop, CALL_LIMIT, { calls: true }]] as const;
    for (const [source, limit, preempt] of cases) {
      const on = load(source, { preempt }).spin!;
      expect(await timerTicksDuring(() => on({ n: 0 }, limit) as Promise<number>), JSON.stringify(preempt)).toBeGreaterThan(0);
      const off = load(source, {}).spin!;
      expect(await timerTicksDuring(() => off({ n: 0 }, limit) as Promise<number>), JSON.stringify(preempt)).toBe(0);
    }
  });

  it("starts a fresh slice in each host turn: a coroutine back from a timer does not yield at its first check", async () => {
    const { twice } = load(`
      /** @coroutine */
      export async function twice(probe: () => boolean): Promise<boolean[]> {
        const seen: boolean[] = [];
        for (const wait of [0, 20]) {
          await new Promise((resolve) => setTimeout(resolve, wait));
          let flagged = false;
          setImmediate(() => { flagged = true; });
          for (let i = 0; i < 3; i++) probe();
          seen.push(flagged); // true only if a check point yielded to the host in the loop
        }
        return seen;
      }`, { preempt: { calls: true, loops: true, budget: 1 } });
    // A slow first turn (a spent slice), then a turn 20 ms later: neither check should yield
    // after the timer, because each host turn starts its own slice.
    let spins = 0;
    const probe = () => {
      if (spins++ === 0) {
        const until = performance.now() + 5;
        while (performance.now() < until);
      }
      return true;
    };
    const seen = await (twice(probe) as Promise<boolean[]>);
    expect(seen[1]).toBe(false);
  });

  it("answers a loopback HTTP request while the spinner runs", async () => {
    for (const [options, expectAnswered] of [[{ preempt: { loops: true } }, true], [{}, false]] as const) {
      const { spin } = load(spinner, options);
      const state = { n: 0 };
      let answeredAt = -1;
      const request = new Promise<void>((resolve, reject) => {
        http.get({ host: "127.0.0.1", port }, (response) => {
          response.resume();
          response.on("end", () => {
            answeredAt = state.n;
            resolve();
          });
        }).on("error", reject);
      });
      await (spin(state, LIMIT) as Promise<number>);
      await request;
      // Answered before the spinner reached its limit only when it yields.
      expect(answeredAt < LIMIT, `options ${JSON.stringify(options)}`).toBe(expectAnswered);
    }
  });
});

describe("pre-emption, task mode", () => {
  const cases = [
    ["a loop that calls nothing", spinner, LIMIT, { loops: true }],
    ["a loop of calls", callLoop, CALL_LIMIT, { calls: true }],
  ] as const;
  it.each(cases)("a spinning task (%s) does not stop a sleeping task from completing its sleeps", async (_, source, limit, preempt) => {
    for (const [options, expectProgress] of [[{ mode: "task", preempt }, true], [{ mode: "task" }, false]] as const) {
      const { spin } = load(source, options as Options);
      const state = { n: 0 };
      let sleepsDuringSpin = 0;
      const { sleeper } = load(`
        import { sleep } from "stackless/runtime";
        /** @coroutine */
        export async function sleeper(state: { n: number }, limit: number, count: () => void): Promise<void> {
          while (state.n < limit) {
            await sleep(1);
            if (state.n < limit) count();
          }
        }`, { mode: "task" });
      const sleeping = runtime.spawnDetached(sleeper(state, limit, () => sleepsDuringSpin++) as runtime.Coroutine<void>);
      const spinning = runtime.spawnDetached(spin(state, limit) as runtime.Coroutine<number>);
      await spinning;
      await sleeping;
      if (expectProgress) expect(sleepsDuringSpin, `options ${JSON.stringify(options)}`).toBeGreaterThan(0);
      else expect(sleepsDuringSpin, `options ${JSON.stringify(options)}`).toBe(0);
    }
  });
});
