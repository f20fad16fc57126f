// The user-facing options of the transformer (tsconfig plugin entry, `lower`, `inspect`), and
// their validation into diagnostics.

/** Options accepted in the tsconfig plugin entry and by `lower` / `inspect` / `createTransformer`. */
export interface Options {
  /** `spec` (default): a drop-in that behaves as native. `task`: lazy Rust-style futures. */
  mode?: "spec" | "task";
  /** Lower every async function, not only the ones marked `@coroutine` / `"use coroutine"`. */
  lowerAll?: boolean;
  /**
   * Where emitted code finds the runtime: `module` (default) imports `runtimeModule`;
   * `global` reads `globalThis.stackless` (for `stackless/runtime/script`).
   */
  runtime?: "module" | "global";
  /** The module specifier emitted code imports the runtime from. Default `stackless/runtime`. */
  runtimeModule?: string;
}

/** Options after defaults are applied. */
export interface ResolvedOptions {
  mode: "spec" | "task";
  lowerAll: boolean;
  runtime: "module" | "global";
  runtimeModule: string;
}
