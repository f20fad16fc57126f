// The stackless runtime: what emitted code imports as `$sl`, and what users call to run it.
//
// Spec mode needs nothing but the drivers: a lowered async function returns a native Promise.
//
//     import * as $sl from "stackless/runtime";
//     class Answer$Machine extends $sl.Machine<number> { ... }
//     function answer(): Promise<number> { return $sl.spec(new Answer$Machine()); }

export * from "./protocol.js";
export * from "./spec-async.js";
export * from "./helpers.js";
export * from "./spec-generator.js";
export * from "./spec-async-generator.js";
export * from "./delegate.js";
export * from "./async-iteration.js";

// Task mode (design.md §2, §4): lazy coroutines driven by an executor.
//
//     import { run, spawn, sleep, channel } from "stackless/runtime";
//     class Main$Machine extends Coroutine<void> { ... }   // emitted for `@coroutine task`
//     await run(new Main$Machine());   // spawns it on the default executor
//     // inside a coroutine: `await child()` runs the child inline in the same task,
//     // `spawn(child())` runs it concurrently in the caller's scope, `await handle` joins it,
//     // `handle.cancel()` unwinds it through its finally blocks.
export * from "./errors.js";
export * from "./waker.js";
export * from "./future.js";
export * from "./coroutine.js";
export * from "./task/task.js";
export * from "./clock.js";
export * from "./executor.js";
export * from "./api.js";
export * from "./budget.js";
export * from "./timers.js";
export * from "./introspect.js";
export * from "./adapters/promise.js";
export * from "./channel.js";
export * from "./oneshot.js";
export * from "./select.js";
export * from "./task-local.js";
export * from "./adapters/emitter.js";
export * from "./adapters/stream.js";
export * from "./adapters/listeners.js";
export * from "./preemption.js";
