// Bounded mpsc channel: FIFO delivery, back-pressure as counts, FIFO among waiting senders,
// cancelled senders, try-variants, ping-pong poll counts, and the oneshot.

import { describe, expect, it } from "vitest";
import { Cancelled, ChannelClosedError, Executor, channel, oneshot } from "../../runtime/src/index.js";
import { Consume$Machine, PingPong$Machine, Produce$Machine } from "./channel-helpers.js";
import { counters, probe, settle } from "./helpers.js";

describe("channel", () => {
  it("delivers in order and applies back-pressure: a producer waits while the buffer is full", async () => {
    const executor = new Executor();
    const [tx, rx] = channel<number>(2);
    const log: string[] = [];
    const producer = executor.spawn(new Produce$Machine(tx, [1, 2, 3, 4, 5], log));
    await settle();
    expect(rx.length).toBe(2);
    expect(log).toEqual(["sent 1", "sent 2"]); // the third send waits
    expect(producer.isFinished).toBe(false);
    const consumer = executor.spawn(new Consume$Machine(rx, log));
    expect(await consumer).toEqual([1, 2, 3, 4, 5]);
    expect(await producer).toBe(5);
    expect(rx.length).toBe(0);
  });

  it("waiting senders are served first come, first served", async () => {
    const executor = new Executor();
    const [tx, rx] = channel<string>(1);
    tx.trySend("first");
    const senders = ["a", "b", "c"].map((x) => executor.spawn(new Produce$Machine(tx.clone(), [x])));
    await settle();
    expect(tx.trySend("late")).toBe(false); // cannot overtake the waiting senders
    tx.close();
    expect(await executor.run(new Consume$Machine(rx))).toEqual(["first", "a", "b", "c"]);
    await Promise.all(senders);
  });

  it("a cancelled waiting sender's value is never delivered and does not block the others", async () => {
    const executor = new Executor();
    const [tx, rx] = channel<string>(1);
    tx.trySend("x");
    const a = executor.spawn(new Produce$Machine(tx.clone(), ["a"]));
    const b = executor.spawn(new Produce$Machine(tx.clone(), ["b"]));
    await settle();
    a.cancel();
    await expect(a).rejects.toBeInstanceOf(Cancelled);
    tx.close();
    expect(await executor.run(new Consume$Machine(rx))).toEqual(["x", "b"]);
    await b;
  });

  it("the channel ends after every clone closed and the buffer drained", async () => {
    const executor = new Executor();
    const [tx, rx] = channel<number>(8);
    const tx2 = tx.clone();
    const consumer = executor.spawn(new Consume$Machine(rx));
    executor.spawn(new Produce$Machine(tx, [1, 2]));
    await settle();
    expect(consumer.isFinished).toBe(false); // tx2 still open
    executor.spawn(new Produce$Machine(tx2, [3]));
    expect(await consumer).toEqual([1, 2, 3]);
  });

  it("try variants never wait", () => {
    const [tx, rx] = channel<number>(1);
    expect(rx.tryRecv()).toBe(undefined);
    expect(tx.trySend(1)).toBe(true);
    expect(tx.trySend(2)).toBe(false);
    expect(rx.tryRecv()).toBe(1);
    expect(rx.tryRecv()).toBe(undefined);
  });

  it("ping-pong of n rounds polls each player once per received message, never through setImmediate", async () => {
    // No time slice: the counts below must not depend on how busy the machine is.
    const executor = new Executor({ turnSliceMs: Infinity, turnPolls: 1e9 });
    const [toB, bInbox] = channel<number>(1);
    const [toA, aInbox] = channel<number>(1);
    const rounds = 100;
    const a = executor.spawn(new PingPong$Machine(aInbox, toB, rounds, true));
    const b = executor.spawn(new PingPong$Machine(bInbox, toA, rounds, false));
    expect(await Promise.all([a, b])).toEqual([rounds, rounds]);
    // The server: a first poll, then one per reply. The echoer finds the first ball already sent
    // on its first poll, then one poll per later ball, and finishes inside the last one.
    expect(a.stats.polls).toBe(rounds + 1);
    expect(b.stats.polls).toBe(rounds);
    expect(executor.stats.immediateTurns).toBe(0);
  });

  it("a native for-await over the receiver ends when the senders close", async () => {
    const executor = new Executor();
    const [tx, rx] = channel<number>(4);
    executor.spawn(new Produce$Machine(tx, [1, 2, 3, 4, 5, 6]));
    const got: number[] = [];
    for await (const v of rx) got.push(v);
    expect(got).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it("capacity must be a positive integer", () => {
    expect(() => channel(0)).toThrow(RangeError);
    expect(() => channel(1.5)).toThrow(RangeError);
  });
});

describe("oneshot", () => {
  it("delivers one value to a waiting task", async () => {
    const executor = new Executor();
    const [tx, rx] = oneshot<string>();
    const task = executor.spawn(probe(counters(), rx));
    await settle();
    expect(tx.send("once")).toBe(true);
    expect(tx.send("twice")).toBe(false);
    expect(await task).toBe("once");
    expect(task.stats.polls).toBe(2);
  });

  it("a sender closed without sending fails the receiver; native await works too", async () => {
    const [tx, rx] = oneshot<number>();
    setTimeout(() => tx.close(), 1);
    await expect(rx).rejects.toBeInstanceOf(ChannelClosedError);
  });

  it("a closed receiver refuses the value", () => {
    const [tx, rx] = oneshot<number>();
    rx.close();
    expect(tx.isClosed).toBe(true);
    expect(tx.send(1)).toBe(false);
  });
});
