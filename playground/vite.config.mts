// Vite config for the playground (root: playground/). The page imports the transformer and the
// runtime straight from their sources, so the dev server must be allowed to read the repository.

import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { defineConfig } from "vite";

const here = dirname(fileURLToPath(import.meta.url));
const repoRoot = resolve(here, "..");

export default defineConfig({
  root: here,
  // Relative asset URLs, so the built page works from any folder or static host.
  base: "./",
  server: { fs: { allow: [repoRoot] } },
  worker: { format: "es" },
  // Imported only from the workers, which the dev server's first crawl does not see: listing
  // them here saves a full page reload on first start.
  optimizeDeps: { include: ["typescript", "prettier/standalone", "prettier/plugins/estree", "prettier/plugins/typescript"] },
  build: {
    outDir: resolve(here, "dist"),
    emptyOutDir: true,
    target: "es2022",
    // The transform worker bundles TypeScript and prettier; that size is expected.
    chunkSizeWarningLimit: 12_000,
  },
});
