// Timers: a binary min-heap ordered by (deadline, insertion order), and `sleep`, the leaf
// future that sits in it. Each entry knows its heap index, so cancel and reset are O(log n).
//
// Invariants:
//  1. `entry.index` is its position in the heap, `NOT_QUEUED` outside it, `FIRED` once fired.
//  2. Entries with equal deadlines fire in insertion order (`seq` breaks ties).

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

/** @internal What the heap holds. */
export interface TimerEntry {
  deadline: number;
  seq: number;
  index: number;
  /** Called by the reactor when the deadline passed. */
  fire(): void;
}

function before(a: TimerEntry, b: TimerEntry): boolean {
  return a.deadline < b.deadline || (a.deadline === b.deadline && a.seq < b.seq);
}

/** @internal */
export class TimerHeap {
  private readonly items: TimerEntry[] = [];

  get size(): number {
    return this.items.length;
  }

  peek(): TimerEntry | undefined {
    return this.items[0];
  }

  push(entry: TimerEntry): void {
    entry.index = this.items.length;
    this.items.push(entry);
    this.siftUp(entry.index);
  }

  pop(): TimerEntry | undefined {
    const items = this.items;
    if (items.length === 0) return undefined;
    const top = items[0]!;
    this.removeAt(0);
    return top;
  }

  remove(entry: TimerEntry): void {
    if (entry.index >= 0) this.removeAt(entry.index);
  }

  /** Moves an entry after its deadline changed. */
  update(entry: TimerEntry): void {
    this.siftUp(entry.index);
    this.siftDown(entry.index);
  }

  private removeAt(index: number): void {
    const items = this.items;
    const removed = items[index]!;
    const last = items.pop()!;
    removed.index = NOT_QUEUED;
    if (index === items.length) return;
    items[index] = last;
    last.index = index;
    this.siftUp(index);
    this.siftDown(last.index);
  }

  private siftUp(index: number): void {
    const items = this.items;
    const entry = items[index]!;
    while (index > 0) {
      const parentIndex = (index - 1) >> 1;
      const parent = items[parentIndex]!;
      if (!before(entry, parent)) break;
      items[index] = parent;
      parent.index = index;
      index = parentIndex;
    }
    items[index] = entry;
    entry.index = index;
  }

  private siftDown(index: number): void {
    const items = this.items;
    const n = items.length;
    const entry = items[index]!;
    for (;;) {
      const left = 2 * index + 1;
      if (left >= n) break;
      const right = left + 1;
      const child = right < n && before(items[right]!, items[left]!) ? right : left;
      if (!before(items[child]!, entry)) break;
      items[index] = items[child]!;
      items[index]!.index = index;
      index = child;
    }
    items[index] = entry;
    entry.index = index;
  }
}

/**
 * A timer as a leaf future. It starts when first awaited (polled): it is then bound to the
 * polling task's executor and ready `ms` later on that executor's clock.
 */
export class Sleep extends Future<void> implements TimerEntry {
  /** @internal */
  seq = 0;
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
      const now = reactor.clock.now();
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
    this.deadline = Math.ceil(reactor.clock.now() + delay);
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
