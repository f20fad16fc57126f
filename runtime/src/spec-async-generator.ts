// The spec-mode async generator driver: turns a machine into an object that behaves as the
// native async generator object (ECMA-262 27.6): the request queue, `yield` awaiting its
// operand, `return(v)` awaiting `v`, and the microtask ticks V8 spends on each of them.
//
// Emitted shape (as for sync generators, spec-generator.ts):
//     function g(a) { return $sl.asyncGenerator(new G$Machine(this, a), g); }
//     $sl.asyncGeneratorFunction(g);
// The machine returns `Step.Await` for `await` (a native `await`, as in spec-async.ts),
// `Step.Yield` for `yield v` (the driver awaits v, then yields), `Step.YieldDelegated` for a
// value produced by `yield*` (yielded as is), and `Step.Return` when the body completes. A
// `return v` statement must await `v` in the body itself (the spec awaits it before `finally`
// blocks run); a return completion injected by `return(v)` arrives already awaited.
//
// Invariants:
//  1. Every request is settled exactly once, in queue order (AsyncGeneratorCompleteStep takes
//     the head of the queue).
//  2. At most one promise reaction of the driver is pending at a time; `phase` says what it
//     continues (the body never awaits while the generator is awaiting-return, and vice versa).
//  3. The machine is resumed only while the status is Executing, with the queue's head (or the
//     outcome of an await) as its completion; a completed generator has dropped its machine.

import { describeReceiver, instancePrototypeOf, isSetUp, methodDescriptors, setUpGeneratorFunction, Stamp } from "./generator-object.js";
import { Machine, ResumeKind, Step } from "./protocol.js";

/** %AsyncGeneratorFunction.prototype%, the [[Prototype]] of every native async generator function. */
const AsyncGeneratorFunctionPrototype: object = Object.getPrototypeOf(async function* () {});
/** %AsyncGeneratorPrototype%. */
const AsyncGeneratorPrototype: object = Object.getPrototypeOf(async function* () {}.prototype);

/** [[AsyncGeneratorState]] (spec 27.6.2). */
const enum AsyncGeneratorStatus {
  SuspendedStart,
  SuspendedYield,
  Executing,
  AwaitingReturn,
  Completed,
}

/** What the pending promise reaction continues. */
const enum AwaitPhase {
  /** An `await` in the body: resume the machine with the outcome. */
  Body,
  /** The operand of `yield`: yield it when it fulfils, throw it into the body when it rejects. */
  YieldOperand,
  /** `return(v)` at a yield (AsyncGeneratorUnwrapYieldResumption): resume with a return completion. */
  ReturnResumption,
  /** `return(v)` on a newborn or completed generator (AsyncGeneratorAwaitReturn). */
  GeneratorReturn,
}

/** An entry of [[AsyncGeneratorQueue]]: the completion and the capability of its promise. */
interface Request {
  readonly kind: ResumeKind;
  readonly value: unknown;
  readonly resolve: (result: IteratorResult<unknown>) => void;
  readonly reject: (reason: unknown) => void;
}

/**
 * The driver state of one async generator object: one class for every async generator, so the
 * hot path stays monomorphic whatever function the objects come from (see spec-generator.ts).
 */
class AsyncGeneratorDriver {
  private machine: Machine | undefined;
  private status = AsyncGeneratorStatus.SuspendedStart;
  private readonly queue: Request[] = [];
  private phase = AwaitPhase.Body;

  constructor(machine: Machine) {
    this.machine = machine;
  }

  /** AsyncGenerator.prototype.next / return / throw after the brand check (spec 27.6.1.2-4). */
  request(kind: ResumeKind, value: unknown, resolve: (result: IteratorResult<unknown>) => void, reject: (reason: unknown) => void): void {
    let status = this.status;
    if (kind === ResumeKind.Throw && status === AsyncGeneratorStatus.SuspendedStart) {
      this.release();
      status = AsyncGeneratorStatus.Completed;
    }
    if (status === AsyncGeneratorStatus.Completed && kind !== ResumeKind.Return) {
      if (kind === ResumeKind.Throw) reject(value);
      else resolve({ value: undefined, done: true });
      return;
    }
    this.queue.push({ kind, value, resolve, reject });
    switch (status) {
      case AsyncGeneratorStatus.SuspendedStart:
        if (kind === ResumeKind.Return) {
          this.release();
          this.awaitReturn();
        } else {
          this.status = AsyncGeneratorStatus.Executing;
          this.run(ResumeKind.Next, value);
        }
        break;
      case AsyncGeneratorStatus.Completed:
        this.awaitReturn();
        break;
      case AsyncGeneratorStatus.SuspendedYield:
        this.resumeFromYield();
        break;
      // Executing or AwaitingReturn: the request waits its turn in the queue.
    }
  }

  /** Resumes the body at its yield with the queue's head (AsyncGeneratorResume + unwrap). */
  private resumeFromYield(): void {
    const request = this.queue[0]!;
    this.status = AsyncGeneratorStatus.Executing;
    // AsyncGeneratorUnwrapYieldResumption: a return completion awaits its value first.
    if (request.kind === ResumeKind.Return) this.await(AwaitPhase.ReturnResumption, request.value);
    else this.run(request.kind, request.value);
  }

  /** Runs the machine until it awaits, suspends at a yield or finishes. */
  private run(kind: ResumeKind, input: unknown): void {
    const machine = this.machine!;
    for (;;) {
      let step: Step;
      try {
        step = machine.resume(kind, input);
      } catch (error) {
        this.complete(true, error);
        return;
      }
      switch (step) {
        case Step.Await:
          this.await(AwaitPhase.Body, machine.value);
          return;
        case Step.Yield:
          this.await(AwaitPhase.YieldOperand, machine.value);
          return;
        case Step.YieldDelegated: {
          if (!this.yield(machine.value)) return;
          // More requests are queued: go on without suspending (AsyncGeneratorYield step 11).
          const request = this.queue[0]!;
          if (request.kind === ResumeKind.Return) {
            this.await(AwaitPhase.ReturnResumption, request.value);
            return;
          }
          kind = request.kind;
          input = request.value;
          continue;
        }
        case Step.Return:
          this.complete(false, machine.value);
          return;
        case Step.Preempt:
          // A spent check point: give the host a turn, then go on (design.md §5).
          (globalThis.setImmediate ?? setTimeout)(() => this.run(ResumeKind.Next, undefined));
          return;
        default:
          this.complete(true, new TypeError(`stackless: an async generator's machine returned step ${step}`));
          return;
      }
    }
  }

  /**
   * Await(value) for `phase`, as a native `await`: the same ticks, the same single
   * PromiseResolve, and no `then` lookup on a native promise (PerformPromiseThen is internal;
   * `promise.then(…)` would call a patched or own `then`). A PromiseResolve that throws (a
   * throwing `constructor` getter) settles synchronously, as the native await throws at once.
   */
  private await(phase: AwaitPhase, value: unknown): void {
    this.phase = phase;
    void this.awaitNatively(value);
  }

  private async awaitNatively(value: unknown): Promise<void> {
    let fulfilled = true;
    let result: unknown;
    try {
      result = await value;
    } catch (error) {
      fulfilled = false;
      result = error;
    }
    this.settle(fulfilled, result);
  }

  /** Continues whatever the settled await was for. */
  private settle(fulfilled: boolean, value: unknown): void {
    switch (this.phase) {
      case AwaitPhase.Body:
        this.run(fulfilled ? ResumeKind.Next : ResumeKind.Throw, value);
        return;
      case AwaitPhase.YieldOperand:
        if (!fulfilled) this.run(ResumeKind.Throw, value);
        else if (this.yield(value)) this.resumeFromYield();
        return;
      case AwaitPhase.ReturnResumption:
        this.run(fulfilled ? ResumeKind.Return : ResumeKind.Throw, value);
        return;
      case AwaitPhase.GeneratorReturn:
        this.status = AsyncGeneratorStatus.Completed;
        this.completeStep(!fulfilled, value, true);
        this.drain();
        return;
    }
  }

  /**
   * AsyncGeneratorYield after its operand was awaited: settles the head request with
   * `{ value, done: false }`; true when another request is queued and the body goes on.
   */
  private yield(value: unknown): boolean {
    this.completeStep(false, value, false);
    if (this.queue.length > 0) return true;
    this.status = AsyncGeneratorStatus.SuspendedYield;
    return false;
  }

  /** The body finished: settle the head request, then the rest of the queue. */
  private complete(threw: boolean, value: unknown): void {
    this.release();
    this.completeStep(threw, value, true);
    this.drain();
  }

  /** AsyncGeneratorCompleteStep: settles and removes the head of the queue. */
  private completeStep(threw: boolean, value: unknown, done: boolean): void {
    const request = this.queue.shift()!;
    if (threw) request.reject(value);
    else request.resolve({ value, done });
  }

  /** AsyncGeneratorDrainQueue: next/throw on a completed generator settle at once; return awaits. */
  private drain(): void {
    const queue = this.queue;
    while (queue.length > 0) {
      const request = queue[0]!;
      if (request.kind === ResumeKind.Return) {
        this.awaitReturn();
        return;
      }
      if (request.kind === ResumeKind.Throw) this.completeStep(true, request.value, true);
      else this.completeStep(false, undefined, true);
    }
  }

  /** AsyncGeneratorAwaitReturn: `return(v)` on a generator whose body is not running awaits v. */
  private awaitReturn(): void {
    this.status = AsyncGeneratorStatus.AwaitingReturn;
    this.await(AwaitPhase.GeneratorReturn, this.queue[0]!.value);
  }

  /** The body will not run again: completed, machine dropped. */
  private release(): void {
    this.status = AsyncGeneratorStatus.Completed;
    this.machine = undefined;
  }
}

/** Stamps the one private field, the driver, onto an async generator object. */
class AsyncGeneratorObject extends Stamp {
  #driver: AsyncGeneratorDriver;

  constructor(target: object, driver: AsyncGeneratorDriver) {
    super(target);
    this.#driver = driver;
  }

  /** A consumer call: a foreign receiver gets a rejected promise, as natively. */
  static request(generator: unknown, kind: ResumeKind, value: unknown, method: string): Promise<IteratorResult<unknown>> {
    let resolve!: (result: IteratorResult<unknown>) => void;
    let reject!: (reason: unknown) => void;
    const promise = new Promise<IteratorResult<unknown>>((res, rej) => {
      resolve = res;
      reject = rej;
    });
    let driver: AsyncGeneratorDriver;
    try {
      driver = (generator as AsyncGeneratorObject).#driver;
    } catch {
      reject(new TypeError(`${method} method called on incompatible receiver ${describeReceiver(generator)}`));
      return promise;
    }
    driver.request(kind, value, resolve, reject);
    return promise;
  }
}

const request = AsyncGeneratorObject.request;

/** The methods every lowered async generator's prototype shares (names and lengths as native). */
const asyncGeneratorMethods = {
  next(value: unknown): Promise<IteratorResult<unknown>> {
    return request(this, ResumeKind.Next, value, "next");
  },
  return(value: unknown): Promise<IteratorResult<unknown>> {
    return request(this, ResumeKind.Return, value, "return");
  },
  throw(exception: unknown): Promise<IteratorResult<unknown>> {
    return request(this, ResumeKind.Throw, exception, "throw");
  },
};
const asyncGeneratorMethodDescriptors = methodDescriptors(asyncGeneratorMethods);

/** Used when `g.prototype` is not an object at call time (see spec-generator.ts). */
const fallbackAsyncGeneratorPrototype: object = Object.create(AsyncGeneratorPrototype, asyncGeneratorMethodDescriptors);

/**
 * Makes a lowered async generator's wrapper look like the native async generator function:
 * [[Prototype]] %AsyncGeneratorFunction.prototype%, and `fn.prototype` a fresh object
 * inheriting from %AsyncGeneratorPrototype%. Idempotent; returns `fn`.
 *
 * @example
 * function ticks(n) { return $sl.asyncGenerator(new Ticks$Machine(this, n), ticks); }
 * $sl.asyncGeneratorFunction(ticks);
 * for await (const t of ticks(3)) console.log(t);
 */
export function asyncGeneratorFunction<F extends Function>(fn: F, name?: string): F {
  setUpGeneratorFunction(fn, AsyncGeneratorFunctionPrototype, AsyncGeneratorPrototype, asyncGeneratorMethodDescriptors, name);
  return fn;
}

/**
 * Wraps `machine` in an async generator object of the lowered function `fn` (its [[Prototype]]
 * is `fn.prototype`, read now). The body runs on the first `next`.
 */
export function asyncGenerator<T = unknown, TReturn = unknown, TNext = unknown>(
  machine: Machine,
  fn: Function,
): AsyncGenerator<T, TReturn, TNext> {
  if (!isSetUp(fn)) asyncGeneratorFunction(fn);
  const target = Object.create(instancePrototypeOf(fn, fallbackAsyncGeneratorPrototype)) as object;
  return new AsyncGeneratorObject(target, new AsyncGeneratorDriver(machine)) as unknown as AsyncGenerator<T, TReturn, TNext>;
}
