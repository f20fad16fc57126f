// Task-mode coroutines: the base class that `@coroutine task` machines extend, and the written
// contract between them, the task driver (task/driver.ts) and the transformer's task lowering.
//
// Contract (emitted task-mode code ↔ task driver); a change here needs a PROTOCOL_VERSION bump:
//  1. A task-mode function returns `new F$Machine(...)` and runs nothing: the machine is lazy.
//     The machine class extends `$sl.Coroutine<T>` and implements `resume` exactly as in spec
//     mode (`switch (this.state)`, `return this.await(x)`, `return this.done(v)`, a throw out
//     of `resume` for an uncaught error).
//  2. On `Step.Await` the driver classifies `machine.value`, in this order:
//       - a fresh `Coroutine`: pushed on the task's stack and resumed at once (inline, no
//         microtask); its return resumes the awaiting machine with `Next`, its throw with `Throw`;
//       - a finished `Coroutine`: resumes at once with its result (or its error);
//       - a `Coroutine` that is the root of a task: a join of that task;
//       - a `Future` (sleep, channel, join, stream readiness): polled with the task as waker;
//       - a thenable (`then` is callable; read once): the task suspends until it settles;
//       - anything else: resumes at once with `Next` and the value itself.
//     Every await that resumes at once spends one unit of the task's budget (see budget.ts).
//  3. `ResumeKind.Cancel` (input: the task's `Cancelled` error) arrives at the innermost
//     machine's suspension point once per cancellation. The machine performs a return
//     completion there that `catch` blocks do not intercept: it runs every pending `finally`
//     (which may await; those awaits are resumed with `Next`/`Throw` as usual) and then
//     returns (`Step.Return`, any value) or throws. The driver then resumes the awaiting
//     machine with `Cancel`, and so on up to the root; the handle rejects with `Cancelled`.
//     Only the machines that were on the stack when the cancel arrived unwind this way: a
//     coroutine awaited from inside a `finally` during the unwinding runs normally.
//  4. `Step.Preempt` (a spent check point, see budget.ts) resumes later with `Next`.
//     `Step.Yield` is a bug in a task-mode async function: the machine is resumed with a
//     `Throw` of a `CoroutineStateError`.
//  5. `return v` where `v` is a thenable, a `Future` or a `Coroutine` settles with what `v`
//     settles with, as `return v` in a native async function does.
//  6. The driver writes `$caller`, the `value` of a finished machine, and the `value` of a
//     machine awaiting a coroutine that returned a thenable (it then holds the stand-in that
//     adopts it); nothing else. While a machine awaits a running child, its `value` is that
//     child: the driver relies on it to find the innermost machine (task/driver.ts rule 4).

import { bridgeThen } from "./future.js";
import { CoroutineStateError } from "./errors.js";
import { Machine } from "./protocol.js";

/** @internal A finished coroutine's `$caller`: saves a separate status field per machine. */
export class Finished {
  constructor(readonly failed: boolean) {}
}
/** @internal The coroutine returned; `value` is its result. */
export const RETURNED = new Finished(false);
/** @internal The coroutine threw (or was cancelled); `value` is the error. */
export const THREW = new Finished(true);

/**
 * @internal Where a coroutine is in its life: `undefined` before its first resume; the
 * `Coroutine` awaiting it while it runs inline; the task it is the root of (any other object);
 * `RETURNED` / `THREW` once finished.
 */
export type CoroutineLink = Coroutine | Finished | PromiseLike<unknown> | undefined;

/**
 * Base class of task-mode machines. Lazy: constructing one runs nothing. Await it from another
 * coroutine (polled inline in the same task), spawn it, or await it from native code (`then`
 * spawns it on the default executor).
 *
 * @example
 * const enum Answer$State { Start, Await0 }
 * class Answer$Machine extends Coroutine<number> {
 *   resume(kind: ResumeKind, input: unknown): Step {
 *     switch (this.state) {
 *       case Answer$State.Start: // await sleep(10) @ 2:3
 *         this.state = Answer$State.Await0; return this.await(sleep(10));
 *       case Answer$State.Await0:
 *         if (kind !== ResumeKind.Next) { if (kind === ResumeKind.Throw) throw input; return this.done(); }
 *         return this.done(42);
 *     }
 *     return this.done();
 *   }
 * }
 * console.log(await new Answer$Machine()); // 42, after 10 ms
 */
export abstract class Coroutine<T = unknown> extends Machine<T> implements PromiseLike<T> {
  /** @internal See `CoroutineLink`; written only by the task driver. */
  declare $caller: CoroutineLink;

  constructor() {
    super();
    this.$caller = undefined; // an assignment, not a field initialiser: see `Machine`'s constructor
  }

  /** Spawns the coroutine as a detached task on the default executor (once) and forwards its result. */
  then<R1 = T, R2 = never>(
    onFulfilled?: ((value: T) => R1 | PromiseLike<R1>) | null,
    onRejected?: ((reason: unknown) => R2 | PromiseLike<R2>) | null,
  ): PromiseLike<R1 | R2> {
    const link = this.$caller;
    let settled: PromiseLike<unknown>;
    if (link === undefined) settled = bridgeThen(this);
    else if (link === RETURNED) settled = Promise.resolve(this.value);
    else if (link === THREW) settled = Promise.reject(this.value);
    else if (link instanceof Coroutine) {
      settled = Promise.reject(new CoroutineStateError(`${coroutineName(this)} is running inside another coroutine; spawn it to await it from native code`));
    } else settled = link as PromiseLike<unknown>;
    return (settled as PromiseLike<T>).then(onFulfilled, onRejected);
  }
}

/** A machine's name for dumps and messages: the class name without the `$Machine` suffix. */
export function coroutineName(machine: object): string {
  const name = machine.constructor?.name ?? "anonymous";
  return name.endsWith("$Machine") ? name.slice(0, -"$Machine".length) : name;
}
