// `yield*` for lowered generators: a delegate object the machine drives from one state, which
// forwards each completion the consumer sends (next / throw / return) to the inner iterator as
// the spec's yield* loop does (ECMA-262 15.5.5, `YieldExpression : yield * AssignmentExpression`).
//
// [source]
//      const r = yield* inner;
// [intermediate]
//      t0 = $sl.delegate(inner)           // $sl.delegateAsync(inner) in an async generator
//  .mark Delegate0                         // resumed here with (kind, input) from the consumer
//      switch (t0.step(kind, input)) {     // the first step ignores kind/input: next(undefined)
//        case DelegateStep.Yield:  state stays Delegate0; return this.yieldDelegated(t0.yielded)
//        case DelegateStep.Await:  state stays Delegate0; return this.await(t0.awaited)
//        case DelegateStep.Return: a return completion with t0.value (runs pending finally blocks)
//      }                                   // DelegateStep.Done falls through
//      r = t0.value
//
// A throw out of `step` is the yield* expression throwing (the inner iterator threw, or had no
// `throw` method). Resumes after `DelegateStep.Await` go to `step` as they come, rejections
// included: the delegate knows what it was waiting for.

import { getAsyncIterator, getMethod, getSyncIterator, requireIteratorResult } from "./async-iteration.js";
import { call } from "./helpers.js";
import { DelegateStep, ResumeKind } from "./protocol.js";

function missingThrow(): TypeError {
  return new TypeError("The iterator does not provide a 'throw' method.");
}

/** A sync generator's `yield*` in progress. `yielded` is the inner result object, handed on unchanged. */
export class SyncDelegate {
  /** The inner IteratorResult to yield (after `DelegateStep.Yield`). */
  yielded: unknown = undefined;
  /** The yield* expression's value (`Done`) or the value to return (`Return`). */
  value: unknown = undefined;
  private started = false;

  constructor(
    readonly iterator: object,
    private readonly nextMethod: (...args: unknown[]) => unknown,
  ) {}

  /** One turn of the yield* loop with the completion the consumer sent. */
  step(kind: ResumeKind, input: unknown): DelegateStep {
    const iterator = this.iterator;
    if (!this.started) {
      // received = NormalCompletion(undefined): the value the machine was entered with is not ours.
      this.started = true;
      kind = ResumeKind.Next;
      input = undefined;
    }
    let result: IteratorResult<unknown>;
    if (kind === ResumeKind.Throw) {
      const method = getMethod(iterator, "throw");
      if (method === undefined) {
        // Give the iterator a chance to clean up, then report the protocol violation.
        const close = getMethod(iterator, "return");
        if (close !== undefined) requireIteratorResult(call(close, iterator));
        throw missingThrow();
      }
      result = requireIteratorResult(call(method, iterator, input));
    } else if (kind === ResumeKind.Return) {
      const method = getMethod(iterator, "return");
      if (method === undefined) {
        this.value = input;
        return DelegateStep.Return;
      }
      result = requireIteratorResult(call(method, iterator, input));
      if (result.done) {
        this.value = result.value;
        return DelegateStep.Return;
      }
      this.yielded = result;
      return DelegateStep.Yield;
    } else {
      result = requireIteratorResult(call(this.nextMethod, iterator, input));
    }
    if (result.done) {
      this.yielded = undefined;
      this.value = result.value;
      return DelegateStep.Done;
    }
    this.yielded = result;
    return DelegateStep.Yield;
  }
}

/** What an async delegate is waiting for when the machine resumes it after `DelegateStep.Await`. */
const enum AsyncDelegatePhase {
  /** Not started: the first step sends next(undefined). */
  Fresh,
  /** Suspended at the yield; the consumer's completion comes next. */
  Yielded,
  /** Awaiting the result of the inner next() / throw(). */
  InnerResult,
  /** Awaiting the result of the inner return(). */
  InnerReturnResult,
  /** Awaiting the value of a return completion the inner iterator has no return() for. */
  ReturnValue,
  /** Awaiting return() of an inner iterator that has no throw(); a TypeError follows. */
  CloseForMissingThrow,
}

/** An async generator's `yield*` in progress: every inner call's result is awaited by the machine. */
export class AsyncDelegate {
  /** The inner value to yield, not awaited again (after `DelegateStep.Yield`). */
  yielded: unknown = undefined;
  /** The yield* expression's value (`Done`) or the value to return (`Return`). */
  value: unknown = undefined;
  /** What the machine awaits (after `DelegateStep.Await`). */
  awaited: unknown = undefined;
  private phase = AsyncDelegatePhase.Fresh;

  constructor(
    readonly iterator: object,
    private readonly nextMethod: (...args: unknown[]) => unknown,
  ) {}

  /** One turn of the async yield* loop: a consumer completion, or the outcome of an await. */
  step(kind: ResumeKind, input: unknown): DelegateStep {
    const phase = this.phase;
    this.awaited = undefined;
    switch (phase) {
      case AsyncDelegatePhase.Fresh:
        return this.send(ResumeKind.Next, undefined);
      case AsyncDelegatePhase.Yielded:
        return this.send(kind, input);
    }
    // Resumed after an await: a rejection is an abrupt completion of the yield* itself.
    if (kind === ResumeKind.Throw) {
      this.phase = AsyncDelegatePhase.Yielded;
      throw input;
    }
    switch (phase) {
      case AsyncDelegatePhase.InnerResult:
      case AsyncDelegatePhase.InnerReturnResult: {
        const result = requireIteratorResult(input);
        const done = !!result.done;
        if (!done) {
          this.yielded = result.value;
          this.phase = AsyncDelegatePhase.Yielded;
          return DelegateStep.Yield;
        }
        this.value = result.value;
        // Node 20's V8 does not await a finished inner return()'s value again (newer spec
        // editions do); only a return completion with no inner return() awaits its value.
        return phase === AsyncDelegatePhase.InnerResult ? DelegateStep.Done : DelegateStep.Return;
      }
      case AsyncDelegatePhase.ReturnValue:
        this.value = input;
        return DelegateStep.Return;
      default:
        requireIteratorResult(input);
        throw missingThrow();
    }
  }

  /** Forwards a consumer completion to the inner iterator; every branch awaits something. */
  private send(kind: ResumeKind, input: unknown): DelegateStep {
    const iterator = this.iterator;
    if (kind === ResumeKind.Throw) {
      const method = getMethod(iterator, "throw");
      if (method !== undefined) return this.awaitInner(AsyncDelegatePhase.InnerResult, call(method, iterator, input));
      const close = getMethod(iterator, "return");
      if (close === undefined) throw missingThrow();
      return this.awaitInner(AsyncDelegatePhase.CloseForMissingThrow, call(close, iterator));
    }
    if (kind === ResumeKind.Return) {
      const method = getMethod(iterator, "return");
      if (method === undefined) return this.awaitReturnValue(input);
      return this.awaitInner(AsyncDelegatePhase.InnerReturnResult, call(method, iterator, input));
    }
    return this.awaitInner(AsyncDelegatePhase.InnerResult, call(this.nextMethod, iterator, input));
  }

  private awaitInner(phase: AsyncDelegatePhase, result: unknown): DelegateStep {
    this.phase = phase;
    this.awaited = result;
    return DelegateStep.Await;
  }

  private awaitReturnValue(value: unknown): DelegateStep {
    this.phase = AsyncDelegatePhase.ReturnValue;
    this.awaited = value;
    return DelegateStep.Await;
  }
}

/**
 * Starts a sync generator's `yield*` over `iterable` (GetIterator, sync).
 *
 * @example
 * t0 = $sl.delegate(inner);
 * // case Delegate0:
 * switch (t0.step(kind, input)) { case 0: this.state = Delegate0; return this.yieldDelegated(t0.yielded); case 2: … }
 */
export function delegate(iterable: unknown): SyncDelegate {
  const record = getSyncIterator(iterable);
  return new SyncDelegate(record.iterator, record.next);
}

/** Starts an async generator's `yield*` over `iterable` (GetIterator, async; sync iterables are wrapped). */
export function delegateAsync(iterable: unknown): AsyncDelegate {
  const record = getAsyncIterator(iterable);
  return new AsyncDelegate(record.iterator, record.next);
}
