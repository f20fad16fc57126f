// Settings of spec-mode pre-emption that emitted code (or a user) can change at load time. Task
// mode takes its slice from the executor's options instead.

import { ctx } from "./task/context.js";

export interface PreemptionSettings {
  /** How long a spec-mode coroutine runs before a spent check point yields to the host (ms). */
  sliceMs?: number;
}

/**
 * Sets the spec-mode time slice. Emitted once per module when the `preempt.sliceMs` plugin
 * option is given; the last call wins.
 *
 * @example
 * configurePreemption({ sliceMs: 5 });
 */
export function configurePreemption(settings: PreemptionSettings): void {
  if (settings.sliceMs !== undefined) {
    if (!(settings.sliceMs >= 0)) throw new RangeError(`sliceMs must be a number ≥ 0, got ${settings.sliceMs}`);
    ctx.taskSliceMs = settings.sliceMs;
  }
}
