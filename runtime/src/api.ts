// The task API most programs use: `run` a main coroutine, `spawn` scoped children,
// `spawnDetached` free-standing tasks, and `currentTask` for introspection.

import { NoTaskError } from "./errors.js";
import { currentExecutor, getDefaultExecutor, spawnInto, type Spawnable, type SpawnOptions } from "./executor.js";
import { ctx } from "./task/context.js";
import { Scope } from "./task/scope.js";
import type { Task } from "./task/task.js";

/**
 * Runs `work` as a task on the default executor; the promise settles with its result.
 *
 * @example
 * run(main()).catch((error) => { console.error(error); process.exitCode = 1; });
 */
export function run<T>(work: Spawnable<T>, options?: SpawnOptions): Promise<T> {
  return getDefaultExecutor().run(work, options);
}

/**
 * Spawns `work` as a child of the current task. The parent's scope owns it: when the parent
 * finishes (returns, throws or is cancelled), still-running children are cancelled and the
 * parent completes only after they have unwound.
 *
 * @example
 * const worker = spawn(consume(rx));
 * await produce(tx);
 * await worker;
 */
export function spawn<T>(work: Spawnable<T>, options?: SpawnOptions): Task<T> {
  const parent = ctx.task;
  if (parent === null) throw new NoTaskError("spawn", "use spawnDetached() or run() outside tasks");
  const ext = parent.extras();
  const scope = (ext.children ??= new Scope(parent.scope.executor, parent));
  return spawnInto(scope, work, options);
}

/** Spawns `work` as a task that no scope owns, on the current task's executor (else the default one). */
export function spawnDetached<T>(work: Spawnable<T>, options?: SpawnOptions): Task<T> {
  return spawnInto(currentExecutor().detached, work, options);
}

/** The task being polled, or null outside tasks. */
export function currentTask(): Task | null {
  return ctx.task;
}
