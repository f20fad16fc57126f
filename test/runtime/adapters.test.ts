// Adapters from callbacks, event emitters, promises and AbortSignal-taking APIs to wakes; every
// listener and signal is released when the waiting task is cancelled.

import { EventEmitter } from "node:events";
import { setTimeout as delay } from "node:timers/promises";
import { describe, expect, it } from "vitest";
import { Cancelled, Executor, abortable, fromCallback, fromPromise, once, select } from "../../runtime/src/index.js";
import { counters, probe, settle } from "./helpers.js";

describe("once (EventEmitter)", () => {
  it("resolves with the event's arguments and removes its listeners", async () => {
    const executor = new Executor();
    const emitter = new EventEmitter();
    const task = executor.spawn(probe(counters(), once(emitter, "data")));
    await settle();
    expect(emitter.listenerCount("data")).toBe(1);
    expect(emitter.listenerCount("error")).toBe(1);
    emitter.emit("data", 1, "two");
    expect(await task).toEqual([1, "two"]);
    expect(emitter.listenerCount("data") + emitter.listenerCount("error")).toBe(0);
  });

  it("an 'error' event fails the wait", async () => {
    const executor = new Executor();
    const emitter = new EventEmitter();
    const task = executor.spawn(probe(counters(), once(emitter, "data")));
    await settle();
    const boom = new Error("emitted");
    emitter.emit("error", boom);
    await expect(task).rejects.toBe(boom);
    expect(emitter.listenerCount("error")).toBe(0);
  });

  it("cancelling the waiting task removes the listeners", async () => {
    const executor = new Executor();
    const emitter = new EventEmitter();
    const task = executor.spawn(probe(counters(), once(emitter, "data")));
    await settle();
    task.cancel();
    await expect(task).rejects.toBeInstanceOf(Cancelled);
    expect(emitter.listenerCount("data") + emitter.listenerCount("error")).toBe(0);
  });
});

describe("fromCallback", () => {
  it("settles with the callback's value or error; the first call wins", async () => {
    const executor = new Executor();
    expect(await executor.run(probe(counters(), fromCallback<number>((done) => setImmediate(() => (done(null, 7), done(null, 8))))))).toBe(7);
    await expect(executor.run(probe(counters(), fromCallback((done) => done(new Error("cb")))))).rejects.toThrow("cb");
  });

  it("passes an AbortSignal that is aborted when the task is cancelled", async () => {
    const executor = new Executor();
    let signal: AbortSignal | undefined;
    const task = executor.spawn(probe(counters(), fromCallback((_done, s) => void (signal = s))));
    await settle();
    expect(signal!.aborted).toBe(false);
    task.cancel();
    await expect(task).rejects.toBeInstanceOf(Cancelled);
    expect(signal!.aborted).toBe(true);
  });

  it("a starter that throws fails the wait", async () => {
    await expect(
      new Executor().run(
        probe(
          counters(),
          fromCallback(() => {
            throw new Error("starter");
          }),
        ),
      ),
    ).rejects.toThrow("starter");
  });
});

describe("abortable and fromPromise", () => {
  it("a cancelled task aborts the Node API's signal, which clears its timer", async () => {
    const executor = new Executor();
    let seen: AbortSignal | undefined;
    const task = executor.spawn(
      probe(
        counters(),
        abortable((signal) => {
          seen = signal;
          return delay(60_000, "late", { signal });
        }),
      ),
    );
    await settle();
    const timersBefore = process.getActiveResourcesInfo().filter((r) => r === "Timeout").length;
    task.cancel();
    await expect(task).rejects.toBeInstanceOf(Cancelled);
    expect(seen!.aborted).toBe(true);
    await settle();
    expect(process.getActiveResourcesInfo().filter((r) => r === "Timeout").length).toBe(timersBefore - 1);
  });

  it("a promise can be a select branch", async () => {
    const executor = new Executor();
    const never = new Promise(() => {});
    expect(await executor.run(probe(counters(), select([fromPromise(never), fromPromise(Promise.resolve("p"))])))).toEqual({ index: 1, value: "p" });
  });
});
