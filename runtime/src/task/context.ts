// What is running right now: the task being polled and its executor, plus the cooperative
// budget that ready awaits and check points spend. One task is polled at a time, so plain
// module state is enough (tokio keeps the same in a thread-local).

import type { Executor } from "../executor.js";
import type { Task } from "./task.js";

/** @internal The poll in progress; written only by the executor around each poll. */
export const ctx = {
  /** The task being polled, or null between polls. */
  task: null as Task | null,
  /** The executor running a turn, or null outside turns. */
  executor: null as Executor | null,
  /** Host clock (ms) when the current poll began; a lower bound, see executor.ts rule 4. */
  pollStart: 0,
  /** The latest host clock reading the executor took. */
  clockReading: 0,
  /** Budget units a poll starts with (the executor's `budget` option). */
  budgetPerPoll: 4096,
  /** How long a task may run before a spent budget forces a yield (the executor's `taskSliceMs`). */
  taskSliceMs: 2,
  /** Whether `checkpoint()` ran during the current poll (for long-poll warnings). */
  checkpointReached: false,
};

/**
 * The cooperative budget of the current poll, for emitted check points and the driver:
 * `if (--$sl.coop.left < 0 && $sl.checkpoint()) { this.state = S.Preempt0; return Step.Preempt; }`.
 * Reset to the executor's budget at every poll and by every `checkpoint()`.
 */
export const coop = { left: 4096 };
