// The stackless runtime: what emitted code imports as `$sl`, and what users call to run it.
//
// Spec mode needs nothing but the drivers: a lowered async function returns a native Promise.
//
//     import * as $sl from "stackless/runtime";
//     class Answer$Machine extends $sl.Machine<number> { ... }
//     function answer(): Promise<number> { return $sl.spec(new Answer$Machine()); }

export * from "./protocol.js";
export * from "./spec-async.js";
