// A virtual clock: `sleep` resolves only when `run` advances time, so the example finishes at
// once and prints the same thing on every run, natively and lowered.

interface Timer {
  at: number;
  seq: number;
  wake: () => void;
}

export class FakeClock {
  private nowMs = 0;
  private nextSeq = 0;
  private readonly timers: Timer[] = [];

  /** Virtual milliseconds since the clock started. */
  get now(): number {
    return this.nowMs;
  }

  /** Resolves after `ms` virtual milliseconds; timers due at the same time fire in creation order. */
  sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      this.timers.push({ at: this.nowMs + ms, seq: this.nextSeq++, wake: resolve });
    });
  }

  /** Runs `main` to completion, jumping to the next timer whenever every microtask has run. */
  async run<T>(main: () => Promise<T>): Promise<T> {
    let settled = false;
    const result = main();
    result.then(
      () => (settled = true),
      () => (settled = true),
    );
    for (;;) {
      // A macrotask turn: every pending promise reaction runs before this resolves.
      await new Promise((resolve) => setImmediate(resolve));
      if (settled) return result;
      this.timers.sort((a, b) => a.at - b.at || a.seq - b.seq);
      const next = this.timers.shift();
      if (next === undefined) throw new Error("main() is waiting, but no timer is pending");
      this.nowMs = next.at;
      next.wake();
    }
  }
}
