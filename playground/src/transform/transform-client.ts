// The page's handle on the transform worker: request/response by id, with a deadline. A request
// past its deadline (a transformer hang) or a worker crash terminates the worker, rejects what was
// pending, and starts a fresh worker for the next request.

import type { TransformRequest, TransformResponse } from "../protocol.js";

type RequestBody = TransformRequest extends infer R ? (R extends TransformRequest ? Omit<R, "id"> : never) : never;

/** The worker was killed: it took longer than its deadline, or it crashed. */
export class TransformWorkerError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "TransformWorkerError";
  }
}

interface Pending {
  resolve(response: TransformResponse): void;
  reject(error: Error): void;
  timer: ReturnType<typeof setTimeout>;
}

export class TransformClient {
  private worker: Worker;
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  /** Called after the worker was replaced, with the reason (requests that were pending also reject with it). */
  onRestart: (reason: string) => void = () => {};

  constructor(private readonly deadlineMs: number) {
    this.worker = this.start();
  }

  request(body: RequestBody): Promise<TransformResponse> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => this.restart(`the transformer did not answer within ${this.deadlineMs / 1000} s`), this.deadlineMs);
      this.pending.set(id, { resolve, reject, timer });
      this.worker.postMessage({ ...body, id } as TransformRequest);
    });
  }

  private start(): Worker {
    const worker = new Worker(new URL("./transform.worker.ts", import.meta.url), { type: "module", name: "transform" });
    worker.addEventListener("message", (event: MessageEvent<TransformResponse>) => {
      const entry = this.pending.get(event.data.id);
      if (!entry) return;
      clearTimeout(entry.timer);
      this.pending.delete(event.data.id);
      entry.resolve(event.data);
    });
    worker.addEventListener("error", (event) => {
      event.preventDefault();
      this.restart(`the transform worker crashed: ${event.message || "unknown error"}`);
    });
    return worker;
  }

  private restart(reason: string): void {
    this.worker.terminate();
    for (const entry of this.pending.values()) {
      clearTimeout(entry.timer);
      entry.reject(new TransformWorkerError(`${reason}; restarted it`));
    }
    this.pending.clear();
    this.worker = this.start();
    this.onRestart(reason);
  }
}
