// Clocks for the reactor's timers: the host's monotonic clock, and a virtual clock for tests
// whose time moves only when the executor has nothing else to do (or when a test advances it).

/** Milliseconds on a monotonic scale. */
export interface Clock {
  now(): number;
  /** True for a clock the reactor advances itself instead of arming a host timer. */
  readonly virtual: boolean;
}

/** The host's monotonic clock (`performance.now()`). */
export const hostClock: Clock = {
  now: () => performance.now(),
  virtual: false,
};

/**
 * Virtual time for deterministic timer tests. With `autoAdvance` (the default) the executor jumps
 * to the next deadline whenever every task waits; without it, time moves only through
 * `executor.advanceBy(ms)`.
 *
 * @example
 * const executor = new Executor({ clock: new VirtualClock() });
 * await executor.run(sleepThenLog()); // a 10-minute sleep returns at once; clock.now() is 600000
 */
export class VirtualClock implements Clock {
  readonly virtual = true;

  constructor(
    public time = 0,
    readonly autoAdvance = true,
  ) {}

  now(): number {
    return this.time;
  }
}
