// Wakes: idempotent while queued, a wake during the task's own poll requeues it exactly once
// after the poll, spurious wakes cost one poll each. Counts, not times.

import { describe, expect, it } from "vitest";
import { Coroutine, Executor, ResumeKind, Step, currentTask } from "../../runtime/src/index.js";
import { Gate, counters, probe, settle } from "./helpers.js";

const enum SelfWake$State {
  Start,
  Await0,
}

/** [source] async function selfWake(gate, n) { for (i < n) currentTask().wake(); return await gate; } */
class SelfWake$Machine extends Coroutine {
  constructor(
    readonly gate: Gate,
    readonly n: number,
  ) {
    super();
  }

  resume(kind: ResumeKind, input: unknown): Step {
    switch (this.state) {
      case SelfWake$State.Start:
        for (let i = 0; i < this.n; i++) currentTask()!.wake();
        this.state = SelfWake$State.Await0;
        return this.await(this.gate);
      case SelfWake$State.Await0:
        if (kind === ResumeKind.Throw) throw input;
        return this.done(input);
    }
    return this.done();
  }
}

describe("wake", () => {
  it("a spawned task is scheduled once and polled once before it waits", async () => {
    const executor = new Executor();
    const gate = new Gate();
    const task = executor.spawn(probe(counters(), gate));
    expect(executor.stats.schedules).toBe(1);
    expect(task.stats.polls).toBe(0); // lazy: nothing ran synchronously
    await settle();
    expect(task.stats).toMatchObject({ polls: 1, wakes: 0 });
    expect(gate.polls).toBe(1);
    expect(gate.wakers.size).toBe(1);
  });

  it("is idempotent: three wakes of a waiting task queue it once", async () => {
    const executor = new Executor();
    const gate = new Gate();
    const task = executor.spawn(probe(counters(), gate));
    await settle();
    task.wake();
    task.wake();
    task.wake();
    expect(executor.stats.schedules).toBe(2);
    await settle();
    expect(task.stats).toMatchObject({ polls: 2, wakes: 3 });
    expect(gate.polls).toBe(2); // a spurious wake re-polls the future, which is still pending
    expect(task.isFinished).toBe(false);
  });

  it("a wake during the task's own poll requeues it once, after the poll", async () => {
    const executor = new Executor();
    const gate = new Gate();
    const task = executor.spawn(new SelfWake$Machine(gate, 3));
    await settle();
    expect(task.stats).toMatchObject({ polls: 2, wakes: 3 });
    expect(executor.stats.schedules).toBe(2); // spawn + one requeue for three wakes
    expect(gate.polls).toBe(2);
    gate.open("v");
    expect(await task).toBe("v");
    expect(task.stats.polls).toBe(3);
  });

  it("a wake of a completed task does nothing", async () => {
    const executor = new Executor();
    const task = executor.spawn(probe(counters(), 1));
    expect(await task).toBe(1);
    const before = executor.stats.schedules;
    task.wake();
    await settle();
    expect(executor.stats.schedules).toBe(before);
    expect(task.stats.polls).toBe(1);
  });

  it("a gate opened before the task waits on it is seen on the first poll (no wake needed)", async () => {
    const executor = new Executor();
    const gate = new Gate();
    gate.open(5);
    const task = executor.spawn(probe(counters(), gate));
    expect(await task).toBe(5);
    expect(task.stats).toMatchObject({ polls: 1, wakes: 0 });
  });

  it("two tasks waiting on one gate are both woken and each polled twice", async () => {
    const executor = new Executor();
    const gate = new Gate();
    const a = executor.spawn(probe(counters(), gate));
    const b = executor.spawn(probe(counters(), gate));
    await settle();
    gate.open("x");
    expect(await Promise.all([a, b])).toEqual(["x", "x"]);
    expect([a.stats.polls, b.stats.polls]).toEqual([2, 2]);
    expect(executor.stats.polls).toBe(4);
  });
});
