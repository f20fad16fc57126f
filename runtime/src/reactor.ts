// The reactor's timer half: every timer of an executor lives in one heap behind at most one
// host `setTimeout`, armed for the earliest deadline. With a virtual clock no host timer is
// used; the executor advances the clock when it is idle (see executor.ts).
//
// Invariants:
//  1. With a host clock, whenever the heap is not empty a host timer is armed for a time no
//     later than the earliest deadline (it may fire early after removals: it then re-arms).
//  2. The host timer is referenced only while the heap is non-empty, like the native timers the
//     sleeps replace: a sleeping task keeps the process alive, an idle executor does not.

import type { Clock } from "./clock.js";
import type { Executor } from "./executor.js";
import { TimerHeap, type TimerEntry } from "./timers.js";

/** @internal */
export class Reactor {
  private readonly heap = new TimerHeap();
  private hostTimer: ReturnType<typeof setTimeout> | null = null;
  private armedFor = Infinity;
  private seq = 0;
  /** Host timers armed so far (a counter for tests: thousands of sleeps, few host timers). */
  hostTimersArmed = 0;

  constructor(
    private readonly executor: Executor,
    readonly clock: Clock,
  ) {}

  get timerCount(): number {
    return this.heap.size;
  }

  /** The earliest deadline, or Infinity. */
  nextDeadline(): number {
    const top = this.heap.peek();
    return top === undefined ? Infinity : top.deadline;
  }

  insert(entry: TimerEntry): void {
    entry.seq = this.seq++;
    this.heap.push(entry);
    if (!this.clock.virtual && entry.deadline < this.armedFor) this.arm();
  }

  remove(entry: TimerEntry): void {
    this.heap.remove(entry);
    if (this.heap.size === 0) this.disarm();
  }

  reschedule(entry: TimerEntry): void {
    this.heap.update(entry);
    if (!this.clock.virtual && entry.deadline < this.armedFor) this.arm();
  }

  /** Fires every entry whose deadline is at or before `now`, in deadline order; returns how many. */
  fireDue(now: number): number {
    let fired = 0;
    for (let top = this.heap.peek(); top !== undefined && top.deadline <= now; top = this.heap.peek()) {
      this.heap.pop();
      top.fire();
      fired++;
    }
    return fired;
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
    if (this.heap.size > 0) this.arm();
  };
}
