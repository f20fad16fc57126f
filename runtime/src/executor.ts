// The executor: a FIFO run queue of tasks drained in turns. A turn started by a host callback
// (a settled promise, a socket event, a timer) runs on a microtask; a turn that stopped with work
// left continues on `setImmediate`, so Node's timers and I/O always get their turn.
//
// Invariants:
//  1. At most one turn is requested or running at a time; a wake never runs a task synchronously.
//  2. A turn ends after `turnPolls` polls, after `turnSliceMs` (checked every 32 polls), after a
//     forced yield, or when the queue is empty. Work left over continues on `setImmediate`.
//  3. At most `microtaskTurns` turns in a row start on a microtask; the next goes through
//     `setImmediate` (a chain of promise-driven turns cannot starve the host's I/O).
//  4. `ctx.pollStart` is a host-clock reading taken at or before the poll began (turn start,
//     every 32 polls, each `checkpoint()`), so a slice is never under-measured.
//  5. An idle executor schedules nothing: no host callback is pending unless a task is queued,
//     a timer is armed, or (virtual clock) a timer is due to be advanced to.

import { futureBridge } from "./future.js";
import type { Clock } from "./clock.js";
import { hostClock, VirtualClock } from "./clock.js";
import { Coroutine } from "./coroutine.js";
import { CoroutineStateError } from "./errors.js";
import { RingQueue } from "./queue.js";
import { Reactor } from "./reactor.js";
import { coop, ctx } from "./task/context.js";
import { AwaitValue$Machine } from "./task/await-value.js";
import { DriveOutcome, driveTask } from "./task/driver.js";
import { Scope } from "./task/scope.js";
import { IdleOutcome, RunOutcome, TaskFlag, transitionToIdle, transitionToPreempted, transitionToRunning } from "./task/state.js";
import { Task } from "./task/task.js";
import { defaultExecutorHook } from "./timers.js";
import { describeTasks, type TaskInfo } from "./introspect.js";

// Enum members the polling loop compares against, as module constants (see task/state.ts).
const SKIP = RunOutcome.Skip;
const DELIVER_CANCEL = RunOutcome.DeliverCancel;
const SUSPENDED = DriveOutcome.Suspended;
const PREEMPTED = DriveOutcome.Preempted;
const FINISHED = DriveOutcome.Finished;
const REQUEUE = IdleOutcome.Requeue;

/** Tuning and hooks of an executor; `budget` and `taskSliceMs` defaults are measured (budget.ts). */
export interface ExecutorOptions {
  /** Timer clock; a `VirtualClock` makes timers deterministic for tests. Default: the host clock. */
  clock?: Clock;
  /** Budget units a poll starts with (ready awaits and check points each spend one). Default 4096. */
  budget?: number;
  /** A task whose budget runs out yields only after running this long in one poll. Default 2 ms. */
  taskSliceMs?: number;
  /** Longest turn before the executor yields to the host. Default 4 ms. */
  turnSliceMs?: number;
  /** Most polls in one turn. Default 1024. */
  turnPolls?: number;
  /** Most turns in a row started on a microtask (rule 3). Default 32. */
  microtaskTurns?: number;
  /** Measure every poll's duration: per-task busy time and long-poll warnings. Default false. */
  instrument?: boolean;
  /** A task failed and nobody awaited it. Default: `console.error`. */
  onUnobservedError?: (error: unknown, task: Task) => void;
  /** (`instrument` only) A poll ran past the task slice without reaching a check point. */
  onLongPoll?: (task: Task, ms: number) => void;
}

/** Executor-wide counters (tests assert them: counts, not times). */
export interface ExecutorStats {
  polls: number;
  /** Times a task was pushed on the run queue. */
  schedules: number;
  microtaskTurns: number;
  immediateTurns: number;
  forcedYields: number;
}

/** What can be spawned: a coroutine, a future, a promise, a plain value, or a function returning one. */
export type Spawnable<T> = Coroutine<T> | PromiseLike<T> | T | (() => Coroutine<T> | PromiseLike<T> | T);

/** Spawn options. */
export interface SpawnOptions {
  /** Name shown in dumps and error reports. */
  name?: string;
}

/**
 * Runs tasks. Most programs use the default executor through `run`, `spawn` and `spawnDetached`;
 * create one to choose a clock or tuning.
 *
 * @example
 * const executor = new Executor({ clock: new VirtualClock() });
 * const result = await executor.run(main());
 */
export class Executor {
  /** @internal */
  readonly queue = new RingQueue<Task>(64);
  /** @internal */
  readonly reactor: Reactor;
  /** @internal Tasks spawned with `spawnDetached`/`run`. */
  readonly detached: Scope;
  readonly stats: ExecutorStats = { polls: 0, schedules: 0, microtaskTurns: 0, immediateTurns: 0, forcedYields: 0 };
  /** @internal Set by a forced yield: end the turn after the current poll. */
  yieldToHost = false;

  private readonly budget: number;
  private readonly taskSliceMs: number;
  private readonly turnSliceMs: number;
  private readonly turnPolls: number;
  private readonly microtaskTurnCap: number;
  private readonly instrument: boolean;
  private readonly onUnobservedError: (error: unknown, task: Task) => void;
  private readonly onLongPoll: (task: Task, ms: number) => void;
  private running = false;
  private turnRequested = false;
  private microtaskTurnsInRow = 0;
  private advanceRequested = false;
  private readonly virtualClock: VirtualClock | null;
  private unobserved: Task[] = [];
  private idleWaiters: (() => void)[] = [];

  constructor(options: ExecutorOptions = {}) {
    this.reactor = new Reactor(this, options.clock ?? hostClock);
    this.virtualClock = options.clock instanceof VirtualClock ? options.clock : null;
    this.detached = new Scope(this, null);
    this.budget = positiveInteger(options.budget, 4096, "budget");
    this.taskSliceMs = nonNegative(options.taskSliceMs, 2, "taskSliceMs");
    this.turnSliceMs = nonNegative(options.turnSliceMs, 4, "turnSliceMs");
    this.turnPolls = positiveInteger(options.turnPolls, 1024, "turnPolls");
    this.microtaskTurnCap = nonNegative(options.microtaskTurns, 32, "microtaskTurns");
    this.instrument = options.instrument ?? false;
    this.onUnobservedError = options.onUnobservedError ?? reportToConsole;
    this.onLongPoll = options.onLongPoll ?? warnLongPoll;
  }

  /** The timer clock. */
  get clock(): Clock {
    return this.reactor.clock;
  }

  /** Spawns `work` as a detached task of this executor and returns a promise of its result. */
  run<T>(work: Spawnable<T>, options?: SpawnOptions): Promise<T> {
    return this.spawn(work, options).then();
  }

  /** Spawns `work` as a detached task of this executor. */
  spawn<T>(work: Spawnable<T>, options?: SpawnOptions): Task<T> {
    return spawnInto(this.detached, work, options);
  }

  /** Live tasks as a tree (detached tasks and their scoped children), with counters and what each waits on. */
  dump(): TaskInfo[] {
    return describeTasks(this.detached.tasks());
  }

  /** Resolves once the run queue is empty and no turn is pending (after pending microtasks ran). */
  whenIdle(): Promise<void> {
    return new Promise((resolve) => {
      this.idleWaiters.push(resolve);
      if (!this.running && !this.turnRequested) this.scheduleIdleCheck();
    });
  }

  /**
   * Virtual clock only: moves time forward by `ms`, firing timers in deadline order and letting
   * the woken tasks run before moving on to the next deadline.
   */
  async advanceBy(ms: number): Promise<void> {
    const clock = this.virtualClock;
    if (clock === null) throw new TypeError("stackless: advanceBy needs an executor with a VirtualClock");
    const target = clock.time + ms;
    await this.whenIdle();
    for (let next = this.reactor.nextDeadline(); next <= target; next = this.reactor.nextDeadline()) {
      clock.time = Math.max(clock.time, next);
      this.reactor.fireDue(clock.time);
      await this.whenIdle();
    }
    clock.time = Math.max(clock.time, target);
  }

  /** @internal Pushes a woken task on the run queue (rule 1: it runs in a later turn). */
  enqueue(task: Task): void {
    this.queue.push(task);
    this.stats.schedules++;
    if (!this.running && !this.turnRequested) this.requestTurn(false);
  }

  /** @internal A host callback of ours (the timer) runs: a new macrotask began (rule 3). */
  noteHostCallback(): void {
    this.microtaskTurnsInRow = 0;
  }

  /** @internal Reports a failed task later if nobody observed it by then. */
  reportLater(task: Task): void {
    this.unobserved.push(task);
    if (this.unobserved.length === 1) setImmediate(this.flushUnobserved);
  }

  /** @internal An error inside the runtime's own callbacks (a future's `drop`): reported, never thrown. */
  reportInternal(error: unknown, what: string): void {
    console.error(`stackless: error while ${what}:`, error);
  }

  private requestTurn(continuation: boolean): void {
    this.turnRequested = true;
    if (!continuation && this.microtaskTurnsInRow < this.microtaskTurnCap) {
      this.microtaskTurnsInRow++;
      this.stats.microtaskTurns++;
      queueMicrotask(this.runTurn);
    } else {
      this.stats.immediateTurns++;
      setImmediate(this.runImmediateTurn);
    }
  }

  private readonly runImmediateTurn = (): void => {
    this.microtaskTurnsInRow = 0;
    this.runTurn();
  };

  private readonly runTurn = (): void => {
    this.turnRequested = false;
    if (this.running) return;
    this.running = true;
    const outerTask = ctx.task;
    const outerExecutor = ctx.executor;
    const outerBudget = ctx.budgetPerPoll;
    const outerSlice = ctx.taskSliceMs;
    ctx.executor = this;
    ctx.budgetPerPoll = this.budget;
    ctx.taskSliceMs = this.taskSliceMs;
    const queue = this.queue;
    const start = performance.now();
    ctx.clockReading = start;
    let polls = 0;
    try {
      for (let task = queue.shift(); task !== undefined; task = queue.shift()) {
        this.pollTask(task);
        polls++;
        if (this.yieldToHost || polls >= this.turnPolls) break;
        if ((polls & 31) === 0) {
          const now = performance.now();
          ctx.clockReading = now;
          if (now - start >= this.turnSliceMs) break;
        }
      }
    } finally {
      ctx.task = outerTask;
      ctx.executor = outerExecutor;
      ctx.budgetPerPoll = outerBudget;
      ctx.taskSliceMs = outerSlice;
      this.running = false;
      this.yieldToHost = false;
      if (queue.length > 0) this.requestTurn(true);
      else this.onIdle();
    }
  };

  private pollTask(task: Task): void {
    const run = transitionToRunning(task);
    if (run === SKIP) return;
    task.polls++;
    this.stats.polls++;
    ctx.task = task;
    coop.left = this.budget;
    ctx.pollStart = ctx.clockReading;
    const started = this.instrument ? performance.now() : 0;
    ctx.checkpointReached = false;
    const outcome = driveTask(task, run === DELIVER_CANCEL);
    ctx.task = null;
    if (this.instrument) this.measurePoll(task, started);
    switch (outcome) {
      case SUSPENDED:
        if (transitionToIdle(task) === REQUEUE) {
          this.queue.push(task);
          this.stats.schedules++;
        }
        break;
      case PREEMPTED:
        transitionToPreempted(task);
        task.extras().forcedYields++;
        this.stats.forcedYields++;
        this.queue.push(task);
        this.stats.schedules++;
        this.yieldToHost = true;
        break;
      case FINISHED:
        break;
    }
  }

  private measurePoll(task: Task, started: number): void {
    const now = performance.now();
    ctx.clockReading = now;
    const ms = now - started;
    const ext = task.extras();
    ext.busyMs += ms;
    // Past the slice with no check point reached: nothing could have made it yield.
    if (ms > this.taskSliceMs * 4 && !ctx.checkpointReached && !ext.longPollWarned) {
      ext.longPollWarned = true;
      this.onLongPoll(task, ms);
    }
  }

  private onIdle(): void {
    if (this.virtualClock !== null && this.virtualClock.autoAdvance && this.reactor.timerCount > 0) {
      if (!this.advanceRequested) {
        this.advanceRequested = true;
        setImmediate(this.advanceVirtualClock);
      }
    }
    if (this.idleWaiters.length > 0) this.scheduleIdleCheck();
  }

  /** Virtual clock: every task waits, so time jumps to the next deadline (after pending I/O callbacks ran). */
  private readonly advanceVirtualClock = (): void => {
    this.advanceRequested = false;
    if (this.running || this.turnRequested || this.queue.length > 0) return;
    const next = this.reactor.nextDeadline();
    const clock = this.virtualClock;
    if (next === Infinity || clock === null) return;
    clock.time = Math.max(clock.time, next);
    this.reactor.fireDue(clock.time);
  };

  private scheduleIdleCheck(): void {
    setImmediate(() => {
      if (this.running || this.turnRequested || this.queue.length > 0) return; // the turn's end checks again
      const waiters = this.idleWaiters;
      this.idleWaiters = [];
      for (const resolve of waiters) resolve();
    });
  }

  private readonly flushUnobserved = (): void => {
    const tasks = this.unobserved;
    this.unobserved = [];
    for (const task of tasks) {
      if ((task.flags & TaskFlag.Observed) !== 0) continue;
      try {
        this.onUnobservedError(task.top.value, task);
      } catch (error) {
        this.reportInternal(error, "reporting an unobserved task error");
      }
    }
  };
}

/** @internal Creates the task for `work` in `scope` and schedules its first poll. */
export function spawnInto<T>(scope: Scope, work: Spawnable<T>, options: SpawnOptions | undefined): Task<T> {
  const root = toRoot(typeof work === "function" && !(work instanceof Coroutine) ? (work as () => unknown)() : work);
  const task = new Task<T>(root, scope);
  root.$caller = task;
  scope.add(task);
  if (options?.name !== undefined) task.extras().name = options.name;
  const parent = scope.owner;
  if (parent !== null && parent.ext !== null && parent.ext.locals !== null) task.extras().locals = parent.ext.locals;
  task.schedule(); // the first schedule is not counted as a wake
  return task;
}

function toRoot(work: unknown): Coroutine {
  if (work instanceof Coroutine) {
    if (work.$caller !== undefined) throw new CoroutineStateError(`${work.constructor.name.replace(/\$Machine$/, "")} was already started; a coroutine can be spawned once`);
    return work;
  }
  return new AwaitValue$Machine(work);
}

let defaultExecutor: Executor | null = null;

/** The executor `run`, `spawnDetached` and native `await` of a coroutine use outside any task. */
export function getDefaultExecutor(): Executor {
  return (defaultExecutor ??= new Executor());
}

/** The executor polling the current task, else the default one. */
export function currentExecutor(): Executor {
  return ctx.executor ?? getDefaultExecutor();
}

futureBridge.spawnForThen = (value) => spawnInto(currentExecutor().detached, value, undefined);
defaultExecutorHook.get = currentExecutor;

function reportToConsole(error: unknown, task: Task): void {
  console.error(`stackless: task '${task.name}' failed and nothing awaited it:`, error);
}

function warnLongPoll(task: Task, ms: number): void {
  process.emitWarning(`task '${task.name}' ran ${ms.toFixed(1)} ms in one poll without reaching a check point`, "StacklessLongPoll");
}

function positiveInteger(value: number | undefined, fallback: number, name: string): number {
  if (value === undefined) return fallback;
  if (!Number.isInteger(value) || value < 1) throw new RangeError(`stackless: executor option '${name}' must be a positive integer, got ${value}`);
  return value;
}

function nonNegative(value: number | undefined, fallback: number, name: string): number {
  if (value === undefined) return fallback;
  if (!(value >= 0)) throw new RangeError(`stackless: executor option '${name}' must be a number >= 0, got ${value}`);
  return value;
}
