// Combinators over several awaitables: `select`/`race` (first to finish wins, the others are
// cancelled and awaited), `joinAll` (all, failing fast) and `timeout`. Futures are polled in the
// waiting task itself; coroutine branches run as scoped child tasks.
//
// Invariants:
//  1. A branch is polled only until it is ready (future.ts rule 2), and dropped when it loses.
//  2. A combinator settles only after every child task it spawned for a losing or remaining
//     branch has completed (structured: no branch outlives the combinator's result).
//  3. Branches this combinator did not create (a task handle, a future) are never cancelled, only dropped.

import { spawn } from "./api.js";
import { ThenableFuture } from "./adapters/promise.js";
import { Coroutine, RETURNED, THREW } from "./coroutine.js";
import { CoroutineStateError, NoTaskError, TimeoutError } from "./errors.js";
import { Future, PENDING, Ready, type Pending } from "./future.js";
import { ctx } from "./task/context.js";
import { Task } from "./task/task.js";
import { sleep } from "./timers.js";
import type { Waker } from "./waker.js";

/** Anything a task can await. */
export type Awaitable<T> = Coroutine<T> | Future<T> | PromiseLike<T> | T;

const enum Phase {
  Start,
  Running,
  Draining,
  Done,
}

const enum Mode {
  Race,
  Select,
  JoinAll,
  Timeout,
}

class Leg {
  settled = false;
  constructor(
    readonly future: Future,
    /** A child task this combinator spawned: cancelled when it loses (rule 3). */
    readonly owned: Task | null,
  ) {}
}

function toLeg(branch: unknown): Leg {
  if (branch instanceof Coroutine) {
    const link = branch.$caller;
    if (link === undefined) {
      if (ctx.task === null) throw new NoTaskError("select/race/joinAll of a coroutine", "await the combinator inside a task");
      const task = spawn(branch);
      return new Leg(task, task);
    }
    if (link === RETURNED) return new Leg(new Ready(false, branch.value), null);
    if (link === THREW) return new Leg(new Ready(true, branch.value), null);
    if (link instanceof Task) return new Leg(link, null);
    return new Leg(new Ready(true, new CoroutineStateError("a coroutine running inside another one cannot be a branch")), null);
  }
  if (branch instanceof Future) return new Leg(branch, null);
  if ((typeof branch === "object" && branch !== null) || typeof branch === "function") {
    const then = (branch as { then?: unknown }).then;
    if (typeof then === "function") return new Leg(new ThenableFuture(branch, then as never), null);
  }
  return new Leg(new Ready(false, branch), null);
}

/** @internal One combinator; `mode` decides what "done" means. */
class Combinator<R> extends Future<R> {
  private legs: Leg[] = [];
  private phase = Phase.Start;
  private failed = false;
  private outcome: unknown = undefined;
  private results: unknown[] = [];
  private remaining = 0;

  constructor(
    private readonly mode: Mode,
    private readonly branches: readonly unknown[],
    private readonly ms = 0,
  ) {
    super();
  }

  poll(waker: Waker): R | Pending {
    if (this.phase === Phase.Start) this.start();
    if (this.phase === Phase.Running) this.pollLegs(waker);
    if (this.phase === Phase.Draining && this.drain(waker)) this.phase = Phase.Done;
    if (this.phase !== Phase.Done) return PENDING;
    if (this.failed) throw this.outcome;
    return this.outcome as R;
  }

  drop(waker: Waker): void {
    for (const leg of this.legs) {
      if (leg.settled && this.phase !== Phase.Draining) continue;
      leg.future.drop(waker);
      if (leg.owned !== null) leg.owned.cancel(); // the owner's scope awaits it (scope.ts)
    }
    this.phase = Phase.Done;
  }

  describe(): string {
    const names = ["race", "select", "joinAll", "timeout"];
    return `${names[this.mode]}(${this.legs.map((l) => (l.settled ? "done" : l.future.describe())).join(", ")})`;
  }

  private start(): void {
    this.legs = this.branches.map(toLeg);
    if (this.mode === Mode.Timeout) this.legs.push(new Leg(sleep(this.ms), null));
    this.results = new Array(this.legs.length);
    this.remaining = this.legs.length;
    this.phase = Phase.Running;
    if (this.remaining === 0) {
      // race([]) never settles, like Promise.race([]); joinAll([]) is [] at once.
      if (this.mode === Mode.JoinAll) this.finish(NO_WAKER, false, []);
    }
  }

  private pollLegs(waker: Waker): void {
    const legs = this.legs;
    for (let i = 0; i < legs.length; i++) {
      const leg = legs[i]!;
      if (leg.settled) continue;
      let value: unknown;
      try {
        value = leg.future.poll(waker);
        if (value === PENDING) continue;
      } catch (error) {
        leg.settled = true;
        this.finish(waker, true, error, i);
        return;
      }
      leg.settled = true;
      if (this.mode === Mode.JoinAll) {
        this.results[i] = value;
        if (--this.remaining === 0) return this.finish(waker, false, this.results);
        continue;
      }
      if (this.mode === Mode.Timeout && i === legs.length - 1) return this.finish(waker, true, new TimeoutError(this.ms), i);
      return this.finish(waker, false, this.mode === Mode.Select ? { index: i, value } : value, i);
    }
  }

  /** The result is known: drop and cancel the other branches, then drain (rule 2). */
  private finish(waker: Waker, failed: boolean, outcome: unknown, winner = -1): void {
    this.failed = failed;
    this.outcome = outcome;
    for (let i = 0; i < this.legs.length; i++) {
      const leg = this.legs[i]!;
      if (i === winner || leg.settled) continue;
      leg.future.drop(waker);
      if (leg.owned !== null) leg.owned.cancel();
    }
    this.phase = Phase.Draining;
  }

  /** True once every owned child task completed; otherwise waits for the next one. */
  private drain(waker: Waker): boolean {
    for (const leg of this.legs) {
      const task = leg.owned;
      if (task === null || task.isFinished) continue;
      task.addJoiner(waker);
      return false;
    }
    return true;
  }
}

const NO_WAKER: Waker = { wake() {} };

/**
 * The first branch to finish wins; the others are cancelled (coroutines) or dropped (futures),
 * and awaited, before the result is returned. A failing winner fails the race.
 *
 * @example
 * const reply = await race([fetchFrom(primary), fetchFrom(mirror)]);
 */
export function race<T>(branches: readonly Awaitable<T>[]): Future<T> {
  return new Combinator<T>(Mode.Race, branches);
}

/**
 * Like `race`, but says which branch won.
 *
 * @example
 * const { index, value } = await select([rx.recv(), sleep(1000)]);
 * if (index === 1) console.log("idle for a second");
 */
export function select<T>(branches: readonly Awaitable<T>[]): Future<{ index: number; value: T }> {
  return new Combinator<{ index: number; value: T }>(Mode.Select, branches);
}

/**
 * Every branch's result, in order. The first failure cancels the other branches and, once they
 * have unwound, fails the join.
 *
 * @example
 * const [user, orders] = await joinAll([loadUser(id), loadOrders(id)]);
 */
export function joinAll<T>(branches: readonly Awaitable<T>[]): Future<T[]> {
  return new Combinator<T[]>(Mode.JoinAll, branches);
}

/**
 * `work`'s result, or a `TimeoutError` once `ms` passed on the executor's clock (the work is
 * then cancelled and has unwound).
 *
 * @example
 * const page = await timeout(fetchPage(url), 5000);
 */
export function timeout<T>(work: Awaitable<T>, ms: number): Future<T> {
  return new Combinator<T>(Mode.Timeout, [work], ms);
}
