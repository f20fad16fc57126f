// The built-in variants: how one workload's TypeScript source is compiled for each contender.
// Every variant compiles the same source text; only the compiler and its settings differ.
//
// A variant is `{ id, label, lowers, compile(source, ctx) }`:
//   - `lowers`: the syntax (`async`, `await`, `yield`) its output must no longer contain;
//   - `compile` returns `{ code }` (CommonJS JavaScript) or `{ skip: "why" }`, and throws on a
//     compiler error. `ctx` is `{ fileName, distDir, repoDistDir }`.
// Suites may add their own variants (see bench/README.md).

import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import babel from "@babel/core";
import ts from "typescript";

const require = createRequire(import.meta.url);

/** Plain `ts.transpileModule` to CommonJS at `target`; throws on any diagnostic. */
function transpile(source, fileName, compilerOptions, transformers) {
  const out = ts.transpileModule(source, {
    fileName,
    reportDiagnostics: true,
    compilerOptions: { module: ts.ModuleKind.CommonJS, ...compilerOptions },
    transformers,
  });
  const errors = (out.diagnostics ?? []).filter((d) => d.category === ts.DiagnosticCategory.Error);
  if (errors.length > 0) {
    throw new Error(errors.map((d) => `TS${d.code}: ${ts.flattenDiagnosticMessageText(d.messageText, "\n")}`).join("\n"));
  }
  return out.outputText;
}

export const native = {
  id: "native",
  label: "native async/await (TS, target ES2022)",
  lowers: [],
  compile: (source, { fileName }) => ({ code: transpile(source, fileName, { target: ts.ScriptTarget.ES2022 }) }),
};

export const tsEs2015 = {
  id: "ts-es2015",
  label: "TypeScript ES2015 (__awaiter + generators)",
  lowers: ["async", "await"],
  compile: (source, { fileName }) => ({ code: transpile(source, fileName, { target: ts.ScriptTarget.ES2015 }) }),
};

export const tsEs5 = {
  id: "ts-es5",
  label: "TypeScript ES5 (__awaiter + __generator)",
  lowers: ["async", "await", "yield"],
  // TS 6 deprecates target ES5 (TS5107) and stops supporting it in 7.0; "6.0" silences that.
  compile: (source, { fileName }) => ({
    code: transpile(source, fileName, { target: ts.ScriptTarget.ES5, ignoreDeprecations: "6.0" }),
  }),
};

export const regenerator = {
  id: "regenerator",
  label: "Babel 7 preset-env (async-to-generator + regenerator)",
  lowers: ["async", "await", "yield"],
  compile(source, { fileName }) {
    // Types are stripped by TS at ES2022 (no lowering), then Babel lowers. Chrome 49 is the newest
    // target that still needs both transform-async-to-generator (<55) and transform-regenerator
    // (<50), so little else is downlevelled. Babel >= 7.18 inlines its regenerator helper
    // instead of requiring the `regenerator-runtime` package, so there is nothing to preload.
    const esm = transpile(source, fileName, { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext });
    const out = babel.transformSync(esm, {
      filename: fileName.replace(/\.ts$/, ".js"),
      babelrc: false,
      configFile: false,
      presets: [[require.resolve("@babel/preset-env"), { targets: { chrome: "49" }, modules: "commonjs" }]],
    });
    return { code: out.code };
  },
};

/** Loads the built transformer from `distDir`, or explains why it cannot. Cached per directory. */
const transformerCache = new Map();
function loadTransformer(distDir) {
  if (!transformerCache.has(distDir)) {
    const entry = join(distDir, "transformer", "src", "index.js");
    let loaded;
    if (!existsSync(entry)) {
      loaded = { missing: `transformer not built (${entry} does not exist; run npm run build)` };
    } else {
      const api = require(entry);
      loaded = typeof api.createTransformer === "function"
        ? { api }
        : { missing: `transformer not built (${entry} exports no createTransformer)` };
    }
    transformerCache.set(distDir, loaded);
  }
  return transformerCache.get(distDir);
}

/**
 * A stackless variant with the given transformer options. Lowered code imports
 * `stackless/runtime`, which resolves to the package's own dist/ (package self-reference);
 * with another `distDir` the runtime specifier is pointed at that build instead.
 */
export function stacklessVariant(id, label, transformerOptions) {
  return {
    id,
    label,
    lowers: ["async", "await", "yield"],
    compile(source, { fileName, distDir, repoDistDir }) {
      const loaded = loadTransformer(distDir);
      if (loaded.missing) return { skip: loaded.missing };
      const options = { ...transformerOptions };
      if (distDir !== repoDistDir) options.runtimeModule = join(distDir, "runtime", "src", "index.js");
      // The API's own diagnostics first: a function left unlowered must not be timed as lowered.
      if (typeof loaded.api.lower === "function") {
        const { diagnostics } = loaded.api.lower(source, { ...options, fileName });
        const errors = diagnostics.filter((d) => d.category === "error");
        if (errors.length > 0) {
          throw new Error(errors.map((d) => `SL${d.code} ${d.line}:${d.column}: ${d.message}`).join("\n"));
        }
      }
      const before = [loaded.api.createTransformer(options, ts)];
      return { code: transpile(source, fileName, { target: ts.ScriptTarget.ES2022 }, { before }) };
    },
  };
}

export const stacklessSpec = stacklessVariant("stackless-spec", "stackless spec mode (lowerAll)", { lowerAll: true });

/** The variants every case runs unless it lists its own, in table order; `native` is the baseline. */
export const builtinVariants = [native, tsEs2015, tsEs5, regenerator, stacklessSpec];
