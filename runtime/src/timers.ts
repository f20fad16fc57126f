// Timers: entries bucketed by their whole-millisecond deadline, with a small min-heap of the
// distinct deadlines; and `sleep`, the leaf future that sits in a bucket. Insert, cancel and
// reset are O(1) apart from a new distinct deadline (O(log d)); firing a bucket is O(1) per entry
// and touches the entries in insertion order, never comparing them (a binary heap of a million
// sleeps spent most of its time on cache misses comparing deadlines).
//
// Invariants:
//  1. `entry.index` is its position in `entry.bucket`, `NOT_QUEUED` outside any bucket,
//     `FIRED` once fired (and `UNARMED` for a sleep not yet polled).
//  2. Entries with equal deadlines fire in insertion order; deadlines fire in increasing order.
//  3. Every live bucket's deadline is in the heap; the heap may also hold stale deadlines
//     (their bucket emptied or fired), skipped when they reach the top.

import { Future, PENDING, type Pending } from "./future.js";
import type { Reactor } from "./reactor.js";
import { ctx } from "./task/context.js";
import type { Waker } from "./waker.js";

/** @internal */
export const NOT_QUEUED = -1;
/** @internal */
export const FIRED = -2;
/** @internal Not yet polled: not bound to an executor, `deadline` holds the delay. */
export const UNARMED = -3;

/** @internal What the timer queue holds. */
export interface TimerEntry {
  /** Whole milliseconds on the reactor's clock. */
  deadline: number;
  index: number;
  bucket: TimerBucket | null;
  /** Called by the reactor when the deadline passed. */
  fire(): void;
}

/** @internal The entries due at one deadline; removed entries leave a null behind. */
export class TimerBucket {
  readonly entries: (TimerEntry | null)[] = [];
  live = 0;
  constructor(readonly deadline: number) {}
}

/** @internal */
export class TimerQueue {
  private readonly buckets = new Map<number, TimerBucket>();
  /** Binary min-heap of deadlines (rule 3). */
  private readonly deadlines: number[] = [];
  /** The bucket of the last insert: consecutive sleeps mostly share a deadline. */
  private last: TimerBucket | null = null;
  /** Live entries. */
  size = 0;

  insert(entry: TimerEntry): void {
    const deadline = entry.deadline;
    let bucket = this.last;
    if (bucket === null || bucket.deadline !== deadline) {
      bucket = this.buckets.get(deadline) ?? null;
      if (bucket === null) {
        bucket = new TimerBucket(deadline);
        this.buckets.set(deadline, bucket);
        this.pushDeadline(deadline);
      }
      this.last = bucket;
    }
    entry.bucket = bucket;
    entry.index = bucket.entries.length;
    bucket.entries.push(entry);
    bucket.live++;
    this.size++;
  }

  remove(entry: TimerEntry): void {
    const bucket = entry.bucket;
    if (bucket === null) return;
    bucket.entries[entry.index] = null;
    entry.bucket = null;
    entry.index = NOT_QUEUED;
    this.size--;
    if (--bucket.live === 0) this.dropBucket(bucket); // its deadline goes stale in the heap (rule 3)
  }

  /** The earliest live deadline, or Infinity. */
  nextDeadline(): number {
    const heap = this.deadlines;
    while (heap.length > 0) {
      const deadline = heap[0]!;
      if (this.buckets.has(deadline)) return deadline;
      this.popDeadline();
    }
    return Infinity;
  }

  /** Fires every entry due at or before `now`, in deadline then insertion order; returns how many. */
  fireDue(now: number): number {
    let fired = 0;
    for (let deadline = this.nextDeadline(); deadline <= now; deadline = this.nextDeadline()) {
      const bucket = this.buckets.get(deadline)!;
      this.popDeadline();
      this.dropBucket(bucket); // an entry inserted while firing gets a new bucket
      for (const entry of bucket.entries) {
        if (entry === null) continue;
        entry.bucket = null;
        entry.index = FIRED;
        this.size--;
        fired++;
        entry.fire();
      }
    }
    return fired;
  }

  private dropBucket(bucket: TimerBucket): void {
    if (this.buckets.get(bucket.deadline) === bucket) this.buckets.delete(bucket.deadline);
    if (this.last === bucket) this.last = null;
  }

  private pushDeadline(deadline: number): void {
    const heap = this.deadlines;
    let i = heap.length;
    heap.push(deadline);
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (heap[parent]! <= deadline) break;
      heap[i] = heap[parent]!;
      i = parent;
    }
    heap[i] = deadline;
  }

  private popDeadline(): void {
    const heap = this.deadlines;
    const last = heap.pop()!;
    const n = heap.length;
    if (n === 0) return;
    let i = 0;
    for (;;) {
      const left = 2 * i + 1;
      if (left >= n) break;
      const right = left + 1;
      const child = right < n && heap[right]! < heap[left]! ? right : left;
      if (heap[child]! >= last) break;
      heap[i] = heap[child]!;
      i = child;
    }
    heap[i] = last;
  }
}

/**
 * A timer as a leaf future. It starts when first awaited (polled): it is then bound to the
 * polling task's executor and ready `ms` later on that executor's clock.
 */
export class Sleep extends Future<void> implements TimerEntry {
  /** @internal */
  bucket: TimerBucket | null = null;
  /** @internal */
  index = UNARMED;
  /** Clock time at which the sleep is ready; before the first poll, the delay in ms. */
  deadline: number;
  private waker: Waker | null = null;
  private reactor: Reactor | null = null;

  /** @internal Use `sleep(ms)`. */
  constructor(ms: number) {
    super();
    this.deadline = Number.isFinite(ms) && ms > 0 ? ms : 0;
  }

  poll(waker: Waker): void | Pending {
    if (this.index === FIRED) return;
    if (this.index === UNARMED) {
      const reactor = (this.reactor = (ctx.executor ?? defaultExecutorHook.get()).reactor);
      const now = reactor.now();
      const delay = this.deadline;
      this.deadline = Math.ceil(now + delay);
      this.index = NOT_QUEUED;
      if (delay === 0) {
        this.index = FIRED;
        return;
      }
      reactor.insert(this);
    } else if (this.index === NOT_QUEUED) this.reactor!.insert(this); // reset after firing
    this.waker = waker;
    return PENDING;
  }

  drop(): void {
    this.waker = null;
    if (this.index >= 0) this.reactor!.remove(this);
  }

  /** Restarts the sleep to be ready `ms` from now (O(log n)); a fired sleep waits again. */
  reset(ms: number): void {
    const reactor = this.reactor;
    const delay = Number.isFinite(ms) && ms > 0 ? ms : 0;
    if (reactor === null) {
      this.deadline = delay;
      return;
    }
    this.deadline = Math.ceil(reactor.now() + delay);
    if (this.index >= 0) reactor.reschedule(this);
    else this.index = NOT_QUEUED;
  }

  /** @internal */
  fire(): void {
    this.index = FIRED;
    const waker = this.waker;
    this.waker = null;
    if (waker !== null) waker.wake();
  }

  describe(): string {
    return this.index === UNARMED ? `sleep(${this.deadline} ms, not started)` : `sleep(until ${this.deadline})`;
  }
}

/**
 * A future ready `ms` milliseconds after it is first awaited, on the awaiting task's executor
 * clock. Thousands of sleeps share one host timer.
 *
 * @example
 * await sleep(100);
 */
export function sleep(ms: number): Sleep {
  return new Sleep(ms);
}

/** @internal Set by executor.ts (breaks the module cycle timers → executor → reactor → timers). */
export const defaultExecutorHook = {
  get: (): { reactor: Reactor } => {
    throw new Error("stackless: the executor module is not loaded; import from 'stackless/runtime'");
  },
};
