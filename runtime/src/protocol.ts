// The contract between emitted code and the runtime: the machine base class, the step tags a
// machine returns from `resume`, and the ways it can be resumed.
//
// NOTE: emitted code depends on every name and number in this file. A change to any of them
// must bump PROTOCOL_VERSION and regenerate the fixtures (`npx vitest run -u`).
//
// Invariants:
//  1. `resume` never allocates a result object: it returns a `Step` tag and leaves the payload
//     in `machine.value`.
//  2. A machine that throws out of `resume` is finished; the driver never resumes it again.
//  3. `state` is the only thing a driver reads besides `value`; drivers never write it.

/** The protocol version emitted code was generated for; `checkProtocol` rejects a mismatch. */
export const PROTOCOL_VERSION = 1;

/** What a machine's `resume` returns: why it stopped, with the payload in `machine.value`. */
export const enum Step {
  /** Suspended on `value`; resume with the settled result. */
  Await = 0,
  /** Produced `value` (generators); resume with what the consumer sends. */
  Yield = 1,
  /** Finished with `value` as the completion value. */
  Return = 2,
  /** Budget spent at a check point; resume with `ResumeKind.Next` when rescheduled. */
  Preempt = 3,
}

/** How a machine is resumed: the completion the suspended expression produces. */
export const enum ResumeKind {
  /** The awaited or yielded-to expression produced `input`. */
  Next = 0,
  /** The awaited promise rejected with (or `throw()` was called with) `input`. */
  Throw = 1,
  /** `return(input)` on a generator: a return completion at the suspension point. */
  Return = 2,
  /** Task cancellation: unwinds through every pending `finally`. */
  Cancel = 3,
}

/**
 * Base of every generated machine. Generated subclasses add one field per local that is live
 * across a suspension and implement `resume` as a `switch` over `state`.
 */
export abstract class Machine<TReturn = unknown> {
  /** The state `resume` continues from; generated code owns it. */
  state = 0;
  /** Payload of the last `Step`: the awaited, yielded or returned value. */
  value: unknown = undefined;

  /** Runs the machine from `state` until it suspends or finishes. Throws when the body throws. */
  abstract resume(kind: ResumeKind, input: unknown): Step;

  /** Suspends on `value` (spec mode: a native `await` of it). */
  await(value: unknown): Step {
    this.value = value;
    return Step.Await;
  }

  /** Finishes with `value`. */
  done(value?: TReturn | PromiseLike<TReturn>): Step {
    this.value = value;
    return Step.Return;
  }
}

/** Thrown when emitted code was generated for another protocol version than this runtime's. */
export class ProtocolMismatchError extends Error {
  constructor(readonly expected: number) {
    super(`stackless: emitted code needs runtime protocol ${expected}, this runtime speaks ${PROTOCOL_VERSION}; rebuild with the matching transformer`);
    this.name = "ProtocolMismatchError";
  }
}

/** Emitted once per module: fails fast when the module was lowered for another runtime. */
export function checkProtocol(version: number): void {
  if (version !== PROTOCOL_VERSION) throw new ProtocolMismatchError(version);
}
