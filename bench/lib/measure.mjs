// Measuring helpers for suites, used inside the child process: a nanosecond clock and a heap
// reading taken after full garbage collections. Needs `--expose-gc`, which the harness passes.

/** Monotonic time in nanoseconds, as a Number (exact to 2^53 ns, about 104 days). */
export function nowNs() {
  return Number(process.hrtime.bigint());
}

/** Runs full, synchronous collections until the heap stops shrinking (at most `rounds` times). */
export function collectGarbage(rounds = 4) {
  if (typeof globalThis.gc !== "function") throw new Error("collectGarbage: run node with --expose-gc");
  let last = Infinity;
  for (let i = 0; i < rounds; i++) {
    globalThis.gc();
    const used = process.memoryUsage().heapUsed;
    if (used >= last) break;
    last = used;
  }
}

/** `heapUsed` in bytes after full collections: the live heap, not garbage waiting to be swept. */
export function liveHeapBytes() {
  collectGarbage();
  return process.memoryUsage().heapUsed;
}

/** Resolves after the current macrotask, so pending microtasks and reactions have all run. */
export function settleMacrotask() {
  return new Promise((resolve) => setImmediate(resolve));
}
