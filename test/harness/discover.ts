// Finds the fixture cases under fixtures/ (style.md HS-10): every folder holding an `input.ts`
// is a case, and its options are the `options.json` files from fixtures/ down to the case,
// merged parent first. Harness-only keys are split off before options reach the transformer.

import * as fs from "node:fs";
import * as path from "node:path";
import type { Options } from "../../transformer/src/options.js";

/** The repository root (this file lives in test/harness/). */
export const repoRoot = path.resolve(__dirname, "..", "..");
/** Where the fixture tree lives. */
export const fixturesRoot = path.join(repoRoot, "fixtures");

/** Keys of options.json that steer the harness; everything else goes to the transformer. */
export interface HarnessOptions {
  /** `false` opts the case's output.ts out of the strict type check; needs `typecheckReason`. */
  typecheck?: boolean;
  /** Why the output is not expected to type-check (required when `typecheck` is false). */
  typecheckReason?: string;
  /**
   * `false` for cases where nothing is lowered on purpose (diagnostics, unmarked functions), so
   * the exec check does not demand a `$Machine` in the lowered variant.
   */
  expectLowered?: boolean;
  /**
   * `false` leaves the microtask ticker out of the comparison: task mode runs on the executor,
   * whose ordering is its own (design.md §2), while values, errors and the order of side
   * effects must still match native.
   */
  compareTicks?: boolean;
  /**
   * `true` compiles input.ts as TypeScript emits a script under `alwaysStrict: false` (no
   * `"use strict"`), natively and lowered, so sloppy-mode rules can be compared. input.ts must
   * then be a script (no import/export; it exports through `module.exports`).
   */
  sloppy?: boolean;
}

const harnessKeys: ReadonlySet<string> = new Set(["typecheck", "typecheckReason", "expectLowered", "compareTicks", "sloppy"]);

/** One fixture case folder and everything the harness needs to know about it. */
export interface FixtureCase {
  /** Path relative to fixtures/, with `/` separators: `await/basic`. */
  id: string;
  dir: string;
  inputPath: string;
  outputPath: string;
  errorsPath: string;
  /** Absent when the case has no exec.ts. */
  execPath: string | undefined;
  /** A known, accepted difference between the native and lowered runs (see fixture-case.ts). */
  execDiffPath: string;
  /** What goes to the transformer (`lower`, `inspect`, `createTransformer`). */
  options: Options;
  harness: HarnessOptions;
}

/** Thrown for a malformed fixture tree: a bad options.json, or a reason-less opt-out. */
export class FixtureTreeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "FixtureTreeError";
  }
}

function readOptionsFile(dir: string): Record<string, unknown> {
  const file = path.join(dir, "options.json");
  if (!fs.existsSync(file)) return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(fs.readFileSync(file, "utf8"));
  } catch (error) {
    throw new FixtureTreeError(`${path.relative(repoRoot, file)}: not valid JSON (${(error as Error).message})`);
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
    throw new FixtureTreeError(`${path.relative(repoRoot, file)}: must hold a JSON object`);
  }
  return parsed as Record<string, unknown>;
}

/** Splits merged options.json contents into transformer options and harness options. */
export function splitOptions(merged: Record<string, unknown>, where: string): { options: Options; harness: HarnessOptions } {
  const options: Record<string, unknown> = {};
  const harness: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(merged)) {
    (harnessKeys.has(key) ? harness : options)[key] = value;
  }
  const h = harness as HarnessOptions;
  if (h.typecheck === false && (typeof h.typecheckReason !== "string" || h.typecheckReason.trim() === "")) {
    throw new FixtureTreeError(`${where}: "typecheck": false needs a "typecheckReason" string saying why`);
  }
  return { options: options as Options, harness: h };
}

function collect(root: string, dir: string, inherited: Record<string, unknown>, out: FixtureCase[]): void {
  const merged = { ...inherited, ...readOptionsFile(dir) };
  const inputPath = path.join(dir, "input.ts");
  if (fs.existsSync(inputPath)) {
    const id = path.relative(root, dir).split(path.sep).join("/");
    const execPath = path.join(dir, "exec.ts");
    out.push({
      id,
      dir,
      inputPath,
      outputPath: path.join(dir, "output.ts"),
      errorsPath: path.join(dir, "errors.txt"),
      execPath: fs.existsSync(execPath) ? execPath : undefined,
      execDiffPath: path.join(dir, "exec-diff.txt"),
      ...splitOptions(merged, `fixtures/${id}`),
    });
    return; // a case folder has no nested cases
  }
  const children = fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
  for (const child of children) collect(root, path.join(dir, child), merged, out);
}

/** Every case under `root` (default fixtures/), sorted by id. */
export function discoverFixtures(root: string = fixturesRoot): FixtureCase[] {
  const out: FixtureCase[] = [];
  if (fs.existsSync(root)) collect(root, root, {}, out);
  return out;
}
