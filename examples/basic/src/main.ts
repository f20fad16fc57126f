// The example program: two retrying fetches racing each other, a batch of work items and a
// restock, all on the virtual clock. Its output is the same compiled natively or lowered.

import { FakeClock } from "./clock.js";
import { Inventory } from "./inventory.js";
import { fetchWithRetry } from "./retry.js";
import { FakeServer } from "./server.js";
import { processAll, type WorkItem } from "./work.js";

const clock = new FakeClock();
const server = new FakeServer(clock, { "/a": 2, "/b": 1, "/upload/photo.png": 1, "/upload/never.txt": 9 });
const log = (line: string) => console.log(`  [${String(clock.now).padStart(4)}ms] ${line}`);

async function main(): Promise<void> {
  console.log("two fetches at once:");
  const [a, b] = await Promise.all([
    fetchWithRetry(server, clock, "/a", 4, log),
    fetchWithRetry(server, clock, "/b", 4, log),
  ]);
  console.log(`  -> ${a} ${b}`);

  console.log("work items:");
  const items: WorkItem[] = [
    { kind: "resize", image: "cat.jpg", width: 640 },
    { kind: "upload", file: "photo.png" },
    { kind: "skip" },
    { kind: "notify", user: "ada" },
    { kind: "upload", file: "never.txt" },
    { kind: "resize", image: "dog.jpg", width: 1280 },
  ];
  const summary = await processAll(items, clock, server, log);
  console.log(`  -> ${JSON.stringify(summary)}`);

  console.log("restock:");
  const inventory = new Inventory(server);
  const requests = await inventory.restock("sku-42", 25);
  console.log(`  -> ${inventory.count("sku-42")} units of sku-42 in ${requests} requests, done at ${clock.now}ms`);
}

clock.run(main).catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
