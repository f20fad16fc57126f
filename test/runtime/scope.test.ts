// Scoped spawn: children belong to the spawning task; when it finishes, still-running children
// are cancelled and awaited before the parent settles. Detached tasks belong to no scope.

import { describe, expect, it } from "vitest";
import { Cancelled, Coroutine, Executor, NoTaskError, ResumeKind, Step, spawn, spawnDetached, type Task } from "../../runtime/src/index.js";
import { Gate, counters, probe, reportSink, settle, type Counters } from "./helpers.js";

const enum Parent$State {
  Start,
  Await0,
}

/**
 * [source]
 *     async function parent(c, children, gate) {
 *       for (const child of children) handles.push(spawn(child));
 *       c.log.push("parent:spawned");
 *       return await gate;
 *     }
 */
class Parent$Machine extends Coroutine {
  handles: Task[] = [];
  constructor(
    readonly c: Counters,
    readonly children: unknown[],
    readonly gate: unknown,
  ) {
    super();
  }

  resume(kind: ResumeKind, input: unknown): Step {
    switch (this.state) {
      case Parent$State.Start:
        for (const child of this.children) this.handles.push(spawn(child));
        this.c.log.push("parent:spawned");
        this.state = Parent$State.Await0;
        return this.await(this.gate);
      case Parent$State.Await0:
        if (kind === ResumeKind.Throw) throw input;
        if (kind === ResumeKind.Cancel) {
          this.c.log.push("parent:cancelled");
          return this.done();
        }
        this.c.log.push("parent:return");
        return this.done(input);
    }
    return this.done();
  }
}

describe("scoped spawn", () => {
  it("a parent that returns cancels its running children and settles after their finally blocks", async () => {
    const executor = new Executor();
    const c = counters();
    const gate = new Gate("parent");
    const parent = new Parent$Machine(c, [probe(c, new Gate("a"), {}, "a"), probe(c, new Gate("b"), {}, "b")], gate);
    const task = executor.spawn(parent);
    let settled = false;
    task.then(() => (settled = true));
    await settle();
    expect(parent.handles.map((h) => h.isFinished)).toEqual([false, false]);
    gate.open("p");
    await settle();
    await settle();
    expect(settled).toBe(true);
    expect(await task).toBe("p");
    expect(c.log).toEqual(["parent:spawned", "a:start", "b:start", "parent:return", "a:finally", "a:finally-end", "b:finally", "b:finally-end"]);
    for (const h of parent.handles) await expect(h).rejects.toBeInstanceOf(Cancelled);
  });

  it("the parent waits for a child whose finally awaits", async () => {
    const executor = new Executor();
    const c = counters();
    const childFinally = new Gate("child-finally");
    const parentGate = new Gate("parent");
    const parent = new Parent$Machine(c, [probe(c, new Gate("a"), { awaitInFinally: childFinally }, "a")], parentGate);
    const task = executor.spawn(parent);
    await settle();
    parentGate.open(1);
    await settle();
    await settle();
    expect(task.isFinished).toBe(false);
    expect(executor.dump()[0]!.state).toBe("closing");
    childFinally.open();
    expect(await task).toBe(1);
    expect(c.log.at(-1)).toBe("a:finally-end");
  });

  it("cancelling a parent unwinds it, then cancels its children, then rejects", async () => {
    const executor = new Executor();
    const c = counters();
    const parent = new Parent$Machine(c, [probe(c, new Gate("a"), {}, "a")], new Gate("parent"));
    const task = executor.spawn(parent);
    await settle();
    task.cancel();
    await expect(task).rejects.toBeInstanceOf(Cancelled);
    expect(c.log).toEqual(["parent:spawned", "a:start", "parent:cancelled", "a:finally", "a:finally-end"]);
  });

  it("a child cancelled before its first poll never runs", async () => {
    const executor = new Executor();
    const c = counters();
    const task = executor.spawn(new Parent$Machine(c, [probe(c, new Gate("a"), {}, "a")], "at once"));
    expect(await task).toBe("at once");
    expect(c.log).toEqual(["parent:spawned", "parent:return"]);
  });

  it("children that finish first leave the scope; the parent then completes at once", async () => {
    const executor = new Executor();
    const c = counters();
    const parent = new Parent$Machine(c, [probe(c, 1, {}, "a"), probe(c, 2, {}, "b")], new Gate("parent"));
    const task = executor.spawn(parent);
    await settle();
    expect(parent.handles.every((h) => h.isFinished)).toBe(true);
    expect(task.ext!.children!.count).toBe(0);
    (parent.gate as Gate).open("done");
    expect(await task).toBe("done");
  });

  it("a child's unobserved failure is reported and does not affect the parent or its siblings", async () => {
    const sink = reportSink();
    const executor = new Executor({ onUnobservedError: sink.onUnobservedError });
    const c = counters();
    const boom = new Error("child failed");
    const gate = new Gate("parent");
    const parent = new Parent$Machine(c, [probe(c, 1, { throwInBody: boom }, "bad"), probe(c, new Gate("slow"), {}, "good")], gate);
    const task = executor.spawn(parent);
    await settle();
    await settle();
    expect(sink.errors).toEqual([boom]);
    expect(parent.handles[1]!.isFinished).toBe(false);
    gate.open("ok");
    expect(await task).toBe("ok");
  });

  it("spawn outside a task is a NoTaskError; spawnDetached works anywhere", async () => {
    expect(() => spawn(probe(counters(), 1))).toThrow(NoTaskError);
    expect(await spawnDetached(probe(counters(), 3))).toBe(3);
  });

  it("a detached task spawned from a task outlives it", async () => {
    const executor = new Executor();
    const gate = new Gate("detached");
    let detached!: Task;
    class Spawner$Machine extends Coroutine {
      resume(): Step {
        detached = spawnDetached(probe(counters(), gate));
        return this.done("parent done");
      }
    }
    expect(await executor.run(new Spawner$Machine())).toBe("parent done");
    expect(detached.isFinished).toBe(false);
    gate.open("later");
    expect(await detached).toBe("later");
  });
});
