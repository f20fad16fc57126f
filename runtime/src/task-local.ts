// Task-local values: a value per task, inherited by the tasks it spawns (they see the values
// at spawn time), invisible to other tasks. Maps are copied on write, so a spawn shares its
// parent's map for free and neither side sees the other's later writes.

import { NoTaskError } from "./errors.js";
import { ctx } from "./task/context.js";

/**
 * A key for a value stored on the current task.
 *
 * @example
 * const requestId = new TaskLocal<string>("requestId", "-");
 * requestId.set(req.headers["x-request-id"]);   // inside the request's task
 * log(`${requestId.get()} done`);               // also inside tasks it spawned
 */
export class TaskLocal<T> {
  constructor(
    readonly name: string,
    private readonly initial: T,
  ) {}

  /** The current task's value; the initial value outside tasks or when never set. */
  get(): T {
    const locals = ctx.task?.ext?.locals;
    if (locals == null || !locals.has(this)) return this.initial;
    return locals.get(this) as T;
  }

  /** Sets the current task's value (children spawned later inherit it). */
  set(value: T): void {
    const task = ctx.task;
    if (task === null) throw new NoTaskError(`TaskLocal(${this.name}).set`, "set it inside a task");
    const ext = task.extras();
    const next = new Map(ext.locals ?? undefined);
    next.set(this, value);
    ext.locals = next;
  }
}
