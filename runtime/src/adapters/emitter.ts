// EventEmitter and callback adapters: wait for one event (an 'error' event fails the wait), or
// for a Node-style callback, with listeners removed and an AbortSignal aborted when the waiting
// task gives up.

import { Future, PENDING, type Pending } from "../future.js";
import type { Waker } from "../waker.js";
import { Listeners, type Emitter } from "./listeners.js";

class OnceFuture<T extends unknown[]> extends Future<T> {
  private readonly listeners: Listeners;

  constructor(
    emitter: Emitter,
    private readonly eventName: string | symbol,
  ) {
    super();
    this.listeners = new Listeners(emitter, eventName === "error" ? ["error"] : [eventName, "error"]);
  }

  poll(waker: Waker): T | Pending {
    const l = this.listeners;
    if (l.event === null) {
      l.wait(waker);
      return PENDING;
    }
    l.detach();
    if (l.event === "error" && this.eventName !== "error") throw l.args[0];
    return l.args as T;
  }

  drop(): void {
    this.listeners.detach();
  }

  describe(): string {
    return `once(${String(this.eventName)})`;
  }
}

/**
 * The arguments of the next `event` on `emitter`; an `'error'` event first fails the wait.
 * The listeners are added on the first poll and removed when ready or when the task gives up.
 *
 * @example
 * const [socket] = await once(server, "connection");
 */
export function once<T extends unknown[] = unknown[]>(emitter: Emitter, event: string | symbol): Future<T> {
  return new OnceFuture<T>(emitter, event);
}

const enum CallbackState {
  Idle,
  Waiting,
  Done,
  Failed,
}

class CallbackFuture<T> extends Future<T> {
  private state = CallbackState.Idle;
  private result: unknown = undefined;
  private waker: Waker | null = null;
  private controller: AbortController | null = null;

  constructor(private readonly start: (done: (error: unknown, value?: T) => void, signal: AbortSignal) => void) {
    super();
  }

  poll(waker: Waker): T | Pending {
    if (this.state === CallbackState.Idle) {
      this.state = CallbackState.Waiting;
      // An AbortController costs a few hundred bytes: only for starters that take the signal.
      const signal = this.start.length >= 2 ? (this.controller = new AbortController()).signal : (undefined as unknown as AbortSignal);
      try {
        this.start((error, value) => this.settle(error, value), signal);
      } catch (error) {
        this.settle(error ?? new Error("callback starter threw"), undefined);
      }
    }
    if (this.state === CallbackState.Done) return this.result as T;
    if (this.state === CallbackState.Failed) throw this.result;
    this.waker = waker;
    return PENDING;
  }

  drop(): void {
    this.waker = null;
    if (this.state === CallbackState.Waiting) this.controller?.abort();
  }

  describe(): string {
    return "callback";
  }

  private settle(error: unknown, value: unknown): void {
    if (this.state !== CallbackState.Waiting) return; // first call wins
    this.state = error == null ? CallbackState.Done : CallbackState.Failed;
    this.result = error == null ? value : error;
    const waker = this.waker;
    this.waker = null;
    if (waker !== null) waker.wake();
  }
}

/**
 * A Node-style callback API as a future. `start` runs on the first poll; if it declares a second
 * parameter it receives an `AbortSignal`, aborted when the waiting task gives up.
 *
 * @example
 * const text = await fromCallback<string>((done, signal) => fs.readFile(path, { encoding: "utf8", signal }, done));
 */
export function fromCallback<T>(start: (done: (error: unknown, value?: T) => void, signal: AbortSignal) => void): Future<T> {
  return new CallbackFuture<T>(start);
}
