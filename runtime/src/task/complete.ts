// How a task ends: the root machine finished, the task's scoped children are cancelled and
// awaited, then joiners are woken, the promise settles and an unobserved failure is reported.
//
// Invariants:
//  1. A task completes only after every task it spawned with `spawn` completed (scope exit).
//  2. Joiners are woken and the promise settled exactly once, after the `Completed` transition.

import { Cancelled } from "../errors.js";
import { CompleteOutcome, TaskFlag, transitionToClosing, transitionToCompleted } from "./state.js";
import type { Task } from "./task.js";

/** @internal The root machine finished with `result` (an error when `failed`); close the scope, then complete. */
export function finishRoot(task: Task, failed: boolean, result: unknown): void {
  task.top.value = result;
  const children = task.ext === null ? null : task.ext.children;
  if (children !== null && children.count > 0) {
    transitionToClosing(task, failed);
    children.cancelAll();
    return; // the last child to complete completes this task (rule 1)
  }
  completeTask(task, failed);
}

/** @internal Completes the task for good and notifies everyone waiting on it. */
export function completeTask(task: Task, failed: boolean): void {
  const outcome = transitionToCompleted(task, failed);
  const scope = task.scope;
  scope.remove(task);
  const result = task.top.value;
  const ext = task.ext;
  if (ext !== null) {
    const joiners = ext.joiners;
    ext.joiners = null;
    if (joiners !== null) {
      if (Array.isArray(joiners)) for (const waker of joiners) waker.wake();
      else joiners.wake();
    }
    if (ext.promise !== null) {
      if (failed) ext.reject!(result);
      else ext.resolve!(result);
      ext.resolve = ext.reject = null;
    }
  }
  if (outcome === CompleteOutcome.MaybeUnobserved && !(result instanceof Cancelled)) scope.executor.reportLater(task);
  const owner = scope.owner;
  if (owner !== null && scope.count === 0 && (owner.flags & TaskFlag.Closing) !== 0) {
    completeTask(owner, (owner.flags & TaskFlag.Failed) !== 0);
  }
}

/** @internal The error a cancelled task rejects with; one per task, created on first need. */
export function cancelErrorOf(task: Task): Cancelled {
  const ext = task.extras();
  return (ext.cancelError ??= new Cancelled(`stackless: task '${task.name}' was cancelled`));
}
