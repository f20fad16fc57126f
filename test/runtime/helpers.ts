// Test helpers for the task runtime (style.md HS-14): hand-written machines in the exact shape
// the transformer emits (a `switch (this.state)` in `resume`, completion records for `finally`),
// an instrumented gate future that counts polls, wakes and drops, and a manual event log.

import { Coroutine, Future, PENDING, ResumeKind, Step, type Pending, type Waker } from "../../runtime/src/index.js";

/** What the probes count: progress through the body and the `finally`. */
export interface Counters {
  starts: number;
  bodyDone: number;
  finalizes: number;
  finallyDone: number;
  log: string[];
}

export function counters(): Counters {
  return { starts: 0, bodyDone: 0, finalizes: 0, finallyDone: 0, log: [] };
}

/** Options of a probe: what its `finally` does. */
export interface ProbePlan {
  throwInBody?: unknown;
  awaitInFinally?: unknown;
  throwInFinally?: unknown;
}

// Completion records of a `finally`, as the transformer keeps them in `this.$ck` / `this.$cv`.
const enum Completion {
  Normal,
  Return,
  Throw,
  Cancel,
}

const enum Probe$State {
  Start,
  Await0,
  Finally0,
  Await1,
  FinallyEnd0,
}

/**
 * [source]
 *     async function probe(c, awaited, plan) {
 *       c.starts++;
 *       try {
 *         const v = await awaited;                                    // Await0
 *         c.bodyDone++;
 *         if (plan.throwInBody !== undefined) throw plan.throwInBody;
 *         return v;
 *       } finally {
 *         c.finalizes++;
 *         if (plan.awaitInFinally !== undefined) await plan.awaitInFinally;  // Await1
 *         c.finallyDone++;
 *         if (plan.throwInFinally !== undefined) throw plan.throwInFinally;
 *       }
 *     }
 */
export class Probe$Machine<T = unknown> extends Coroutine<T> {
  $ck = Completion.Normal;
  $cv: unknown = undefined;

  constructor(
    readonly c: Counters,
    readonly awaited: unknown,
    readonly plan: ProbePlan = {},
    readonly label = "probe",
  ) {
    super();
  }

  resume(kind: ResumeKind, input: unknown): Step {
    for (;;) {
      switch (this.state) {
        case Probe$State.Start: // c.starts++; await awaited @ 3:19
          this.c.starts++;
          this.c.log.push(`${this.label}:start`);
          this.state = Probe$State.Await0;
          return this.await(this.awaited);
        case Probe$State.Await0: // const v = await awaited
          if (kind !== ResumeKind.Next) {
            this.$ck = kind === ResumeKind.Throw ? Completion.Throw : Completion.Cancel;
            this.$cv = input;
            this.state = Probe$State.Finally0;
            continue;
          }
          this.c.bodyDone++;
          this.c.log.push(`${this.label}:body`);
          if (this.plan.throwInBody !== undefined) {
            this.$ck = Completion.Throw;
            this.$cv = this.plan.throwInBody;
          } else {
            this.$ck = Completion.Return;
            this.$cv = input;
          }
          this.state = Probe$State.Finally0;
          continue;
        case Probe$State.Finally0: // finally { c.finalizes++; … }
          this.c.finalizes++;
          this.c.log.push(`${this.label}:finally`);
          if (this.plan.awaitInFinally !== undefined) {
            this.state = Probe$State.Await1;
            return this.await(this.plan.awaitInFinally);
          }
          this.state = Probe$State.FinallyEnd0;
          continue;
        case Probe$State.Await1: // await plan.awaitInFinally
          if (kind === ResumeKind.Throw) throw input; // replaces the pending completion
          if (kind === ResumeKind.Cancel) return this.done(); // a return completion, no finally left
          this.state = Probe$State.FinallyEnd0;
          continue;
        case Probe$State.FinallyEnd0: // end of finally: resume the pending completion
          this.c.finallyDone++;
          this.c.log.push(`${this.label}:finally-end`);
          if (this.plan.throwInFinally !== undefined) throw this.plan.throwInFinally;
          switch (this.$ck) {
            case Completion.Throw:
              throw this.$cv;
            case Completion.Cancel:
              return this.done();
            default:
              return this.done(this.$cv as T);
          }
      }
      return this.done();
    }
  }
}

export function probe<T = unknown>(c: Counters, awaited: unknown, plan?: ProbePlan, label?: string): Probe$Machine<T> {
  return new Probe$Machine<T>(c, awaited, plan, label);
}

const enum Seq$State {
  Start,
  Await0,
}

/**
 * [source]
 *     async function seq(items) { const out = []; for (const x of items) out.push(await x); return out; }
 */
export class Seq$Machine extends Coroutine<unknown[]> {
  i = 0;
  out: unknown[] = [];

  constructor(readonly items: unknown[]) {
    super();
  }

  resume(kind: ResumeKind, input: unknown): Step {
    switch (this.state) {
      case Seq$State.Start:
        if (this.items.length === 0) return this.done(this.out);
        this.state = Seq$State.Await0;
        return this.await(this.items[0]);
      case Seq$State.Await0: // out.push(await x)
        if (kind === ResumeKind.Throw) throw input;
        if (kind === ResumeKind.Cancel) return this.done();
        this.out.push(input);
        if (++this.i < this.items.length) return this.await(this.items[this.i]);
        return this.done(this.out);
    }
    return this.done();
  }
}

export function seq(items: unknown[]): Seq$Machine {
  return new Seq$Machine(items);
}

const enum Chain$State {
  Start,
  Await0,
}

/**
 * [source]
 *     async function chain(n) { if (n === 0) return 0; return (await chain(n - 1)) + 1; }
 */
export class Chain$Machine extends Coroutine<number> {
  constructor(readonly n: number) {
    super();
  }

  resume(kind: ResumeKind, input: unknown): Step {
    switch (this.state) {
      case Chain$State.Start:
        if (this.n === 0) return this.done(0);
        this.state = Chain$State.Await0;
        return this.await(new Chain$Machine(this.n - 1));
      case Chain$State.Await0:
        if (kind === ResumeKind.Throw) throw input;
        if (kind === ResumeKind.Cancel) return this.done();
        return this.done((input as number) + 1);
    }
    return this.done();
  }
}

/**
 * A leaf future a test opens by hand, counting what the driver does with it.
 * Several wakers may wait on it (like a join), so it also serves as a broadcast gate.
 */
export class Gate<T = unknown> extends Future<T> {
  polls = 0;
  drops = 0;
  readonly wakers = new Set<Waker>();
  private state: "closed" | "open" | "failed" = "closed";
  private result: unknown = undefined;

  constructor(readonly label = "gate") {
    super();
  }

  poll(waker: Waker): T | Pending {
    this.polls++;
    if (this.state === "open") return this.result as T;
    if (this.state === "failed") throw this.result;
    this.wakers.add(waker);
    return PENDING;
  }

  drop(waker: Waker): void {
    this.drops++;
    this.wakers.delete(waker);
  }

  open(value?: T): void {
    this.state = "open";
    this.result = value;
    this.wakeAll();
  }

  fail(error: unknown): void {
    this.state = "failed";
    this.result = error;
    this.wakeAll();
  }

  /** Wakes the waiters without opening: a spurious wake. */
  wakeAll(): void {
    const wakers = [...this.wakers];
    this.wakers.clear();
    for (const waker of wakers) waker.wake();
  }

  describe(): string {
    return this.label;
  }
}

/** Resolves after every pending microtask and immediate ran (and the executor went idle in between). */
export function settle(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/** Lets `n` rounds of the event loop pass. */
export async function settleRounds(n: number): Promise<void> {
  for (let i = 0; i < n; i++) await settle();
}

/** Captures unobserved-error reports instead of printing them. */
export function reportSink(): { errors: unknown[]; onUnobservedError: (error: unknown) => void } {
  const errors: unknown[] = [];
  return { errors, onUnobservedError: (error) => errors.push(error) };
}
