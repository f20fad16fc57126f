// A oneshot channel: one value, sent once, from any code to one awaiting receiver. The receiver
// is a future; a sender closed without sending makes it fail with `ChannelClosedError`.

import { ChannelClosedError } from "./errors.js";
import { Future, PENDING, type Pending } from "./future.js";
import type { Waker } from "./waker.js";

const enum OneshotState {
  Empty,
  Sent,
  SenderClosed,
  ReceiverClosed,
  Taken,
}

class OneshotCore<T> {
  state = OneshotState.Empty;
  value: T | undefined = undefined;
  waker: Waker | null = null;

  settle(state: OneshotState.Sent | OneshotState.SenderClosed): void {
    this.state = state;
    const waker = this.waker;
    this.waker = null;
    if (waker !== null) waker.wake();
  }
}

/** The sending half of a oneshot. */
export class OneshotSender<T> {
  /** @internal Use `oneshot()`. */
  constructor(private readonly core: OneshotCore<T>) {}

  /** Delivers `value`; false when a value was already sent, the sender closed, or the receiver closed. */
  send(value: T): boolean {
    if (this.core.state !== OneshotState.Empty) return false;
    this.core.value = value;
    this.core.settle(OneshotState.Sent);
    return true;
  }

  /** Gives up without sending: the receiver fails with `ChannelClosedError`. Idempotent. */
  close(): void {
    if (this.core.state === OneshotState.Empty) this.core.settle(OneshotState.SenderClosed);
  }

  /** True once the receiver closed: sending is pointless. */
  get isClosed(): boolean {
    return this.core.state === OneshotState.ReceiverClosed;
  }
}

/** The receiving half of a oneshot: await it for the value. */
export class OneshotReceiver<T> extends Future<T> {
  /** @internal Use `oneshot()`. */
  constructor(private readonly core: OneshotCore<T>) {
    super();
  }

  poll(waker: Waker): T | Pending {
    const core = this.core;
    switch (core.state) {
      case OneshotState.Sent:
      case OneshotState.Taken:
        core.state = OneshotState.Taken;
        return core.value as T;
      case OneshotState.Empty:
        core.waker = waker;
        return PENDING;
      default:
        throw new ChannelClosedError("stackless: the oneshot sender closed without sending");
    }
  }

  drop(waker: Waker): void {
    if (this.core.waker === waker) this.core.waker = null;
  }

  /** Refuses the value: later sends return false. */
  close(): void {
    if (this.core.state === OneshotState.Empty) this.core.state = OneshotState.ReceiverClosed;
  }

  describe(): string {
    return "oneshot";
  }
}

/**
 * A channel for exactly one value.
 *
 * @example
 * const [tx, rx] = oneshot<string>();
 * socket.once("data", (d) => tx.send(String(d)));
 * const first = await rx;
 */
export function oneshot<T>(): [OneshotSender<T>, OneshotReceiver<T>] {
  const core = new OneshotCore<T>();
  return [new OneshotSender(core), new OneshotReceiver(core)];
}
