// Runtime leaf futures: the Rust-style poll interface that sleeps, channels, joins and stream
// readiness implement, and that the task driver calls when a coroutine awaits one of them.
//
// Contract (task driver ↔ future):
//  1. `poll(waker)` returns the value when ready, throws when failed, or registers `waker`
//     and returns `PENDING`. It is called again after each wake, and may be called spuriously.
//  2. After it returned a value or threw, the driver never polls it again for the same await.
//  3. `drop(waker)` is called when the waiter stops waiting before the future was ready
//     (cancellation, a lost race): remove the waker and release listeners, timers and signals.
//  4. A future is awaited by one waiter at a time unless its class says otherwise (joins do).

import type { Waker } from "./waker.js";

/** What `poll` returns while the future is not ready. */
export const PENDING: unique symbol = Symbol("stackless.pending");
export type Pending = typeof PENDING;

/** @internal How `then` reaches the executor without importing it (breaks a module cycle). */
export const futureBridge = {
  /** Set by executor.ts: spawns a detached task that awaits `value` and returns its handle. */
  spawnForThen: undefined as undefined | ((value: object) => PromiseLike<unknown>),
};

/** @internal */
export function bridgeThen(value: object): PromiseLike<unknown> {
  const spawn = futureBridge.spawnForThen;
  if (spawn === undefined) throw new Error("stackless: the executor module is not loaded; import from 'stackless/runtime'");
  return spawn(value);
}

/**
 * A leaf future. Await it from a task-mode coroutine (the driver polls it with the task as
 * waker), or from native code (its `then` runs it in a detached task on the default executor).
 *
 * @example
 * class Flag extends Future<void> {
 *   set = false; waiter: Waker | null = null;
 *   poll(waker: Waker) { if (this.set) return; this.waiter = waker; return PENDING; }
 *   drop() { this.waiter = null; }
 *   raise() { this.set = true; this.waiter?.wake(); }
 * }
 */
export abstract class Future<T = unknown> implements PromiseLike<T> {
  /** Ready: the value. Failed: throws. Otherwise registers `waker` and returns `PENDING`. */
  abstract poll(waker: Waker): T | Pending;

  /** The waiter gave up before the future was ready: forget `waker`, release resources. */
  drop(waker: Waker): void {
    void waker;
  }

  /** A short description for task dumps: what the task is waiting on. */
  describe(): string {
    return this.constructor.name;
  }

  then<R1 = T, R2 = never>(
    onFulfilled?: ((value: T) => R1 | PromiseLike<R1>) | null,
    onRejected?: ((reason: unknown) => R2 | PromiseLike<R2>) | null,
  ): PromiseLike<R1 | R2> {
    return (bridgeThen(this) as PromiseLike<T>).then(onFulfilled, onRejected);
  }
}

/**
 * A future that is ready with a fixed outcome: what the driver parks a task on when it
 * pre-empts it at a ready await, so the next poll resumes with the same value.
 * @internal
 */
export class Ready<T = unknown> extends Future<T> {
  constructor(
    private readonly failed: boolean,
    private readonly outcome: unknown,
  ) {
    super();
  }

  poll(): T {
    if (this.failed) throw this.outcome;
    return this.outcome as T;
  }
}
