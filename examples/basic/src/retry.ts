// Fetch with retries and exponential back-off: an await loop with an if/else, lowered into a
// state machine because of its @coroutine tag.

import type { FakeClock } from "./clock.js";
import type { FakeServer } from "./server.js";

/**
 * Fetches `url`, waiting 10, 20, 40… virtual ms between failed attempts.
 * @coroutine
 */
export async function fetchWithRetry(
  server: FakeServer,
  clock: FakeClock,
  url: string,
  maxAttempts: number,
  log: (line: string) => void,
): Promise<string | undefined> {
  let backoffMs = 10;
  for (let attempt = 1; attempt <= maxAttempts; attempt++) {
    const response = await server.fetch(url);
    if (response.status === 200) {
      log(`${url}: ok on attempt ${attempt} at ${clock.now}ms`);
      return response.body;
    } else {
      log(`${url}: ${response.status} on attempt ${attempt}, retrying in ${backoffMs}ms`);
      await clock.sleep(backoffMs);
      backoffMs *= 2;
    }
  }
  log(`${url}: gave up after ${maxAttempts} attempts`);
  return undefined;
}
