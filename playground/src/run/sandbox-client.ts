// Starts one sandbox worker per run and enforces the time limit: a program that loops forever
// (natively or lowered) is terminated, never waited for, so the page always stays responsive.

import type { CompiledProgram, SandboxMessage, SandboxRequest } from "../protocol.js";

export interface SandboxRunOptions {
  variant: "native" | "lowered";
  stepping: boolean;
  ticks: number;
  /** How long the program may run (in stepping mode: how long one step may take). */
  timeLimitMs: number;
  onMessage(message: SandboxMessage): void;
  /** Called once if the worker was killed for running past the limit. */
  onTimeout(): void;
}

export class SandboxRun {
  private readonly worker: Worker;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private finished = false;

  constructor(program: CompiledProgram, private readonly options: SandboxRunOptions) {
    this.worker = new Worker(new URL("./sandbox.worker.ts", import.meta.url), { type: "module", name: `sandbox-${options.variant}` });
    this.worker.addEventListener("message", (event: MessageEvent<SandboxMessage>) => this.receive(event.data));
    this.worker.addEventListener("error", (event) => {
      event.preventDefault();
      this.options.onMessage({ type: "log", kind: "error", text: `sandbox crashed: ${event.message}` });
      this.finish();
      this.options.onMessage({ type: "done" });
    });
    this.send({ type: "run", program, variant: options.variant, stepping: options.stepping, ticks: options.ticks });
    this.arm();
  }

  get done(): boolean {
    return this.finished;
  }

  step(): void {
    if (this.finished) return;
    this.send({ type: "step" });
    this.arm();
  }

  continueFreely(): void {
    if (this.finished) return;
    this.send({ type: "continue" });
    this.arm();
  }

  /** Stops the run now (a new run or a reset). */
  dispose(): void {
    this.finish();
  }

  private send(request: SandboxRequest): void {
    this.worker.postMessage(request);
  }

  private arm(): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      if (this.finished) return;
      this.finish();
      this.options.onTimeout();
    }, this.options.timeLimitMs);
  }

  private receive(message: SandboxMessage): void {
    if (this.finished) return;
    // Waiting for a click is not running: the limit restarts on the next step.
    if (message.type === "paused") clearTimeout(this.timer);
    if (message.type === "done") this.finish();
    this.options.onMessage(message);
  }

  private finish(): void {
    this.finished = true;
    clearTimeout(this.timer);
    this.worker.terminate();
  }
}
