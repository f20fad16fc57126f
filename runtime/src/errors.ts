// The typed errors the task runtime raises: every failure a user can observe has its own class
// and `name`, so callers can tell a cancellation from a timeout from their own errors.

/**
 * A task was cancelled: what its handle rejects with once the machine has unwound.
 * `cause` holds the first error a `finally` block threw during the unwinding, if any.
 *
 * @example
 * try { await handle; } catch (e) { if (e instanceof Cancelled) console.log("stopped"); }
 */
export class Cancelled extends Error {
  constructor(message = "stackless: the task was cancelled", options?: { cause?: unknown }) {
    super(message, options);
    this.name = "Cancelled";
  }
}

/** `timeout(work, ms)` ran out of time; the work was cancelled and has unwound. */
export class TimeoutError extends Error {
  constructor(readonly ms: number) {
    super(`stackless: timed out after ${ms} ms`);
    this.name = "TimeoutError";
  }
}

/** A send on a channel whose receiver closed, or a oneshot whose sender closed without sending. */
export class ChannelClosedError extends Error {
  constructor(message = "stackless: the channel is closed") {
    super(message);
    this.name = "ChannelClosedError";
  }
}

/** A runtime call that needs a current task (`spawn`, `TaskLocal.set`, …) was made outside one. */
export class NoTaskError extends Error {
  constructor(what: string, instead: string) {
    super(`stackless: '${what}' needs a current task; ${instead}`);
    this.name = "NoTaskError";
  }
}

/** A coroutine was used in a way its state does not allow (spawned twice, awaited while running, …). */
export class CoroutineStateError extends TypeError {
  constructor(message: string) {
    super(`stackless: ${message}`);
    this.name = "CoroutineStateError";
  }
}

/** A stream adapter was used on a stream that is already closed or destroyed. */
export class StreamClosedError extends Error {
  constructor(what: string) {
    super(`stackless: cannot ${what}: the stream is closed`);
    this.name = "StreamClosedError";
  }
}
