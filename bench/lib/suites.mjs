// Discovers bench/suites/*.mjs, collects their cases and any extra variants they define, and
// validates both, so `run.mjs` works on one checked list of cases and one variant registry.

import { readdirSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { BenchConfigError, validateCase } from "./case-types.mjs";
import { builtinVariants } from "./variants.mjs";

/**
 * Loads every suite in `suitesDir` (file name order). Returns `{ variants, cases }` where
 * `variants` is a Map id → variant (built-ins first) and each case carries `suite` and
 * `suiteFile`. Throws BenchConfigError on a malformed suite, case or duplicate id.
 */
export async function loadSuites(suitesDir) {
  const variants = new Map(builtinVariants.map((v) => [v.id, v]));
  const suites = [];
  for (const file of readdirSync(suitesDir).filter((f) => f.endsWith(".mjs")).sort()) {
    const suiteFile = join(suitesDir, file);
    const mod = await import(pathToFileURL(suiteFile).href);
    const name = file.replace(/\.mjs$/, "");
    if (!Array.isArray(mod.cases)) throw new BenchConfigError(`bench/suites/${file}: must export 'cases', an array`);
    for (const variant of mod.variants ?? []) {
      if (typeof variant?.id !== "string" || typeof variant.compile !== "function" || !Array.isArray(variant.lowers)) {
        throw new BenchConfigError(`bench/suites/${file}: each exported variant needs 'id', 'label', 'lowers' and 'compile'`);
      }
      if (variants.has(variant.id)) throw new BenchConfigError(`bench/suites/${file}: variant '${variant.id}' is already defined`);
      variants.set(variant.id, variant);
    }
    suites.push({ name, suiteFile, cases: mod.cases });
  }
  const cases = [];
  const seen = new Set();
  for (const { name, suiteFile, cases: suiteCases } of suites) {
    for (const benchCase of suiteCases) {
      validateCase(benchCase, name, variants);
      if (seen.has(benchCase.id)) throw new BenchConfigError(`bench/suites/${name}.mjs: case id '${benchCase.id}' is used twice`);
      seen.add(benchCase.id);
      cases.push({ ...benchCase, suite: name, suiteFile });
    }
  }
  return { variants, cases };
}

/** The ids of the variants a case runs, baseline first. */
export function variantIdsFor(benchCase) {
  const baseline = benchCase.baseline ?? "native";
  const ids = benchCase.variants ?? builtinVariants.map((v) => v.id);
  return [baseline, ...ids.filter((id) => id !== baseline)];
}
