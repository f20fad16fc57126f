// Runs one measurement job in its own Node process (fresh V8, --expose-gc) and returns its
// samples, or the reason it failed: a crash, a timeout or a missing result line.

import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";

/** Marks the child's result line, so a workload that logs cannot be mistaken for the result. */
export const RESULT_MARKER = "@@bench-result ";

const childEntry = fileURLToPath(new URL("./child.mjs", import.meta.url));

/** Keeps the last `limit` characters of a stream's text, enough to explain a failure. */
function tail(text, limit = 2000) {
  return text.length > limit ? `…${text.slice(-limit)}` : text;
}

/**
 * Spawns the child for `job` and resolves to `{ ok: true, check, samples }` or
 * `{ ok: false, error }`. Never rejects: one broken variant must not stop the run.
 */
export function runChild(job, { timeoutMs = 300_000 } = {}) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ["--expose-gc", childEntry, JSON.stringify(job)], {
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    let timedOut = false;
    child.stdout.setEncoding("utf8").on("data", (chunk) => (stdout += chunk));
    child.stderr.setEncoding("utf8").on("data", (chunk) => (stderr += chunk));
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill("SIGKILL");
    }, timeoutMs);
    child.on("error", (error) => {
      clearTimeout(timer);
      resolve({ ok: false, error: `could not start node: ${error.message}` });
    });
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      if (timedOut) return resolve({ ok: false, error: `timed out after ${timeoutMs / 1000} s` });
      const line = stdout.split("\n").find((l) => l.startsWith(RESULT_MARKER));
      if (code !== 0 || !line) {
        const why = signal ? `killed by ${signal}` : `exit code ${code}`;
        return resolve({ ok: false, error: `${why}${stderr ? `: ${tail(stderr.trim())}` : " (no result line)"}` });
      }
      const { check, samples } = JSON.parse(line.slice(RESULT_MARKER.length));
      resolve({ ok: true, check, samples });
    });
  });
}
