// A scope: the tasks spawned into one owner (a task's `spawn` children, or an executor's
// detached tasks), kept as an intrusive doubly linked list so adding and removing cost no
// allocation and a dump can walk every live task.
//
// Invariants:
//  1. A task is linked into exactly one scope from spawn until it completes.
//  2. `count` is the length of the list.

import type { Executor } from "../executor.js";
import type { Task } from "./task.js";

/** @internal */
export class Scope {
  head: Task | null = null;
  count = 0;

  constructor(
    readonly executor: Executor,
    /** The task whose children these are; null for an executor's detached tasks. */
    readonly owner: Task | null,
  ) {}

  add(task: Task): void {
    task.prev = null;
    task.next = this.head;
    if (this.head !== null) this.head.prev = task;
    this.head = task;
    this.count++;
  }

  remove(task: Task): void {
    if (task.prev !== null) task.prev.next = task.next;
    else this.head = task.next;
    if (task.next !== null) task.next.prev = task.prev;
    task.prev = task.next = null;
    this.count--;
  }

  /** The live tasks, oldest first. */
  tasks(): Task[] {
    const out: Task[] = [];
    for (let t = this.head; t !== null; t = t.next) out.push(t);
    return out.reverse();
  }

  /** Cancels every live task in the scope. */
  cancelAll(): void {
    for (const task of this.tasks()) task.cancel();
  }
}
