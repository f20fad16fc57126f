// Executor turns: host-triggered turns start on a microtask (capped), continuations go through
// setImmediate, forced yields let the host run before the task resumes, and an idle executor
// leaves no host callback behind.

import { describe, expect, it } from "vitest";
import { Coroutine, Executor, ResumeKind, Step, yieldNow } from "../../runtime/src/index.js";
import { Gate, counters, probe, seq, settle } from "./helpers.js";

const enum Spin$State {
  Start,
  Preempt0,
}

/** [source] async function spin(rounds, log) { for (let i = 0; i < rounds; i++) { log.push(i); checkPoint(); } } */
class Spin$Machine extends Coroutine {
  i = 0;
  constructor(
    readonly rounds: number,
    readonly log: string[],
    readonly label: string,
  ) {
    super();
  }
  resume(): Step {
    switch (this.state) {
      case Spin$State.Start:
      case Spin$State.Preempt0:
        if (this.i >= this.rounds) return this.done(this.i);
        this.log.push(`${this.label}${this.i++}`);
        this.state = Spin$State.Preempt0;
        return Step.Preempt; // a check point whose budget ran out
    }
    return this.done();
  }
}

describe("executor turns", () => {
  it("tasks spawned from native code run in one turn started on a microtask", async () => {
    const executor = new Executor();
    const tasks = [1, 2, 3].map((v) => executor.spawn(probe(counters(), v)));
    let microtaskRanFirst = false;
    queueMicrotask(() => (microtaskRanFirst = tasks.every((t) => !t.isFinished) ? false : true));
    await Promise.all(tasks);
    expect(executor.stats).toMatchObject({ microtaskTurns: 1, immediateTurns: 0, polls: 3 });
    expect(microtaskRanFirst).toBe(true); // the turn ran on the microtask queued by the first spawn
  });

  it("a turn stops after turnPolls polls and continues on setImmediate", async () => {
    const executor = new Executor({ turnPolls: 4 });
    const tasks = Array.from({ length: 10 }, (_, v) => executor.spawn(probe(counters(), v)));
    await Promise.all(tasks);
    expect(executor.stats).toMatchObject({ microtaskTurns: 1, immediateTurns: 2, polls: 10 });
  });

  it("a pre-empted task goes to the tail, the turn ends, and host immediates run before it resumes", async () => {
    const executor = new Executor();
    const log: string[] = [];
    const spinner = executor.spawn(new Spin$Machine(3, log, "s"));
    executor.spawn(probe({ ...counters(), log }, 1, {}, "other"));
    let hostTicks = 0;
    const tick = () => {
      log.push(`host${hostTicks++}`);
      if (hostTicks < 5) setImmediate(tick);
    };
    setImmediate(tick);
    expect(await spinner).toBe(3);
    expect(spinner.stats.forcedYields).toBe(3);
    // The forced yield ends the turn: the host runs, then the queue continues with `other`, then the spinner.
    expect(log.slice(0, 9)).toEqual(["s0", "host0", "other:start", "other:body", "other:finally", "other:finally-end", "s1", "host1", "s2"]);
  });

  it("yieldNow requeues at the tail within the same turn", async () => {
    const executor = new Executor();
    const order: string[] = [];
    const a = executor.spawn(probe({ ...counters(), log: order }, yieldNow(), {}, "a"));
    const b = executor.spawn(probe({ ...counters(), log: order }, 1, {}, "b"));
    await Promise.all([a, b]);
    expect(order.filter((x) => x.endsWith(":body"))).toEqual(["b:body", "a:body"]);
    expect(executor.stats.immediateTurns).toBe(0);
    expect(a.stats.forcedYields).toBe(0);
  });

  it("at most microtaskTurns turns in a row start on a microtask", async () => {
    const executor = new Executor({ microtaskTurns: 2 });
    // Each await of a resolved promise wakes the task from a promise reaction: a host-triggered turn.
    const task = executor.spawn(seq([Promise.resolve(1), Promise.resolve(2), Promise.resolve(3), Promise.resolve(4), Promise.resolve(5)]));
    expect(await task).toEqual([1, 2, 3, 4, 5]);
    expect(executor.stats.microtaskTurns + executor.stats.immediateTurns).toBe(6);
    expect(executor.stats.immediateTurns).toBeGreaterThanOrEqual(1);
  });

  it("an idle executor leaves no host timer or immediate behind", async () => {
    const executor = new Executor();
    const gate = new Gate();
    const before = activeHostCallbacks();
    const task = executor.spawn(probe(counters(), gate)); // waits forever on an unopened gate
    await settle();
    await settle();
    expect(task.isFinished).toBe(false);
    expect(activeHostCallbacks()).toBe(before);
  });

  it("bad options are RangeErrors naming the option", () => {
    expect(() => new Executor({ budget: 0 })).toThrow(/'budget'/);
    expect(() => new Executor({ turnPolls: 1.5 })).toThrow(/'turnPolls'/);
    expect(() => new Executor({ taskSliceMs: -1 })).toThrow(/'taskSliceMs'/);
  });

  it("an unobserved failure goes to console.error by default, with the task's name", async () => {
    const executor = new Executor();
    const printed: unknown[][] = [];
    const original = console.error;
    console.error = (...args: unknown[]) => void printed.push(args);
    try {
      executor.spawn(probe(counters(), 1, { throwInBody: new Error("lost") }), { name: "orphan" });
      await settle();
      await settle();
    } finally {
      console.error = original;
    }
    expect(printed).toHaveLength(1);
    expect(String(printed[0]![0])).toContain("orphan");
  });

  it("a machine that throws a non-Error value fails the task with that value", async () => {
    class Throws$Machine extends Coroutine {
      resume(_kind: ResumeKind, _input: unknown): Step {
        throw 42;
      }
    }
    await expect(new Executor().run(new Throws$Machine())).rejects.toBe(42);
  });
});

function activeHostCallbacks(): number {
  return process.getActiveResourcesInfo().filter((r) => r === "Timeout" || r === "Immediate").length;
}
