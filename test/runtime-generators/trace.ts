// Recording what a generator does for a consumer, so a native generator and the hand-lowered
// machine that stands for it can be compared event for event: consumer calls and their
// outcomes, the body's own log lines, and (for async generators) the microtask tick each
// event happened on.

/** The body's and the consumer's log: one string per event. */
export type Log = (...values: unknown[]) => void;

/** One consumer call: `next(arg)`, `throw(arg)` or `return(arg)`. */
export interface Action {
  readonly method: "next" | "throw" | "return";
  readonly arg: unknown;
}

export const next = (arg?: unknown): Action => ({ method: "next", arg });
export const throwing = (arg: unknown): Action => ({ method: "throw", arg });
export const returning = (arg?: unknown): Action => ({ method: "return", arg });

/** Every sequence of `length` actions drawn from `choices` (a cross product). */
export function sequences(choices: readonly Action[], length: number): Action[][] {
  if (length === 0) return [[]];
  const shorter = sequences(choices, length - 1);
  return shorter.flatMap((prefix) => choices.map((choice) => [...prefix, choice]));
}

export function describeActions(actions: readonly Action[]): string {
  return actions.map((a) => `${a.method}(${format(a.arg)})`).join(", ") || "(none)";
}

/**
 * A stable text for any value: errors by class and message, promises and functions by kind,
 * objects by their own enumerable properties (so an extra or missing property shows).
 */
export function format(value: unknown, depth = 0): string {
  if (value instanceof Error) return `${value.constructor.name}(${value.message})`;
  if (value instanceof Promise) return "Promise";
  if (typeof value === "function") return `function ${value.name}`;
  if (typeof value === "string") return JSON.stringify(value);
  if (typeof value === "symbol" || typeof value === "bigint") return String(value);
  if (value === null || typeof value !== "object") return String(value);
  if (depth > 2) return "{…}";
  const entries = Object.keys(value).map((key) => `${key}: ${format((value as Record<string, unknown>)[key], depth + 1)}`);
  return `{ ${entries.join(", ")} }`;
}

/** A log that collects formatted lines. */
export function recorder(): { lines: string[]; log: Log } {
  const lines: string[] = [];
  return { lines, log: (...values) => lines.push(values.map((v) => (typeof v === "string" ? v : format(v))).join(" ")) };
}

/** Runs `actions` against a sync generator object, logging each outcome. */
export function driveSync(generator: Generator<unknown, unknown, unknown>, actions: readonly Action[], log: Log): void {
  actions.forEach((action, i) => {
    try {
      const result = generator[action.method](action.arg as never);
      log(`#${i} ${action.method} ->`, result);
    } catch (error) {
      log(`#${i} ${action.method} threw`, error);
    }
  });
}

/**
 * Logs `tick k` on the k-th microtask tick after the call, for `count` ticks: a chain of
 * `then`s, each queued when the previous one runs, interleaves with the events it measures.
 */
export function startTicker(log: Log, count: number): void {
  let chain = Promise.resolve();
  for (let k = 1; k <= count; k++) chain = chain.then(() => log(`tick ${k}`));
}

/** Resolves after every pending microtask (and the ticker) has run. */
export function macrotask(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/**
 * Runs `actions` against an async generator object with a ticker running. `burst` issues every
 * call at once (filling the request queue); `sequential` awaits each outcome before the next.
 */
export async function driveAsync(
  generator: AsyncGenerator<unknown, unknown, unknown>,
  actions: readonly Action[],
  mode: "burst" | "sequential",
  log: Log,
  ticks = 40,
): Promise<void> {
  startTicker(log, ticks);
  const observe = (i: number, action: Action) => {
    let promise: Promise<unknown>;
    try {
      promise = generator[action.method](action.arg as never);
    } catch (error) {
      log(`#${i} ${action.method} threw synchronously`, error);
      return Promise.resolve();
    }
    log(`#${i} ${action.method} called`);
    return promise.then(
      (result) => log(`#${i} ${action.method} fulfilled`, result),
      (error) => log(`#${i} ${action.method} rejected`, error),
    );
  };
  if (mode === "burst") actions.forEach((action, i) => void observe(i, action));
  else for (let i = 0; i < actions.length; i++) await observe(i, actions[i]!);
  await macrotask();
  await macrotask();
}
