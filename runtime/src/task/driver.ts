// The task driver: one poll of a task. Resumes the innermost machine, classifies what it
// awaits (coroutine.ts rule 2), pushes and pops inline child coroutines, and stops when the
// task must wait, is pre-empted, or finishes.
//
// Invariants:
//  1. A poll never throws: every error out of `resume`, `poll` or a `then` getter becomes a
//     `Throw` resume of the awaiting machine, or the task's failure.
//  2. Nothing is allocated on the ready paths (a ready await, a push, a pop); allocation happens
//     only for promises, returned thenables and pre-emption at a ready await.
//  3. While cancelling, `ext.cancelTarget` is the machine that received (or is next to
//     receive) `Cancel`; only its completion propagates `Cancel` to its caller (rule 3 of
//     coroutine.ts), so machines started inside a `finally` run normally.
//  4. `task.top` is always a machine on the current stack: the innermost one whenever the task
//     is not being polled, and during a poll an ancestor of (or equal to) the innermost one. The
//     step loop does not store it on every push (a store into the long-lived task is an
//     old-to-young write barrier); the innermost machine is found from it by following `value`
//     down: a machine suspended on a running child holds that child in `value`, and the child's
//     `$caller` points back to it.
//
// Why two functions: V8 does not optimise a `try` around the polymorphic `resume` call inside
// the hot loop well (measured: about 10 ns per push and pop). `stepLoop` has no `try`;
// `driveTask` catches whatever it throws and uses `phase` to tell who threw.

import { ThenableFuture } from "../adapters/promise.js";
import { checkpoint } from "../budget.js";
import { Coroutine, coroutineName, RETURNED, THREW } from "../coroutine.js";
import { CoroutineStateError } from "../errors.js";
import { Future, PENDING, Ready } from "../future.js";
import { ResumeKind, Step } from "../protocol.js";
import { AdoptReturn$Machine } from "./await-value.js";
import { cancelErrorOf, finishRoot } from "./complete.js";
import { coop } from "./context.js";
import { TaskFlag, transitionFromWaiting, transitionToWaiting } from "./state.js";
import type { Task } from "./task.js";

/** How a poll ended. */
export const enum DriveOutcome {
  /** Waits on the future in `task.top.value` (`TaskFlag.Waiting`; it registered the task's waker). */
  Suspended,
  /** Yielded at a spent budget or `Step.Preempt`; goes to the tail of the run queue. */
  Preempted,
  /** The root machine finished (the task completed or is closing its scope). */
  Finished,
}

/** What `stepLoop` was doing when something threw (a Smi in module state: no write barrier). */
const enum Phase {
  /** Inside a machine's `resume`: the machine threw. */
  Resume,
  /** Inside a future's `poll` or a `then` getter: the awaiting machine gets the error. */
  Await,
}

let phase = Phase.Resume;

// The const enum members the step loop compares against, as module constants. The build uses
// `isolatedModules`, under which tsc does not inline const enums: every `Step.Await` would be two
// property loads per step (measured: 3.3 → 2.8 ns per ready await with these aliases).
const STEP_AWAIT = Step.Await;
const STEP_RETURN = Step.Return;
const STEP_PREEMPT = Step.Preempt;
const STEP_YIELD = Step.Yield;
const STEP_YIELD_DELEGATED = Step.YieldDelegated;
const NEXT = ResumeKind.Next;
const THROW = ResumeKind.Throw;
const CANCELLED = TaskFlag.Cancelled;
const WAITING = TaskFlag.Waiting;
const SUSPENDED = DriveOutcome.Suspended;
const PREEMPTED = DriveOutcome.Preempted;
const FINISHED = DriveOutcome.Finished;

/** @internal Polls `task` once; `deliverCancel` when a cancel request is pending. */
export function driveTask(task: Task, deliverCancel: boolean): DriveOutcome {
  let machine = task.top;
  let kind = ResumeKind.Next;
  let input: unknown = undefined;

  // 1. Where this poll resumes from: a cancel, the future the task waits on, or the start.
  const waitingOn = (task.flags & WAITING) !== 0 ? (machine.value as Future) : null;
  if (deliverCancel) {
    if (transitionFromWaiting(task)) dropQuietly(waitingOn!, task);
    const cancelled = cancelErrorOf(task);
    if (task.polls === 1) {
      // Never resumed: there is no `finally` to run.
      machine.$caller = THREW;
      finishRoot(task, true, cancelled);
      return FINISHED;
    }
    task.ext!.cancelTarget = machine;
    kind = ResumeKind.Cancel;
    input = cancelled;
  } else if (waitingOn !== null) {
    try {
      input = waitingOn.poll(task);
      if (input === PENDING) return SUSPENDED; // still `Waiting`
    } catch (error) {
      kind = ResumeKind.Throw;
      input = error;
    }
    transitionFromWaiting(task);
  }

  // 2. Step the stack until it suspends, yields or finishes; errors re-enter the loop (rule 1).
  for (;;) {
    phase = Phase.Resume;
    try {
      return stepLoop(task, machine, kind, input);
    } catch (error) {
      machine = innermost(task);
      if ((phase as Phase) === Phase.Await) {
        kind = ResumeKind.Throw;
        input = error;
        continue;
      }
      const caller = popMachine(task, machine, true, error);
      if (caller === null) return FINISHED;
      machine = caller;
      kind = popKind;
      input = popInput;
    }
  }
}

/** The hot loop (no `try`, see the header). Leaves `task.top` at the innermost machine on exit. */
function stepLoop(task: Task, machine: Coroutine, kind: ResumeKind, input: unknown): DriveOutcome {
  const budget = coop; // one load instead of a module property load per step
  for (;;) {
    const step = machine.resume(kind, input);

    if (step === STEP_AWAIT) {
      const value = machine.value;
      kind = NEXT;
      input = value;
      if ((typeof value === "object" && value !== null) || typeof value === "function") {
        let future: Future | null = null;
        if (value instanceof Coroutine) {
          const link = value.$caller;
          if (link === undefined) {
            // A fresh coroutine: run it inline on this task's stack (found again via `value`, rule 4).
            value.$caller = machine;
            machine = value;
            input = undefined;
            if (--budget.left < 0 && checkpoint()) return preemptAt(task, machine, kind, input);
            continue;
          } else if (link === RETURNED) input = value.value;
          else if (link === THREW) {
            kind = THROW;
            input = value.value;
          } else if (link instanceof Coroutine) {
            kind = THROW;
            input = new CoroutineStateError(`${coroutineName(value)} is already running; a coroutine can be awaited by one caller at a time`);
          } else future = link as unknown as Future; // the root of a task: join it
        } else if (value instanceof Future) future = value;
        else {
          phase = Phase.Await;
          const then = (value as { then?: unknown }).then;
          phase = Phase.Resume;
          if (typeof then === "function") future = new ThenableFuture(value, then as never);
        }
        if (future !== null) {
          phase = Phase.Await;
          input = future.poll(task);
          phase = Phase.Resume;
          if (input === PENDING) {
            machine.value = future; // task.ts rule 2: the machine holds what it waits on
            task.top = machine;
            transitionToWaiting(task);
            return SUSPENDED;
          }
        }
      }
      // Resumed at once: spend budget (coroutine.ts rule 2).
      if (--budget.left < 0 && checkpoint()) return preemptAt(task, machine, kind, input);
      continue;
    }

    if (step === STEP_RETURN) {
      const value = machine.value;
      if (((typeof value === "object" && value !== null) || typeof value === "function") && !isCancelTarget(task, machine)) {
        const adopted = adoptable(value);
        if (adopted !== null) {
          // coroutine.ts rule 5: the adopter takes the machine's place on the stack.
          const adopter = new AdoptReturn$Machine(machine, adopted);
          const caller = machine.$caller;
          adopter.$caller = caller;
          if (caller instanceof Coroutine) caller.value = adopter; // keeps the `value` chain of rule 4
          if (task.top === machine) task.top = adopter;
          machine.$caller = RETURNED;
          machine = adopter;
          kind = NEXT;
          input = undefined;
          continue;
        }
      }
      const caller = machine.$caller;
      if (caller instanceof Coroutine && (task.flags & CANCELLED) === 0) {
        // The common pop, inline.
        machine.$caller = RETURNED;
        if (task.top === machine) task.top = caller;
        machine = caller;
        kind = NEXT;
        input = value;
        continue;
      }
      const next = popMachine(task, machine, false, value);
      if (next === null) return FINISHED;
      machine = next;
      kind = popKind;
      input = popInput;
      continue;
    }

    if (step === STEP_PREEMPT) {
      task.top = machine;
      return PREEMPTED;
    }

    kind = THROW;
    input = new CoroutineStateError(
      step === STEP_YIELD || step === STEP_YIELD_DELEGATED
        ? `${coroutineName(machine)} yielded inside a task; only async functions run as tasks`
        : `${coroutineName(machine)} returned unknown step ${String(step)}`,
    );
  }
}

// Out-parameters of `popMachine` (a rare path: throws, cancellation, the root's return).
let popKind: ResumeKind = ResumeKind.Next;
let popInput: unknown = undefined;

/**
 * `machine` finished. Returns its caller, to be resumed with `popKind`/`popInput`, or null
 * when it was the root and the task finished.
 */
function popMachine(task: Task, machine: Coroutine, failed: boolean, result: unknown): Coroutine | null {
  const caller = machine.$caller;
  let kind = failed ? ResumeKind.Throw : ResumeKind.Next;
  if (isCancelTarget(task, machine)) {
    // Rule 3: the unwinding continues in the caller; a throw from a `finally` is kept as the cause.
    const ext = task.ext!;
    if (failed && result !== ext.cancelError && !ext.hasCleanupError) {
      ext.hasCleanupError = true;
      ext.cleanupError = result;
      Object.defineProperty(ext.cancelError, "cause", { value: result, writable: true, configurable: true });
    }
    kind = ResumeKind.Cancel;
    failed = true;
    result = ext.cancelError;
    ext.cancelTarget = caller instanceof Coroutine ? caller : null;
  }
  machine.value = result;
  machine.$caller = failed ? THREW : RETURNED;
  if (caller instanceof Coroutine) {
    if (task.top === machine) task.top = caller;
    popKind = kind;
    popInput = result;
    return caller;
  }
  task.top = machine;
  finishRoot(task, failed, result);
  return null;
}

/** The innermost machine of the stack, found from `task.top` (rule 4). */
function innermost(task: Task): Coroutine {
  let machine = task.top;
  for (let child = machine.value; child instanceof Coroutine && child.$caller === machine; child = machine.value) machine = child;
  return machine;
}

function isCancelTarget(task: Task, machine: Coroutine): boolean {
  return (task.flags & CANCELLED) !== 0 && task.ext !== null && task.ext.cancelTarget === machine;
}

/** What a returned object settles with, as something to await; null when it is a plain value. */
function adoptable(value: object): unknown {
  if (value instanceof Coroutine || value instanceof Future) return value;
  let then: unknown;
  try {
    then = (value as { then?: unknown }).then;
  } catch (error) {
    return new Ready(true, error);
  }
  return typeof then === "function" ? new ThenableFuture(value, then as never) : null;
}

/** Parks the ready outcome so the next poll resumes with it, and yields. */
function preemptAt(task: Task, machine: Coroutine, kind: ResumeKind, input: unknown): DriveOutcome {
  machine.value = new Ready(kind === ResumeKind.Throw, input);
  task.top = machine;
  transitionToWaiting(task);
  return PREEMPTED;
}

function dropQuietly(future: Future, task: Task): void {
  try {
    future.drop(task);
  } catch (error) {
    task.scope.executor.reportInternal(error, `dropping ${future.describe()}`);
  }
}
