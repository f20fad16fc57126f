// The timer queue against a naive model (fast-check): any sequence of inserts, removals and
// firings fires exactly the live entries that are due, in deadline then insertion order.

import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { FIRED, NOT_QUEUED, TimerQueue, type TimerBucket, type TimerEntry } from "../../runtime/src/timers.js";

class Entry implements TimerEntry {
  index = NOT_QUEUED;
  bucket: TimerBucket | null = null;
  constructor(
    readonly id: number,
    public deadline: number,
    readonly fired: number[],
  ) {}
  fire(): void {
    this.fired.push(this.id);
  }
}

type Op = { kind: "insert"; deadline: number } | { kind: "remove"; pick: number } | { kind: "fire"; advance: number };

const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ kind: fc.constant("insert" as const), deadline: fc.integer({ min: 0, max: 30 }) }),
  fc.record({ kind: fc.constant("remove" as const), pick: fc.nat() }),
  fc.record({ kind: fc.constant("fire" as const), advance: fc.integer({ min: 0, max: 10 }) }),
);

describe("TimerQueue", () => {
  it("fires what a sorted list would, in the same order", () => {
    fc.assert(
      fc.property(fc.array(op, { maxLength: 80 }), (ops) => {
        const queue = new TimerQueue();
        const fired: number[] = [];
        const model: Entry[] = []; // live entries in insertion order
        const expected: number[] = [];
        let now = 0;
        let nextId = 0;
        for (const o of ops) {
          if (o.kind === "insert") {
            const entry = new Entry(nextId++, now + o.deadline, fired);
            queue.insert(entry);
            model.push(entry);
          } else if (o.kind === "remove") {
            if (model.length === 0) continue;
            const entry = model.splice(o.pick % model.length, 1)[0]!;
            queue.remove(entry);
            expect(entry.index).toBe(NOT_QUEUED);
          } else {
            now += o.advance;
            const due = model.filter((e) => e.deadline <= now).sort((a, b) => a.deadline - b.deadline || a.id - b.id);
            for (const e of due) model.splice(model.indexOf(e), 1);
            expected.push(...due.map((e) => e.id));
            expect(queue.fireDue(now)).toBe(due.length);
            for (const e of due) expect(e.index).toBe(FIRED);
          }
          expect(fired).toEqual(expected);
          expect(queue.size).toBe(model.length);
          const earliest = model.reduce((m, e) => Math.min(m, e.deadline), Infinity);
          expect(queue.nextDeadline()).toBe(earliest);
        }
      }),
      { numRuns: 300 },
    );
  });

  it("an entry inserted while its deadline fires is fired in the same call", () => {
    const queue = new TimerQueue();
    const fired: number[] = [];
    const late = new Entry(2, 5, fired);
    const first = new Entry(1, 5, fired);
    first.fire = () => {
      fired.push(1);
      queue.insert(late);
    };
    queue.insert(first);
    expect(queue.fireDue(5)).toBe(2);
    expect(fired).toEqual([1, 2]);
  });
});
