// Stream readiness adapters: read a chunk when a Readable has one (or has ended), write and wait
// for 'drain' when a Writable's buffer is full. Readiness-based: data is only taken by the
// read() call itself, so a cancelled wait loses nothing, and its listeners are removed.

import type { Readable, Writable } from "node:stream";
import { StreamClosedError } from "../errors.js";
import { Future, PENDING, type Pending } from "../future.js";
import type { Waker } from "../waker.js";
import { Listeners } from "./listeners.js";

const READ_EVENTS = ["readable", "end", "error", "close"] as const;
const WRITE_EVENTS = ["drain", "error", "close"] as const;

class ReadFuture<T> extends Future<T | null> {
  private listeners: Listeners | null = null;

  constructor(
    private readonly stream: Readable,
    private readonly size: number | undefined,
  ) {
    super();
  }

  poll(waker: Waker): T | null | Pending {
    const stream = this.stream;
    if (stream.errored) return this.fail(stream.errored);
    const chunk = this.size === undefined ? stream.read() : stream.read(this.size);
    if (chunk !== null) return this.ready(chunk as T);
    if (stream.readableEnded || stream.destroyed) return this.ready(null);
    (this.listeners ??= new Listeners(stream, READ_EVENTS)).event = null;
    this.listeners.wait(waker);
    return PENDING;
  }

  drop(): void {
    this.listeners?.detach();
  }

  describe(): string {
    return "stream read";
  }

  private ready(value: T | null): T | null {
    this.listeners?.detach();
    return value;
  }

  private fail(error: unknown): never {
    this.listeners?.detach();
    throw error;
  }
}

/**
 * The next chunk of `stream` (up to `size` bytes when given), or null at its end. Errors of the
 * stream fail the read.
 *
 * @example
 * for (let chunk = await read(socket); chunk !== null; chunk = await read(socket)) await write(socket, chunk);
 */
export function read<T = Buffer>(stream: Readable, size?: number): Future<T | null> {
  return new ReadFuture<T>(stream, size);
}

class WriteFuture extends Future<void> {
  private started = false;
  private listeners: Listeners | null = null;

  constructor(
    private readonly stream: Writable,
    private readonly chunk: unknown,
  ) {
    super();
  }

  poll(waker: Waker): void | Pending {
    const stream = this.stream;
    if (!this.started) {
      if (stream.destroyed || stream.writableEnded) throw new StreamClosedError("write");
      this.started = true;
      if (stream.write(this.chunk)) return;
    }
    if (stream.errored) {
      this.listeners?.detach();
      throw stream.errored;
    }
    if (!stream.writableNeedDrain) {
      this.listeners?.detach();
      return;
    }
    if (stream.destroyed) {
      this.listeners?.detach();
      throw new StreamClosedError("finish the write");
    }
    (this.listeners ??= new Listeners(stream, WRITE_EVENTS)).event = null;
    this.listeners.wait(waker);
    return PENDING;
  }

  drop(): void {
    this.listeners?.detach();
  }

  describe(): string {
    return "stream write";
  }
}

/**
 * Writes `chunk`; when the stream's buffer is over its high-water mark, waits for 'drain'
 * (back-pressure). Errors of the stream fail the write.
 */
export function write(stream: Writable, chunk: unknown): Future<void> {
  return new WriteFuture(stream, chunk);
}

class DrainFuture extends Future<void> {
  private listeners: Listeners | null = null;

  constructor(private readonly stream: Writable) {
    super();
  }

  poll(waker: Waker): void | Pending {
    const stream = this.stream;
    if (stream.errored) {
      this.listeners?.detach();
      throw stream.errored;
    }
    if (!stream.writableNeedDrain || stream.destroyed) {
      this.listeners?.detach();
      return;
    }
    (this.listeners ??= new Listeners(stream, WRITE_EVENTS)).event = null;
    this.listeners.wait(waker);
    return PENDING;
  }

  drop(): void {
    this.listeners?.detach();
  }

  describe(): string {
    return "stream drain";
  }
}

/** Ready once `stream` can take more writes without exceeding its high-water mark. */
export function drained(stream: Writable): Future<void> {
  return new DrainFuture(stream);
}
