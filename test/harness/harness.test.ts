// Tests of the fixture harness itself, independent of the transformer: discovery and option
// merging, the exec recorder (values, errors, microtask interleaving, time limit), the diff, the
// diagnostics renderer, and that a mismatching or un-lowered variant really fails the check.

import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { compileModule } from "./compile.js";
import { describeDiff } from "./diff.js";
import { discoverFixtures, FixtureTreeError, type FixtureCase } from "./discover.js";
import { checkExec, ExecMismatchError } from "./fixture-case.js";
import { runExec, showsSomething } from "./exec-run.js";
import { formatThrown, formatValue } from "./format.js";
import { renderDiagnostics } from "./render-diagnostics.js";
import { Sandbox, SandboxResolveError } from "./sandbox.js";

const tmpRoot = fs.mkdtempSync(path.join(os.tmpdir(), "stackless-harness-"));
afterAll(() => fs.rmSync(tmpRoot, { recursive: true, force: true }));

/** Writes `files` (relative path → text) under a fresh folder and returns it. */
function writeTree(name: string, files: Record<string, string>): string {
  const root = path.join(tmpRoot, name);
  for (const [relative, text] of Object.entries(files)) {
    const file = path.join(root, relative);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, text);
  }
  return root;
}

/** Runs `exec` against `input` compiled natively, in a case folder of its own. */
async function runNative(name: string, input: string, exec: string, timeLimitMs?: number): Promise<string[]> {
  const dir = writeTree(name, { "input.ts": input, "exec.ts": exec });
  return runExec({
    caseDir: dir,
    inputJs: compileModule(input, path.join(dir, "input.ts")),
    execJs: compileModule(exec, path.join(dir, "exec.ts")),
    ...(timeLimitMs === undefined ? {} : { timeLimitMs }),
  });
}

const twoAwaits = `
export async function f(log: (...v: unknown[]) => void, x: number): Promise<number> {
  log("start", x);
  const a = await x;
  log("after first", a);
  const b = await Promise.resolve(a + 1);
  log("after second", b);
  return a + b;
}`;
const execTwoAwaits = `
import { f } from "./input";
export default async function run(log: (...values: unknown[]) => void): Promise<unknown> {
  const p = f(log, 1);
  log("called");
  return await p;
}`;

describe("discoverFixtures", () => {
  it("finds case folders and merges options.json from parent to case", () => {
    const root = writeTree("discover", {
      "options.json": `{ "lowerAll": true }`,
      "loops/options.json": `{ "mode": "spec", "expectLowered": false }`,
      "loops/while/input.ts": "export {};",
      "loops/while/exec.ts": "export {};",
      "loops/for/options.json": `{ "lowerAll": false, "typecheck": false, "typecheckReason": "pins a known gap" }`,
      "loops/for/input.ts": "export {};",
      "not-a-case/readme.md": "",
    });
    const cases = discoverFixtures(root);
    expect(cases.map((c) => c.id)).toEqual(["loops/for", "loops/while"]);
    const [forCase, whileCase] = cases as [FixtureCase, FixtureCase];
    expect(whileCase.options).toEqual({ lowerAll: true, mode: "spec" });
    expect(whileCase.harness).toEqual({ expectLowered: false });
    expect(whileCase.execPath).toBe(path.join(root, "loops/while/exec.ts"));
    expect(forCase.options).toEqual({ lowerAll: false, mode: "spec" });
    expect(forCase.harness).toEqual({ expectLowered: false, typecheck: false, typecheckReason: "pins a known gap" });
    expect(forCase.execPath).toBeUndefined();
  });

  it("rejects a type-check opt-out without a reason, and malformed options.json", () => {
    const noReason = writeTree("no-reason", { "a/options.json": `{ "typecheck": false }`, "a/input.ts": "" });
    expect(() => discoverFixtures(noReason)).toThrow(FixtureTreeError);
    const badJson = writeTree("bad-json", { "a/options.json": `{ lowerAll: true }`, "a/input.ts": "" });
    expect(() => discoverFixtures(badJson)).toThrow(/not valid JSON/);
    const notObject = writeTree("not-object", { "a/options.json": `[1]`, "a/input.ts": "" });
    expect(() => discoverFixtures(notObject)).toThrow(/JSON object/);
  });
});

describe("runExec", () => {
  it("records logs, the concurrent ticker and the returned value in order", async () => {
    const events = await runNative("two-awaits", twoAwaits, execTwoAwaits);
    expect(events).toEqual([
      "log 'start' 1",
      "log 'called'",
      "tick 1",
      "log 'after first' 1",
      "tick 2",
      "log 'after second' 2",
      "tick 3",
      "tick 4", // run's own `await p` takes one more tick
      "return 3",
    ]);
  });

  it("sees one extra microtask tick", async () => {
    const oneAwait = `export async function g(): Promise<number> { await null; return 1; }`;
    const twoAwaitsOnly = `export async function g(): Promise<number> { await null; await null; return 1; }`;
    const exec = `import { g } from "./input";
export default async function run(log: (...v: unknown[]) => void) { log("go"); log(await g()); }`;
    const a = await runNative("tick-a", oneAwait, exec);
    const b = await runNative("tick-b", twoAwaitsOnly, exec);
    expect(a).not.toEqual(b);
    expect(describeDiff(a, b)).toContain("tick");
  });

  it("records a rejection as name and message, without stack frames", async () => {
    const input = `export async function boom(): Promise<never> { await 0; throw new RangeError("too far"); }`;
    const exec = `import { boom } from "./input";
export default async function run(log: (...v: unknown[]) => void) {
  try { await boom(); } catch (e) { log("caught", e); }
  await boom();
}`;
    const events = await runNative("rejects", input, exec);
    expect(events.filter((line) => !line.startsWith("tick"))).toEqual(["log 'caught' [RangeError: too far]", "throw RangeError: too far"]);
    expect(events.join("\n")).not.toMatch(/\bat /);
  });

  it("records a synchronous throw from run", async () => {
    const exec = `export default function run(log: (...v: unknown[]) => void): Promise<unknown> { log(1); throw new TypeError("sync"); }`;
    expect(await runNative("sync-throw", "export {};", exec)).toEqual(["log 1", "throw synchronously TypeError: sync"]);
  });

  it("bounds a run that never settles", async () => {
    const exec = `export default async function run(log: (...v: unknown[]) => void) { log("wait"); await new Promise(() => {}); }`;
    const events = await runNative("hang", "export {};", exec, 50);
    expect(events[0]).toBe("log 'wait'");
    expect(events.at(-1)).toBe("timeout: run did not settle within 50 ms");
  });

  it("allows timers and records what happens after them", async () => {
    const exec = `export default async function run(log: (...v: unknown[]) => void) {
  await new Promise((resolve) => setTimeout(resolve, 5));
  log("after timer");
  return [1, { a: "x" }];
}`;
    const events = await runNative("timer", "export {};", exec);
    expect(events.slice(-2)).toEqual(["log 'after timer'", "return [ 1, { a: 'x' } ]"]);
  });

  it("rejects an exec.ts without a default run function", async () => {
    await expect(runNative("no-default", "export {};", "export const x = 1;")).rejects.toThrow(/export default async function run/);
  });
});

describe("Sandbox", () => {
  it("gives each sandbox its own module instances and globals", () => {
    const dir = writeTree("isolated", { "state.ts": "export let n = 0; export function bump() { return ++n; }" });
    const a = new Sandbox();
    const b = new Sandbox();
    const stateA = a.load(path.join(dir, "state.ts")) as { bump(): number };
    const stateB = b.load(path.join(dir, "state.ts")) as { bump(): number };
    expect([stateA.bump(), stateA.bump(), stateB.bump()]).toEqual([1, 2, 1]);
    a.evaluate("globalThis.leak = 1", "leak.js");
    expect(b.evaluate("typeof globalThis.leak", "check.js")).toBe("undefined");
  });

  it("maps stackless/runtime to the runtime source, and globalThis.stackless on request", () => {
    const dir = writeTree("runtime-map", { "uses.ts": `import * as $sl from "stackless/runtime"; export const v = $sl.PROTOCOL_VERSION;` });
    const plain = new Sandbox();
    expect((plain.load(path.join(dir, "uses.ts")) as { v: unknown }).v).toBe(1);
    expect(plain.evaluate("typeof globalThis.stackless", "check.js")).toBe("undefined");
    const global = new Sandbox({ runtimeGlobal: true });
    expect(global.evaluate("typeof globalThis.stackless.spec", "check.js")).toBe("function");
  });

  it("refuses modules outside the fixture, the runtime and Node builtins", () => {
    const dir = writeTree("unresolvable", {
      "a.ts": `import "vitest"; export {};`,
      "b.ts": `import * as fs from "node:fs"; export const ok = typeof fs.readFileSync;`,
    });
    const sandbox = new Sandbox();
    expect(() => sandbox.load(path.join(dir, "a.ts"))).toThrow(SandboxResolveError);
    expect((sandbox.load(path.join(dir, "b.ts")) as { ok: unknown }).ok).toBe("function");
  });
});

describe("checkExec", () => {
  const dir = writeTree("check-exec", { "input.ts": twoAwaits, "exec.ts": execTwoAwaits });
  const fixture: FixtureCase = {
    id: "harness/check-exec",
    dir,
    inputPath: path.join(dir, "input.ts"),
    outputPath: path.join(dir, "output.ts"),
    errorsPath: path.join(dir, "errors.txt"),
    execPath: path.join(dir, "exec.ts"),
    execDiffPath: path.join(dir, "exec-diff.txt"),
    options: {},
    harness: {},
  };
  const native = compileModule(twoAwaits, fixture.inputPath);
  // Stands in for a lowered variant: marked as a machine, behaving exactly as native.
  const sameButMarked = `${native}\nclass F$Machine {}`;

  it("passes when both variants log the same events", async () => {
    await checkExec(fixture, { native, lowered: sameButMarked });
  });

  it("fails with a diff when the second variant behaves differently", async () => {
    const different = compileModule(twoAwaits.replace("a + b", "a * b"), fixture.inputPath) + "\nclass F$Machine {}";
    const failure = checkExec(fixture, { native, lowered: different });
    await expect(failure).rejects.toThrow(ExecMismatchError);
    await expect(failure).rejects.toThrow(/- return 3\n\+ return 2/);
  });

  it("fails when the lowered variant was not lowered at all", async () => {
    await expect(checkExec(fixture, { native, lowered: native })).rejects.toThrow(/contains no machine/);
  });

  it("accepts exactly the difference pinned in exec-diff.txt, with a reason, and nothing else", async () => {
    const different = compileModule(twoAwaits.replace("a + b", "a * b"), fixture.inputPath) + "\nclass F$Machine {}";
    const pinnedDir = writeTree("check-exec-pinned", { "input.ts": twoAwaits, "exec.ts": execTwoAwaits });
    const pinned: FixtureCase = {
      ...fixture,
      dir: pinnedDir,
      execPath: path.join(pinnedDir, "exec.ts"),
      execDiffPath: path.join(pinnedDir, "exec-diff.txt"),
    };
    const failure = await checkExec(pinned, { native, lowered: different }).catch((error: Error) => error);
    const diff = (failure as Error).message.split("\n").slice(1).join("\n");
    fs.writeFileSync(pinned.execDiffPath, `${diff}\n`);
    await expect(checkExec(pinned, { native, lowered: different })).rejects.toThrow(/start with '#' lines/);
    fs.writeFileSync(pinned.execDiffPath, `# known gap, README "Gaps"\n${diff}\n`);
    await checkExec(pinned, { native, lowered: different });
    await expect(checkExec(pinned, { native, lowered: sameButMarked })).rejects.toThrow(/now agree: delete exec-diff.txt/);
    const other = compileModule(twoAwaits.replace("a + b", "a - b"), fixture.inputPath) + "\nclass F$Machine {}";
    await expect(checkExec(pinned, { native, lowered: other })).rejects.toThrow(/pinned in exec-diff.txt changed/);
  });

  it("accepts an un-lowered variant when the case says expectLowered: false", async () => {
    await checkExec({ ...fixture, harness: { expectLowered: false } }, { native, lowered: native });
  });
});

describe("describeDiff", () => {
  it("is undefined for equal logs and folds long equal runs", () => {
    expect(describeDiff(["a", "b"], ["a", "b"])).toBeUndefined();
    const a = ["x", "1", "2", "3", "4", "5", "6", "7", "8", "9", "y"];
    const b = ["x", "1", "2", "3", "4", "5", "6", "7", "8", "9", "z"];
    expect(describeDiff(a, b)).toBe(["--- native", "+++ lowered", "  ... 7 equal lines ...", "  7", "  8", "  9", "- y", "+ z"].join("\n"));
  });
});

describe("format", () => {
  it("prints errors without frames and values deterministically", () => {
    const error = new Error("outer", { cause: new TypeError("inner") });
    expect(formatValue({ e: new RangeError("r") })).toBe("{ e: [RangeError: r] }");
    expect(formatValue(error)).toBe("{ [Error: outer] [cause]: [TypeError: inner] }");
    expect(error.stack).toMatch(/\n\s+at /); // the stack is put back after printing
    expect(formatValue(error)).not.toMatch(/\bat /);
    expect(formatThrown(error)).toBe("Error: outer");
    expect(formatThrown("plain")).toBe("'plain'");
    expect(formatValue(new Map([[1, [2, 3]]]))).toBe("Map(1) { 1 => [ 2, 3 ] }");
  });
});

describe("renderDiagnostics", () => {
  it("renders TypeScript-style lines with an underline under the span", () => {
    const source = "export {};\n/** @coroutine */\n\tfunction* gen() {}\n";
    const start = source.indexOf("function*");
    const text = renderDiagnostics(source, [
      {
        code: 1001,
        category: "error",
        message: "Generators cannot be lowered yet.",
        fileName: "input.ts",
        start,
        length: 9,
        line: 3,
        column: 2,
      },
    ]);
    expect(text).toBe("input.ts(3,2): error SL1001: Generators cannot be lowered yet.\n\tfunction* gen() {}\n\t~~~~~~~~~\n");
  });

  it("says so when a diagnostic's line/column disagree with its offset", () => {
    const text = renderDiagnostics("let x = 1;\n", [
      { code: 1002, category: "warning", message: "m", fileName: "input.ts", start: 4, length: 1, line: 1, column: 1 },
    ]);
    expect(text).toContain("(position mismatch: offset 4 is at 1,5)");
  });
});

describe("Sandbox syntax errors", () => {
  it("names the file and shows the offending line", () => {
    const dir = writeTree("syntax", {});
    const file = path.join(dir, "input.ts");
    const sandbox = new Sandbox({ overrides: new Map([[file, "const ok = 1;\nt3 = ;\n"]]) });
    expect(() => sandbox.load(file)).toThrow(/input\.ts is not valid JavaScript: Unexpected token ';'\n[^]*t3 = ;/);
  });
});

describe("showsSomething", () => {
  it("accepts a log or a meaningful outcome, and rejects a run that shows nothing", () => {
    expect(showsSomething(["tick 1", "return undefined"])).toBe(false);
    expect(showsSomething(["log 1", "return undefined"])).toBe(true);
    expect(showsSomething(["tick 1", "return 'rejected: ReferenceError'"])).toBe(true);
    expect(showsSomething(["throw Error: x"])).toBe(true);
  });
});
