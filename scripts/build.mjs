// Builds the package: compiles transformer/ and runtime/ with tsc (tsconfig.build.json), then
// bundles the runtime's classic-script build. `npm run build` runs it into dist/; the packaging
// test runs it into a staging directory so it never rewrites dist/ under other running tests.
//
// Usage: node scripts/build.mjs [--out-dir <dir>]   (default dist)

import { execFileSync } from "node:child_process";
import { createRequire } from "node:module";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { buildRuntimeScript } from "./build-runtime-script.mjs";

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const { values } = parseArgs({ options: { "out-dir": { type: "string" } } });
const outDir = resolve(values["out-dir"] ?? join(repoRoot, "dist"));

// 1. Type-check and emit JS + declarations (+ source maps) for both halves of the package.
const tsc = createRequire(import.meta.url).resolve("typescript/bin/tsc");
try {
  execFileSync(process.execPath, [tsc, "-p", join(repoRoot, "tsconfig.build.json"), "--outDir", outDir], {
    cwd: repoRoot,
    stdio: "inherit",
  });
} catch {
  // tsc has already printed its diagnostics.
  console.error("build: tsc failed");
  process.exit(1);
}

// 2. The runtime as one classic script (`stackless/runtime/script`).
await buildRuntimeScript(join(outDir, "runtime-script", "stackless.js"));
console.log(`build: ${outDir}`);
