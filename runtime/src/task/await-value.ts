// Two tiny hand-written machines in the exact shape the transformer emits: one lets a task's
// root be any awaitable (a future, a promise, a value), the other settles a coroutine that
// returned a thenable with what the thenable settles with (coroutine.ts rule 5).

import { Coroutine, THREW } from "../coroutine.js";
import { ResumeKind, Step } from "../protocol.js";

const enum AwaitValue$State {
  Start,
  Await0,
}

/** @internal `await value; return it`: the root machine of `spawn(future | promise)`. */
export class AwaitValue$Machine<T = unknown> extends Coroutine<T> {
  constructor(private readonly awaited: unknown) {
    super();
  }

  resume(kind: ResumeKind, input: unknown): Step {
    switch (this.state) {
      case AwaitValue$State.Start: // await awaited
        this.state = AwaitValue$State.Await0;
        return this.await(this.awaited);
      case AwaitValue$State.Await0:
        if (kind === ResumeKind.Throw) throw input;
        if (kind === ResumeKind.Cancel) return this.done();
        return this.done(input as T);
    }
    return this.done();
  }
}

const enum AdoptReturn$State {
  Start,
  Await0,
}

/**
 * @internal Stands in for a machine that returned a thenable: awaits it, then records the
 * settled result on the original machine too, so awaiting that machine again sees it.
 */
export class AdoptReturn$Machine extends Coroutine {
  constructor(
    private readonly original: Coroutine,
    private readonly awaited: unknown,
  ) {
    super();
  }

  resume(kind: ResumeKind, input: unknown): Step {
    switch (this.state) {
      case AdoptReturn$State.Start: // await returned thenable
        this.state = AdoptReturn$State.Await0;
        return this.await(this.awaited);
      case AdoptReturn$State.Await0:
        this.original.value = input;
        if (kind === ResumeKind.Throw) {
          this.original.$caller = THREW;
          throw input;
        }
        if (kind === ResumeKind.Cancel) return this.done();
        return this.done(input);
    }
    return this.done();
  }
}
