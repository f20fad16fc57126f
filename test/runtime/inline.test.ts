// Nested task-mode coroutines are polled inline in the same task: no microtask, one poll for a
// whole chain; finished coroutines and plain values continue at once; returned thenables are
// adopted; native code can await a coroutine (its `then` spawns it once).

import { describe, expect, it } from "vitest";
import { Coroutine, CoroutineStateError, Executor, ResumeKind, Step, getDefaultExecutor } from "../../runtime/src/index.js";
import { Chain$Machine, Gate, counters, probe, seq, settle } from "./helpers.js";

const enum Returns$State {
  Start,
}

/** [source] async function returns(v) { return v; } */
class Returns$Machine extends Coroutine {
  constructor(readonly v: unknown) {
    super();
  }
  resume(): Step {
    switch (this.state) {
      case Returns$State.Start:
        return this.done(this.v);
    }
    return this.done();
  }
}

describe("inline coroutines", () => {
  it("a 10-deep chain runs in one poll with no schedule besides the spawn", async () => {
    const executor = new Executor();
    const task = executor.spawn(new Chain$Machine(10));
    expect(await task).toBe(10);
    expect(task.stats.polls).toBe(1);
    expect(executor.stats.schedules).toBe(1);
  });

  it("constructing a coroutine runs nothing", () => {
    const c = counters();
    probe(c, 1);
    expect(c.starts).toBe(0);
  });

  it("ready values, functions and non-thenable objects continue at once, in order, in one poll", async () => {
    const executor = new Executor();
    const fn = () => 1;
    const obj = { then: 5 }; // `then` not callable: a plain value
    const task = executor.spawn(seq([1, "a", null, undefined, fn, obj]));
    expect(await task).toEqual([1, "a", null, undefined, fn, obj]);
    expect(task.stats.polls).toBe(1);
  });

  it("a child's throw resumes the parent with Throw; the parent's finally runs", async () => {
    const executor = new Executor();
    const c = counters();
    const boom = new Error("boom");
    const task = executor.spawn(probe(c, probe(c, 1, { throwInBody: boom }, "child"), {}, "parent"));
    await expect(task).rejects.toBe(boom);
    expect(c.log).toEqual(["parent:start", "child:start", "child:body", "child:finally", "child:finally-end", "parent:finally", "parent:finally-end"]);
  });

  it("awaiting a finished coroutine continues at once with its result, or rethrows its error", async () => {
    const executor = new Executor();
    const done = new Returns$Machine(7);
    const failed = probe(counters(), 1, { throwInBody: "bad" });
    await executor.run(seq([done]));
    await executor.run(seq([failed])).catch(() => undefined);
    const task = executor.spawn(seq([done, done]));
    expect(await task).toEqual([7, 7]);
    await expect(executor.run(seq([failed]))).rejects.toBe("bad");
  });

  it("a coroutine awaited while it runs inline elsewhere is a CoroutineStateError for the second awaiter", async () => {
    const executor = new Executor();
    const gate = new Gate();
    const shared = probe(counters(), gate);
    const first = executor.spawn(seq([shared]));
    await settle();
    const second = executor.spawn(seq([shared]));
    await expect(second).rejects.toBeInstanceOf(CoroutineStateError);
    gate.open(1);
    expect(await first).toEqual([1]);
  });

  it("awaiting the root coroutine of another task joins that task", async () => {
    const executor = new Executor();
    const gate = new Gate();
    const root = probe(counters(), gate);
    executor.spawn(root);
    const joiner = executor.spawn(seq([root]));
    await settle();
    gate.open("r");
    expect(await joiner).toEqual(["r"]);
  });

  it("return of a promise, a future or a coroutine settles with what it settles with", async () => {
    const executor = new Executor();
    const gate = new Gate();
    const viaPromise = new Returns$Machine(Promise.resolve("p"));
    const viaFuture = new Returns$Machine(gate);
    const viaCoroutine = new Returns$Machine(new Returns$Machine("c"));
    const viaRejection = new Returns$Machine(Promise.reject(new Error("r")));
    const task = executor.spawn(seq([viaPromise, viaCoroutine]));
    const futureTask = executor.spawn(viaFuture);
    gate.open("f");
    expect(await task).toEqual(["p", "c"]);
    expect(await futureTask).toBe("f");
    await expect(executor.run(viaRejection)).rejects.toThrow("r");
    // awaiting the machine again sees the adopted result, not the promise
    expect(await executor.run(seq([viaPromise]))).toEqual(["p"]);
  });

  it("a thenable whose `then` getter throws resumes the machine with that error", async () => {
    const executor = new Executor();
    const evil = {
      get then() {
        throw new Error("getter");
      },
    };
    await expect(executor.run(seq([evil]))).rejects.toThrow("getter");
  });

  it("a thenable's then is read once and the first settlement wins", async () => {
    const executor = new Executor();
    let reads = 0;
    const thenable = {
      get then() {
        reads++;
        return (ok: (v: unknown) => void, fail: (e: unknown) => void) => {
          ok("first");
          ok("second");
          fail(new Error("late"));
        };
      },
    };
    expect(await executor.run(seq([thenable]))).toEqual(["first"]);
    expect(reads).toBe(1);
  });

  it("native await of a coroutine spawns it on the default executor, once", async () => {
    const c = counters();
    const gate = new Gate();
    const coroutine = probe(c, gate);
    const before = getDefaultExecutor().stats.schedules;
    const a = Promise.resolve(coroutine); // calls then
    const b = (async () => await coroutine)();
    await settle();
    expect(c.starts).toBe(1);
    expect(getDefaultExecutor().stats.schedules - before).toBe(1);
    gate.open("n");
    expect(await a).toBe("n");
    expect(await b).toBe("n");
    expect(await coroutine).toBe("n"); // finished: settles from the stored result
  });

  it("a coroutine can be spawned once", () => {
    const executor = new Executor();
    const coroutine = probe(counters(), 1);
    executor.spawn(coroutine);
    expect(() => executor.spawn(coroutine)).toThrow(CoroutineStateError);
  });

  it("a yield from a task-mode machine is thrown back into it as a CoroutineStateError", async () => {
    class Yields$Machine extends Coroutine {
      resume(kind: ResumeKind, input: unknown): Step {
        if (this.state === 0) {
          this.state = 1;
          this.value = 1;
          return Step.Yield;
        }
        if (kind === ResumeKind.Throw) throw input;
        return this.done();
      }
    }
    await expect(new Executor().run(new Yields$Machine())).rejects.toBeInstanceOf(CoroutineStateError);
  });
});
