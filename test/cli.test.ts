// The `stackless` command end to end: transformer/src/cli.ts is bundled once (esbuild, TypeScript
// left external as in the published package) and run as a child process on temporary files, so
// each test sees exactly what a user sees: stdout, stderr and the exit code.

import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync, mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { build } from "esbuild";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const repoRoot = resolve(__dirname, "..");
let work: string;
let cliPath: string;

const MARKED = `type Get = (url: string) => Promise<string>;

/** @coroutine */
export async function fetchTwo(get: Get): Promise<string> {
  const a = await get("/a");
  const b = await get("/b");
  return a + b;
}
`;

const TWO_FUNCTIONS = `${MARKED}
/** @coroutine */
export async function pause(): Promise<void> {
  await null;
}
`;

const UNMARKED = `export async function plain(): Promise<number> {
  return await Promise.resolve(1);
}
`;

// 'with' can never be lowered (SL1019); the diagnostic sits on the statement at line 5, column 3.
const WITH_STATEMENT = `declare const scope: { x: number };

/** @coroutine */
export async function bad(): Promise<number> {
  with (scope) {
    await null;
  }
  return 1;
}
`;

interface Outcome {
  status: number | null;
  stdout: string;
  stderr: string;
}

function stackless(...args: string[]): Outcome {
  // NODE_PATH finds the external `typescript` in the repository, as an installed package would.
  return run({ ...process.env, NODE_PATH: join(repoRoot, "node_modules") }, args);
}

function run(env: NodeJS.ProcessEnv, args: string[]): Outcome {
  const result = spawnSync(process.execPath, [cliPath, ...args], { cwd: work, env, encoding: "utf8", timeout: 60_000 });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

function file(name: string, text: string): string {
  const path = join(work, name);
  mkdirSync(resolve(path, ".."), { recursive: true });
  writeFileSync(path, text);
  return name;
}

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), "stackless-cli-"));
  cliPath = join(work, "bin", "cli.js");
  await build({
    entryPoints: [join(repoRoot, "transformer/src/cli.ts")],
    bundle: true,
    platform: "node",
    format: "cjs",
    target: "node20",
    outfile: cliPath,
    external: ["typescript"],
    logLevel: "error",
  });
  file("marked.ts", MARKED);
  file("two.ts", TWO_FUNCTIONS);
  file("unmarked.ts", UNMARKED);
  file("with.ts", WITH_STATEMENT);
  file("src/nested/deep.ts", MARKED);
}, 60_000);

afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

describe("stackless (no command)", () => {
  it("prints the overview on --help and exits 0", () => {
    const out = stackless("--help");
    expect(out.status).toBe(0);
    expect(out.stdout).toMatch(/^Usage: stackless <command>/);
    for (const command of ["lower", "graph", "check"]) expect(out.stdout).toContain(command);
  });

  it("prints the overview to stderr and exits 2 without a command", () => {
    const out = stackless();
    expect(out.status).toBe(2);
    expect(out.stdout).toBe("");
    expect(out.stderr).toMatch(/^Usage: stackless <command>/);
  });

  it("rejects an unknown command with exit 2", () => {
    const out = stackless("frobnicate", "marked.ts");
    expect(out.status).toBe(2);
    expect(out.stderr).toContain("unknown command 'frobnicate'");
  });

  it("says plainly that TypeScript is missing when it cannot be found (exit 2)", () => {
    const { NODE_PATH: _ignored, ...env } = process.env;
    const out = run(env, ["lower", "marked.ts"]);
    expect(out.status).toBe(2);
    expect(out.stderr).toBe("stackless: the 'typescript' package is needed next to stackless; install it with `npm install --save-dev typescript`\n");
  });

  it("answers `help <command>` like `<command> --help`", () => {
    expect(stackless("help", "graph").stdout).toBe(stackless("graph", "--help").stdout);
  });
});

describe.each(["lower", "graph", "check"])("stackless %s --help", (command) => {
  it("prints the command's usage, its options and exit codes, and exits 0", () => {
    const out = stackless(command, "--help");
    expect(out.status).toBe(0);
    expect(out.stdout).toMatch(new RegExp(`^Usage: stackless ${command} `));
    expect(out.stdout).toContain("--mode spec|task");
    expect(out.stdout).toContain("--preempt");
    expect(out.stdout).toContain("Exit codes:");
    expect(stackless(command, "-h").stdout).toBe(out.stdout);
  });
});

describe("stackless lower", () => {
  it("prints the lowered module: a state enum and a machine class", () => {
    const out = stackless("lower", "marked.ts");
    expect(out.stderr).toBe("");
    expect(out.status).toBe(0);
    expect(out.stdout).toContain("FetchTwo$State");
    expect(out.stdout).toMatch(/class FetchTwo\$Machine\b/);
    expect(out.stdout).toContain("stackless/runtime");
  });

  it("leaves an unmarked function alone, and lowers it with --lower-all", () => {
    const plain = stackless("lower", "unmarked.ts");
    expect(plain.status).toBe(0);
    expect(plain.stdout).not.toContain("$Machine");
    const all = stackless("lower", "--lower-all", "unmarked.ts");
    expect(all.status).toBe(0);
    expect(all.stdout).toContain("Plain$Machine");
  });

  it("heads each file's output with its name when given several", () => {
    const out = stackless("lower", "marked.ts", "unmarked.ts");
    expect(out.status).toBe(0);
    expect(out.stdout).toMatch(/^\/\/ ==> marked\.ts <==\n/);
    expect(out.stdout).toContain("// ==> unmarked.ts <==\n");
  });

  it("reads the runtime from globalThis with --runtime global", () => {
    const out = stackless("lower", "--runtime", "global", "marked.ts");
    expect(out.status).toBe(0);
    expect(out.stdout).not.toContain('from "stackless/runtime"');
    expect(out.stdout).toContain("globalThis");
  });

  it("writes files under --out, mirroring their folders, and prints nothing", () => {
    const out = stackless("lower", "marked.ts", "src/nested/deep.ts", "--out", "lowered");
    expect(out.status).toBe(0);
    expect(out.stdout).toBe("");
    expect(readFileSync(join(work, "lowered/marked.ts"), "utf8")).toContain("FetchTwo$Machine");
    expect(readFileSync(join(work, "lowered/src/nested/deep.ts"), "utf8")).toContain("FetchTwo$Machine");
  });

  it("reports diagnostics on stderr in TypeScript's format, still prints the code, and exits 1", () => {
    const out = stackless("lower", "with.ts");
    expect(out.status).toBe(1);
    expect(out.stderr).toMatch(/^with\.ts\(5,3\): error SL1\d{3}: .+'with'.+$/m);
    expect(out.stdout).toContain("async function bad"); // left as it was (design.md §6)
  });

  it("rejects bad flag values as usage errors (exit 2) before reading any file", () => {
    for (const args of [
      ["--mode", "eager", "marked.ts"],
      ["--preempt", "sometimes", "marked.ts"],
      ["--preempt", "budget=0", "marked.ts"],
      ["--runtime", "window", "marked.ts"],
      ["--frobnicate", "marked.ts"],
      [],
    ]) {
      const out = stackless("lower", ...args);
      expect(out.status, args.join(" ")).toBe(2);
      expect(out.stdout, args.join(" ")).toBe("");
      expect(out.stderr, args.join(" ")).toMatch(/^stackless: .+\nRun 'stackless lower --help' for usage\.\n$/);
    }
  });

  it("accepts the pre-emption and mode flags it documents", () => {
    for (const args of [["--preempt", "calls,loops,budget=100,slice=2"], ["--preempt", "off"], ["--mode", "spec"], ["--mode", "task"]]) {
      const out = stackless("lower", ...args, "marked.ts");
      // Exit 1 is allowed: a mode or option the transformer cannot honour yet is a diagnostic.
      expect([0, 1], `${args.join(" ")}: ${out.stderr}`).toContain(out.status);
      expect(out.stderr).not.toContain("internal error");
    }
  });

  it("exits 2 with a clear message for a missing file, and writes nothing", () => {
    const out = stackless("lower", "marked.ts", "nope.ts", "--out", "never");
    expect(out.status).toBe(2);
    expect(out.stderr).toBe("stackless: cannot read 'nope.ts': no such file\n");
    expect(existsSync(join(work, "never"))).toBe(false);
  });
});

describe("stackless check", () => {
  it("prints nothing and exits 0 for a file without problems", () => {
    const out = stackless("check", "marked.ts", "unmarked.ts");
    expect(out).toEqual({ status: 0, stdout: "", stderr: "" });
  });

  it("prints each diagnostic as file(line,col): error SL1xxx: message and exits 1", () => {
    const out = stackless("check", "marked.ts", "with.ts");
    expect(out.status).toBe(1);
    const lines = out.stdout.trimEnd().split("\n");
    expect(lines.length).toBeGreaterThan(0);
    for (const line of lines) expect(line).toMatch(/^with\.ts\(\d+,\d+\): (error|warning) SL1\d{3}: \S.*$/);
    expect(out.stdout).toMatch(/^with\.ts\(5,3\): error SL1\d{3}: /m);
  });

  it("is a usage error without files", () => {
    expect(stackless("check").status).toBe(2);
  });
});

describe("stackless graph", () => {
  it("prints a dot digraph by default, one node per state", () => {
    const out = stackless("graph", "marked.ts");
    expect(out.status).toBe(0);
    expect(out.stdout).toMatch(/^digraph stackless \{/);
    expect(out.stdout).toContain('"fetchTwo.Start"');
    expect(out.stdout).toMatch(/"fetchTwo\.Start" -> "fetchTwo\.\w+" \[label="\w+"/);
    expect(out.stdout.trimEnd().endsWith("}")).toBe(true);
  });

  it("prints a Mermaid state diagram with --format mermaid", () => {
    const out = stackless("graph", "marked.ts", "--format", "mermaid");
    expect(out.status).toBe(0);
    expect(out.stdout).toMatch(/^stateDiagram-v2\n/);
    expect(out.stdout).toContain("[*] --> fetchTwo__Start");
  });

  it("prints one self-contained SVG with --format svg, a group per state", () => {
    const out = stackless("graph", "marked.ts", "--format", "svg");
    expect(out.status).toBe(0);
    expect(out.stdout).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
    expect(out.stdout).toContain('data-state="Start"');
    expect(out.stdout.trimEnd().endsWith("</svg>")).toBe(true);
  });

  it("draws every lowered function, or only the one named by --function", () => {
    const all = stackless("graph", "two.ts");
    expect(all.stdout).toContain('"fetchTwo.Start"');
    expect(all.stdout).toContain('"pause.Start"');
    const one = stackless("graph", "two.ts", "--function", "pause");
    expect(one.status).toBe(0);
    expect(one.stdout).toContain('"pause.Start"');
    expect(one.stdout).not.toContain("fetchTwo");
  });

  it("exits 2 for an unknown --function, naming the functions there are", () => {
    const out = stackless("graph", "two.ts", "--function", "nope");
    expect(out.status).toBe(2);
    expect(out.stderr).toContain("no lowered function named 'nope'");
    expect(out.stderr).toContain("'fetchTwo', 'pause'");
  });

  it("exits 1 when nothing in the file was lowered", () => {
    const out = stackless("graph", "unmarked.ts");
    expect(out.status).toBe(1);
    expect(out.stdout).toBe("");
    expect(out.stderr).toContain("no function was lowered");
  });

  it("exits 2 for a bad format or a wrong number of files", () => {
    expect(stackless("graph", "marked.ts", "--format", "png").status).toBe(2);
    expect(stackless("graph", "marked.ts", "two.ts").status).toBe(2);
    expect(stackless("graph").status).toBe(2);
  });
});
