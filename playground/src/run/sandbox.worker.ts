// The run sandbox: evaluates one compiled program (native or lowered) in a fresh worker, with
// console and `log` captured into an event log streamed to the page. The page owns the time
// limit and terminates this worker when it is exceeded, so user code can loop forever safely.

import * as runtime from "../../../runtime/src/index.js";
import type { CompiledProgram, SandboxMessage, SandboxRequest } from "../protocol.js";
import { formatLogValue, formatValue } from "./inspect-value.js";
import { SteppingDriver } from "./stepping-driver.js";

// Captured before any user code runs, so user code cannot unhook the sandbox.
const post = self.postMessage.bind(self) as (message: SandboxMessage) => void;
const realSetTimeout = self.setTimeout.bind(self);
const realClearTimeout = self.clearTimeout.bind(self);
const realSetInterval = self.setInterval.bind(self);
const realClearInterval = self.clearInterval.bind(self);
const macrotask = (callback: () => void) => void realSetTimeout(callback, 0);

/** Timers the program still has pending: the run is finished only when none are left. */
const pendingTimers = new Set<number>();
let stepper: SteppingDriver | undefined;

function emit(kind: "log" | "result" | "error" | "tick", text: string): void {
  post({ type: "log", kind, text });
}

const log = (...values: unknown[]) => emit("log", values.map(formatLogValue).join(" "));

function installGlobals(): void {
  const scope = self as unknown as Record<string, unknown>;
  const sandboxConsole = { ...console, log, info: log, debug: log, warn: log, error: log };
  scope.console = sandboxConsole;
  scope.setTimeout = (callback: (...args: unknown[]) => void, ms?: number, ...args: unknown[]) => {
    const id: number = realSetTimeout(() => {
      pendingTimers.delete(id);
      callback(...args);
    }, ms);
    pendingTimers.add(id);
    return id;
  };
  scope.clearTimeout = (id: number) => {
    pendingTimers.delete(id);
    realClearTimeout(id);
  };
  scope.setInterval = (callback: (...args: unknown[]) => void, ms?: number, ...args: unknown[]) => {
    const id: number = realSetInterval(() => callback(...args), ms);
    pendingTimers.add(id);
    return id;
  };
  scope.clearInterval = (id: number) => {
    pendingTimers.delete(id);
    realClearInterval(id);
  };
  // Node's setImmediate, which spec-mode pre-emption and user code may use.
  scope.setImmediate = (callback: (...args: unknown[]) => void, ...args: unknown[]) => (scope.setTimeout as typeof setTimeout)(callback, 0, ...args);
  self.addEventListener("unhandledrejection", (event) => {
    event.preventDefault();
    emit("error", `unhandled rejection: ${formatValue(event.reason, 0, new Set())}`);
  });
  self.addEventListener("error", (event) => {
    event.preventDefault();
    emit("error", `uncaught: ${event.error instanceof Error ? `${event.error.name}: ${event.error.message}` : event.message}`);
  });
}

/** Evaluates CommonJS modules: `./input` is the program's input, `stackless/runtime` the runtime. */
function loadProgram(program: CompiledProgram, runtimeApi: unknown): { input: Record<string, unknown>; exec: Record<string, unknown> | undefined } {
  let input: Record<string, unknown> | undefined;
  const require = (name: string): unknown => {
    if (/^\.\/input(\.(ts|js))?$/.test(name)) return (input ??= evaluate(program.input, "input.js"));
    if (name === "stackless/runtime") return runtimeApi;
    throw new Error(`Cannot find module '${name}': the playground provides only './input' and 'stackless/runtime'`);
  };
  function evaluate(code: string, fileName: string): Record<string, unknown> {
    const module = { exports: {} as Record<string, unknown> };
    const body = new Function("exports", "require", "module", `${code}\n//# sourceURL=${fileName}`);
    body(module.exports, require, module);
    return module.exports;
  }
  const loaded = (input ??= evaluate(program.input, "input.js"));
  return { input: loaded, exec: program.exec === undefined ? undefined : evaluate(program.exec, "exec.js") };
}

/** The function the run calls: exec.ts's default, else the input's `main` or default export. */
function entryOf(modules: { input: Record<string, unknown>; exec: Record<string, unknown> | undefined }): ((log: unknown) => unknown) | undefined {
  const candidates = modules.exec ? [modules.exec.default] : [modules.input.main, modules.input.default];
  return candidates.find((c): c is (log: unknown) => unknown => typeof c === "function");
}

function startTicker(count: number): void {
  let n = 0;
  const tick = () => {
    emit("tick", `tick ${++n}`);
    if (n < count) void Promise.resolve().then(tick);
  };
  void Promise.resolve().then(tick);
}

async function run(request: Extract<SandboxRequest, { type: "run" }>): Promise<void> {
  installGlobals();
  let runtimeApi: Record<string, unknown> = { ...runtime };
  if (request.stepping && request.variant === "lowered") {
    stepper = new SteppingDriver(post, macrotask);
    runtimeApi = { ...runtimeApi, spec: stepper.spec };
  }
  (self as unknown as { stackless: unknown }).stackless = runtimeApi;
  try {
    const modules = loadProgram(request.program, runtimeApi);
    const entry = entryOf(modules);
    if (request.ticks > 0) startTicker(request.ticks);
    if (entry) {
      try {
        const value = await entry(log);
        emit("result", `returned ${formatValue(value, 0, new Set())}`);
      } catch (error) {
        emit("result", `threw ${formatValue(error, 0, new Set())}`);
      }
    }
  } catch (error) {
    emit("error", `threw while loading: ${formatValue(error, 0, new Set())}`);
  }
  // Let timers and stepped machines finish; the page's time limit bounds this wait.
  while (pendingTimers.size > 0 || stepper?.hasPending) await new Promise<void>((resolve) => macrotask(resolve));
  await new Promise<void>((resolve) => macrotask(resolve));
  post({ type: "done" });
}

self.addEventListener("message", (event: MessageEvent<SandboxRequest>) => {
  const request = event.data;
  if (request.type === "run") void run(request);
  else if (request.type === "step") stepper?.step();
  else if (request.type === "continue") stepper?.continueFreely();
});
