// Cancellation beyond the cross product: coroutines started inside a `finally` during the
// unwinding run normally, a second cancel is ignored, cancelled waits drop their registrations,
// late promise settlements are ignored.

import { describe, expect, it } from "vitest";
import { Cancelled, Executor } from "../../runtime/src/index.js";
import { Gate, counters, probe, seq, settle } from "./helpers.js";

describe("cancel", () => {
  it("returns true once, false on a second call and after completion", async () => {
    const executor = new Executor();
    const task = executor.spawn(probe(counters(), new Gate()));
    await settle();
    expect(task.cancel()).toBe(true);
    expect(task.cancel()).toBe(false);
    expect(task.isCancelled).toBe(true);
    await expect(task).rejects.toBeInstanceOf(Cancelled);
    expect(task.cancel()).toBe(false);
  });

  it("a coroutine awaited inside a finally during the unwinding runs normally, then the unwinding goes on", async () => {
    const executor = new Executor();
    const outer = counters();
    const inner = counters();
    const cleanup = counters();
    const cleanupGate = new Gate("cleanup");
    const cleanupWork = probe(cleanup, cleanupGate, {}, "cleanup");
    const innerProbe = probe(inner, new Gate("body"), { awaitInFinally: cleanupWork }, "inner");
    const task = executor.spawn(probe(outer, innerProbe, {}, "outer"));
    await settle();
    task.cancel();
    await settle();
    expect(cleanup).toMatchObject({ starts: 1, bodyDone: 0 }); // running, waiting on its own gate
    cleanupGate.open("cleaned");
    await expect(task).rejects.toBeInstanceOf(Cancelled);
    expect(cleanup).toMatchObject({ starts: 1, bodyDone: 1, finalizes: 1, finallyDone: 1 });
    expect(cleanupWork.value).toBe("cleaned"); // it returned normally: it was not cancelled
    expect(inner).toMatchObject({ bodyDone: 0, finalizes: 1, finallyDone: 1 });
    expect(outer).toMatchObject({ bodyDone: 0, finalizes: 1, finallyDone: 1 });
  });

  it("a cancel during the unwinding is ignored: the finally's await completes and the unwinding goes on", async () => {
    const executor = new Executor();
    const c = counters();
    const finallyGate = new Gate("finally");
    const task = executor.spawn(probe(c, new Gate("body"), { awaitInFinally: finallyGate }));
    await settle();
    task.cancel();
    await settle();
    expect(task.cancel()).toBe(false);
    await settle();
    expect(c.finallyDone).toBe(0);
    finallyGate.open();
    await expect(task).rejects.toBeInstanceOf(Cancelled);
    expect(c.finallyDone).toBe(1);
  });

  it("a task cancelled while awaiting a promise ignores the late settlement", async () => {
    const executor = new Executor();
    let resolve!: (v: string) => void;
    const promise = new Promise<string>((r) => (resolve = r));
    const c = counters();
    const task = executor.spawn(probe(c, promise));
    await settle();
    task.cancel();
    await expect(task).rejects.toBeInstanceOf(Cancelled);
    const polls = task.stats.polls;
    resolve("late");
    await settle();
    expect(task.stats.polls).toBe(polls);
    expect(c.bodyDone).toBe(0);
  });

  it("cancelling a joiner removes it from the joined task; the joined task goes on", async () => {
    const executor = new Executor();
    const gate = new Gate();
    const joined = executor.spawn(probe(counters(), gate));
    const joiner = executor.spawn(seq([joined]));
    await settle();
    joiner.cancel();
    await expect(joiner).rejects.toBeInstanceOf(Cancelled);
    expect(joined.ext?.joiners ?? null).toBe(null);
    gate.open("still");
    expect(await joined).toBe("still");
  });

  it("the Cancelled error names the task", async () => {
    const executor = new Executor();
    const task = executor.spawn(probe(counters(), new Gate()), { name: "fetcher" });
    task.cancel();
    const error = await task.then(() => null, (e: unknown) => e as Error);
    expect(error).toBeInstanceOf(Cancelled);
    expect(error!.message).toContain("fetcher");
    expect(error!.name).toBe("Cancelled");
  });
});
