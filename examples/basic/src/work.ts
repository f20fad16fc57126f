// A job runner: a for-of over work items with a switch whose cases await, and an async arrow.

import type { FakeClock } from "./clock.js";
import type { FakeServer } from "./server.js";
import { fetchWithRetry } from "./retry.js";

export type WorkItem =
  | { kind: "resize"; image: string; width: number }
  | { kind: "upload"; file: string }
  | { kind: "notify"; user: string }
  | { kind: "skip" };

export interface Summary {
  resized: number;
  uploaded: string[];
  notified: number;
  skipped: number;
}

/** A cheap content checksum that yields to the clock once, as if hashing were done off-thread. */
export const checksum = /** @coroutine */ async (clock: FakeClock, text: string): Promise<number> => {
  let sum = 7;
  for (const ch of text) sum = (sum * 31 + ch.charCodeAt(0)) % 65521;
  await clock.sleep(1);
  return sum;
};

/** @coroutine */
export async function processAll(
  items: WorkItem[],
  clock: FakeClock,
  server: FakeServer,
  log: (line: string) => void,
): Promise<Summary> {
  const summary: Summary = { resized: 0, uploaded: [], notified: 0, skipped: 0 };
  for (const item of items) {
    switch (item.kind) {
      case "resize":
        await clock.sleep(Math.ceil(item.width / 100));
        summary.resized++;
        log(`resized ${item.image} to ${item.width}px at ${clock.now}ms`);
        break;
      case "upload": {
        const body = await fetchWithRetry(server, clock, `/upload/${item.file}`, 3, log);
        if (body === undefined) {
          log(`upload of ${item.file} failed`);
          break;
        }
        summary.uploaded.push(`${item.file}#${await checksum(clock, body)}`);
        break;
      }
      case "notify":
        summary.notified++;
        log(`notified ${item.user}`);
        break;
      default:
        summary.skipped++;
    }
  }
  return summary;
}
