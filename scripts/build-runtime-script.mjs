// Bundles runtime/src/index.ts into one classic script (an IIFE) that defines
// `globalThis.stackless`, for script tags, workers, `vm` contexts and the playground; the package
// exports it as `stackless/runtime/script`. Run by `npm run build` after tsc.
//
// Usage: node scripts/build-runtime-script.mjs [--outfile <path>]
//        (default dist/runtime-script/stackless.js; tests build into a temp dir instead)

import { build } from "esbuild";
import { readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), "..");

/**
 * Writes the runtime as a classic script to `outfile` (with a linked source map next to it).
 * The script assigns a plain object holding every runtime export to `globalThis.stackless`
 * and defines no other global.
 */
export async function buildRuntimeScript(outfile) {
  const { version } = JSON.parse(readFileSync(resolve(repoRoot, "package.json"), "utf8"));
  // An entry that imports the runtime's public surface and publishes it. Spreading the
  // namespace copies esbuild's export getters into plain data properties, so
  // `stackless.spec` is an ordinary property a `globalThis.stackless` reader can destructure.
  const entry = [
    `import * as runtime from "./runtime/src/index.ts";`,
    `globalThis.stackless = { ...runtime };`,
  ].join("\n");
  await build({
    stdin: { contents: entry, resolveDir: repoRoot, sourcefile: "stackless-runtime-script.ts", loader: "ts" },
    bundle: true,
    // An IIFE keeps every module-level binding private: the only global it writes is `stackless`.
    format: "iife",
    platform: "neutral",
    // Same language level as the tsc build (class fields kept as class fields, which the
    // machines' hot paths rely on), so the script and the module runtime behave alike.
    target: "es2022",
    outfile,
    sourcemap: "linked",
    sourcesContent: true,
    legalComments: "none",
    logLevel: "warning",
    banner: {
      js: `// stackless ${version} runtime as a classic script: defines globalThis.stackless (README: "stackless/runtime/script").`,
    },
  });
  return outfile;
}

const isMain = process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (isMain) {
  const { values } = parseArgs({ options: { outfile: { type: "string" } } });
  const outfile = resolve(values.outfile ?? resolve(repoRoot, "dist/runtime-script/stackless.js"));
  await buildRuntimeScript(outfile);
  console.log(`runtime script: ${outfile}`);
}
