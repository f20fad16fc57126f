// The task's flags word and its named transitions. Every change of a task's state goes through
// one of the `transitionTo*` functions below; callers switch on the returned outcome, never on bits.
//
// Invariants:
//  1. A task is in the run queue at most once: only `transitionToScheduled` (returning `Enqueue`),
//     `transitionToIdle` and `transitionToPreempted` (returning `Requeue`) put it there.
//  2. `Completed` is terminal: no other transition changes a completed task.
//  3. `Scheduled` is cleared only by `transitionToRunning`, `transitionToClosing` and
//     `transitionToCompleted`; a wake while `Running` leaves `Scheduled` set so the executor
//     requeues the task once, after the poll.

/** The bits of `Task.flags`. */
export const enum TaskFlag {
  /** In the run queue, or to be put there when the current poll ends. Never with `Completed` or `Closing`. */
  Scheduled = 1 << 0,
  /** Being polled now (on the executor's stack). Never with `Completed` or `Closing`. */
  Running = 1 << 1,
  /** The machine stack finished; waiting for the task's scoped children before completing. Never with `Completed`. */
  Closing = 1 << 2,
  /** Finished for good; the result is in the root machine's `value`. Terminal. */
  Completed = 1 << 3,
  /** With `Completed` or `Closing`: the result is an error (a throw or a cancellation). */
  Failed = 1 << 4,
  /** A cancel was requested; sticky, so an await inside a `finally` cannot make the task forget it. */
  Cancelled = 1 << 5,
  /** A cancel request not yet delivered to the machine stack. Only with `Cancelled`. */
  CancelPending = 1 << 6,
  /** Someone observes the result (a join, `then`): a failure is not reported as unobserved. */
  Observed = 1 << 7,
  /**
   * The poll suspended on a future, kept in the innermost machine's `value` (saves a field per
   * task). Set by the driver at the end of a poll, consumed by the next. Never with `Completed`.
   */
  Waiting = 1 << 8,
}

/** What `transitionToScheduled` (a wake) asks of the caller. */
export const enum ScheduleOutcome {
  /** Push the task on the run queue. */
  Enqueue,
  /** The task is being polled; the executor requeues it after the poll. */
  Deferred,
  /** Already queued, closing or completed: nothing to do. */
  Ignore,
}

/** What `transitionToRunning` asks of the executor. */
export const enum RunOutcome {
  /** Poll the task. */
  Poll,
  /** Poll the task, delivering the pending cancel first. */
  DeliverCancel,
  /** Closing or completed: a stale queue entry, skip it. */
  Skip,
}

/** What `transitionToIdle` asks of the executor after a poll that suspended. */
export const enum IdleOutcome {
  /** Woken during its own poll: push it on the run queue again. */
  Requeue,
  /** Waits for a wake. */
  Idle,
}

/** What `transitionToCancelRequested` asks of the caller. */
export const enum CancelOutcome {
  /** Wake the task so that its next poll delivers the cancel. */
  Wake,
  /** Completed, closing or already cancelled: nothing to do. */
  Ignore,
}

/** What `transitionToCompleted` asks of the caller. */
export const enum CompleteOutcome {
  /** Nothing to report. */
  Quiet,
  /** Failed and nobody observes the result yet: report it if that is still so later. */
  MaybeUnobserved,
}

// The members above as module constants, which the transitions below use: the build compiles
// with `isolatedModules`, under which tsc leaves every `TaskFlag.Running` a load from the enum
// object at run time, while V8 folds a module constant into the code that inlines a transition
// (measured with the executor's and the driver's aliases: ping-pong through a channel, 1,447 →
// 1,280 instructions per switch with every member a literal).
const SCHEDULED = TaskFlag.Scheduled;
const RUNNING = TaskFlag.Running;
const CLOSING = TaskFlag.Closing;
const COMPLETED = TaskFlag.Completed;
const FAILED = TaskFlag.Failed;
const CANCELLED = TaskFlag.Cancelled;
const CANCEL_PENDING = TaskFlag.CancelPending;
const OBSERVED = TaskFlag.Observed;
const WAITING = TaskFlag.Waiting;
const ENQUEUE = ScheduleOutcome.Enqueue;
const DEFERRED = ScheduleOutcome.Deferred;
const IGNORE_WAKE = ScheduleOutcome.Ignore;
const POLL = RunOutcome.Poll;
const DELIVER_CANCEL = RunOutcome.DeliverCancel;
const SKIP = RunOutcome.Skip;
const REQUEUE = IdleOutcome.Requeue;
const IDLE = IdleOutcome.Idle;
const WAKE = CancelOutcome.Wake;
const IGNORE_CANCEL = CancelOutcome.Ignore;
const QUIET = CompleteOutcome.Quiet;
const MAYBE_UNOBSERVED = CompleteOutcome.MaybeUnobserved;

/** @internal The part of a task the transitions touch. */
export interface TaskCell {
  flags: number;
}

/** A wake. Idempotent: a queued task stays queued once (rule 1); a running one is requeued after its poll (rule 3). */
export function transitionToScheduled(task: TaskCell): ScheduleOutcome {
  const flags = task.flags;
  if ((flags & (SCHEDULED | CLOSING | COMPLETED)) !== 0) return IGNORE_WAKE;
  task.flags = flags | SCHEDULED;
  return (flags & RUNNING) !== 0 ? DEFERRED : ENQUEUE;
}

/** The executor took the task off the run queue and is about to poll it. */
export function transitionToRunning(task: TaskCell): RunOutcome {
  const flags = task.flags;
  if ((flags & (CLOSING | COMPLETED)) !== 0) return SKIP;
  task.flags = (flags & ~(SCHEDULED | CANCEL_PENDING)) | RUNNING;
  return (flags & CANCEL_PENDING) !== 0 ? DELIVER_CANCEL : POLL;
}

/** The poll ended with the task waiting on something. */
export function transitionToIdle(task: TaskCell): IdleOutcome {
  const flags = task.flags & ~RUNNING;
  task.flags = flags;
  return (flags & SCHEDULED) !== 0 ? REQUEUE : IDLE;
}

/** The poll ended with a forced yield: the task goes to the tail of the run queue. */
export function transitionToPreempted(task: TaskCell): IdleOutcome.Requeue {
  task.flags = (task.flags & ~RUNNING) | SCHEDULED;
  return REQUEUE;
}

/** The poll ends waiting on the future now in `task.top.value`. */
export function transitionToWaiting(task: TaskCell): void {
  task.flags |= WAITING;
}

/** A poll takes over the future the task waited on: true when there was one. */
export function transitionFromWaiting(task: TaskCell): boolean {
  const flags = task.flags;
  if ((flags & WAITING) === 0) return false;
  task.flags = flags & ~WAITING;
  return true;
}

/** `cancel()`: marks the task cancelling (sticky) with the cancel still to deliver. */
export function transitionToCancelRequested(task: TaskCell): CancelOutcome {
  const flags = task.flags;
  if ((flags & (CANCELLED | CLOSING | COMPLETED)) !== 0) return IGNORE_CANCEL;
  task.flags = flags | CANCELLED | CANCEL_PENDING;
  return WAKE;
}

/** The machine stack finished but scoped children still run: wait for them, ignoring wakes. */
export function transitionToClosing(task: TaskCell, failed: boolean): void {
  const kept = task.flags & ~(SCHEDULED | RUNNING | CANCEL_PENDING | WAITING);
  task.flags = kept | CLOSING | (failed ? FAILED : 0);
}

/** The task is done for good (rule 2). */
export function transitionToCompleted(task: TaskCell, failed: boolean): CompleteOutcome {
  const flags = task.flags;
  const kept = flags & (CANCELLED | OBSERVED);
  task.flags = kept | COMPLETED | (failed ? FAILED : 0);
  return failed && (flags & OBSERVED) === 0 ? MAYBE_UNOBSERVED : QUIET;
}

/** Someone joined the task or asked for its promise. */
export function transitionToObserved(task: TaskCell): void {
  task.flags |= OBSERVED;
}
