// Task-local values: per task, inherited by children at spawn time, isolated afterwards.

import { describe, expect, it } from "vitest";
import { Coroutine, Executor, NoTaskError, ResumeKind, Step, TaskLocal, spawn } from "../../runtime/src/index.js";
import { Gate, settle } from "./helpers.js";

const requestId = new TaskLocal<string>("requestId", "none");

const enum Worker$State {
  Start,
  Await0,
}

/**
 * [source]
 *     async function worker(id, gate, seen, child) {
 *       if (id) requestId.set(id);
 *       const handle = child ? spawn(child) : null;
 *       if (id) requestId.set(id + "-after-spawn");
 *       await gate;
 *       seen.push(requestId.get());
 *       return handle ? await handle : undefined;
 *     }
 */
class Worker$Machine extends Coroutine {
  handle: unknown = null;
  constructor(
    readonly id: string | null,
    readonly gate: unknown,
    readonly seen: string[],
    readonly child: Coroutine | null = null,
  ) {
    super();
  }
  resume(kind: ResumeKind, input: unknown): Step {
    switch (this.state) {
      case Worker$State.Start:
        if (this.id !== null) requestId.set(this.id);
        this.handle = this.child === null ? null : spawn(this.child);
        if (this.id !== null) requestId.set(`${this.id}-after-spawn`);
        this.state = Worker$State.Await0;
        return this.await(this.gate);
      case Worker$State.Await0:
        if (kind === ResumeKind.Throw) throw input;
        this.seen.push(requestId.get());
        this.state = 2;
        if (this.handle !== null) return this.await(this.handle);
        return this.done();
      case 2:
        return this.done(input);
    }
    return this.done();
  }
}

describe("TaskLocal", () => {
  it("each task sees its own value; a child sees its parent's value at spawn time", async () => {
    const executor = new Executor();
    const seen: string[] = [];
    const gate = new Gate();
    const child = new Worker$Machine(null, gate, seen);
    const a = executor.spawn(new Worker$Machine("a", gate, seen, child));
    const b = executor.spawn(new Worker$Machine("b", gate, seen));
    const c = executor.spawn(new Worker$Machine(null, gate, seen));
    await settle();
    gate.open();
    await Promise.all([a, b, c]);
    expect(seen.sort()).toEqual(["a", "a-after-spawn", "b-after-spawn", "none"]);
  });

  it("outside tasks get returns the initial value and set is a NoTaskError", () => {
    expect(requestId.get()).toBe("none");
    expect(() => requestId.set("x")).toThrow(NoTaskError);
  });
});
