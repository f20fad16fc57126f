// Spent check points (`Step.Preempt`, design.md §5) inside generators: a sync generator cannot
// give the host a turn from inside `next()`, so its driver resumes at once; an async generator
// yields to the host (setImmediate) and then goes on, as the spec async driver does.

import { describe, expect, it } from "vitest";
import * as $sl from "../../runtime/src/index.js";

const enum Spin$State {
  Start,
  Check0,
  Yield0,
}

/** `function* spin(n) { for (let i = 0; i < n; i++) { /* check point *\/ } yield n; }`, each check point spent. */
class Spin$Machine extends $sl.Machine<void> {
  i = 0;
  resumes: $sl.ResumeKind[] = [];
  constructor(readonly n: number) {
    super();
  }
  resume(kind: $sl.ResumeKind, input: any): $sl.Step {
    this.resumes.push(kind);
    switch (this.state) {
      case Spin$State.Start:
      case Spin$State.Check0:
        if (this.i < this.n) {
          this.i++;
          this.state = Spin$State.Check0;
          return $sl.Step.Preempt;
        }
        this.state = Spin$State.Yield0;
        return this.yield(this.n);
      case Spin$State.Yield0:
        if (kind === 1 /* ResumeKind.Throw */) throw input;
        return this.done(undefined);
    }
    return this.done(undefined);
  }
}

describe("check points inside generators", () => {
  it("sync: next() runs through spent check points without returning early", () => {
    const machine = new Spin$Machine(3);
    function spin(): Generator<number> {
      return $sl.generator(machine, spin);
    }
    const g = spin();
    expect(g.next()).toEqual({ value: 3, done: false });
    expect(machine.resumes).toEqual([0, 0, 0, 0]);
    expect(g.next()).toEqual({ value: undefined, done: true });
  });

  it("async: a spent check point gives the host a turn (a setImmediate queued first runs first)", async () => {
    const machine = new Spin$Machine(2);
    function spin(): AsyncGenerator<number> {
      return $sl.asyncGenerator(machine, spin);
    }
    const events: string[] = [];
    const g = spin();
    const first = g.next().then((r) => events.push(`next -> ${r.value}`));
    setImmediate(() => events.push("host turn"));
    await first;
    expect(events).toEqual(["host turn", "next -> 2"]);
    expect(machine.resumes).toEqual([0, 0, 0]);
    expect(await g.next()).toEqual({ value: undefined, done: true });
  });
});
