// Introspection: a snapshot of live tasks (counters, machine stack, what each waits on) as plain
// data, and a text rendering of it for logs.

import { coroutineName } from "./coroutine.js";
import { TaskFlag } from "./task/state.js";
import type { Task, TaskStats } from "./task/task.js";

/** One live task in a dump. */
export interface TaskInfo extends TaskStats {
  id: number;
  name: string;
  /** `scheduled`, `running`, `waiting`, `cancelling`, `closing` or `completed`. */
  state: string;
  /** Machine names from the root to the innermost. */
  stack: string[];
  /** What the task waits on (a future's `describe()`), or null. */
  waitingOn: string | null;
  /** Its live scoped children. */
  children: TaskInfo[];
}

/** @internal */
export function describeTasks(tasks: Task[]): TaskInfo[] {
  return tasks.map(describeTask);
}

function describeTask(task: Task): TaskInfo {
  const children = task.ext?.children;
  return {
    id: task.id,
    name: task.name,
    state: stateName(task.flags),
    ...task.stats,
    stack: task.stack().map(coroutineName),
    waitingOn: task.waitingOn?.describe() ?? null,
    children: children ? describeTasks(children.tasks()) : [],
  };
}

function stateName(flags: number): string {
  if (flags & TaskFlag.Completed) return "completed";
  if (flags & TaskFlag.Closing) return "closing";
  if (flags & TaskFlag.Running) return "running";
  if (flags & TaskFlag.Cancelled) return "cancelling";
  if (flags & TaskFlag.Scheduled) return "scheduled";
  return "waiting";
}

/**
 * Renders a dump as an indented tree, one task per line.
 *
 * @example
 * console.log(formatDump(getDefaultExecutor().dump()));
 * // #1 main waiting on join(worker) polls=3 wakes=2 stack=main>step
 * //   #2 worker waiting on sleep(until 1500) polls=1 wakes=0 stack=worker
 */
export function formatDump(tasks: TaskInfo[], indent = ""): string {
  const lines: string[] = [];
  for (const t of tasks) {
    const waiting = t.waitingOn === null ? "" : ` on ${t.waitingOn}`;
    const busy = t.busyMs > 0 ? ` busy=${t.busyMs.toFixed(2)}ms` : "";
    lines.push(`${indent}#${t.id} ${t.name} ${t.state}${waiting} polls=${t.polls} wakes=${t.wakes} forcedYields=${t.forcedYields}${busy} stack=${t.stack.join(">")}`);
    if (t.children.length > 0) lines.push(formatDump(t.children, indent + "  "));
  }
  return lines.join("\n");
}
