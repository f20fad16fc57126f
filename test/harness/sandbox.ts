// A fresh vm context per exec run with a small CommonJS loader: `./input` resolves to the
// variant under test, `stackless/runtime` to the runtime's TypeScript source (transpiled on the
// fly), Node builtins to the host's. Nothing else is reachable, so runs cannot leak into each other.

import * as fs from "node:fs";
import { createRequire, isBuiltin } from "node:module";
import * as path from "node:path";
import * as vm from "node:vm";
import { compileModule } from "./compile.js";
import { repoRoot } from "./discover.js";

/** The file `stackless/runtime` maps to inside the sandbox. */
export const runtimeEntry = path.join(repoRoot, "runtime", "src", "index.ts");

/** Thrown when sandboxed code requires something the sandbox does not provide. */
export class SandboxResolveError extends Error {
  constructor(specifier: string, from: string) {
    super(
      `exec sandbox: cannot resolve '${specifier}' from ${path.relative(repoRoot, from)} (only relative .ts files, 'stackless/runtime' and Node builtins are available)`,
    );
    this.name = "SandboxResolveError";
  }
}

/** Thrown when compiled code is not valid JavaScript (a lowering that emitted broken code). */
export class SandboxSyntaxError extends Error {
  constructor(fileName: string, cause: SyntaxError) {
    const where = (cause.stack ?? "").split("\n\n")[0] ?? "";
    super(`compiled ${path.relative(repoRoot, fileName)} is not valid JavaScript: ${cause.message}\n${where}`);
    this.name = "SandboxSyntaxError";
  }
}

export interface SandboxOptions {
  /** Compiled JavaScript to use for these absolute `.ts` paths instead of compiling them natively. */
  overrides?: ReadonlyMap<string, string>;
  /** Define `globalThis.stackless` as the sandbox's runtime (for the `runtime: "global"` option). */
  runtimeGlobal?: boolean;
}

const hostRequire = createRequire(__filename);

// Compiled output and scripts are cached across sandboxes: a vm.Script can run in any context.
const compiledFromDisk = new Map<string, { mtimeMs: number; js: string }>();
const scripts = new Map<string, vm.Script>();

function scriptFor(fileName: string, js: string): vm.Script {
  const key = `${fileName}\0${js}`;
  let script = scripts.get(key);
  if (script === undefined) {
    const wrapped = `(function (exports, require, module, __filename, __dirname) {${js}\n})`;
    try {
      script = new vm.Script(wrapped, { filename: fileName });
    } catch (error) {
      // V8 puts the offending line and a caret at the top of the stack; keep them in the message.
      if (error instanceof SyntaxError) throw new SandboxSyntaxError(fileName, error);
      throw error;
    }
    scripts.set(key, script);
  }
  return script;
}

function compileFromDisk(file: string): string {
  const mtimeMs = fs.statSync(file).mtimeMs;
  const cached = compiledFromDisk.get(file);
  if (cached !== undefined && cached.mtimeMs === mtimeMs) return cached.js;
  const js = compileModule(fs.readFileSync(file, "utf8"), file);
  compiledFromDisk.set(file, { mtimeMs, js });
  return js;
}

interface LoadedModule {
  exports: unknown;
}

/** One isolated realm with its own module registry. */
export class Sandbox {
  readonly context: vm.Context;
  private readonly overrides: ReadonlyMap<string, string>;
  private readonly modules = new Map<string, LoadedModule>();

  constructor(options: SandboxOptions = {}) {
    this.overrides = options.overrides ?? new Map();
    // Only host facilities exec fixtures may use; the JS builtins come with the context.
    this.context = vm.createContext({
      console,
      setTimeout,
      clearTimeout,
      setInterval,
      clearInterval,
      setImmediate,
      clearImmediate,
      queueMicrotask,
      // The task runtime measures time slices with the web-standard monotonic clock.
      performance,
    });
    if (options.runtimeGlobal === true) {
      (this.context as { stackless?: unknown }).stackless = this.load(runtimeEntry);
    }
  }

  /** Runs a script in the sandbox's realm and returns its completion value. */
  evaluate(code: string, fileName: string): unknown {
    return vm.runInContext(code, this.context, { filename: fileName });
  }

  /** The exports of the module at absolute path `file` (a `.ts` file), loading it once. */
  load(file: string): unknown {
    const existing = this.modules.get(file);
    if (existing !== undefined) return existing.exports;
    const js = this.overrides.get(file) ?? compileFromDisk(file);
    const module: LoadedModule = { exports: {} };
    this.modules.set(file, module); // before running: cycles see the partial exports, as in Node
    const factory = scriptFor(file, js).runInContext(this.context) as (
      exports: unknown,
      require: (specifier: string) => unknown,
      module: LoadedModule,
      filename: string,
      dirname: string,
    ) => void;
    factory(module.exports, (specifier) => this.require(specifier, file), module, file, path.dirname(file));
    return module.exports;
  }

  private require(specifier: string, from: string): unknown {
    if (specifier === "stackless/runtime") return this.load(runtimeEntry);
    if (isBuiltin(specifier)) return hostRequire(specifier);
    if (specifier.startsWith("./") || specifier.startsWith("../")) {
      const resolved = this.resolveRelative(path.resolve(path.dirname(from), specifier));
      if (resolved !== undefined) return this.load(resolved);
    }
    throw new SandboxResolveError(specifier, from);
  }

  private resolveRelative(base: string): string | undefined {
    const candidates = [base, `${base}.ts`, base.replace(/\.js$/, ".ts"), path.join(base, "index.ts")];
    for (const candidate of candidates) {
      if (!candidate.endsWith(".ts")) continue;
      if (this.overrides.has(candidate) || fs.existsSync(candidate)) return candidate;
    }
    return undefined;
  }
}
