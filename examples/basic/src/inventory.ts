// A class with a lowered async method: `this`, fields and a loop of awaits inside a method.

import type { FakeServer } from "./server.js";

export class Inventory {
  private readonly stock = new Map<string, number>();

  constructor(private readonly server: FakeServer) {}

  /**
   * Orders `count` units of `sku`, in as many reservations as the warehouse needs.
   * @coroutine
   */
  async restock(sku: string, count: number): Promise<number> {
    let missing = count;
    let requests = 0;
    while (missing > 0) {
      const granted = await this.server.reserve(sku, missing);
      missing -= granted;
      requests++;
    }
    this.stock.set(sku, (this.stock.get(sku) ?? 0) + count);
    return requests;
  }

  count(sku: string): number {
    return this.stock.get(sku) ?? 0;
  }
}
