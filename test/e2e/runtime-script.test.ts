// The classic-script build of the runtime (`stackless/runtime/script`): built into a temp dir by
// the same script `npm run build` runs, loaded into a fresh `vm` context, checked for its
// globals, and used to drive a hand-written machine against the native async function it stands for.

import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import * as vm from "node:vm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const repoRoot = resolve(__dirname, "../..");
let workDir: string;
let scriptText: string;

beforeAll(() => {
  workDir = mkdtempSync(join(tmpdir(), "stackless-runtime-script-"));
  const outfile = join(workDir, "stackless.js");
  execFileSync(process.execPath, [join(repoRoot, "scripts/build-runtime-script.mjs"), "--outfile", outfile], { stdio: "pipe" });
  scriptText = readFileSync(outfile, "utf8");
}, 60_000);

afterAll(() => {
  if (workDir) rmSync(workDir, { recursive: true, force: true });
});

/** A fresh context with nothing but the script loaded into it (and `log` for the programs below). */
function loadIntoFreshContext(): { context: vm.Context; globalsAdded: string[] } {
  const context = vm.createContext({});
  const before = new Set(vm.runInContext("Object.getOwnPropertyNames(globalThis)", context) as string[]);
  new vm.Script(scriptText, { filename: "stackless.js" }).runInContext(context);
  const after = vm.runInContext("Object.getOwnPropertyNames(globalThis)", context) as string[];
  return { context, globalsAdded: after.filter((name) => !before.has(name)) };
}

// `add(a, b)` awaits twice; the machine below is what the transformer would make of it. Both
// run in the same context next to a `.then` ticker, so the logs also compare microtask timing.
const program = `
  async function nativeAdd(log, a, b) {
    log.push("start");
    const x = await a;
    log.push("after a " + x);
    const y = await b;
    log.push("after b " + y);
    return x + y;
  }

  class Add$Machine extends stackless.Machine {
    constructor(log, a, b) { super(); this.log = log; this.a = a; this.b = b; this.x = 0; }
    resume(kind, input) {
      switch (this.state) {
        case 0:
          this.log.push("start");
          this.state = 1; return this.await(this.a);
        case 1:
          if (kind === stackless.ResumeKind.Throw) throw input;
          this.x = input;
          this.log.push("after a " + this.x);
          this.state = 2; return this.await(this.b);
        case 2: {
          if (kind === stackless.ResumeKind.Throw) throw input;
          const y = input;
          this.log.push("after b " + y);
          this.state = 3; return this.done(this.x + y);
        }
      }
      throw new Error("resumed in state " + this.state);
    }
  }
  function loweredAdd(log, a, b) { return stackless.spec(new Add$Machine(log, a, b)); }

  // Runs one implementation next to a chain of .then ticks and logs when each tick and the
  // result happen; the returned log is what native and lowered must agree on.
  async function trace(add, a, b) {
    const log = [];
    let ticks = 0;
    const ticker = (n) => { log.push("tick " + ++ticks); if (n > 1) return Promise.resolve(n - 1).then(ticker); };
    Promise.resolve(6).then(ticker);
    const result = add(log, a(), b());
    log.push("returned " + (result instanceof Promise ? "a native Promise" : typeof result));
    try { log.push("result " + await result); } catch (error) { log.push("threw " + error.message); }
    await new Promise((done) => setTimeoutLike(done));
    return log;
  }
  // A vm context has no timers: drain a generous number of microtasks instead.
  function setTimeoutLike(done) { let p = Promise.resolve(); for (let i = 0; i < 50; i++) p = p.then(() => {}); p.then(done); }
`;

describe("stackless/runtime/script", () => {
  it("defines globalThis.stackless and no other global", () => {
    const { context, globalsAdded } = loadIntoFreshContext();
    expect(globalsAdded).toEqual(["stackless"]);
    expect(vm.runInContext("typeof stackless.spec", context)).toBe("function");
    expect(vm.runInContext("typeof stackless.Machine", context)).toBe("function");
    expect(vm.runInContext("stackless.PROTOCOL_VERSION", context)).toBe(1);
    expect(vm.runInContext("[stackless.ResumeKind.Next, stackless.ResumeKind.Throw]", context)).toEqual([0, 1]);
  });

  it("exposes the same names and protocol version as the module runtime", async () => {
    const moduleRuntime = await import("../../runtime/src/index.js");
    const { context } = loadIntoFreshContext();
    const scriptNames = vm.runInContext("Object.keys(stackless).sort()", context) as string[];
    // const enums exist at runtime only in the bundle; compare the value exports.
    const valueNames = Object.keys(moduleRuntime).sort();
    expect(scriptNames).toEqual(expect.arrayContaining(valueNames));
    expect(vm.runInContext("stackless.PROTOCOL_VERSION", context)).toBe(moduleRuntime.PROTOCOL_VERSION);
  });

  it("drives a hand-written two-await machine to the same result and tick order as native", async () => {
    const { context } = loadIntoFreshContext();
    vm.runInContext(program, context);
    const cases: Array<[string, string]> = [
      ["() => 1", "() => Promise.resolve(2)"],
      ["() => Promise.resolve(40)", "() => ({ then(r) { r(2); } })"],
    ];
    for (const [a, b] of cases) {
      const native = await vm.runInContext(`trace(nativeAdd, ${a}, ${b})`, context);
      const lowered = await vm.runInContext(`trace(loweredAdd, ${a}, ${b})`, context);
      expect(lowered).toEqual(native);
    }
    const log = (await vm.runInContext(`trace(loweredAdd, () => 1, () => Promise.resolve(2))`, context)) as string[];
    // Guard against a trace that compares nothing: it ran eagerly and produced the sum.
    expect(log[0]).toBe("start");
    expect(log).toContain("returned a native Promise");
    expect(log).toContain("result 3");
  });

  it("rejects the returned promise when an awaited promise rejects, as native does", async () => {
    const { context } = loadIntoFreshContext();
    vm.runInContext(program, context);
    const a = "() => 1";
    const b = `() => Promise.reject(new Error("no b"))`;
    const native = await vm.runInContext(`trace(nativeAdd, ${a}, ${b})`, context);
    const lowered = (await vm.runInContext(`trace(loweredAdd, ${a}, ${b})`, context)) as string[];
    expect(lowered).toEqual(native);
    expect(lowered).toContain("threw no b");
  });
});
