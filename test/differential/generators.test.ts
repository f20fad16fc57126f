// Property-based differential testing of lowered generators (issue 4): random generator bodies
// (yields in statements and expressions, yield* over arrays and native generators, loops,
// if/else, try/catch/finally that yield, returns and throws) driven by random consumers that
// call next(v), throw(e) and return(v). Each program runs natively and lowered; the consumers'
// outcomes and the bodies' logs must be identical. STACKLESS_GEN_RUNS=N runs more.

import fc from "fast-check";
import ts from "typescript";
import { describe, expect, it } from "vitest";
import * as runtime from "../../runtime/src/index.js";
import { createTransformer } from "../../transformer/src/index.js";

type Stmt =
  | { k: "log"; n: number }
  | { k: "yield"; n: number }
  | { k: "yieldExpr"; n: number }
  | { k: "delegateArray"; n: number }
  | { k: "delegateNative"; n: number }
  | { k: "await"; n: number }
  | { k: "if"; n: number; then: Stmt[]; otherwise: Stmt[] }
  | { k: "loop"; n: number; body: Stmt[] }
  | { k: "try"; n: number; body: Stmt[]; handler: Stmt[] | null; finalizer: Stmt[] | null }
  | { k: "return"; n: number }
  | { k: "throw"; n: number };

type Action = { k: "next" | "throw" | "return"; n: number };

const leaf = (isAsync: boolean): fc.Arbitrary<Stmt> => fc.oneof(
  { weight: 3, arbitrary: fc.nat(99).map((n): Stmt => ({ k: "log", n })) },
  { weight: 4, arbitrary: fc.nat(99).map((n): Stmt => ({ k: "yield", n })) },
  { weight: 2, arbitrary: fc.nat(99).map((n): Stmt => ({ k: "yieldExpr", n })) },
  { weight: 1, arbitrary: fc.nat(99).map((n): Stmt => ({ k: "delegateArray", n })) },
  { weight: 1, arbitrary: fc.nat(99).map((n): Stmt => ({ k: "delegateNative", n })) },
  { weight: isAsync ? 2 : 0, arbitrary: fc.nat(99).map((n): Stmt => ({ k: "await", n })) },
  { weight: 1, arbitrary: fc.nat(99).map((n): Stmt => ({ k: "return", n })) },
  { weight: 1, arbitrary: fc.nat(99).map((n): Stmt => ({ k: "throw", n })) },
);

function statements(isAsync: boolean): fc.Arbitrary<Stmt[]> {
  const { block } = fc.letrec<{ stmt: Stmt; block: Stmt[] }>((tie) => ({
    stmt: fc.oneof(
      { depthSize: "small", withCrossShrink: true },
      leaf(isAsync),
      fc.record({ k: fc.constant("if" as const), n: fc.nat(99), then: tie("block"), otherwise: tie("block") }),
      fc.record({ k: fc.constant("loop" as const), n: fc.nat(99), body: tie("block") }),
      fc.record({
        k: fc.constant("try" as const), n: fc.nat(99), body: tie("block"),
        handler: fc.option(tie("block"), { nil: null }), finalizer: fc.option(tie("block"), { nil: null }),
      }).map((t) => (t.handler === null && t.finalizer === null ? { ...t, finalizer: [] } : t)),
    ) as fc.Arbitrary<Stmt>,
    block: fc.array(tie("stmt"), { maxLength: 4 }) as fc.Arbitrary<Stmt[]>,
  }));
  return block;
}

function print(body: Stmt[], indent = "  "): string {
  return body.map((s) => printStmt(s, indent)).join("\n");
}

function printStmt(s: Stmt, i: string): string {
  switch (s.k) {
    case "log": return `${i}log("s${s.n}");`;
    case "yield": return `${i}log("sent", yield ${s.n});`;
    case "yieldExpr": return `${i}log("sum", ${s.n} + (yield "y${s.n}") + tick("after y${s.n}"));`;
    case "delegateArray": return `${i}log("delegated", yield* [${s.n}, ${s.n + 1}]);`;
    case "delegateNative": return `${i}log("inner returned", yield* inner(${s.n}));`;
    case "await": return `${i}log("awaited", await Promise.resolve(${s.n}));`;
    case "if": return `${i}if (flip()) {\n${print(s.then, i + "  ")}\n${i}} else {\n${print(s.otherwise, i + "  ")}\n${i}}`;
    case "loop": return `${i}for (let i${s.n} = 0; i${s.n} < 2; i${s.n}++) {\n${i}  log("loop ${s.n}", i${s.n});\n${print(s.body, i + "  ")}\n${i}}`;
    case "try": {
      let out = `${i}try {\n${print(s.body, i + "  ")}\n${i}}`;
      if (s.handler) out += ` catch (e${s.n}) {\n${i}  log("caught ${s.n}", msg(e${s.n}));\n${print(s.handler, i + "  ")}\n${i}}`;
      if (s.finalizer) out += ` finally {\n${i}  log("finally ${s.n}");\n${print(s.finalizer, i + "  ")}\n${i}}`;
      return out;
    }
    case "return": return `${i}if (flip()) return "r${s.n}";`;
    case "throw": return `${i}if (flip()) throw new Error("t${s.n}");`;
  }
}

const prelude = `
const events: unknown[] = [];
export const log = (...values: unknown[]) => { events.push(values); };
export const take = () => events.splice(0);
let coin = 0;
export const flip = () => (coin = (coin * 7 + 3) % 11) % 2 === 0;
export const tick = (label: string) => { log(label); return 0; };
export const msg = (e: unknown) => (e instanceof Error ? e.message : String(e));
function* inner(n: number): Generator<number, string, unknown> {
  try {
    log("inner got", yield n);
    yield n + 1;
  } finally {
    log("inner finally");
  }
  return "inner " + n;
}
`;

function source(body: Stmt[], isAsync: boolean): string {
  const star = isAsync ? "async function*" : "function*";
  return `${prelude}\n/** @coroutine */\nexport ${star} main(): ${isAsync ? "AsyncGenerator" : "Generator"}<any, any, any> {\n${print(body)}\n  return "end";\n}\n`;
}

function load(code: string, lowered: boolean): Record<string, any> {
  const { outputText } = ts.transpileModule(code, {
    compilerOptions: { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.CommonJS },
    transformers: lowered ? { before: [createTransformer({}, ts)] } : undefined,
  });
  if (lowered && !outputText.includes("$Machine")) throw new Error("not lowered");
  const module = { exports: {} as Record<string, any> };
  new Function("module", "exports", "require", outputText)(module, module.exports, () => runtime);
  return module.exports;
}

/** Drives a generator with `actions`; every outcome and log, as data. */
async function drive(exports: Record<string, any>, actions: Action[], isAsync: boolean): Promise<unknown[]> {
  const outcomes: unknown[] = [];
  const g = exports["main"]();
  for (const action of actions) {
    const argument = action.k === "throw" ? new Error(`e${action.n}`) : action.n;
    try {
      const result = isAsync ? await g[action.k](argument) : g[action.k](argument);
      outcomes.push([action.k, result.value, result.done]);
    } catch (error) {
      outcomes.push([action.k, "threw", error instanceof Error ? error.message : String(error)]);
    }
    outcomes.push(exports["take"]());
  }
  return outcomes;
}

const actions = fc.array(fc.record({ k: fc.constantFrom("next" as const, "next" as const, "throw" as const, "return" as const), n: fc.nat(9) }), { minLength: 1, maxLength: 8 });
const runs = Number(process.env["STACKLESS_GEN_RUNS"] ?? 0);

describe("differential: random generators, native vs lowered", () => {
  for (const isAsync of [false, true]) {
    it(`${isAsync ? "async " : ""}generators with random consumers`, async () => {
      await fc.assert(
        fc.asyncProperty(statements(isAsync), actions, async (body, acts) => {
          const code = source(body, isAsync);
          const native = await drive(load(code, false), acts, isAsync);
          const lowered = await drive(load(code, true), acts, isAsync);
          expect(lowered, `program:\n${code}\nactions: ${JSON.stringify(acts)}`).toEqual(native);
        }),
        { seed: isAsync ? 4242 : 2424, numRuns: runs || (isAsync ? 150 : 300) },
      );
    }, 120_000);
  }
});
