// `npm run bench`: compiles every case's workload with every variant, measures each in its own
// child process, prints one table with ratios to native and writes bench/results/latest.{json,md,svg}.
//
// Usage: node bench/run.mjs [--quick] [--only id,suite] [--variants id,…] [--rounds N]
//                           [--out dir] [--dist dir] [--list]

import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { BenchConfigError } from "./lib/case-types.mjs";
import { compileVariant } from "./lib/compile.mjs";
import { renderChart } from "./lib/report-chart.mjs";
import { renderMarkdownTable, renderTextTable } from "./lib/report-table.mjs";
import { runPlan } from "./lib/runner.mjs";
import { loadSuites, variantIdsFor } from "./lib/suites.mjs";

const benchDir = dirname(fileURLToPath(import.meta.url));
const repoRoot = resolve(benchDir, "..");
const usage = "usage: node bench/run.mjs [--quick] [--only id,suite] [--variants id,...] [--rounds N] [--out dir] [--dist dir] [--list]";

/** Parses the command line; a bad option exits with status 2 and the usage line. */
function readOptions() {
  let values;
  try {
    ({ values } = parseArgs({
      options: {
        quick: { type: "boolean", default: false },
        only: { type: "string" },
        variants: { type: "string" },
        rounds: { type: "string" },
        out: { type: "string" },
        dist: { type: "string" },
        list: { type: "boolean", default: false },
        help: { type: "boolean", default: false },
      },
    }));
  } catch (error) {
    console.error(`bench: ${error.message}\n${usage}`);
    process.exit(2);
  }
  if (values.help) {
    console.log(usage);
    process.exit(0);
  }
  const rounds = values.rounds === undefined ? (values.quick ? 1 : 2) : Number(values.rounds);
  if (!Number.isInteger(rounds) || rounds < 1) {
    console.error(`bench: --rounds must be a positive integer, got ${values.rounds}\n${usage}`);
    process.exit(2);
  }
  const list = (s) => (s === undefined ? undefined : s.split(",").map((x) => x.trim()).filter(Boolean));
  return {
    quick: values.quick,
    only: list(values.only),
    variants: list(values.variants),
    rounds,
    outDir: resolve(values.out ?? join(benchDir, "results")),
    distDir: resolve(values.dist ?? join(repoRoot, "dist")),
    list: values.list,
  };
}

/** Selects cases and variants; an unknown name is a BenchConfigError, not an empty run. */
function selectPlan(cases, variants, options) {
  let selected = cases;
  if (options.only) {
    for (const name of options.only) {
      if (!cases.some((c) => c.id === name || c.suite === name)) {
        throw new BenchConfigError(`--only: no case or suite named '${name}' (cases: ${cases.map((c) => c.id).join(", ")})`);
      }
    }
    selected = cases.filter((c) => options.only.includes(c.id) || options.only.includes(c.suite));
  }
  for (const id of options.variants ?? []) {
    if (!variants.has(id)) throw new BenchConfigError(`--variants: unknown variant '${id}' (known: ${[...variants.keys()].join(", ")})`);
  }
  return selected.map((benchCase) => {
    // The baseline always runs: without it there are no ratios.
    const ids = variantIdsFor(benchCase).filter((id, i) => i === 0 || !options.variants || options.variants.includes(id));
    return { benchCase, variantIds: ids };
  });
}

function environment(options) {
  const cpus = os.cpus();
  return {
    date: new Date().toISOString(),
    node: process.version,
    v8: process.versions.v8,
    platform: `${os.platform()} ${os.release()} ${os.arch()}`,
    cpu: `${cpus[0]?.model ?? "unknown"} x${cpus.length}`,
    loadavg: os.loadavg().map((l) => Number(l.toFixed(2))),
    mode: options.quick ? "quick" : "full",
    rounds: options.rounds,
  };
}

function describeEnvironment(env) {
  return [env.date, `node ${env.node} (V8 ${env.v8})`, env.cpu, `load ${env.loadavg.join(" ")}`, `${env.mode}, ${env.rounds} round(s)`].join(" | ");
}

async function main() {
  const options = readOptions();
  const { variants, cases } = await loadSuites(join(benchDir, "suites"));
  if (options.list) {
    for (const c of cases) console.log(`${c.suite}/${c.id}: ${c.title} [${variantIdsFor(c).join(", ")}]`);
    return 0;
  }
  const selection = selectPlan(cases, variants, options);

  // 1. Compile every (case, variant) into a build directory private to this run.
  const buildDir = join(benchDir, ".build", `run-${process.pid}`);
  const compileContext = { buildDir, distDir: options.distDir, repoDistDir: join(repoRoot, "dist") };
  const plan = selection.map(({ benchCase, variantIds }) => ({
    benchCase,
    entries: variantIds.map((id) => ({ variant: variants.get(id), compiled: compileVariant(benchCase, variants.get(id), compileContext) })),
  }));
  for (const { benchCase, entries } of plan) {
    for (const { variant, compiled } of entries) {
      if (compiled.status !== "ready") console.error(`${benchCase.id} ${variant.id}: ${compiled.status}: ${compiled.reason}`);
    }
  }

  // 2. Measure, each pair in its own process, one at a time (the machine is shared).
  const env = environment(options);
  console.error(`bench: ${describeEnvironment(env)}`);
  let results;
  try {
    results = await runPlan(plan, { quick: options.quick, rounds: options.rounds, log: (line) => console.error(line) });
  } finally {
    rmSync(buildDir, { recursive: true, force: true });
  }

  // 3. Report: terminal table, then latest.json / .md / .svg.
  const table = renderTextTable(results);
  console.log(`\n${describeEnvironment(env)}\n\n${table}\n`);
  const variantsUsed = [...new Set(plan.flatMap((p) => p.entries.map((e) => e.variant)))];
  mkdirSync(options.outDir, { recursive: true });
  writeFileSync(join(options.outDir, "latest.json"), `${JSON.stringify({ environment: env, variants: variantsUsed.map(({ id, label }) => ({ id, label })), cases: results }, null, 2)}\n`);
  const legend = variantsUsed.map((v) => `- \`${v.id}\`: ${v.label}`).join("\n");
  const markdown = [
    "# Benchmark results",
    "",
    describeEnvironment(env),
    "",
    "Median of the pooled samples; spread is half the interquartile range; ratio is the cost relative to",
    "the baseline (`native`), so above 1x is slower or bigger. Produced by `npm run bench`.",
    "",
    renderMarkdownTable(results),
    "",
    "Variants:",
    "",
    legend,
    "",
    "![ratios](latest.svg)",
    "",
  ].join("\n");
  writeFileSync(join(options.outDir, "latest.md"), markdown);
  writeFileSync(join(options.outDir, "latest.svg"), renderChart(results, { subtitle: describeEnvironment(env) }));
  console.log(`bench: wrote ${join(options.outDir, "latest.{json,md,svg}")}`);

  // A variant that crashed or computed a different result is an error; a skipped one is not.
  const broken = results.flatMap((c) => c.variants.filter((v) => v.status === "failed" || v.status === "wrong-result"));
  return broken.length > 0 ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (error) => {
    if (error instanceof BenchConfigError) {
      console.error(`bench: ${error.message}`);
      process.exit(2);
    }
    throw error;
  },
);
