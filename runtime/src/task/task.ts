// The task: one machine stack driven by an executor, and the handle users hold on it (join by
// awaiting it, `cancel()`, counters). A task is also its own waker and a `Future` of its
// result, so spawning costs one object besides the root machine.
//
// Invariants:
//  1. `top` is the innermost machine while the task runs; after completion it is the root,
//     whose `value` holds the result (or the error, with `TaskFlag.Failed`).
//  2. Between polls the future the task waits on is the innermost machine's `value`, flagged by
//     `TaskFlag.Waiting` (no field of its own: a suspended task is small, see bench `task`).
//  3. Rarely used parts (joiners, promise, children, locals, cancel state, id, name) live in
//     `ext`, allocated on first use, to keep a suspended task small.

import { Coroutine, coroutineName } from "../coroutine.js";
import { Cancelled, CoroutineStateError } from "../errors.js";
import { Future, PENDING, type Pending } from "../future.js";
import type { Waker } from "../waker.js";
import type { Scope } from "./scope.js";
import {
  CancelOutcome,
  ScheduleOutcome,
  TaskFlag,
  transitionToCancelRequested,
  transitionToObserved,
  transitionToScheduled,
} from "./state.js";

// Enum members a wake and the hot getters test, as module constants (see state.ts).
const ENQUEUE = ScheduleOutcome.Enqueue;
const WAITING = TaskFlag.Waiting;

/** Per-task counters for introspection (see `Executor.dump`). */
export interface TaskStats {
  /** Times the executor polled the task. */
  polls: number;
  /** Times something woke it (a wake while queued counts, but queues nothing). */
  wakes: number;
  /** Times a spent budget made it yield. */
  forcedYields: number;
  /** Time spent in its polls (ms); measured only when the executor has `instrument: true`. */
  busyMs: number;
}

let nextTaskId = 1;

/** @internal The rarely used part of a task (invariant 3). */
export class TaskExtras {
  id = 0;
  name: string | undefined = undefined;
  /** The scope of the tasks this task spawned, created on the first `spawn`. */
  children: Scope | null = null;
  /** Wakers of tasks joining this one: one, many, or none. */
  joiners: Waker | Waker[] | null = null;
  promise: Promise<unknown> | null = null;
  resolve: ((value: unknown) => void) | null = null;
  reject: ((reason: unknown) => void) | null = null;
  /** Task-local values; copied on write, shared with children spawned before the write. */
  locals: Map<object, unknown> | null = null;
  /** The machine that received (or will next receive) `ResumeKind.Cancel` while unwinding. */
  cancelTarget: Coroutine | null = null;
  cancelError: Cancelled | null = null;
  /** The first error a `finally` threw during cancellation (becomes `Cancelled.cause`). */
  cleanupError: unknown = undefined;
  hasCleanupError = false;
  busyMs = 0;
  forcedYields = 0;
  /** Depth of `unconstrained(...)` wrappers on the stack: above zero, budgets never force a yield. */
  unconstrained = 0;
  longPollWarned = false;
}

/**
 * A spawned coroutine. Await it (from a coroutine or native code) to get its result; `cancel()`
 * unwinds it through its `finally` blocks and makes it reject with `Cancelled`.
 *
 * @example
 * const handle = spawn(fetchAll(urls));
 * setTimeout(() => handle.cancel(), 1000);
 * try { console.log(await handle); } catch (e) { if (e instanceof Cancelled) console.log("gave up"); }
 */
export class Task<T = unknown> extends Future<T> implements Waker {
  // Fields are assigned in the constructor, not declared with initialisers: a class-field
  // initialiser is a define, measurably slower to allocate (see `Machine`'s constructor).
  /** @internal See state.ts. */
  declare flags: number;
  /** @internal Counters kept as fields: they change on every poll and wake. */
  declare polls: number;
  /** @internal */
  declare wakes: number;
  /** @internal */
  declare ext: TaskExtras | null;
  /** @internal Siblings in `scope` (scope.ts). */
  declare prev: Task | null;
  /** @internal */
  declare next: Task | null;
  /** @internal The innermost machine (invariant 1). */
  declare top: Coroutine;
  /** @internal The scope the task lives in; gives its executor. */
  declare readonly scope: Scope;

  /** @internal Use `spawn`, `spawnDetached` or `run`. */
  constructor(top: Coroutine, scope: Scope) {
    super();
    this.flags = 0;
    this.polls = 0;
    this.wakes = 0;
    this.ext = null;
    this.prev = null;
    this.next = null;
    this.top = top;
    (this as { scope: Scope }).scope = scope;
  }

  /** @internal The future the task waits on, or null (not started, running, pre-empted, done). */
  get waitingOn(): Future | null {
    return (this.flags & WAITING) !== 0 ? (this.top.value as Future) : null;
  }

  /** @internal */
  extras(): TaskExtras {
    return (this.ext ??= new TaskExtras());
  }

  /** A number unique in this process, assigned when first read. */
  get id(): number {
    const ext = this.extras();
    if (ext.id === 0) ext.id = nextTaskId++;
    return ext.id;
  }

  /** The name given at spawn, or the root coroutine's class name. */
  get name(): string {
    return this.ext?.name ?? coroutineName(this.root);
  }

  /** @internal The outermost machine of the stack (the one spawned, or what adopted its return). */
  get root(): Coroutine {
    let root = this.top;
    for (let link = root.$caller; link instanceof Coroutine; link = link.$caller) root = link;
    return root;
  }

  /** @internal The machines on the stack, outermost first (for dumps). */
  stack(): Coroutine[] {
    const out: Coroutine[] = [];
    for (let m: unknown = this.top; m instanceof Coroutine; m = m.$caller) out.push(m);
    return out.reverse();
  }

  /** True once the task completed (returned, threw or was cancelled and unwound). */
  get isFinished(): boolean {
    return (this.flags & TaskFlag.Completed) !== 0;
  }

  /** True once `cancel()` was called before the task completed. */
  get isCancelled(): boolean {
    return (this.flags & TaskFlag.Cancelled) !== 0;
  }

  /** The task's counters. */
  get stats(): TaskStats {
    const ext = this.ext;
    return { polls: this.polls, wakes: this.wakes, forcedYields: ext?.forcedYields ?? 0, busyMs: ext?.busyMs ?? 0 };
  }

  /** Makes the task runnable. Idempotent; a wake during the task's own poll requeues it once, after the poll. */
  wake(): void {
    this.wakes++;
    this.schedule();
  }

  /** @internal A wake that is not counted (the first schedule at spawn). */
  schedule(): void {
    if (transitionToScheduled(this) === ENQUEUE) this.scope.executor.enqueue(this);
  }

  /**
   * Requests cancellation: the next poll resumes the innermost machine with `ResumeKind.Cancel`,
   * the stack unwinds through its `finally` blocks, the task's children are cancelled, and the
   * task rejects with `Cancelled`. Returns false when the task already completed or is cancelling.
   */
  cancel(): boolean {
    if (transitionToCancelRequested(this) === CancelOutcome.Ignore) return false;
    this.schedule();
    return true;
  }

  /** Join, from a task: ready with the result once the task completed. */
  poll(waker: Waker): T | Pending {
    transitionToObserved(this);
    if ((this.flags & TaskFlag.Completed) !== 0) {
      if ((this.flags & TaskFlag.Failed) !== 0) throw this.top.value;
      return this.top.value as T;
    }
    if (waker === this) throw new CoroutineStateError(`task '${this.name}' awaits its own handle`);
    this.addJoiner(waker);
    return PENDING;
  }

  drop(waker: Waker): void {
    this.removeJoiner(waker);
  }

  describe(): string {
    return `join(${this.name})`;
  }

  /** Awaiting from native code: a promise settled with the task's result. */
  then<R1 = T, R2 = never>(
    onFulfilled?: ((value: T) => R1 | PromiseLike<R1>) | null,
    onRejected?: ((reason: unknown) => R2 | PromiseLike<R2>) | null,
  ): Promise<R1 | R2> {
    transitionToObserved(this);
    let promise: Promise<unknown>;
    if ((this.flags & TaskFlag.Completed) !== 0) {
      promise = (this.flags & TaskFlag.Failed) !== 0 ? Promise.reject(this.top.value) : Promise.resolve(this.top.value);
    } else {
      const ext = this.extras();
      promise = ext.promise ??= new Promise((resolve, reject) => {
        ext.resolve = resolve;
        ext.reject = reject;
      });
    }
    return (promise as Promise<T>).then(onFulfilled, onRejected);
  }

  /** @internal Registers a waker to wake on completion (no observation: used to drain cancelled tasks). */
  addJoiner(waker: Waker): void {
    const ext = this.extras();
    const joiners = ext.joiners;
    if (joiners === null) ext.joiners = waker;
    else if (Array.isArray(joiners)) {
      if (!joiners.includes(waker)) joiners.push(waker);
    } else if (joiners !== waker) ext.joiners = [joiners, waker];
  }

  /** @internal */
  removeJoiner(waker: Waker): void {
    const ext = this.ext;
    if (ext === null || ext.joiners === null) return;
    if (ext.joiners === waker) ext.joiners = null;
    else if (Array.isArray(ext.joiners)) {
      const i = ext.joiners.indexOf(waker);
      if (i >= 0) ext.joiners.splice(i, 1);
    }
  }
}
