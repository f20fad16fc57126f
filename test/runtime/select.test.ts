// Combinators: the winner's result, losers cancelled (coroutines) or dropped (futures) and
// awaited before the result, joinAll failing fast, timeout on the virtual clock.

import { describe, expect, it } from "vitest";
import { Cancelled, Executor, TimeoutError, VirtualClock, joinAll, race, select, sleep, timeout } from "../../runtime/src/index.js";
import { Gate, counters, probe, settle } from "./helpers.js";

describe("race and select", () => {
  it("the first coroutine to finish wins; the loser is cancelled and has unwound before the race returns", async () => {
    const executor = new Executor();
    const c = counters();
    const [ga, gb] = [new Gate("a"), new Gate("b")];
    const task = executor.spawn(probe(c, race([probe(c, ga, {}, "a"), probe(c, gb, {}, "b")]), {}, "racer"));
    await settle();
    gb.open("b wins");
    expect(await task).toBe("b wins");
    expect(c.log).toEqual([
      "racer:start", "a:start", "b:start",
      "b:body", "b:finally", "b:finally-end",
      "a:finally", "a:finally-end", // the loser unwound…
      "racer:body", "racer:finally", "racer:finally-end", // …before the racer resumed
    ]);
    expect(ga.wakers.size).toBe(0);
  });

  it("a loser whose finally awaits delays the result until it has finished", async () => {
    const executor = new Executor();
    const c = counters();
    const loserCleanup = new Gate("cleanup");
    const task = executor.spawn(probe(c, race([probe(c, new Gate("slow"), { awaitInFinally: loserCleanup }, "slow"), probe(c, 1, {}, "fast")]), {}, "racer"));
    await settle();
    await settle();
    expect(c.bodyDone).toBe(1); // only "fast"
    expect(task.isFinished).toBe(false);
    loserCleanup.open();
    expect(await task).toBe(1);
  });

  it("futures race in the waiting task itself: a sleep beats a gate, which is dropped", async () => {
    const executor = new Executor({ clock: new VirtualClock() });
    const gate = new Gate();
    const task = executor.spawn(probe(counters(), select([gate, sleep(50)])));
    expect(await task).toEqual({ index: 1, value: undefined });
    expect(gate.drops).toBe(1);
    expect(gate.wakers.size).toBe(0);
    expect(executor.reactor.timerCount).toBe(0);
  });

  it("a failing winner fails the race after cancelling the others", async () => {
    const executor = new Executor();
    const c = counters();
    const boom = new Error("boom");
    const task = executor.spawn(probe(c, race([probe(c, new Gate(), {}, "idle"), probe(c, 1, { throwInBody: boom }, "bad")]), {}, "racer"));
    await expect(task).rejects.toBe(boom);
    expect(c.log).toContain("idle:finally-end");
  });

  it("a task handle that loses is not cancelled (the race did not create it), only left", async () => {
    const executor = new Executor();
    const gate = new Gate();
    const handle = executor.spawn(probe(counters(), gate));
    expect(await executor.run(probe(counters(), race([handle, 5])))).toBe(5);
    expect(handle.isCancelled).toBe(false);
    expect(handle.ext?.joiners ?? null).toBe(null);
    gate.open("still running");
    expect(await handle).toBe("still running");
  });

  it("cancelling the racing task cancels the branches it spawned", async () => {
    const executor = new Executor();
    const c = counters();
    const task = executor.spawn(probe(c, race([probe(c, new Gate(), {}, "a"), probe(c, new Gate(), {}, "b")]), {}, "racer"));
    await settle();
    task.cancel();
    await expect(task).rejects.toBeInstanceOf(Cancelled);
    expect(c.log.filter((x) => x.endsWith(":finally-end"))).toEqual(["racer:finally-end", "a:finally-end", "b:finally-end"]);
  });
});

describe("joinAll", () => {
  it("returns every result in order, whatever order they finish in", async () => {
    const executor = new Executor();
    const gates = [new Gate(), new Gate(), new Gate()];
    const task = executor.spawn(probe(counters(), joinAll([probe(counters(), gates[0]), gates[1], Promise.resolve("p"), 4, gates[2]])));
    await settle();
    gates[2]!.open("c");
    gates[0]!.open("a");
    await settle();
    expect(task.isFinished).toBe(false);
    gates[1]!.open("b");
    expect(await task).toEqual(["a", "b", "p", 4, "c"]);
  });

  it("the first failure cancels the rest and fails after they unwound", async () => {
    const executor = new Executor();
    const c = counters();
    const gate = new Gate();
    const boom = new Error("fails");
    const task = executor.spawn(probe(c, joinAll([probe(c, new Gate(), {}, "slow"), gate]), {}, "joiner"));
    await settle();
    gate.fail(boom);
    await expect(task).rejects.toBe(boom);
    expect(c.log.indexOf("slow:finally-end")).toBeLessThan(c.log.indexOf("joiner:finally"));
  });

  it("joinAll([]) is [] at once", async () => {
    expect(await new Executor().run(probe(counters(), joinAll([])))).toEqual([]);
  });
});

describe("timeout", () => {
  it("fails with TimeoutError after the work was cancelled and unwound", async () => {
    const clock = new VirtualClock();
    const executor = new Executor({ clock });
    const c = counters();
    const task = executor.spawn(probe(c, timeout(probe(c, new Gate(), {}, "work"), 100), {}, "caller"));
    const error = await task.then(() => null, (e: unknown) => e);
    expect(error).toBeInstanceOf(TimeoutError);
    expect((error as TimeoutError).ms).toBe(100);
    expect(clock.now()).toBe(100);
    expect(c.log.indexOf("work:finally-end")).toBeLessThan(c.log.indexOf("caller:finally"));
  });

  it("returns the work's result in time and removes its timer", async () => {
    const clock = new VirtualClock();
    const executor = new Executor({ clock });
    const task = executor.spawn(probe(counters(), timeout(probe(counters(), sleep(10)), 100)));
    await task;
    expect(clock.now()).toBe(10);
    expect(executor.reactor.timerCount).toBe(0);
  });
});
