// End to end as a user installs stackless: build the package into a staging copy, `npm pack`
// it, unpack the tarball into a throwaway project's node_modules (no network), compile that
// project with ts-patch's `tspc` and the `stackless/transformer` plugin entry, and check that
// the lowered program prints exactly what the same sources print when compiled by plain `tsc`.

import { execFileSync, spawnSync } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const repoRoot = resolve(__dirname, "../..");
const keepWorkDir = process.env.STACKLESS_KEEP_E2E === "1";

// The consumer's sources: every way to mark a function (tag on a declaration, an arrow and a
// method, an arrow through its declaration, a directive), an await loop, an if/else with awaits in both arms, and one unmarked
// async function that only `lowerAll` lowers. main.ts logs each step next to a `.then` ticker,
// so the comparison with native covers values and microtask order.
const sources: Record<string, string> = {
  "loop.ts": `
    /**
     * Adds the numbers one await at a time.
     * @coroutine
     */
    export async function sumSlowly(xs: number[], log: string[]): Promise<number> {
      let total = 0;
      let i = 0;
      while (i < xs.length) {
        total += await Promise.resolve(xs[i]);
        log.push("sum " + i + " -> " + total);
        i++;
      }
      return total;
    }
  `,
  "branch.ts": `
    /** @coroutine */
    export async function classify(n: number, log: string[]): Promise<string> {
      let label: string;
      if (n >= 0) {
        label = await Promise.resolve("non-negative");
        log.push("classify " + n + ": then");
      } else {
        await null;
        label = "negative";
        log.push("classify " + n + ": else");
      }
      return n + " is " + label;
    }
  `,
  "arrow.ts": `
    export const twice = /** @coroutine */ async (x: number, log: string[]): Promise<number> => {
      const a = await x;
      log.push("twice " + a);
      return a * 2;
    };

    /** @coroutine */
    export const half = async (x: number, log: string[]): Promise<number> => {
      const a = await x;
      log.push("half " + a);
      return a / 2;
    };

    export const shout = async (s: string, log: string[]): Promise<string> => {
      "use coroutine";
      const upper = await s.toUpperCase();
      log.push("shout " + upper);
      return upper + upper;
    };
  `,
  "method.ts": `
    export class Counter {
      count = 0;
      constructor(private readonly log: string[]) {}

      /** @coroutine */
      async addAll(xs: number[]): Promise<number> {
        for (const x of xs) {
          this.count += await x;
          this.log.push("counter " + this.count);
        }
        return this.count;
      }
    }
  `,
  "unmarked.ts": `
    export async function plainAsync(log: string[]): Promise<string> {
      await undefined;
      log.push("plain after a microtask");
      await new Promise<void>((resolve) => setTimeout(resolve, 1));
      log.push("plain after a timer");
      return "plain";
    }
  `,
  "main.ts": `
    import { classify } from "./branch.js";
    import { half, shout, twice } from "./arrow.js";
    import { sumSlowly } from "./loop.js";
    import { Counter } from "./method.js";
    import { plainAsync } from "./unmarked.js";

    const log: string[] = [];
    let chain = Promise.resolve();
    for (let i = 1; i <= 25; i++) chain = chain.then(() => { log.push("tick " + i); });

    async function main(): Promise<void> {
      const results = await Promise.all([
        sumSlowly([1, 2, 3], log),
        classify(5, log),
        classify(-2, log),
        twice(21, log),
        half(9, log),
        shout("ab", log),
        new Counter(log).addAll([1, 2, 3]),
        plainAsync(log),
      ]);
      log.push("results " + JSON.stringify(results));
      console.log(log.join("\\n"));
    }

    main().then(() => console.log("main done"));
  `,
};
const expectedResults = `results [6,"5 is non-negative","-2 is negative",42,4.5,"ABAB",6,"plain"]`;
/** Files whose every async function is marked, so none may survive the default configuration. */
const markedFiles = ["loop.js", "branch.js", "arrow.js", "method.js"];

let workDir: string;
let packedFiles: string[];
/** The CommonJS consumer ("type": "commonjs") and an ES module one ("type": "module"). */
let cjsProject: string;
let esmProject: string;

function run(command: string, args: string[], cwd: string): { status: number | null; output: string; stdout: string } {
  const result = spawnSync(command, args, { cwd, encoding: "utf8", timeout: 120_000, env: { ...process.env, NO_COLOR: "1" } });
  if (result.error) throw result.error;
  return { status: result.status, output: result.stdout + result.stderr, stdout: result.stdout };
}

/** Compiles `project`'s `tsconfig` with `tsc` or `tspc` into `outDir`. */
function compile(project: string, compiler: "tsc" | "tspc", tsconfig: string, outDir: string) {
  const bin = compiler === "tsc" ? "node_modules/typescript/bin/tsc" : "node_modules/ts-patch/bin/tspc.js";
  return run(process.execPath, [bin, "-p", tsconfig, "--outDir", outDir], project);
}

/** Runs the compiled program and returns its stdout, failing the test if the program fails. */
function runProgram(project: string, outDir: string, nodeArgs: string[] = []): string {
  const result = run(process.execPath, [...nodeArgs, join(outDir, "main.js")], project);
  expect(result.output, `node ${outDir}/main.js`).toBe(result.stdout);
  expect(result.status).toBe(0);
  return result.stdout;
}

/** The emitted JS with comments removed, so a check for `async` is not fooled by a source comment. */
function emittedCode(project: string, outDir: string, file: string): string {
  return readFileSync(join(project, outDir, file), "utf8")
    .replace(/\/\*[\s\S]*?\*\//g, "")
    .replace(/\/\/.*$/gm, "");
}

function writeTsconfig(project: string, name: string, plugin: Record<string, unknown>): void {
  const config = {
    compilerOptions: {
      target: "ES2022",
      module: "NodeNext",
      moduleResolution: "NodeNext",
      strict: true,
      types: ["node"],
      rootDir: "src",
      plugins: [plugin],
    },
    include: ["src"],
  };
  writeFileSync(join(project, name), JSON.stringify(config, null, 2));
}

/** A project folder with the consumer's sources, sharing `nodeModules`. */
function createProject(dir: string, type: "commonjs" | "module", nodeModules: string): string {
  mkdirSync(join(dir, "src"), { recursive: true });
  if (!existsSync(join(dir, "node_modules"))) symlinkSync(nodeModules, join(dir, "node_modules"), "dir");
  writeFileSync(join(dir, "package.json"), JSON.stringify({ name: `consumer-${type}`, private: true, type }));
  for (const [file, text] of Object.entries(sources)) writeFileSync(join(dir, "src", file), text.replace(/^    /gm, "").trimStart());
  writeTsconfig(dir, "tsconfig.json", { transform: "stackless/transformer" });
  return dir;
}

beforeAll(() => {
  workDir = mkdtempSync(join(tmpdir(), "stackless-tspc-consumer-"));

  // 1. Build the package into a staging copy (same script as `npm run build`) and pack it.
  const stage = join(workDir, "package");
  mkdirSync(stage);
  copyFileSync(join(repoRoot, "package.json"), join(stage, "package.json"));
  if (existsSync(join(repoRoot, "README.md"))) copyFileSync(join(repoRoot, "README.md"), join(stage, "README.md"));
  execFileSync(process.execPath, [join(repoRoot, "scripts/build.mjs"), "--out-dir", join(stage, "dist")], { stdio: "pipe" });
  const packJson = execFileSync("npm", ["pack", "--json", "--ignore-scripts", "--pack-destination", workDir], {
    cwd: stage,
    encoding: "utf8",
    stdio: ["ignore", "pipe", "pipe"],
  });
  const [pack] = JSON.parse(packJson) as Array<{ filename: string; files: Array<{ path: string }> }>;
  packedFiles = pack.files.map((file) => file.path);

  // 2. node_modules as `npm install` of the tarball would leave it (no registry access): the
  //    tarball unpacked as stackless/, and the compilers and Node types linked from ours.
  const nodeModules = join(workDir, "node_modules");
  mkdirSync(join(nodeModules, "@types"), { recursive: true });
  execFileSync("tar", ["-xzf", join(workDir, pack.filename), "-C", nodeModules]);
  renameSync(join(nodeModules, "package"), join(nodeModules, "stackless"));
  for (const dep of ["typescript", "ts-patch", "@types/node"]) {
    symlinkSync(join(repoRoot, "node_modules", dep), join(nodeModules, dep), "dir");
  }

  // 3. The consumer projects.
  cjsProject = createProject(join(workDir, "consumer-cjs"), "commonjs", nodeModules);
  writeTsconfig(cjsProject, "tsconfig.all.json", { transform: "stackless/transformer", lowerAll: true });
  writeTsconfig(cjsProject, "tsconfig.global.json", { transform: "stackless/transformer", runtime: "global" });
  writeTsconfig(cjsProject, "tsconfig.bad.json", { transform: "stackless/transformer", runtime: "cdn" });
  esmProject = createProject(join(workDir, "consumer-esm"), "module", nodeModules);
}, 300_000);

afterAll(() => {
  if (workDir && !keepWorkDir) rmSync(workDir, { recursive: true, force: true });
});

describe("the packed tarball", () => {
  it("holds compiled JS, declarations and the runtime script, and no TS sources", () => {
    for (const file of [
      "package.json",
      "dist/transformer/src/plugin.js",
      "dist/transformer/src/plugin.d.ts",
      "dist/transformer/src/index.js",
      "dist/transformer/src/index.d.ts",
      "dist/runtime/src/index.js",
      "dist/runtime/src/index.d.ts",
      "dist/runtime-script/stackless.js",
    ]) {
      expect(packedFiles).toContain(file);
    }
    const { bin } = JSON.parse(readFileSync(join(repoRoot, "package.json"), "utf8")) as { bin: Record<string, string> };
    for (const target of Object.values(bin)) expect(packedFiles).toContain(target.replace(/^\.\//, ""));
    expect(packedFiles.filter((file) => file.endsWith(".ts") && !file.endsWith(".d.ts"))).toEqual([]);
    expect(packedFiles.filter((file) => /^(test|fixtures|bench|playground|examples|scripts|node_modules)\//.test(file))).toEqual([]);
  });
});

describe("a CommonJS consumer compiled with tspc", () => {
  let nativeOutput: string;

  beforeAll(() => {
    const native = compile(cjsProject, "tsc", "tsconfig.json", "out/native");
    expect(native.output).toBe("");
    expect(native.status).toBe(0);
    nativeOutput = runProgram(cjsProject, "out/native");
  }, 120_000);

  it("has a meaningful native baseline", () => {
    // Guards the comparisons below against comparing two empty or broken runs.
    expect(nativeOutput).toContain(expectedResults);
    expect(nativeOutput).toContain("tick 25");
    expect(nativeOutput.trimEnd().endsWith("main done")).toBe(true);
  });

  it("lowers every marked function, leaves unmarked ones native, and prints what native prints", () => {
    const result = compile(cjsProject, "tspc", "tsconfig.json", "out/lowered");
    expect(result.output).toBe("");
    expect(result.status).toBe(0);
    for (const file of markedFiles) {
      const code = emittedCode(cjsProject, "out/lowered", file);
      expect(code, file).toMatch(/class \w+\$Machine\b/);
      expect(code, file).not.toMatch(/\basync\b/);
      expect(code, file).toContain(`require("stackless/runtime")`);
    }
    const arrowMachines = emittedCode(cjsProject, "out/lowered", "arrow.js").match(/class \w+\$Machine\b/g) ?? [];
    expect(arrowMachines).toHaveLength(3);
    const unmarked = emittedCode(cjsProject, "out/lowered", "unmarked.js");
    expect(unmarked).toMatch(/async function plainAsync\b/);
    expect(unmarked).not.toMatch(/\$Machine/);
    expect(runProgram(cjsProject, "out/lowered")).toBe(nativeOutput);
  }, 120_000);

  it("lowers every async function with lowerAll: true", () => {
    const result = compile(cjsProject, "tspc", "tsconfig.all.json", "out/all");
    expect(result.output).toBe("");
    expect(result.status).toBe(0);
    for (const file of readdirSync(join(cjsProject, "out/all")).filter((name) => name.endsWith(".js"))) {
      expect(emittedCode(cjsProject, "out/all", file), file).not.toMatch(/\basync\b/);
    }
    expect(emittedCode(cjsProject, "out/all", "unmarked.js")).toMatch(/class \w+\$Machine\b/);
    expect(emittedCode(cjsProject, "out/all", "main.js")).toMatch(/class \w+\$Machine\b/);
    expect(runProgram(cjsProject, "out/all")).toBe(nativeOutput);
  }, 120_000);

  it('with runtime: "global", runs on the stackless/runtime/script global build', () => {
    const result = compile(cjsProject, "tspc", "tsconfig.global.json", "out/global");
    expect(result.output).toBe("");
    expect(result.status).toBe(0);
    for (const file of markedFiles) {
      const code = emittedCode(cjsProject, "out/global", file);
      expect(code, file).toMatch(/class \w+\$Machine\b/);
      expect(code, file).not.toContain("stackless/runtime");
    }
    // `--require` resolves the package export from the consumer and runs the classic script
    // before the program, as a <script> tag would.
    expect(runProgram(cjsProject, "out/global", ["--require", "stackless/runtime/script"])).toBe(nativeOutput);
  }, 120_000);

  it("can run the installed `stackless lower` command", () => {
    const { bin } = JSON.parse(readFileSync(join(cjsProject, "node_modules/stackless/package.json"), "utf8")) as { bin: Record<string, string> };
    const result = run(process.execPath, [join("node_modules/stackless", bin.stackless!), "lower", "src/branch.ts"], cjsProject);
    expect(result.status, result.output).toBe(0);
    expect(result.stdout).toMatch(/class \w+\$Machine extends \$sl\.Machine/);
  });

  it("reports a bad plugin option as a diagnostic naming it, and still emits", () => {
    const result = compile(cjsProject, "tspc", "tsconfig.bad.json", "out/bad");
    // tsc prints every diagnostic code with its own "TS" prefix, so SL1002 shows as TS1002.
    expect(result.output).toMatch(/error (?:TS|SL)1\d{3}: /);
    expect(result.output).toContain("'runtime'");
    expect(result.output).toContain("cdn");
    expect(result.output).not.toMatch(/\n\s+at /); // a diagnostic, not a stack trace
    expect(existsSync(join(cjsProject, "out/bad/main.js"))).toBe(true);
    expect(runProgram(cjsProject, "out/bad")).toBe(nativeOutput);
  }, 120_000);
});

describe("an ES module consumer compiled with tspc", () => {
  it("imports the CommonJS runtime through its namespace and prints what native prints", () => {
    const native = compile(esmProject, "tsc", "tsconfig.json", "out/native");
    expect(native.output).toBe("");
    const nativeOutput = runProgram(esmProject, "out/native");
    expect(nativeOutput).toContain(expectedResults);

    const lowered = compile(esmProject, "tspc", "tsconfig.json", "out/lowered");
    expect(lowered.output).toBe("");
    expect(lowered.status).toBe(0);
    for (const file of markedFiles) {
      const code = emittedCode(esmProject, "out/lowered", file);
      expect(code, file).toMatch(/class \w+\$Machine\b/);
      expect(code, file).toMatch(/import \* as \$sl from "stackless\/runtime"/);
    }
    expect(runProgram(esmProject, "out/lowered")).toBe(nativeOutput);
  }, 120_000);
});
