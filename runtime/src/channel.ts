// Bounded multi-producer single-consumer channel with back-pressure: a send waits while the
// buffer is full, senders are served in FIFO order, and closing either side is observable.
//
// Invariants:
//  1. `buffer.length <= capacity`.
//  2. While a sender waits, the buffer is full or an earlier sender waits: a new send never
//     overtakes a waiting one (the receiver hands a freed slot to the oldest live waiter).
//  3. The receiver's waker is registered only while the buffer is empty and senders remain.
//  4. A receive future is stateless (each ready poll takes one value), so all `recv()` calls
//     share one; a send that finds room delivers at once and returns the shared `SENT` future:
//     the fast paths of a ping-pong allocate nothing.

import { ChannelClosedError } from "./errors.js";
import { Future, PENDING, Ready, type Pending } from "./future.js";
import { RingQueue } from "./queue.js";
import type { Waker } from "./waker.js";

const enum SendState {
  Idle,
  Waiting,
  Done,
  Dropped,
}

class ChannelCore<T> {
  readonly buffer: RingQueue<T>;
  /** The one receive future, reused by every `recv()`: it keeps no state of its own (rule 4). */
  readonly recvFuture: RecvFuture<T>;
  readonly waiters = new RingQueue<SendFuture<T>>();
  liveWaiters = 0;
  recvWaker: Waker | null = null;
  senders = 1;
  receiverClosed = false;

  constructor(readonly capacity: number) {
    this.buffer = new RingQueue<T>(Math.min(capacity, 1024));
    this.recvFuture = new RecvFuture(this);
  }

  wakeReceiver(): void {
    const waker = this.recvWaker;
    if (waker !== null) {
      this.recvWaker = null;
      waker.wake();
    }
  }

  /** A slot was freed: move the oldest live waiting sender's value into it (rule 2). */
  admitWaiter(): void {
    while (this.liveWaiters > 0 && this.buffer.length < this.capacity) {
      const sender = this.waiters.shift()!;
      if (sender.state !== SendState.Waiting) continue;
      this.liveWaiters--;
      this.buffer.push(sender.value);
      sender.complete();
    }
  }

  /** The receiver closed: every waiting sender fails. */
  failWaiters(): void {
    for (let sender = this.waiters.shift(); sender !== undefined; sender = this.waiters.shift()) {
      if (sender.state === SendState.Waiting) sender.wakeToFail();
    }
    this.liveWaiters = 0;
  }
}

/** @internal */
class SendFuture<T> extends Future<void> {
  state = SendState.Idle;
  private waker: Waker | null = null;

  constructor(
    private readonly core: ChannelCore<T>,
    readonly value: T,
    private readonly senderClosed: boolean,
  ) {
    super();
  }

  poll(waker: Waker): void | Pending {
    const core = this.core;
    if (this.state === SendState.Done) return;
    if (core.receiverClosed || this.senderClosed) throw new ChannelClosedError(this.senderClosed ? "stackless: send on a closed sender" : undefined);
    if (this.state === SendState.Idle) {
      if (core.liveWaiters === 0 && core.buffer.length < core.capacity) {
        core.buffer.push(this.value);
        this.state = SendState.Done;
        core.wakeReceiver();
        return;
      }
      this.state = SendState.Waiting;
      core.waiters.push(this);
      core.liveWaiters++;
    }
    this.waker = waker;
    return PENDING;
  }

  drop(): void {
    this.waker = null;
    if (this.state === SendState.Waiting) {
      this.state = SendState.Dropped; // skipped when it reaches the head of the queue
      this.core.liveWaiters--;
    }
  }

  /** @internal The receiver took the value. */
  complete(): void {
    this.state = SendState.Done;
    const waker = this.waker;
    this.waker = null;
    if (waker !== null) waker.wake();
  }

  /** @internal */
  wakeToFail(): void {
    this.state = SendState.Idle; // the next poll sees the closed receiver and throws
    const waker = this.waker;
    this.waker = null;
    if (waker !== null) waker.wake();
  }

  describe(): string {
    return "channel send";
  }
}

class RecvFuture<T> extends Future<T | undefined> {
  constructor(private readonly core: ChannelCore<T>) {
    super();
  }

  poll(waker: Waker): T | undefined | Pending {
    const core = this.core;
    if (core.buffer.length > 0) {
      const value = core.buffer.shift()!;
      if (core.liveWaiters > 0) core.admitWaiter();
      return value;
    }
    if (core.senders === 0) return undefined;
    core.recvWaker = waker;
    return PENDING;
  }

  drop(waker: Waker): void {
    if (this.core.recvWaker === waker) this.core.recvWaker = null;
  }

  describe(): string {
    return "channel recv";
  }
}

/** A send that already delivered its value. */
const SENT = new Ready<void>(false, undefined);

/** The sending half of a channel; `clone()` it for more producers, `close()` each when done. */
export class Sender<T> {
  private closed = false;

  /** @internal Use `channel()`. */
  constructor(private readonly core: ChannelCore<T>) {}

  /**
   * Sends `value`: at once when the channel has room (the returned future is then already
   * done), else the returned future waits for room and delivers when it gets it. Awaiting it
   * fails with `ChannelClosedError` once the receiver closed.
   */
  send(value: T): Future<void> {
    const core = this.core;
    if (!this.closed && !core.receiverClosed && core.liveWaiters === 0 && core.buffer.length < core.capacity) {
      core.buffer.push(value);
      core.wakeReceiver();
      return SENT;
    }
    return new SendFuture(core, value, this.closed);
  }

  /** Sends without waiting: false when the channel is full. Throws `ChannelClosedError` once the receiver closed. */
  trySend(value: T): boolean {
    const core = this.core;
    if (core.receiverClosed || this.closed) throw new ChannelClosedError();
    if (core.liveWaiters > 0 || core.buffer.length >= core.capacity) return false;
    core.buffer.push(value);
    core.wakeReceiver();
    return true;
  }

  /** Another sender on the same channel; the channel ends when every sender closed. */
  clone(): Sender<T> {
    if (this.closed) throw new ChannelClosedError("stackless: cannot clone a closed sender");
    this.core.senders++;
    return new Sender(this.core);
  }

  /** This sender is done; when the last one closes, the receiver sees the end after draining. Idempotent. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    if (--this.core.senders === 0) this.core.wakeReceiver();
  }

  /** True once the receiver closed: further sends fail. */
  get isClosed(): boolean {
    return this.closed || this.core.receiverClosed;
  }
}

/** The receiving half of a channel: one consumer. */
export class Receiver<T> implements AsyncIterable<T> {
  /** @internal Use `channel()`. */
  constructor(private readonly core: ChannelCore<T>) {}

  /** The next value, or `undefined` once every sender closed and the buffer is drained. */
  recv(): Future<T | undefined> {
    return this.core.recvFuture;
  }

  /** The next value if one is buffered, else `undefined`. */
  tryRecv(): T | undefined {
    const core = this.core;
    if (core.buffer.length === 0) return undefined;
    const value = core.buffer.shift()!;
    if (core.liveWaiters > 0) core.admitWaiter();
    return value;
  }

  /** Stops the channel: waiting and later sends fail; values already buffered can still be received. Idempotent. */
  close(): void {
    if (this.core.receiverClosed) return;
    this.core.receiverClosed = true;
    this.core.failWaiters();
  }

  /** Values buffered now. */
  get length(): number {
    return this.core.buffer.length;
  }

  /** For native `for await`: ends when every sender closed. */
  async *[Symbol.asyncIterator](): AsyncIterator<T> {
    for (;;) {
      const value = await this.recv();
      if (value === undefined) return;
      yield value;
    }
  }
}

/**
 * A bounded channel holding up to `capacity` values. `T` excludes `undefined`, which `recv()`
 * uses for the end of the channel.
 *
 * @example
 * const [tx, rx] = channel<number>(16);
 * spawn(produce(tx)); // await tx.send(n) … tx.close()
 * for (let v = await rx.recv(); v !== undefined; v = await rx.recv()) total += v;
 */
export function channel<T extends {} | null>(capacity: number): [Sender<T>, Receiver<T>] {
  if (!Number.isInteger(capacity) || capacity < 1) throw new RangeError(`stackless: channel capacity must be an integer >= 1, got ${capacity}`);
  const core = new ChannelCore<T>(capacity);
  return [new Sender(core), new Receiver(core)];
}
