// Promise adapters: a thenable awaited by a task (the task suspends until it settles), and
// `abortable`, which hands an `AbortSignal` to a promise-returning Node API and aborts it when
// the waiting task is cancelled or loses a race.

import { Future, PENDING, type Pending } from "../future.js";
import type { Waker } from "../waker.js";

const enum Settle {
  Idle,
  Waiting,
  Fulfilled,
  Rejected,
}

/**
 * A thenable as a future: `then` is called once, on the first poll; the first settlement wins,
 * as with a promise's resolving functions.
 * @internal Created by the driver for `await thenable`; users get one from `fromPromise`.
 */
export class ThenableFuture<T = unknown> extends Future<T> {
  private state = Settle.Idle;
  private result: unknown = undefined;
  private waker: Waker | null = null;

  constructor(
    private readonly thenable: object,
    /** The thenable's `then`, already read (a getter must run once). */
    private readonly thenFn: (this: object, onFulfilled: (v: unknown) => void, onRejected: (r: unknown) => void) => unknown,
  ) {
    super();
  }

  poll(waker: Waker): T | Pending {
    switch (this.state) {
      case Settle.Fulfilled:
        return this.result as T;
      case Settle.Rejected:
        throw this.result;
      case Settle.Idle:
        this.state = Settle.Waiting;
        this.subscribe();
        if (this.state !== Settle.Waiting) return this.poll(waker); // settled synchronously
    }
    this.waker = waker;
    return PENDING;
  }

  drop(): void {
    this.waker = null; // a promise cannot be unsubscribed; its late settlement is ignored
  }

  describe(): string {
    return "promise";
  }

  private subscribe(): void {
    try {
      this.thenFn.call(
        this.thenable,
        (value) => this.settle(Settle.Fulfilled, value),
        (reason) => this.settle(Settle.Rejected, reason),
      );
    } catch (error) {
      this.settle(Settle.Rejected, error);
    }
  }

  private settle(state: Settle.Fulfilled | Settle.Rejected, result: unknown): void {
    if (this.state !== Settle.Waiting) return;
    this.state = state;
    this.result = result;
    const waker = this.waker;
    this.waker = null;
    if (waker !== null) waker.wake();
  }
}

/** Awaits a promise (or any thenable) as a future, e.g. as a branch of `select`. */
export function fromPromise<T>(promise: PromiseLike<T>): Future<T> {
  return new ThenableFuture<T>(promise, promise.then as never);
}

/**
 * Starts a promise-returning operation with an `AbortSignal` on the first poll, and aborts the
 * signal when the waiter stops waiting (cancellation, a lost race or timeout).
 *
 * @example
 * import { setTimeout as delay } from "node:timers/promises";
 * await abortable((signal) => delay(5000, undefined, { signal })); // cancelled → timer cleared
 */
export function abortable<T>(start: (signal: AbortSignal) => PromiseLike<T>): Future<T> {
  return new AbortableFuture(start);
}

class AbortableFuture<T> extends Future<T> {
  private controller: AbortController | null = null;
  private inner: ThenableFuture<T> | null = null;

  constructor(private readonly start: (signal: AbortSignal) => PromiseLike<T>) {
    super();
  }

  poll(waker: Waker): T | Pending {
    if (this.inner === null) {
      this.controller = new AbortController();
      const promise = this.start(this.controller.signal);
      this.inner = new ThenableFuture<T>(promise, promise.then as never);
    }
    return this.inner.poll(waker);
  }

  drop(waker: Waker): void {
    this.inner?.drop();
    void waker;
    this.controller?.abort();
  }

  describe(): string {
    return "abortable";
  }
}
