// A stand-in for the runtime's spec async driver that resumes machines only when the page says
// "step": every pending resume waits in a FIFO, so the user watches one `resume` call at a time.
// Semantics match `spec()` (PromiseResolve + then per await) except that each resume, the first
// one included, waits for a click; free-running code around it keeps running.

import { ResumeKind, Step, type Machine } from "../../../runtime/src/protocol.js";
import type { ResumeEvent, SandboxMessage } from "../protocol.js";

interface PendingResume {
  machine: Machine;
  kind: ResumeKind;
  input: unknown;
  resolve: (value: unknown) => void;
  reject: (reason: unknown) => void;
}

export class SteppingDriver {
  private readonly queue: PendingResume[] = [];
  private freeRunning = false;
  private announceScheduled = false;

  constructor(
    private readonly post: (message: SandboxMessage) => void,
    private readonly macrotask: (callback: () => void) => void,
  ) {}

  /** Replacement for `$sl.spec`: returns the native promise and queues the first resume. */
  readonly spec = <T>(machine: Machine<T>): Promise<T> =>
    new Promise<T>((resolve, reject) => {
      this.enqueue({ machine: machine as Machine, kind: ResumeKind.Next, input: undefined, resolve: resolve as (value: unknown) => void, reject });
    });

  /** True while a resume waits for the page. */
  get hasPending(): boolean {
    return this.queue.length > 0;
  }

  /** Runs the oldest pending resume. */
  step(): void {
    const next = this.queue.shift();
    if (next) this.resume(next);
    this.scheduleAnnounce();
  }

  /** Stops waiting for clicks: everything pending and everything later runs at once. */
  continueFreely(): void {
    this.freeRunning = true;
    while (this.queue.length > 0) this.resume(this.queue.shift()!);
  }

  private enqueue(pending: PendingResume): void {
    if (this.freeRunning) {
      this.resume(pending);
      return;
    }
    this.queue.push(pending);
    this.scheduleAnnounce();
  }

  private resume(pending: PendingResume): void {
    const { machine } = pending;
    const before: ResumeEvent = { machine: machine.constructor.name, state: machine.state };
    let step: Step;
    try {
      step = machine.resume(pending.kind, pending.input);
    } catch (error) {
      this.post({ type: "resumed", event: before, after: machine.state, step: -1 });
      pending.reject(error);
      return;
    }
    this.post({ type: "resumed", event: before, after: machine.state, step });
    if (step === Step.Await) {
      Promise.resolve(machine.value).then(
        (value) => this.enqueue({ ...pending, kind: ResumeKind.Next, input: value }),
        (reason) => this.enqueue({ ...pending, kind: ResumeKind.Throw, input: reason }),
      );
    } else if (step === Step.Return) {
      pending.resolve(machine.value);
    } else if (step === Step.Preempt) {
      // A spent budget yields to the host; the resume after it is one more step.
      this.macrotask(() => this.enqueue({ ...pending, kind: ResumeKind.Next, input: undefined }));
    } else {
      pending.reject(new TypeError(`stackless: an async function's machine returned step ${step}`));
    }
  }

  /** Tells the page what waits, once the microtasks of this step have run. */
  private scheduleAnnounce(): void {
    if (this.announceScheduled || this.freeRunning) return;
    this.announceScheduled = true;
    this.macrotask(() => {
      this.announceScheduled = false;
      this.post({ type: "paused", waiting: this.queue.map((p) => ({ machine: p.machine.constructor.name, state: p.machine.state })) });
    });
  }
}
