// The run modes the differential test covers besides strict spec mode (issues 3, 5, 6): each
// says how the lowered variant is built and run, and which generated shapes it leaves out
// because their meaning differs in that mode on purpose (the reason is next to each).

import type { Options } from "../../transformer/src/index.js";
import { scriptRuntimeExecSource, sloppyExecSource, taskExecSource } from "./prelude.js";
import type { AwaitHow } from "./program.js";
import type { RunMode } from "./run-program.js";

/**
 * Pre-emption with a budget of one check point and no time slice: every call and loop back-edge
 * of a lowered function yields to the host (setImmediate). Ticks are not compared: yielding to
 * the host is what a check point is for.
 */
export const preemptMode: RunMode = {
  options: { lowerAll: true, preempt: { calls: true, loops: true, budget: 1, sliceMs: 0 } },
  compareTicks: false,
};

/**
 * Left out under pre-emption: a spawned closure runs alongside main, and main yielding to the
 * host at a check point lets it run further than natively before main's next step.
 */
export const preemptExcluded = ["spawn", "awaitSpawned"];

/** Sloppy scripts: compiled without "use strict", the runtime on globalThis (a module import would make them strict). */
export const sloppyMode: RunMode = {
  options: { lowerAll: true, runtime: "global" },
  sloppy: true,
  runtimeGlobal: true,
  execSource: sloppyExecSource,
};

/** runtime: "global" with the classic-script build of the runtime (dist/runtime-script) loaded by exec.ts. */
export function globalRuntimeMode(scriptPath: string): RunMode {
  return { options: { lowerAll: true, runtime: "global" }, loweredExecSource: scriptRuntimeExecSource(scriptPath) };
}

/**
 * Task mode, driven by `run`. Ticks are not compared: an await of a plain value or of another
 * coroutine continues without a microtask, and the executor orders turns (README, "Task mode").
 */
export const taskMode: RunMode = {
  options: { lowerAll: true, mode: "task" } satisfies Options,
  compareTicks: false,
  loweredExecSource: taskExecSource,
};

/**
 * Left out in task mode, on purpose: `spawn` (`go(g())`) starts a closure natively but only
 * creates a lazy coroutine in task mode (and a coroutine has no `catch`), so a single coroutine
 * tree is compared. Generators are off too (generatorsOff): they have no task mode (SL1010).
 */
export const taskExcluded = ["spawn", "awaitSpawned"];

/**
 * Await kinds left out in task mode: a task-mode await subscribes through `then`, also on a
 * native promise whose own `then` was replaced, which native await never calls (README, "Task
 * mode"; fixtures await/native-promise-then-not-read is left out of the task sweep for the same reason).
 */
export const taskExcludedAwaits: AwaitHow[] = ["patched"];
