// Closing channels: a receiver close fails waiting and later sends but keeps buffered values;
// a sender close ends the stream after the buffer drains; closes are idempotent.

import { describe, expect, it } from "vitest";
import { ChannelClosedError, Executor, channel } from "../../runtime/src/index.js";
import { Consume$Machine, Produce$Machine } from "./channel-helpers.js";
import { settle } from "./helpers.js";

describe("channel close", () => {
  it("closing the receiver fails a waiting sender with ChannelClosedError", async () => {
    const executor = new Executor();
    const [tx, rx] = channel<number>(1);
    const producer = executor.spawn(new Produce$Machine(tx, [1, 2, 3]));
    await settle();
    rx.close();
    await expect(producer).rejects.toBeInstanceOf(ChannelClosedError);
    expect(rx.tryRecv()).toBe(1); // buffered before the close
    expect(() => tx.trySend(9)).toThrow(ChannelClosedError);
    expect(tx.isClosed).toBe(true);
  });

  it("a send started after the receiver closed fails on its first poll", async () => {
    const executor = new Executor();
    const [tx, rx] = channel<number>(4);
    rx.close();
    rx.close();
    await expect(executor.run(new Produce$Machine(tx, [1]))).rejects.toBeInstanceOf(ChannelClosedError);
  });

  it("closing the last sender wakes a waiting receiver, which sees the end", async () => {
    const executor = new Executor();
    const [tx, rx] = channel<number>(4);
    const consumer = executor.spawn(new Consume$Machine(rx));
    await settle();
    expect(consumer.stats.polls).toBe(1);
    tx.close();
    tx.close(); // idempotent: does not under-count the senders
    expect(await consumer).toEqual([]);
    expect(consumer.stats.polls).toBe(2);
  });

  it("a closed sender cannot send or clone", async () => {
    const executor = new Executor();
    const [tx] = channel<number>(4);
    const other = tx.clone();
    tx.close();
    expect(() => tx.clone()).toThrow(ChannelClosedError);
    await expect(executor.run(new Produce$Machine(tx, [1], [], false))).rejects.toBeInstanceOf(ChannelClosedError);
    expect(other.trySend(1)).toBe(true);
  });
});
