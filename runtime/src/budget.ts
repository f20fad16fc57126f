// Cooperative budget and pre-emption: every ready await and every check point spends one unit;
// when the budget runs out the clock is read, and the task yields only if it has run for its
// time slice. `consumeBudget`, `yieldNow` and `unconstrained` are the hand-written forms.
//
// Check-point contract for emitted code (design.md §5):
//     if (--$sl.coop.left < 0 && $sl.checkpoint()) { this.state = F$State.Preempt0; return $sl.Step.Preempt; }
// The fast path is a decrement and a compare; `checkpoint()` refills the budget and answers
// whether the slice is spent. Outside a task (spec mode) the slice is the current host turn.
//
// Defaults, by measurement (2-core EPYC, Node 20, a 1e8-iteration `s += i` loop in one task with a
// check point per iteration written as above): budget 256 → 1.39x the loop without check points,
// 4096 → 1.05x, 65536 → 1.09x (noise); so `budget` is 4096, which reads the clock every ~4 µs of
// such a loop. `taskSliceMs` 2 gives ~40 forced yields per 1e8 iterations (~100 ms), each one
// setImmediate turn, and bounds how long a spinning task delays the host's I/O to ~2 ms.

import { Coroutine } from "./coroutine.js";
import { Future, PENDING, type Pending } from "./future.js";
import { ResumeKind, Step } from "./protocol.js";
import { coop, ctx } from "./task/context.js";
import type { Waker } from "./waker.js";

export { coop } from "./task/context.js";

const hostClock = globalThis.performance;
const nextHostTurn: (callback: () => void) => void = globalThis.setImmediate ?? ((callback) => setTimeout(callback, 0));

// Outside tasks (spec mode) the slice is the host turn: it starts at the first clock reading of
// the turn and ends when the host's next turn runs, so code that awaited in between (another
// coroutine, the same one much later) starts a fresh slice instead of inheriting a spent one.
let outsideSliceStart = -1;
const endOutsideSlice = (): void => {
  outsideSliceStart = -1;
};

/** Refills the budget; true when the current task (or spec-mode slice) has used its time slice. */
export function checkpoint(): boolean {
  coop.left = ctx.budgetPerPoll;
  ctx.checkpointReached = true;
  const task = ctx.task;
  const now = hostClock.now();
  if (task === null) {
    if (outsideSliceStart < 0) {
      outsideSliceStart = now;
      nextHostTurn(endOutsideSlice);
    }
    return now - outsideSliceStart >= ctx.taskSliceMs;
  }
  ctx.clockReading = now;
  if (task.ext !== null && task.ext.unconstrained > 0) return false;
  return now - ctx.pollStart >= ctx.taskSliceMs;
}

/**
 * Spends one unit of the budget: `await consumeBudget()` continues at once unless the budget is
 * spent and the task has used its slice, in which case the task yields to the host and resumes
 * at the tail of the run queue. For hand-written loops that never await anything else.
 *
 * @example
 * for (const row of rows) { total += row.amount; await consumeBudget(); }
 */
export function consumeBudget(): Future<void> | undefined {
  if (--coop.left < 0 && checkpoint()) return new YieldOnce(true);
  return undefined;
}

/** Yields once: the task goes to the tail of the run queue (within the same executor turn). */
export function yieldNow(): Future<void> {
  return new YieldOnce(false);
}

class YieldOnce extends Future<void> {
  private yielded = false;

  constructor(private readonly toHost: boolean) {
    super();
  }

  poll(waker: Waker): void | Pending {
    if (this.yielded) return;
    this.yielded = true;
    if (this.toHost) noteForcedYield();
    waker.wake();
    return PENDING;
  }

  describe(): string {
    return this.toHost ? "forced yield" : "yieldNow";
  }
}

/** @internal Counts a forced yield on the current task and ends the executor's turn after it. */
export function noteForcedYield(): void {
  const task = ctx.task;
  if (task !== null) task.extras().forcedYields++;
  if (ctx.executor !== null) ctx.executor.yieldToHost = true;
}

const enum Unconstrained$State {
  Start,
  Await0,
}

/**
 * Runs `work` with pre-emption off: spent budgets never make the task yield while it runs (it
 * still yields where it awaits something that is not ready). For short critical sections.
 *
 * @example
 * await unconstrained(flushAll(buffers));
 */
export function unconstrained<T>(work: PromiseLike<T> | Coroutine<T> | Future<T>): Coroutine<T> {
  return new Unconstrained$Machine<T>(work);
}

class Unconstrained$Machine<T> extends Coroutine<T> {
  constructor(private readonly work: unknown) {
    super();
  }

  resume(kind: ResumeKind, input: unknown): Step {
    switch (this.state) {
      case Unconstrained$State.Start: // depth++; await work
        if (ctx.task !== null) ctx.task.extras().unconstrained++;
        this.state = Unconstrained$State.Await0;
        return this.await(this.work);
      case Unconstrained$State.Await0: // depth-- on every way out
        if (ctx.task !== null) ctx.task.extras().unconstrained--;
        if (kind === ResumeKind.Throw) throw input;
        if (kind === ResumeKind.Cancel) return this.done();
        return this.done(input as T);
    }
    return this.done();
  }
}
