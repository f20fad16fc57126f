// Compiles each (case, variant) workload to a CommonJS file under bench/.build/, and refuses
// output that still holds syntax the variant claims to lower: that would time native code.

import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { sourceFor } from "./case-types.mjs";
import { findCoroutineSyntax } from "./syntax-check.mjs";

/**
 * Returns `{ status: "ready", modulePath }`, `{ status: "skipped", reason }` (the variant is not
 * available, e.g. the transformer is not built) or `{ status: "failed", reason }`.
 * Files live inside the repository so lowered code resolves `stackless/runtime` by self-reference.
 */
export function compileVariant(benchCase, variant, { buildDir, distDir, repoDistDir }) {
  const fileName = `${benchCase.id}.ts`;
  let result;
  try {
    result = variant.compile(sourceFor(benchCase, variant.id), { fileName, distDir, repoDistDir });
  } catch (error) {
    return { status: "failed", reason: `compile error: ${error.message}` };
  }
  if (result.skip) return { status: "skipped", reason: result.skip };
  const left = [...findCoroutineSyntax(result.code)].filter((kind) => variant.lowers.includes(kind));
  if (left.length > 0) {
    return { status: "failed", reason: `output still contains native ${left.join(", ")}: not lowered` };
  }
  const dir = join(buildDir, benchCase.id);
  mkdirSync(dir, { recursive: true });
  const modulePath = join(dir, `${variant.id}.cjs`);
  writeFileSync(modulePath, result.code);
  return { status: "ready", modulePath };
}
