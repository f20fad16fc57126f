// The reactor's timer half: every timer of an executor lives in one timer queue (timers.ts)
// behind at most one host `setTimeout`, armed for the earliest deadline. With a virtual clock no host timer is
// used; the executor advances the clock when it is idle (see executor.ts).
//
// Invariants:
//  1. With a host clock, whenever the queue is not empty a host timer is armed for a time no
//     later than the earliest deadline (it may fire early after removals: it then re-arms).
//  2. The host timer is referenced only while the queue is non-empty, like the native timers the
//     sleeps replace: a sleeping task keeps the process alive, an idle executor does not.

import type { Clock } from "./clock.js";
import type { Executor } from "./executor.js";
import { ctx } from "./task/context.js";
import { TimerQueue, type TimerEntry } from "./timers.js";

/** @internal */
export class Reactor {
  private readonly timers = new TimerQueue();
  private hostTimer: ReturnType<typeof setTimeout> | null = null;
  private armedFor = Infinity;
  /** Host timers armed so far (a counter for tests: thousands of sleeps, few host timers). */
  hostTimersArmed = 0;

  constructor(
    private readonly executor: Executor,
    readonly clock: Clock,
  ) {}

  get timerCount(): number {
    return this.timers.size;
  }

  /**
   * The clock for a new deadline. On the host clock, inside one of this executor's turns, the
   * turn's latest reading (at most 32 polls old) instead of a fresh one: a deadline is then at
   * most that much early, as with Node's own timers, which use the loop's cached time.
   */
  now(): number {
    if (!this.clock.virtual && ctx.executor === this.executor) return ctx.clockReading;
    return this.clock.now();
  }

  /** The earliest deadline, or Infinity. */
  nextDeadline(): number {
    return this.timers.nextDeadline();
  }

  insert(entry: TimerEntry): void {
    this.timers.insert(entry);
    if (!this.clock.virtual && entry.deadline < this.armedFor) this.arm();
  }

  remove(entry: TimerEntry): void {
    this.timers.remove(entry);
    if (this.timers.size === 0) this.disarm();
  }

  /** The entry's deadline changed: move it (O(1) unless its deadline is new to the queue). */
  reschedule(entry: TimerEntry): void {
    this.timers.remove(entry);
    this.insert(entry);
  }

  /** Fires every entry whose deadline is at or before `now`, in deadline order; returns how many. */
  fireDue(now: number): number {
    return this.timers.fireDue(now);
  }

  private arm(): void {
    const deadline = this.nextDeadline();
    if (deadline === Infinity) return this.disarm();
    if (this.hostTimer !== null) clearTimeout(this.hostTimer);
    const delay = Math.max(1, Math.ceil(deadline - this.clock.now()));
    this.armedFor = deadline;
    this.hostTimersArmed++;
    this.hostTimer = setTimeout(this.onHostTimer, delay);
  }

  private disarm(): void {
    if (this.hostTimer !== null) clearTimeout(this.hostTimer);
    this.hostTimer = null;
    this.armedFor = Infinity;
  }

  private readonly onHostTimer = (): void => {
    this.hostTimer = null;
    this.armedFor = Infinity;
    this.executor.noteHostCallback();
    this.fireDue(this.clock.now());
    if (this.timers.size > 0) this.arm();
  };
}
