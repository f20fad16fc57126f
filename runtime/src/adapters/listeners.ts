// A set of event listeners that wake one waker, attached while a future waits and removed the
// moment it is ready or dropped: the building block of the emitter and stream adapters.

import type { Waker } from "../waker.js";

/** The part of Node's EventEmitter the adapters use. */
export interface Emitter {
  on(event: string | symbol, listener: (...args: unknown[]) => void): unknown;
  removeListener(event: string | symbol, listener: (...args: unknown[]) => void): unknown;
}

/** @internal */
export class Listeners {
  private attached = false;
  private waker: Waker | null = null;
  /** The first event seen since attaching, with its arguments. */
  event: string | symbol | null = null;
  args: unknown[] = [];
  private readonly handlers: [string | symbol, (...args: unknown[]) => void][];

  constructor(
    private readonly emitter: Emitter,
    events: readonly (string | symbol)[],
  ) {
    this.handlers = events.map((event) => [event, (...args: unknown[]) => this.fire(event, args)]);
  }

  /** Attaches (once) and remembers the waker to wake on the next event. */
  wait(waker: Waker): void {
    this.waker = waker;
    if (this.attached) return;
    this.attached = true;
    for (const [event, handler] of this.handlers) this.emitter.on(event, handler);
  }

  /** Removes every listener; idempotent. */
  detach(): void {
    this.waker = null;
    if (!this.attached) return;
    this.attached = false;
    for (const [event, handler] of this.handlers) this.emitter.removeListener(event, handler);
  }

  private fire(event: string | symbol, args: unknown[]): void {
    if (this.event === null) {
      this.event = event;
      this.args = args;
    }
    const waker = this.waker;
    this.waker = null;
    if (waker !== null) waker.wake();
  }
}
