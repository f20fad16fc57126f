// What a lowered `for await` needs once its body is split across states: GetIterator(async)
// (with sync iterables wrapped as CreateAsyncFromSyncIterator does), a step the machine awaits,
// and AsyncIteratorClose on break, return and throw. The wrapper is also what async `yield*`
// delegates to when its operand is only sync iterable (delegate.ts).
//
// [source]
//      for await (const x of xs) { body }
// [intermediate]
//      t0 = $sl.asyncIterate(xs)
//  .mark LoopHead0
//  .await t0.next() -> Await0        // Call(next); the machine's own Step.Await, so native ticks
//  .mark Await0
//  .receive r                        // a rejection throws here, outside the close region
//  .brfalse LoopExit0, t0.settle(r)  // object check, `done`, then `value`
//      x = t0.value
//      body                          // break / return / throw → Finally0 (t1 = completion kind)
//  .br LoopHead0
//  .mark Finally0
//  .brfalse Closed0, t0.close(t1 === 1 /* throw */)
//  .await t0.closing -> Await1
//  .mark Await1
//      t0.closed(kind, input)        // NOT the usual receive: on a throw completion the
//                                    // outcome of return() is ignored, rejection included
//  .mark Closed0
//  .endfinally
//
// Matches V8 in Node 20, which predates two 2023 spec changes (checked by the tests): a sync
// iterator whose yielded promise rejects is not closed, and `throw()` on the wrapper of a sync
// iterator without `throw` rejects with the thrown value instead of closing it.

import { call } from "./helpers.js";
import { ResumeKind } from "./protocol.js";

/** An IteratorResult-shaped value: anything else is a TypeError where the spec needs an object. */
export function requireIteratorResult(result: unknown): IteratorResult<unknown> {
  if (result === null || (typeof result !== "object" && typeof result !== "function")) {
    throw new TypeError(`Iterator result ${String(result)} is not an object`);
  }
  return result as IteratorResult<unknown>;
}

/** GetMethod(object, key): undefined for null/undefined, a TypeError for anything not callable. */
export function getMethod(object: object, key: "return" | "throw"): ((...args: unknown[]) => unknown) | undefined {
  const method = (object as Record<string, unknown>)[key];
  if (method === undefined || method === null) return undefined;
  if (typeof method !== "function") throw new TypeError(`${String(method)} is not a function`);
  return method as (...args: unknown[]) => unknown;
}

/** GetIterator(iterable, sync): the iterator object and its `next`, read once. */
export function getSyncIterator(iterable: unknown): IteratorRecord {
  const method = iterable === null || iterable === undefined ? undefined : (iterable as { [Symbol.iterator]?: unknown })[Symbol.iterator];
  if (typeof method !== "function")
    throw new TypeError(`${describeForTypeError(iterable)} is not iterable (cannot read property Symbol(Symbol.iterator))`);
  return iteratorRecord(call(method, iterable), "Symbol.iterator");
}

/**
 * GetIterator(iterable, async): an async iterator, or a sync one wrapped per
 * CreateAsyncFromSyncIterator. Errors read as V8's for `yield*`, or for a `for await` (where
 * V8 names the source text, `x is not async iterable`, which a runtime helper cannot know, so
 * the value's type stands in for it).
 */
export function getAsyncIterator(iterable: unknown, forAwait = false): IteratorRecord {
  const notIterable = (method: unknown) =>
    new TypeError(
      forAwait ? `${describeForTypeError(iterable)} is not async iterable` : `${describeForTypeError(method)} is not a function`,
    );
  if (iterable === null || iterable === undefined) {
    if (forAwait) throw notIterable(undefined);
    throw new TypeError(`Cannot read properties of ${String(iterable)} (reading 'Symbol(Symbol.asyncIterator)')`);
  }
  const method = (iterable as { [Symbol.asyncIterator]?: unknown })[Symbol.asyncIterator];
  if (method === undefined || method === null) {
    const syncMethod = (iterable as { [Symbol.iterator]?: unknown })[Symbol.iterator];
    if (typeof syncMethod !== "function") throw notIterable(syncMethod);
    const sync = iteratorRecord(call(syncMethod, iterable), "Symbol.iterator");
    const wrapper = new AsyncFromSyncIterator(sync.iterator, sync.next);
    return { iterator: wrapper, next: wrapper.next };
  }
  if (typeof method !== "function") throw notIterable(method);
  return iteratorRecord(call(method, iterable), "Symbol.asyncIterator");
}

/** An Iterator Record: the iterator and its `next` method, read once when iteration starts. */
export interface IteratorRecord {
  iterator: object;
  next: (...args: unknown[]) => unknown;
}

function iteratorRecord(iterator: unknown, methodName: string): IteratorRecord {
  if (iterator === null || (typeof iterator !== "object" && typeof iterator !== "function")) {
    throw new TypeError(`Result of the ${methodName} method is not an object`);
  }
  return { iterator, next: (iterator as { next: (...args: unknown[]) => unknown }).next };
}

/**
 * %AsyncFromSyncIteratorPrototype% for one sync iterator (spec 27.1.6). Unreachable from user
 * code natively too, so only its behaviour matters: each method returns a promise of the sync
 * step with its value awaited, and forwards an argument only when it was given one.
 */
export class AsyncFromSyncIterator {
  constructor(
    private readonly syncIterator: object,
    private readonly syncNext: (...args: unknown[]) => unknown,
  ) {}

  next(value?: unknown): Promise<IteratorResult<unknown>> {
    let result: unknown;
    try {
      result = arguments.length > 0 ? call(this.syncNext, this.syncIterator, value) : call(this.syncNext, this.syncIterator);
    } catch (error) {
      return Promise.reject(error);
    }
    return continuation(result);
  }

  return(value?: unknown): Promise<IteratorResult<unknown>> {
    let result: unknown;
    try {
      const method = getMethod(this.syncIterator, "return");
      if (method === undefined) return Promise.resolve({ value, done: true });
      result = arguments.length > 0 ? call(method, this.syncIterator, value) : call(method, this.syncIterator);
    } catch (error) {
      return Promise.reject(error);
    }
    return continuation(result);
  }

  throw(value?: unknown): Promise<IteratorResult<unknown>> {
    let result: unknown;
    try {
      const method = getMethod(this.syncIterator, "throw");
      // Node 20's V8 rejects with the value itself here (the spec now closes the iterator first).
      if (method === undefined) return Promise.reject(value);
      result = arguments.length > 0 ? call(method, this.syncIterator, value) : call(method, this.syncIterator);
    } catch (error) {
      return Promise.reject(error);
    }
    return continuation(result);
  }
}

/**
 * AsyncFromSyncIteratorContinuation: `done`, then `value`, then the value awaited natively (one
 * PromiseResolve, no `then` lookup on a native promise, as the spec's PerformPromiseThen).
 * Any abrupt step rejects the returned promise.
 */
async function continuation(result: unknown): Promise<IteratorResult<unknown>> {
  const checked = requireIteratorResult(result);
  const done = !!checked.done;
  return { value: await checked.value, done };
}

/** A `for await` in progress: the iterator, its cached `next`, the current value and the close step. */
export class AsyncIteratorStepper<T = unknown> {
  /** The current element, after `settle` returned true. */
  value: T = undefined as T;
  /** What the machine awaits after `close` returned true. */
  closing: unknown = undefined;
  private throwing = false;

  constructor(
    readonly iterator: object,
    private readonly nextMethod: (...args: unknown[]) => unknown,
  ) {}

  /** Call(next) with no arguments; the machine awaits what it returns. */
  next(): unknown {
    return call(this.nextMethod, this.iterator);
  }

  /** After the await of `next()`: false when done, else true with `value` set. */
  settle(result: unknown): boolean {
    const checked = requireIteratorResult(result);
    if (checked.done) return false;
    this.value = checked.value as T;
    return true;
  }

  /**
   * AsyncIteratorClose, up to its await: true when `return()` was called and the machine must
   * await `closing` and then call `closed`. On a throw completion (`throwing`) errors from
   * getting or calling `return` are swallowed, as the original error wins.
   */
  close(throwing: boolean): boolean {
    this.throwing = throwing;
    try {
      const method = getMethod(this.iterator, "return");
      if (method === undefined) return false;
      this.closing = call(method, this.iterator);
      return true;
    } catch (error) {
      if (throwing) return false;
      throw error;
    }
  }

  /** AsyncIteratorClose after its await: `kind`/`input` are how the await of `closing` resumed. */
  closed(kind: ResumeKind, input: unknown): void {
    this.closing = undefined;
    if (this.throwing) return;
    if (kind === ResumeKind.Throw) throw input;
    requireIteratorResult(input);
  }
}

/**
 * GetIterator(iterable, async) for a lowered `for await`.
 *
 * @example
 * t0 = $sl.asyncIterate(xs);               // then, per iteration:
 * return this.await(t0.next());            // … and on resume: if (!t0.settle(input)) exit
 */
export function asyncIterate<T>(iterable: AsyncIterable<T> | Iterable<T | PromiseLike<T>>): AsyncIteratorStepper<T> {
  const record = getAsyncIterator(iterable, true);
  return new AsyncIteratorStepper<T>(record.iterator, record.next);
}

/** A value as V8 shows it in runtime TypeErrors: `object`, `number 5`, `string "a"`, `object null`. */
export function describeForTypeError(value: unknown): string {
  if (value === undefined) return "undefined";
  if (value === null) return "object null";
  switch (typeof value) {
    case "string":
      return `string "${value}"`;
    case "number":
    case "boolean":
      return `${typeof value} ${String(value)}`;
    default:
      return typeof value;
  }
}
