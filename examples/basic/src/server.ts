// A fake HTTP server on the virtual clock: each URL fails with 503 a scripted number of times
// before it answers, and every request takes some virtual latency.

import type { FakeClock } from "./clock.js";

export interface Response {
  status: number;
  body: string;
}

export class FakeServer {
  private readonly failuresLeft: Map<string, number>;
  private readonly reserved = new Map<string, number>();

  constructor(
    private readonly clock: FakeClock,
    failures: Record<string, number>,
    private readonly latencyMs = 20,
  ) {
    this.failuresLeft = new Map(Object.entries(failures));
  }

  /** Answers after `latencyMs`: 503 while the URL has scripted failures left, then 200. */
  async fetch(url: string): Promise<Response> {
    await this.clock.sleep(this.latencyMs);
    const failures = this.failuresLeft.get(url) ?? 0;
    if (failures > 0) {
      this.failuresLeft.set(url, failures - 1);
      return { status: 503, body: "" };
    }
    return { status: 200, body: `<${url} @${this.clock.now}ms>` };
  }

  /** Reserves stock at the warehouse; it never hands out more than 10 of a SKU per request. */
  async reserve(sku: string, count: number): Promise<number> {
    await this.clock.sleep(5);
    const granted = Math.min(count, 10);
    this.reserved.set(sku, (this.reserved.get(sku) ?? 0) + granted);
    return granted;
  }
}
