// The shape of a benchmark case as suites export it, and its validation: a malformed case is
// reported by name with what is wrong, before any child process starts.

/**
 * @typedef {object} BenchCase
 * @property {string} id            kebab-case, unique across all suites
 * @property {string} title         what is measured, for the table
 * @property {string} unit          unit of one sample, e.g. "ns/await"
 * @property {"lower"|"higher"} [better]  default "lower"
 * @property {string | Record<string, string>} source  the workload's TypeScript, or per variant
 *           id with a `default` entry
 * @property {string[]} [variants]  variant ids to run; default all built-in variants
 * @property {string} [baseline]    variant the ratios are against; default "native"
 * @property {Record<string, number>} [targets]  variant id → highest acceptable cost ratio
 * @property {{ full: object, quick: object }} params  handed to `check` and `sample`
 * @property {{ full?: RunCounts, quick?: RunCounts }} [runs]
 * @property {(workload: any, params: object) => unknown} [check]  JSON-able result compared
 *           with the baseline's: a variant computing something else is reported, not timed
 * @property {(workload: any, params: object) => number | Promise<number>} sample  one sample
 */

/** @typedef {{ warmup: number, samples: number }} RunCounts */

export const defaultRuns = { full: { warmup: 2, samples: 7 }, quick: { warmup: 1, samples: 3 } };

/** Thrown for a suite file or case that does not follow the convention in bench/README.md. */
export class BenchConfigError extends Error {
  constructor(message) {
    super(message);
    this.name = "BenchConfigError";
  }
}

/** Checks one case from `suiteName`; throws BenchConfigError naming the case and the field. */
export function validateCase(benchCase, suiteName, knownVariants) {
  const where = `bench/suites/${suiteName}.mjs, case ${JSON.stringify(benchCase?.id)}`;
  const fail = (what) => {
    throw new BenchConfigError(`${where}: ${what}`);
  };
  if (typeof benchCase !== "object" || benchCase === null) fail("a case must be an object");
  if (typeof benchCase.id !== "string" || !/^[a-z0-9]+(-[a-z0-9]+)*$/.test(benchCase.id)) fail("'id' must be kebab-case");
  for (const key of ["title", "unit"]) if (typeof benchCase[key] !== "string") fail(`'${key}' must be a string`);
  if (benchCase.better !== undefined && benchCase.better !== "lower" && benchCase.better !== "higher") {
    fail("'better' must be \"lower\" or \"higher\"");
  }
  const source = benchCase.source;
  if (typeof source !== "string" && (typeof source !== "object" || source === null || typeof source.default !== "string")) {
    fail("'source' must be a string or an object with a 'default' string");
  }
  if (typeof benchCase.sample !== "function") fail("'sample' must be a function");
  if (benchCase.check !== undefined && typeof benchCase.check !== "function") fail("'check' must be a function");
  if (typeof benchCase.params?.full !== "object" || typeof benchCase.params?.quick !== "object") {
    fail("'params' must have 'full' and 'quick' objects");
  }
  const variants = benchCase.variants ?? [];
  for (const id of [...variants, ...Object.keys(benchCase.targets ?? {}), benchCase.baseline ?? "native"]) {
    if (!knownVariants.has(id)) fail(`unknown variant '${id}' (known: ${[...knownVariants.keys()].join(", ")})`);
  }
}

/** The source text a variant compiles for this case. */
export function sourceFor(benchCase, variantId) {
  return typeof benchCase.source === "string" ? benchCase.source : (benchCase.source[variantId] ?? benchCase.source.default);
}

/** Warm-up and sample counts for this case in the given mode. */
export function runCountsFor(benchCase, quick) {
  const mode = quick ? "quick" : "full";
  return { ...defaultRuns[mode], ...benchCase.runs?.[mode] };
}
