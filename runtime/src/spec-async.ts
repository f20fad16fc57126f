// The spec-mode async driver: runs a machine as a native async function would. It *is* a native
// async function, so each `Step.Await` is a native `await` of the machine's value: the same
// microtask ticks, the same `PromiseResolve` (one `constructor` read of a native promise, no
// `then` lookup on it), the same thenable jobs. Nothing is emulated, so nothing can drift.
//
// Invariants:
//  1. It starts eagerly: everything up to the first await runs inside `spec()`, as natively.
//  2. A throw out of `resume` rejects the promise; nothing escapes synchronously.
//  3. No allocation per step besides what native `await` allocates.

import { Machine, ResumeKind, Step } from "./protocol.js";

/**
 * Runs `machine` as a native async function: the returned promise settles with its result.
 * Emitted code calls this from the lowered function's wrapper.
 */
export function spec<T>(machine: Machine<T>): Promise<T> {
  return drive(machine) as Promise<T>;
}

/** Resolves after the host's I/O and timers had a turn (`setImmediate`; a timer where there is none). */
function yieldToHost(): Promise<void> {
  return new Promise((resolve) => (globalThis.setImmediate ?? setTimeout)(resolve));
}

async function drive(machine: Machine): Promise<unknown> {
  let kind = ResumeKind.Next;
  let input: unknown = undefined;
  for (;;) {
    const step = machine.resume(kind, input);
    if (step !== Step.Await) {
      if (step === Step.Return) return machine.value;
      if (step === Step.Preempt) {
        // A spent check point: give the host (timers, I/O) a turn, then go on.
        await yieldToHost();
        kind = ResumeKind.Next;
        input = undefined;
        continue;
      }
      throw new TypeError(`stackless: an async function's machine returned step ${step}`);
    }
    try {
      input = await machine.value;
      kind = ResumeKind.Next;
    } catch (error) {
      input = error;
      kind = ResumeKind.Throw;
    }
  }
}
