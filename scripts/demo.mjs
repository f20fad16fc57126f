// The main job (`npm run demo`, after `npm run build`): compiles examples/basic with `tspc` and the
// stackless plugin entry, prints the lowered TypeScript of one function, then runs the program
// compiled natively (plain `tsc`) and lowered, shows both outputs and fails if they differ.
//
// The example's tsconfig names the plugin `stackless/transformer`, as a user's would. ts-patch
// resolves it from the example's folder, so the demo installs the freshly built package there
// first: examples/basic/node_modules/stackless holds a copy of package.json and a link to the
// repo's dist/ (a link to the repo root itself would make a directory cycle).

import { spawnSync } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, symlinkSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const require = createRequire(import.meta.url);
const example = join(repoRoot, "examples", "basic");
const nativeOut = join(example, "dist", "native");
const loweredOut = join(example, "dist", "lowered");
const shownFile = join(example, "src", "retry.ts");

function heading(text) {
  console.log(`\n=== ${text} ${"=".repeat(Math.max(0, 72 - text.length))}`);
}

/** Runs a compiler; prints its diagnostics and stops the demo when it fails. */
function compile(label, bin, args) {
  const run = spawnSync(process.execPath, [bin, ...args], { cwd: repoRoot, encoding: "utf8" });
  const output = (run.stdout + run.stderr).trim();
  if (output) console.log(output);
  if (run.status !== 0) {
    console.error(`demo: ${label} failed (exit ${run.status})`);
    process.exit(1);
  }
}

/** Runs a compiled program and returns its stdout; stops the demo if it fails. */
function runProgram(label, dir) {
  const run = spawnSync(process.execPath, [join(dir, "main.js")], { cwd: example, encoding: "utf8" });
  if (run.status !== 0) {
    console.error(run.stdout + run.stderr);
    console.error(`demo: the ${label} program failed (exit ${run.status})`);
    process.exit(1);
  }
  return run.stdout;
}

if (!existsSync(join(repoRoot, "dist", "transformer", "src", "plugin.js"))) {
  console.error("demo: dist/ is missing; run `npm run demo` (it builds first) or `npm run build`");
  process.exit(1);
}
rmSync(join(example, "dist"), { recursive: true, force: true });
installBuiltPackage();

/** Makes examples/basic/node_modules/stackless resolve to the built package, without npm. */
function installBuiltPackage() {
  const installed = join(example, "node_modules", "stackless");
  // fs.rmSync removes a symlink itself, never what it points to, so dist/ is safe here.
  rmSync(installed, { recursive: true, force: true });
  mkdirSync(installed, { recursive: true });
  copyFileSync(join(repoRoot, "package.json"), join(installed, "package.json"));
  symlinkSync(join(repoRoot, "dist"), join(installed, "dist"), "junction");
}

// 1. Compile twice: natively with plain tsc, lowered with tspc and the plugin entry.
heading("compile examples/basic");
compile("tsc", require.resolve("typescript/bin/tsc"), ["-p", example, "--outDir", nativeOut]);
console.log(`tsc  -> ${relative(repoRoot, nativeOut)}  (native async functions)`);
// ts-patch's `exports` hide bin/; find it next to its package.json.
const tspc = join(dirname(require.resolve("ts-patch/package.json")), "bin", "tspc.js");
compile("tspc", tspc, ["-p", example]);
const machines = readdirSync(loweredOut)
  .filter((file) => file.endsWith(".js"))
  .flatMap((file) => [...readFileSync(join(loweredOut, file), "utf8").matchAll(/class (\w+\$Machine)\b/g)].map((m) => `${file}: ${m[1]}`));
console.log(`tspc -> ${relative(repoRoot, loweredOut)}  (plugin "stackless/transformer"), machines emitted:`);
for (const machine of machines) console.log(`  ${machine}`);
// Every `/** ... @coroutine ... */` comment in the example marks one function to lower.
const tagged = readdirSync(join(example, "src"))
  .map((file) => readFileSync(join(example, "src", file), "utf8").match(/\/\*\*[\s\S]*?\*\//g) ?? [])
  .flat()
  .filter((doc) => /@coroutine\b/.test(doc)).length;
if (machines.length !== tagged) {
  console.error(`demo: the example marks ${tagged} functions with @coroutine, but tspc emitted ${machines.length} machine classes`);
  process.exit(1);
}

// 2. The lowered TypeScript of one function, through the `lower()` API from dist.
const { lower } = require(join(repoRoot, "dist", "transformer", "src", "index.js"));
heading(`lower(${relative(repoRoot, shownFile)})`);
const lowered = lower(readFileSync(shownFile, "utf8"), { fileName: shownFile });
console.log(lowered.code.trimEnd());
for (const d of lowered.diagnostics) console.log(`${d.fileName}(${d.line},${d.column}): ${d.category} SL${d.code}: ${d.message}`);

// 3. Run both builds and compare what they print.
const native = runProgram("native", nativeOut);
const loweredRun = runProgram("lowered", loweredOut);
heading("run: compiled by tsc (native async/await)");
process.stdout.write(native);
heading("run: compiled by tspc + stackless (lowered state machines)");
process.stdout.write(loweredRun);
heading("result");
if (native === loweredRun) {
  console.log(`same output natively and lowered (${native.trimEnd().split("\n").length} lines)`);
} else {
  console.log("OUTPUTS DIFFER: the lowered program does not behave like the native one");
  process.exit(1);
}
