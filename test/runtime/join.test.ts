// Joining: a JoinHandle (the Task) awaited from a task or from native code, many joiners,
// joining a finished task, self-joins, and reports of failures nobody observed.

import { describe, expect, it } from "vitest";
import { Coroutine, CoroutineStateError, Executor, ResumeKind, Step, currentTask } from "../../runtime/src/index.js";
import { Gate, counters, probe, reportSink, seq, settle } from "./helpers.js";

describe("join", () => {
  it("many joiners (tasks and native) all see the result; each joiner is woken once", async () => {
    const executor = new Executor();
    const gate = new Gate();
    const task = executor.spawn(probe(counters(), gate));
    const joiners = [executor.spawn(seq([task])), executor.spawn(seq([task])), executor.spawn(seq([task]))];
    const native = task.then((v) => v);
    await settle();
    gate.open("r");
    expect(await Promise.all(joiners)).toEqual([["r"], ["r"], ["r"]]);
    expect(await native).toBe("r");
    expect(joiners.map((j) => j.stats)).toEqual(joiners.map(() => ({ polls: 2, wakes: 1, forcedYields: 0, busyMs: 0 })));
  });

  it("joining a finished task continues at once", async () => {
    const executor = new Executor();
    const task = executor.spawn(probe(counters(), 9));
    await task;
    const joiner = executor.spawn(seq([task, task]));
    expect(await joiner).toEqual([9, 9]);
    expect(joiner.stats.polls).toBe(1);
  });

  it("a task joining its own handle fails with a CoroutineStateError instead of hanging", async () => {
    class SelfJoin$Machine extends Coroutine {
      resume(kind: ResumeKind, input: unknown): Step {
        if (this.state === 0) {
          this.state = 1;
          return this.await(currentTask());
        }
        if (kind === ResumeKind.Throw) throw input;
        return this.done(input);
      }
    }
    await expect(new Executor().run(new SelfJoin$Machine())).rejects.toBeInstanceOf(CoroutineStateError);
  });

  it("a failure nobody awaits is reported once; a failure awaited in time is not", async () => {
    const sink = reportSink();
    const executor = new Executor({ onUnobservedError: sink.onUnobservedError });
    const e1 = new Error("nobody");
    const e2 = new Error("somebody");
    executor.spawn(probe(counters(), 1, { throwInBody: e1 }));
    const watched = executor.spawn(probe(counters(), 1, { throwInBody: e2 }));
    watched.then(undefined, () => undefined);
    await settle();
    await settle();
    expect(sink.errors).toEqual([e1]);
  });

  it("a failure observed in the same turn as it happens is not reported", async () => {
    const sink = reportSink();
    const executor = new Executor({ onUnobservedError: sink.onUnobservedError });
    const task = executor.spawn(probe(counters(), 1, { throwInBody: new Error("late") }));
    await Promise.resolve();
    await Promise.resolve();
    expect(task.isFinished).toBe(true);
    await task.then(undefined, () => undefined);
    await settle();
    expect(sink.errors).toEqual([]);
  });

  it("a throwing machine does not stop other tasks in the same turn", async () => {
    const sink = reportSink();
    const executor = new Executor({ onUnobservedError: sink.onUnobservedError });
    const tasks = [executor.spawn(probe(counters(), 1)), executor.spawn(probe(counters(), 1, { throwInBody: new Error("x") })), executor.spawn(probe(counters(), 3))];
    const results = await Promise.allSettled(tasks);
    expect(results.map((r) => r.status)).toEqual(["fulfilled", "rejected", "fulfilled"]);
    expect(executor.stats.microtaskTurns).toBe(1); // all three in one turn
  });

  it("a future whose poll throws resumes the machine with Throw", async () => {
    const gate = new Gate();
    gate.fail(new Error("poll failed"));
    const c = counters();
    await expect(new Executor().run(probe(c, gate))).rejects.toThrow("poll failed");
    expect(c).toMatchObject({ bodyDone: 0, finalizes: 1 });
  });
});
