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
  /**
   * Produced `value` on behalf of a `yield*` (generators); resume with what the consumer sends.
   * The payload is handed on as is: a sync generator returns it (the inner iterator's result
   * object) to the consumer unchanged, an async generator yields it without awaiting it.
   */
  YieldDelegated = 4,
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
  declare state: number;
  /** Payload of the last `Step`: the awaited, yielded or returned value. */
  declare value: unknown;

  // Plain assignments, not class-field initialisers: a field initialiser is a define on `this`,
  // and in a base constructor shared by every machine class that define site goes megamorphic
  // (measured: about 11 ns more per machine allocated, a third of a 10-deep task-mode chain).
  constructor() {
    this.state = 0;
    this.value = undefined;
  }

  /** Runs the machine from `state` until it suspends or finishes. Throws when the body throws. */
  abstract resume(kind: ResumeKind, input: unknown): Step;

  /** Suspends on `value` (spec mode: a native `await` of it). */
  await(value: unknown): Step {
    this.value = value;
    return Step.Await;
  }

  /** Yields `value` (generators; an async generator's driver awaits it first). */
  yield(value: unknown): Step {
    this.value = value;
    return Step.Yield;
  }

  /** Yields what a `yield*` delegate produced (`delegate.yielded`), handed on unchanged. */
  yieldDelegated(value: unknown): Step {
    this.value = value;
    return Step.YieldDelegated;
  }

  /** A check point found the budget spent and the slice used: let others run, then resume. */
  preempt(): Step {
    return Step.Preempt;
  }

  /** Finishes with `value`. */
  done(value?: TReturn | PromiseLike<TReturn>): Step {
    this.value = value;
    return Step.Return;
  }
}

/**
 * What one step of a `yield*` delegate (delegate.ts) asks of the machine running the `yield*`:
 * the machine stays in the delegation state for `Await` and `Yield`, and leaves it otherwise.
 */
export const enum DelegateStep {
  /** Yield `delegate.yielded` with `yieldDelegated`; resume the delegate with what comes back. */
  Yield = 0,
  /** The `yield*` expression finished; its value is `delegate.value`. */
  Done = 1,
  /** The consumer called `return()`: perform a return completion with `delegate.value`. */
  Return = 2,
  /** Async delegates only: await `delegate.awaited` and resume the delegate with the outcome. */
  Await = 3,
}

/** Thrown when emitted code was generated for another protocol version than this runtime's. */
export class ProtocolMismatchError extends Error {
  constructor(readonly expected: number) {
    super(`stackless: emitted code needs runtime protocol ${expected}, this runtime speaks ${PROTOCOL_VERSION}; rebuild with the matching transformer`);
    this.name = "ProtocolMismatchError";
  }
}

/**
 * Emitted after each machine class: names its `resume` after the lowered function, so a stack
 * frame reads `at FetchTwo$Machine.fetchTwo [as resume] (fetch.ts:5:11)`.
 */
export function nameResume(machine: { prototype: { resume: Function } }, name: string): void {
  Object.defineProperty(machine.prototype.resume, "name", { value: name, configurable: true });
}

/** Emitted once per module: fails fast when the module was lowered for another runtime. */
export function checkProtocol(version: number): void {
  if (version !== PROTOCOL_VERSION) throw new ProtocolMismatchError(version);
}
