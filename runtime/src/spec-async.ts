// The spec-mode async driver: runs a machine as a native async function would, returning a
// native Promise, starting eagerly and spending exactly the microtask ticks of native `await`.
//
// Invariants:
//  1. Each `Step.Await` costs one `PromiseResolve(value)` + `then`, the ticks native `await` takes.
//  2. The resolving functions and the two reaction callbacks are made once per call, never per step.
//  3. A throw out of `resume` rejects the promise; nothing escapes synchronously.

import { Machine, ResumeKind, Step } from "./protocol.js";

/** Drives one machine to completion; the reaction callbacks are bound once, on first suspension. */
class AsyncDriver {
  private onFulfilled: ((value: unknown) => void) | undefined = undefined;
  private onRejected: ((reason: unknown) => void) | undefined = undefined;

  constructor(
    private readonly machine: Machine,
    private readonly resolve: (value: unknown) => void,
    private readonly reject: (reason: unknown) => void,
  ) {}

  step(kind: ResumeKind, input: unknown): void {
    const machine = this.machine;
    let step: Step;
    try {
      step = machine.resume(kind, input);
    } catch (error) {
      this.reject(error);
      return;
    }
    if (step === Step.Await) {
      this.onFulfilled ??= (value) => this.step(ResumeKind.Next, value);
      this.onRejected ??= (reason) => this.step(ResumeKind.Throw, reason);
      Promise.resolve(machine.value).then(this.onFulfilled, this.onRejected);
    } else if (step === Step.Return) {
      this.resolve(machine.value);
    } else {
      this.reject(new TypeError(`stackless: an async function's machine returned step ${step}`));
    }
  }
}

/**
 * Runs `machine` as a native async function: the returned promise settles with its result.
 * Emitted code calls this from the lowered function's wrapper.
 */
export function spec<T>(machine: Machine<T>): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    new AsyncDriver(machine, resolve as (value: unknown) => void, reject).step(ResumeKind.Next, undefined);
  });
}
