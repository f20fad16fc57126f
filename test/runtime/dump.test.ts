// Introspection: per-task counters, the task dump (tree, stack, what each task waits on), busy
// time and long-poll warnings with `instrument: true`.

import { describe, expect, it } from "vitest";
import { Coroutine, Executor, ResumeKind, Step, formatDump, spawn } from "../../runtime/src/index.js";
import { Gate, counters, probe, settle } from "./helpers.js";

const enum Main$State {
  Start,
  Await0,
}

/** [source] async function main(gate) { spawn(probe(worker gate)); return await probe(gate); } */
class Main$Machine extends Coroutine {
  constructor(readonly gate: Gate) {
    super();
  }
  resume(kind: ResumeKind, input: unknown): Step {
    switch (this.state) {
      case Main$State.Start:
        spawn(probe(counters(), new Gate("worker-gate")), { name: "worker" });
        this.state = Main$State.Await0;
        return this.await(probe(counters(), this.gate));
      case Main$State.Await0:
        if (kind === ResumeKind.Throw) throw input;
        return this.done(input);
    }
    return this.done();
  }
}

describe("dump", () => {
  it("lists live tasks as a tree with their stacks, states and what they wait on", async () => {
    const executor = new Executor();
    const gate = new Gate("main-gate");
    const main = executor.spawn(new Main$Machine(gate));
    await settle();
    const [info] = executor.dump();
    expect(info).toMatchObject({ name: "Main", state: "waiting", stack: ["Main", "Probe"], waitingOn: "main-gate", polls: 1, wakes: 0 });
    expect(info!.children).toHaveLength(1);
    expect(info!.children[0]).toMatchObject({ name: "worker", state: "waiting", stack: ["Probe"], waitingOn: "worker-gate" });
    const text = formatDump(executor.dump());
    expect(text).toMatch(/^#\d+ Main waiting on main-gate polls=1 wakes=0 forcedYields=0 stack=Main>Probe\n  #\d+ worker waiting on worker-gate/);
    main.cancel();
    await main.then(undefined, () => undefined);
    expect(executor.dump()).toEqual([]);
  });

  it("instrument: measures busy time and warns once about a long poll without a check point", async () => {
    const warned: number[] = [];
    const executor = new Executor({ instrument: true, taskSliceMs: 1, onLongPoll: (_t, ms) => warned.push(ms) });
    class Busy$Machine extends Coroutine {
      resume(): Step {
        const end = performance.now() + 10;
        while (performance.now() < end); // 10 ms without a check point
        return this.done();
      }
    }
    const task = executor.spawn(new Busy$Machine());
    await task;
    expect(warned).toHaveLength(1);
    expect(task.stats.busyMs).toBeGreaterThan(4); // a lower bound on measured work, not a timing assertion on speed
  });
});
