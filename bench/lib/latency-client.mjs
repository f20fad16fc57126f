// A loopback HTTP client in its own process, so it keeps its pace while the server's process is
// busy: sends `count` requests `everyMs` apart to 127.0.0.1:`port` and reports each latency (ms)
// to the parent over IPC. Bounded in count and time; exits by itself.

import * as http from "node:http";

const [port, count, everyMs] = process.argv.slice(2).map(Number);
const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });
const latencies = [];
const pending = [];
for (let i = 0; i < count; i++) {
  pending.push(
    new Promise((resolve) => {
      setTimeout(() => {
        const start = performance.now();
        const request = http.get({ host: "127.0.0.1", port, agent, timeout: 10_000 }, (response) => {
          response.resume();
          response.on("end", () => {
            latencies.push(performance.now() - start);
            resolve();
          });
        });
        request.on("error", () => resolve());
        request.on("timeout", () => request.destroy());
      }, i * everyMs);
    }),
  );
}
await Promise.all(pending);
agent.destroy();
process.send?.({ latencies });
process.exit(0);
