// Timers on the virtual clock: ordering by deadline then insertion, one host timer for many
// sleeps on the host clock, cancel and reset through the heap, manual `advanceBy`.

import { describe, expect, it } from "vitest";
import { Cancelled, Executor, VirtualClock, sleep } from "../../runtime/src/index.js";
import { counters, probe, seq, settle } from "./helpers.js";

/** A probe that awaits `sleep(ms)` and logs its progress into `log`. */
function seqLog(log: string[], label: string, ms: number) {
  const s = sleep(ms);
  return probe({ ...counters(), log }, s, {}, label);
}

describe("timers", () => {
  it("virtual time jumps to each deadline when every task waits; deadlines fire in order", async () => {
    const clock = new VirtualClock();
    const executor = new Executor({ clock });
    const log: string[] = [];
    const tasks = await runAll(executor, () => [seqLog(log, "c", 300), seqLog(log, "a", 100), seqLog(log, "b", 200), seqLog(log, "a2", 100)]);
    expect(tasks).toHaveLength(4);
    expect(log.filter((x) => x.endsWith(":body"))).toEqual(["a:body", "a2:body", "b:body", "c:body"]);
    expect(clock.now()).toBe(300);
    expect(executor.reactor.hostTimersArmed).toBe(0); // a virtual clock never arms a host timer
  });

  it("a ten-minute sleep on the virtual clock returns at once", async () => {
    const clock = new VirtualClock();
    const executor = new Executor({ clock });
    const started = Date.now();
    await executor.run(() => seq([sleep(600_000)]));
    expect(clock.now()).toBe(600_000);
    expect(Date.now() - started).toBeLessThan(5_000); // not a timing assertion: the real sleep would take 10 minutes
  });

  it("a cancelled sleep leaves the heap at once (no stale timer)", async () => {
    const clock = new VirtualClock(0, false);
    const executor = new Executor({ clock });
    const task = executor.spawn(() => seq([sleep(1000)]));
    await settle();
    expect(executor.reactor.timerCount).toBe(1);
    task.cancel();
    await expect(task).rejects.toBeInstanceOf(Cancelled);
    expect(executor.reactor.timerCount).toBe(0);
  });

  it("manual advanceBy fires only what is due and lets woken tasks run between deadlines", async () => {
    const clock = new VirtualClock(0, false);
    const executor = new Executor({ clock });
    const log: string[] = [];
    executor.spawn(() => seqLog(log, "a", 10));
    executor.spawn(() => seq([sleep(5), seqLog(log, "chained", 10)])); // sleeps 5, then 10 more: due at 15
    executor.spawn(() => seqLog(log, "b", 20));
    await executor.advanceBy(12);
    expect(log.filter((x) => x.endsWith(":body"))).toEqual(["a:body"]);
    expect(clock.now()).toBe(12);
    await executor.advanceBy(3);
    expect(log.filter((x) => x.endsWith(":body"))).toEqual(["a:body", "chained:body"]);
    await executor.advanceBy(100);
    expect(log.filter((x) => x.endsWith(":body"))).toEqual(["a:body", "chained:body", "b:body"]);
    expect(executor.reactor.timerCount).toBe(0);
  });

  it("reset moves a pending sleep's deadline", async () => {
    const clock = new VirtualClock(0, false);
    const executor = new Executor({ clock });
    const log: string[] = [];
    const s = sleep(100);
    executor.spawn(probe({ ...counters(), log }, s, {}, "reset"));
    await settle();
    s.reset(30);
    await executor.advanceBy(30);
    expect(log).toContain("reset:body");
  });

  it("a thousand sleeps on the host clock share one host timer per distinct earliest deadline", async () => {
    const executor = new Executor();
    const tasks = [];
    for (let i = 0; i < 1000; i++) tasks.push(executor.spawn(() => seq([sleep(20)])));
    await Promise.all(tasks);
    // Deadlines are whole milliseconds and never decrease here, so one timer serves each distinct deadline at most.
    expect(executor.reactor.hostTimersArmed).toBeLessThanOrEqual(5);
    expect(executor.reactor.timerCount).toBe(0);
  });

  it("a sleep starts when first awaited, on the awaiting task's executor", async () => {
    const clock = new VirtualClock(1000, false);
    const executor = new Executor({ clock });
    const s = sleep(50); // created outside any task: bound at its first poll
    executor.spawn(() => seq([s]));
    await settle();
    expect(s.deadline).toBe(1050);
    expect(executor.reactor.timerCount).toBe(1);
  });

  it("sleep(0) and negative sleeps are ready at once, without a timer", async () => {
    const clock = new VirtualClock(0);
    const executor = new Executor({ clock });
    await executor.run(() => seq([sleep(0), sleep(-5), sleep(Number.NaN)]));
    expect(clock.now()).toBe(0);
  });
});

async function runAll(executor: Executor, make: () => unknown[]): Promise<unknown[]> {
  const handles = await executor.run(() => seq([0])).then(() => make().map((c) => executor.spawn(c)));
  return Promise.all(handles);
}
