// Compile time (design.md §9: at most 1.25x plain tsc emit): a program emitted by the TypeScript
// API (`program.emit`, which type-checks as tsc's emit does) plainly and with the stackless
// transformer lowering every async function and generator (lowerAll). Two corpora: every
// fixture's input.ts (nothing but coroutines: the worst case) and this repository's own
// TypeScript (transformer, runtime, tests: a real code base, async-heavy in its tests).

import { readdirSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const require = createRequire(import.meta.url);
const repo = fileURLToPath(new URL("../../", import.meta.url));

/** The files under `dirs` (relative to the repository) whose names pass `keep`. */
function filesUnder(dirs, keep) {
  const files = [];
  const walk = (dir) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (keep(name)) files.push(path);
    }
  };
  for (const dir of dirs) walk(join(repo, dir));
  return files.sort();
}

const corpora = {
  fixtures: () => filesUnder(["fixtures"], (name) => name === "input.ts"),
  repository: () => filesUnder(["transformer/src", "runtime/src", "test"], (name) => name.endsWith(".ts") && !name.endsWith(".d.ts")),
};

/**
 * The workload module of a variant: `emitAll()` builds the program and emits it in memory,
 * returning the number of files written. `transformerOptions` undefined means plain tsc.
 */
function emitterModule(transformerEntry, transformerOptions) {
  return `
const ts = require(${JSON.stringify(require.resolve("typescript"))});
const corpora = ${JSON.stringify(Object.fromEntries(Object.entries(corpora).map(([name, list]) => [name, list()])))};
const stackless = ${transformerEntry ? `require(${JSON.stringify(transformerEntry)})` : "undefined"};
const options = { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.CommonJS, noLib: true, types: [], noResolve: true, noEmitOnError: false };
exports.emitAll = function emitAll(corpus) {
  const program = ts.createProgram(corpora[corpus], options);
  let written = 0;
  const transformers = stackless ? { before: [stackless.createTransformer(${JSON.stringify(transformerOptions)}, ts, () => {})] } : undefined;
  program.emit(undefined, () => { written++; }, undefined, false, transformers);
  return written;
};
`;
}

const variant = (id, label, transformerOptions) => ({
  id,
  label,
  lowers: [],
  compile(_source, { distDir }) {
    if (!transformerOptions) return { code: emitterModule(undefined) };
    return { code: emitterModule(join(distDir, "transformer", "src", "index.js"), transformerOptions) };
  },
});

export const variants = [
  variant("tsc-emit", "TypeScript API: parse and emit, no transformer", undefined),
  variant("tsc-emit-stackless", "the same with the stackless transformer (lowerAll)", { lowerAll: true }),
  variant("tsc-emit-stackless-preempt", "the same with lowerAll and check points at calls and loops", { lowerAll: true, preempt: true }),
];

const emitCase = (corpus, title) => ({
  id: `transform-time-${corpus}`,
  title,
  unit: "ms/program",
  variants: ["tsc-emit", "tsc-emit-stackless", "tsc-emit-stackless-preempt"],
  baseline: "tsc-emit",
  targets: { "tsc-emit-stackless": 1.25, "tsc-emit-stackless-preempt": 1.25 },
  source: "export {};\n",
  params: { full: { corpus }, quick: { corpus } },
  runs: { full: { warmup: 3, samples: 10 }, quick: { warmup: 1, samples: 2 } },
  check: (w) => w.emitAll(corpus) > 0,
  sample(w) {
    const start = process.hrtime.bigint();
    w.emitAll(corpus);
    return Number(process.hrtime.bigint() - start) / 1e6;
  },
});

/** @type {import("../lib/case-types.mjs").BenchCase[]} */
export const cases = [
  emitCase("fixtures", "compile time: every fixture's input.ts as one program (only coroutines)"),
  emitCase("repository", "compile time: this repository's TypeScript as one program (transformer, runtime, tests)"),
];
