// Vitest configuration: every test/**/*.test.ts, with `stackless/runtime` resolved to the
// runtime's TypeScript source so tests never depend on a stale dist/ build.

import * as path from "node:path";
import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: {
    alias: [{ find: /^stackless\/runtime$/, replacement: path.resolve(__dirname, "runtime/src/index.ts") }],
  },
  test: {
    include: ["test/**/*.test.ts"],
    // Exec fixtures bound each run at 2 s themselves; the type-check program needs a while on 2 cores.
    testTimeout: 30_000,
    hookTimeout: 120_000,
  },
});
