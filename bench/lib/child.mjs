// The child process that measures one variant of one case in a fresh V8: loads the compiled
// workload, checks its result, warms up, takes the samples and prints them as one JSON line.
//
// Usage (by the harness): node --expose-gc bench/lib/child.mjs '<job JSON>'
// job: { suiteFile, caseId, modulePath, quick }

import { createRequire } from "node:module";
import { pathToFileURL } from "node:url";
import { runCountsFor } from "./case-types.mjs";
import { RESULT_MARKER } from "./spawn.mjs";

async function main() {
  const job = JSON.parse(process.argv[2]);
  const suite = await import(pathToFileURL(job.suiteFile).href);
  const benchCase = suite.cases.find((c) => c.id === job.caseId);
  if (!benchCase) throw new Error(`case ${job.caseId} not found in ${job.suiteFile}`);
  const workload = createRequire(job.modulePath)(job.modulePath);
  const params = job.quick ? benchCase.params.quick : benchCase.params.full;
  const { warmup, samples: count } = runCountsFor(benchCase, job.quick);

  // The check runs first, on a cold workload, so it also catches a broken first call.
  const check = benchCase.check ? ((await benchCase.check(workload, params)) ?? null) : null;
  for (let i = 0; i < warmup; i++) await benchCase.sample(workload, params);
  const samples = [];
  for (let i = 0; i < count; i++) {
    const value = await benchCase.sample(workload, params);
    if (typeof value !== "number" || !Number.isFinite(value)) throw new Error(`sample ${i} is not a finite number: ${value}`);
    samples.push(value);
  }
  process.stdout.write(`\n${RESULT_MARKER}${JSON.stringify({ check, samples })}\n`);
}

main().catch((error) => {
  process.stderr.write(`${error?.stack ?? error}\n`);
  process.exit(1);
});
