// Pre-emption (issue 6, runtime side): check points spend the task's budget; a spent budget
// yields only after the task's slice. Starvation is stated as counts: with check points a
// spinning task lets a sleeper and a loopback HTTP request make progress; without, nothing moves.

import * as http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Coroutine, Executor, ResumeKind, Step, checkpoint, consumeBudget, coop, sleep, unconstrained } from "../../runtime/src/index.js";
import { Seq$Machine } from "./helpers.js";

interface SpinState {
  stop: boolean;
  n: number;
  limit: number;
  /** What the other side had done when the spinner finished. */
  progressAtEnd: number;
}

const enum Spinner$State {
  Start,
  Preempt0,
}

/**
 * [source] (with `@coroutine preempt loops` when `checkPoints`)
 *     async function spinner(s) { while (!s.stop && s.n < s.limit) { s.n++; } return s.n; }
 */
class Spinner$Machine extends Coroutine<number> {
  constructor(
    readonly s: SpinState,
    readonly checkPoints: boolean,
    readonly progress: () => number,
  ) {
    super();
  }

  resume(): Step {
    switch (this.state) {
      case Spinner$State.Start:
      case Spinner$State.Preempt0: // loop back-edge check point @ 1:62
        while (!this.s.stop && this.s.n < this.s.limit) {
          this.s.n++;
          if (this.checkPoints && --coop.left < 0 && checkpoint()) {
            this.state = Spinner$State.Preempt0;
            return Step.Preempt;
          }
        }
        this.s.progressAtEnd = this.progress();
        return this.done(this.s.n);
    }
    return this.done();
  }
}

const enum Sleeper$State {
  Start,
  Await0,
}

/** [source] async function sleeper(p, s) { for (let i = 0; i < 3; i++) { await sleep(1); p.done++; } s.stop = true; } */
class Sleeper$Machine extends Coroutine {
  i = 0;
  constructor(
    readonly p: { done: number },
    readonly s: SpinState,
  ) {
    super();
  }
  resume(kind: ResumeKind, input: unknown): Step {
    switch (this.state) {
      case Sleeper$State.Start:
        this.state = Sleeper$State.Await0;
        return this.await(sleep(1));
      case Sleeper$State.Await0:
        if (kind === ResumeKind.Throw) throw input;
        if (kind === ResumeKind.Cancel) return this.done();
        this.p.done++;
        if (++this.i < 3) return this.await(sleep(1));
        this.s.stop = true;
        return this.done();
    }
    return this.done();
  }
}

const LIMIT = 3e7; // iterations: tens of ms of spinning, far more than three 1 ms sleeps need

function spinState(): SpinState {
  return { stop: false, n: 0, limit: LIMIT, progressAtEnd: -1 };
}

let server: http.Server;
let port = 0;
beforeAll(async () => {
  server = http.createServer((_req, res) => res.end("pong"));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  port = (server.address() as AddressInfo).port;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

function requestPong(onDone: () => void): void {
  http.get({ host: "127.0.0.1", port, path: "/" }, (res) => {
    res.resume();
    res.on("end", onDone);
  });
}

describe("pre-emption", () => {
  for (const checkPoints of [true, false]) {
    it(`a spinning task ${checkPoints ? "lets" : "keeps"} a sleeper ${checkPoints ? "finish" : "from moving"} (check points ${checkPoints ? "on" : "off"})`, async () => {
      const executor = new Executor({ taskSliceMs: 1 });
      const s = spinState();
      const p = { done: 0 };
      const spinner = executor.spawn(new Spinner$Machine(s, checkPoints, () => p.done));
      executor.spawn(new Sleeper$Machine(p, s));
      await spinner;
      if (checkPoints) {
        expect(p.done).toBe(3);
        expect(s.n).toBeLessThan(LIMIT); // stopped by the sleeper, not by the limit
        expect(spinner.stats.forcedYields).toBeGreaterThan(0);
      } else {
        expect(s.n).toBe(LIMIT);
        expect(s.progressAtEnd).toBe(0); // the sleeper never ran while the spinner did
        expect(spinner.stats.forcedYields).toBe(0);
      }
    });

    it(`a loopback HTTP request is ${checkPoints ? "" : "not "}answered while a task spins (check points ${checkPoints ? "on" : "off"})`, async () => {
      const executor = new Executor({ taskSliceMs: 1 });
      const s = spinState();
      let answered = 0;
      const spinner = executor.spawn(new Spinner$Machine(s, checkPoints, () => answered));
      await Promise.resolve(); // the spinner's first turn is queued on a microtask: issue the request now
      requestPong(() => {
        answered++;
        s.stop = true;
      });
      await spinner;
      if (checkPoints) {
        expect(s.progressAtEnd).toBe(1);
        expect(s.n).toBeLessThan(LIMIT);
      } else {
        expect(s.progressAtEnd).toBe(0);
        expect(s.n).toBe(LIMIT);
        await new Promise<void>((resolve) => {
          const wait = () => (answered > 0 ? resolve() : setTimeout(wait, 5));
          wait();
        });
      }
    });
  }

  it("inside unconstrained() a spent budget never forces a yield", async () => {
    const executor = new Executor({ taskSliceMs: 0, budget: 16 });
    const s = { ...spinState(), limit: 10_000 };
    const task = executor.spawn(unconstrained(new Spinner$Machine(s, true, () => 0)));
    expect(await task).toBe(10_000);
    expect(task.stats.forcedYields).toBe(0);
    const constrained = executor.spawn(new Spinner$Machine({ ...spinState(), limit: 10_000 }, true, () => 0));
    await constrained;
    expect(constrained.stats.forcedYields).toBeGreaterThan(100);
  });

  it("consumeBudget yields to the host once the budget is spent and the slice used", async () => {
    const executor = new Executor({ taskSliceMs: 0, budget: 10 });
    const items = Array.from({ length: 100 }, () => consumeBudget);
    const task = executor.spawn(new Budgeted$Machine(items.length));
    expect(await task).toBe(100);
    // Each iteration spends two units (consumeBudget, then the ready await of its result): a yield every 5 or 6 iterations.
    expect(task.stats.forcedYields).toBeGreaterThanOrEqual(15);
    expect(task.stats.forcedYields).toBeLessThanOrEqual(20);
    expect(task.stats.polls).toBe(task.stats.forcedYields + 1);
  });

  it("ready awaits spend budget too: a task awaiting plain values forever is pre-empted", async () => {
    const executor = new Executor({ taskSliceMs: 0, budget: 100 });
    const values = Array.from({ length: 1000 }, (_, i) => i);
    const task = executor.spawn(new Seq$Machine(values));
    expect((await task).length).toBe(1000);
    expect(task.stats.forcedYields).toBe(9); // 1000 ready awaits / 101 per poll
  });
});

const enum Budgeted$State {
  Start,
  Await0,
}

/** [source] async function budgeted(n) { let i = 0; for (; i < n; i++) await consumeBudget(); return i; } */
class Budgeted$Machine extends Coroutine<number> {
  i = 0;
  constructor(readonly n: number) {
    super();
  }
  resume(kind: ResumeKind, input: unknown): Step {
    switch (this.state) {
      case Budgeted$State.Start:
        this.state = Budgeted$State.Await0;
        return this.await(consumeBudget());
      case Budgeted$State.Await0:
        if (kind === ResumeKind.Throw) throw input;
        if (kind === ResumeKind.Cancel) return this.done();
        if (++this.i < this.n) return this.await(consumeBudget());
        return this.done(this.i);
    }
    return this.done();
  }
}
