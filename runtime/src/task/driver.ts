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

import { ThenableFuture } from "../adapters/promise.js";
import { checkpoint } from "../budget.js";
import { Coroutine, coroutineName, RETURNED, THREW } from "../coroutine.js";
import { CoroutineStateError } from "../errors.js";
import { Future, PENDING, Ready } from "../future.js";
import { ResumeKind, Step } from "../protocol.js";
import { AdoptReturn$Machine } from "./await-value.js";
import { cancelErrorOf, finishRoot } from "./complete.js";
import { coop } from "./context.js";
import type { Task } from "./task.js";

/** How a poll ended. */
export const enum DriveOutcome {
  /** Waits on `task.slot` (the future registered the task's waker). */
  Suspended,
  /** Yielded at a spent budget or `Step.Preempt`; goes to the tail of the run queue. */
  Preempted,
  /** The root machine finished (the task completed or is closing its scope). */
  Finished,
}

// Out-parameters of `popMachine`: the resume the returned machine gets. Module state instead of
// a result object keeps pops allocation-free (rule 2).
let popKind: ResumeKind = ResumeKind.Next;
let popInput: unknown = undefined;

/** @internal Polls `task` once; `deliverCancel` when a cancel request is pending. */
export function driveTask(task: Task, deliverCancel: boolean): DriveOutcome {
  let machine = task.top;
  let kind = ResumeKind.Next;
  let input: unknown = undefined;

  // 1. Where this poll resumes from: a cancel, the future the task waits on, or the start.
  const waitingOn = task.slot;
  if (deliverCancel) {
    task.slot = null;
    if (waitingOn !== null) dropQuietly(waitingOn, task);
    const cancelled = cancelErrorOf(task);
    if (task.polls === 1) {
      // Never resumed: there is no `finally` to run.
      machine.$caller = THREW;
      finishRoot(task, true, cancelled);
      return DriveOutcome.Finished;
    }
    task.ext!.cancelTarget = machine;
    kind = ResumeKind.Cancel;
    input = cancelled;
  } else if (waitingOn !== null) {
    try {
      input = waitingOn.poll(task);
      if (input === PENDING) return DriveOutcome.Suspended;
    } catch (error) {
      kind = ResumeKind.Throw;
      input = error;
    }
    task.slot = null;
  }

  // 2. Step the stack until it suspends, yields or finishes.
  for (;;) {
    let step: Step;
    try {
      step = machine.resume(kind, input);
    } catch (error) {
      const caller = popMachine(task, machine, true, error);
      if (caller === null) return DriveOutcome.Finished;
      machine = caller;
      kind = popKind;
      input = popInput;
      continue;
    }

    if (step === Step.Await) {
      const value = machine.value;
      kind = ResumeKind.Next;
      input = value;
      if ((typeof value === "object" && value !== null) || typeof value === "function") {
        let future: Future | null = null;
        if (value instanceof Coroutine) {
          const link = value.$caller;
          if (link === undefined) {
            // A fresh coroutine: run it inline on this task's stack.
            value.$caller = machine;
            task.top = machine = value;
            input = undefined;
            if (--coop.left < 0 && checkpoint()) return preemptAt(task, kind, input);
            continue;
          } else if (link === RETURNED) input = value.value;
          else if (link === THREW) {
            kind = ResumeKind.Throw;
            input = value.value;
          } else if (link instanceof Coroutine) {
            kind = ResumeKind.Throw;
            input = new CoroutineStateError(`${coroutineName(value)} is already running; a coroutine can be awaited by one caller at a time`);
          } else future = link as unknown as Future; // the root of a task: join it
        } else if (value instanceof Future) future = value;
        else {
          let then: unknown;
          try {
            then = (value as { then?: unknown }).then;
          } catch (error) {
            kind = ResumeKind.Throw;
            input = error;
          }
          if (typeof then === "function") future = new ThenableFuture(value, then as never);
        }
        if (future !== null) {
          try {
            input = future.poll(task);
            if (input === PENDING) {
              task.slot = future;
              return DriveOutcome.Suspended;
            }
          } catch (error) {
            kind = ResumeKind.Throw;
            input = error;
          }
        }
      }
      // Resumed at once: spend budget (coroutine.ts rule 2).
      if (--coop.left < 0 && checkpoint()) return preemptAt(task, kind, input);
      continue;
    }

    if (step === Step.Return) {
      const value = machine.value;
      if (((typeof value === "object" && value !== null) || typeof value === "function") && !isCancelTarget(task, machine)) {
        const adopted = adoptable(value);
        if (adopted !== null) {
          // coroutine.ts rule 5: the adopter takes the machine's place on the stack.
          const adopter = new AdoptReturn$Machine(machine, adopted);
          adopter.$caller = machine.$caller;
          machine.$caller = RETURNED;
          task.top = machine = adopter;
          kind = ResumeKind.Next;
          input = undefined;
          continue;
        }
      }
      const caller = popMachine(task, machine, false, value);
      if (caller === null) return DriveOutcome.Finished;
      machine = caller;
      kind = popKind;
      input = popInput;
      continue;
    }

    if (step === Step.Preempt) return DriveOutcome.Preempted;

    kind = ResumeKind.Throw;
    input = new CoroutineStateError(
      step === Step.Yield ? `${coroutineName(machine)} yielded inside a task; only async functions run as tasks` : `${coroutineName(machine)} returned unknown step ${String(step)}`,
    );
  }
}

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
    task.top = caller;
    popKind = kind;
    popInput = result;
    return caller;
  }
  finishRoot(task, failed, result);
  return null;
}

function isCancelTarget(task: Task, machine: Coroutine): boolean {
  return task.ext !== null && task.ext.cancelTarget === machine;
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
function preemptAt(task: Task, kind: ResumeKind, input: unknown): DriveOutcome {
  task.slot = new Ready(kind === ResumeKind.Throw, input);
  return DriveOutcome.Preempted;
}

function dropQuietly(future: Future, task: Task): void {
  try {
    future.drop(task);
  } catch (error) {
    task.scope.executor.reportInternal(error, `dropping ${future.describe()}`);
  }
}
