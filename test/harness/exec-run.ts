// Runs one exec.ts against one compiled variant of its input and records what is observable:
// every `log(...)`, a concurrent microtask ticker (`tick N`), and how `run` ended. Native and
// lowered runs of the same case must produce the same event log.

import * as path from "node:path";
import { formatThrown, formatValue } from "./format.js";
import { Sandbox } from "./sandbox.js";

/** The ticker stops after this many microtasks even if `run` has not settled (timers, say). */
export const maxTicks = 200;
/** A run that has not settled after this long is recorded as timed out. */
export const defaultTimeLimitMs = 2000;

export interface ExecRunRequest {
  /** The case folder: `./input` in exec.ts resolves to `<caseDir>/input.ts`. */
  caseDir: string;
  /** The compiled variant of input.ts (native or lowered). */
  inputJs: string;
  /** The compiled exec.ts. */
  execJs: string;
  /** Provide the runtime as `globalThis.stackless` (option `runtime: "global"`). */
  runtimeGlobal?: boolean;
  timeLimitMs?: number;
}

// Runs inside the sandbox's realm so the ticker uses that realm's promises, the same ones the
// fixture code uses. Each tick queues the next one: tick N runs on the Nth microtask after `run`
// was called, so any extra or missing tick in the code under test shows up in the log.
const driverSource = `(function drive(run, log, record, maxTicks) {
  let settled = false;
  let tick = 0;
  const step = () => {
    if (settled || tick >= maxTicks) return;
    tick++;
    record("tick", tick);
    Promise.resolve().then(step);
  };
  Promise.resolve().then(step);
  let result;
  try {
    result = run(log);
  } catch (error) {
    settled = true;
    record("throw-sync", error);
    return Promise.resolve();
  }
  return Promise.resolve(result).then(
    (value) => { settled = true; record("return", value); },
    (error) => { settled = true; record("throw", error); },
  );
})`;

type EventKind = "tick" | "log" | "return" | "throw" | "throw-sync";

function formatEvent(kind: EventKind, payload: unknown): string {
  switch (kind) {
    case "tick":
      return `tick ${String(payload)}`;
    case "log":
      return `log ${(payload as unknown[]).map(formatValue).join(" ")}`;
    case "return":
      return `return ${formatValue(payload)}`;
    case "throw":
      return `throw ${formatThrown(payload)}`;
    case "throw-sync":
      return `throw synchronously ${formatThrown(payload)}`;
  }
}

/**
 * True when a run showed something to compare: a `log` call, or an outcome other than
 * `return undefined`. An exec.ts that shows nothing would pass against any lowering.
 */
export function showsSomething(events: readonly string[]): boolean {
  return events.some((line) => line.startsWith("log ") || (!line.startsWith("tick ") && line !== "return undefined"));
}

/** Thrown when exec.ts does not export `default async function run(log)`. */
export class ExecShapeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ExecShapeError";
  }
}

/**
 * Runs exec.ts's default export once in a fresh sandbox and returns the event log, one line per
 * event. Events after the run settles (or times out) are not recorded.
 */
export async function runExec(request: ExecRunRequest): Promise<string[]> {
  const inputPath = path.join(request.caseDir, "input.ts");
  const execPath = path.join(request.caseDir, "exec.ts");
  const sandbox = new Sandbox({
    overrides: new Map([
      [inputPath, request.inputJs],
      [execPath, request.execJs],
    ]),
    runtimeGlobal: request.runtimeGlobal ?? false,
  });
  const exec = sandbox.load(execPath) as { default?: unknown };
  if (typeof exec.default !== "function") {
    throw new ExecShapeError(`${execPath}: must export default async function run(log)`);
  }

  const events: string[] = [];
  let open = true;
  const record = (kind: EventKind, payload: unknown): void => {
    if (!open) return;
    events.push(formatEvent(kind, payload));
    if (kind !== "tick" && kind !== "log") open = false; // the run has settled: the log is complete
  };
  const log = (...values: unknown[]): void => record("log", values);
  const drive = sandbox.evaluate(driverSource, path.join(request.caseDir, "<exec driver>")) as (
    run: unknown,
    log: unknown,
    record: unknown,
    maxTicks: number,
  ) => Promise<void>;

  const limit = request.timeLimitMs ?? defaultTimeLimitMs;
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<"timeout">((resolve) => {
    timer = setTimeout(() => resolve("timeout"), limit);
  });
  const outcome = await Promise.race([drive(exec.default, log, record, maxTicks), timedOut]);
  clearTimeout(timer);
  if (outcome === "timeout") events.push(`timeout: run did not settle within ${limit} ms`);
  open = false;
  return events;
}
