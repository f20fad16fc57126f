// Unit tests for the playground's pure logic, run in Node: source-map decoding, following offsets
// through prettier's reformatting, the URL state, finding a state's `case`, and log formatting.

import * as prettier from "prettier/standalone";
import * as estreePlugin from "prettier/plugins/estree";
import * as typescriptPlugin from "prettier/plugins/typescript";
import fc from "fast-check";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";
import { lower } from "../../transformer/src/index.js";
import { caseRange, outputRangesForSource, sourceOffsetsForOutput } from "../../playground/src/mapping.js";
import { DEFAULT_OPTIONS } from "../../playground/src/protocol.js";
import { formatLogValue } from "../../playground/src/run/inspect-value.js";
import { alignTokens, OffsetRemapper, tokenize } from "../../playground/src/transform/remap.js";
import { decodeMappings, lineStarts, offsetAt } from "../../playground/src/transform/source-map.js";
import { decodeUrlState, encodeUrlState } from "../../playground/src/url-state.js";

describe("decodeMappings", () => {
  it("decodes VLQ segments with per-line generated columns and running source positions", () => {
    // AAAA: (0,0)→(0,0); next line AACA: (1,0)→(1,0); EAAE: column +2 → (1,2)→(1,2); gACf: (1,18)→(2,-... ) etc.
    expect(decodeMappings("AAAA;AACA,EAAE")).toEqual([
      { genLine: 0, genColumn: 0, srcLine: 0, srcColumn: 0 },
      { genLine: 1, genColumn: 0, srcLine: 1, srcColumn: 0 },
      { genLine: 1, genColumn: 2, srcLine: 1, srcColumn: 2 },
    ]);
  });

  it("decodes negative deltas and multi-digit values, and skips segments without a source", () => {
    // "gB" = 16, "D" = -1, "A" (1 field, no source) is dropped.
    expect(decodeMappings("gBAAgB,A,CAAD")).toEqual([
      { genLine: 0, genColumn: 16, srcLine: 0, srcColumn: 16 },
      { genLine: 0, genColumn: 17, srcLine: 0, srcColumn: 15 },
    ]);
  });

  it("agrees with the positions in a map TypeScript wrote", () => {
    const source = "const answer: number = 42;\nexport function twice(x: number) {\n  return answer * x;\n}\n";
    const out = ts.transpileModule(source, { compilerOptions: { sourceMap: true, target: ts.ScriptTarget.ES2022 } });
    const map = JSON.parse(out.sourceMapText!) as { mappings: string };
    const code = out.outputText;
    const codeStarts = lineStarts(code);
    const sourceStarts = lineStarts(source);
    // Every mapped identifier in the output is the same identifier in the source.
    let checked = 0;
    for (const segment of decodeMappings(map.mappings)) {
      const generated = offsetAt(codeStarts, code.length, segment.genLine, segment.genColumn);
      const original = offsetAt(sourceStarts, source.length, segment.srcLine, segment.srcColumn);
      const word = /^[A-Za-z_]\w*/.exec(code.slice(generated))?.[0];
      if (word === undefined) continue;
      expect(source.slice(original, original + word.length)).toBe(word);
      checked++;
    }
    expect(checked).toBeGreaterThan(3);
  });

  it("rejects a character outside base64", () => {
    expect(() => decodeMappings("AA*A")).toThrow(/bad base64 digit/);
  });
});

describe("OffsetRemapper", () => {
  const ugly = "const a='x';function f(n:number){if(n>0){return a+(n)}else return 'y'}\n// note\nlet b = f( 1 )";

  it("tokenizes strings, comments and punctuation as single tokens and ignores whitespace", () => {
    expect(tokenize("a = 'b c' // d\n/* e */ 1.5e3").map((t) => t.key)).toEqual(["a", "=", "str:b c", "// d", "/* e */", "1.5e3"]);
  });

  it("aligns across added and dropped punctuation", () => {
    const a = tokenize("f(a)");
    const b = tokenize("f(a);");
    expect(alignTokens(a, b)).toEqual([0, 1, 2, 3]);
    expect(alignTokens(tokenize("x=(1)"), tokenize("x = 1;"))).toEqual([0, 1, -1, 2, -1]);
  });

  it("aligns a longest common subsequence: monotone, equal keys, as long as the LCS", () => {
    const lcsLength = (a: string[], b: string[]) => {
      const row = new Array<number>(b.length + 1).fill(0);
      for (const x of a) {
        let diagonal = 0;
        for (let j = 1; j <= b.length; j++) {
          const above = row[j]!;
          row[j] = x === b[j - 1] ? diagonal + 1 : Math.max(row[j]!, row[j - 1]!);
          diagonal = above;
        }
      }
      return row[b.length]!;
    };
    const word = fc.constantFrom("a", "b", "(", ")", ";", ",");
    fc.assert(
      fc.property(fc.array(word, { maxLength: 40 }), fc.array(word, { maxLength: 40 }), (a, b) => {
        const match = alignTokens(tokenize(a.join(" ")), tokenize(b.join(" ")));
        let last = -1;
        let count = 0;
        match.forEach((j, i) => {
          if (j < 0) return;
          expect(j).toBeGreaterThan(last);
          expect(b[j]).toBe(a[i]);
          last = j;
          count++;
        });
        expect(count).toBe(lcsLength(a, b));
      }),
      { numRuns: 300 },
    );
  });

  it("follows every identifier of lowered fixtures into their prettier-formatted text", async () => {
    for (const name of ["await/sequential", "loops/for-of-break-closes-iterator", "expressions/object-literal"]) {
      const input = readFileSync(join(__dirname, "../../fixtures", name, "input.ts"), "utf8");
      const { code } = lower(input, { fileName: "input.ts" });
      const pretty = await prettier.format(code, { parser: "typescript", plugins: [estreePlugin, typescriptPlugin], printWidth: 100 });
      const remap = new OffsetRemapper(code, pretty);
      let checked = 0;
      for (const match of code.matchAll(/(?<![\w$'"])[A-Za-z_$][\w$]*/g)) {
        if (/^\s*\/\/|\/\*/.test(code.slice(code.lastIndexOf("\n", match.index!) + 1, match.index!))) continue; // inside a comment
        const moved = remap.map(match.index!);
        expect(pretty.slice(moved, moved + match[0].length), `${name}: ${match[0]} at ${match.index}`).toBe(match[0]);
        checked++;
      }
      expect(checked).toBeGreaterThan(50);
    }
  });

  it("moves every identifier of the original to the same identifier in prettier's output", async () => {
    const pretty = await prettier.format(ugly, { parser: "typescript", plugins: [estreePlugin, typescriptPlugin] });
    expect(pretty).not.toBe(ugly);
    const remap = new OffsetRemapper(ugly, pretty);
    for (const match of ugly.matchAll(/[A-Za-z_]\w*/g)) {
      const moved = remap.map(match.index!);
      expect(pretty.slice(moved, moved + match[0].length), `${match[0]} at ${match.index}`).toBe(match[0]);
    }
    // The quote change ('x' → "x") keeps the offset inside the string token.
    const x = remap.map(ugly.indexOf("'x'") + 1);
    expect(pretty[x]).toBe("x");
  });
});

describe("url state", () => {
  it("round-trips code, options and the fixture", () => {
    const code = "/** @coroutine */ async function f() { await 1; } // ünïcødé & #hash";
    const options = { mode: "task" as const, lowerAll: true, preempt: { calls: true, loops: false, budget: 64 } };
    const hash = encodeUrlState(code, options, "await/basic");
    expect(hash).toMatch(/^#code\/[A-Za-z0-9+$-]+&mode=task&lowerAll=1&preempt=calls,budget=64&fixture=await%2Fbasic$/);
    expect(decodeUrlState(hash)).toEqual({ code, options, fixture: "await/basic" });
  });

  it("keeps the defaults out of the hash", () => {
    expect(encodeUrlState("x", DEFAULT_OPTIONS, undefined)).toMatch(/^#code\/[^&]+$/);
  });

  it("ignores malformed and unknown parts", () => {
    const state = decodeUrlState("#mode=eager&preempt=budget=-3,loops&what=ever&lowerAll=1");
    expect(state).toEqual({ code: undefined, options: { mode: "spec", lowerAll: true, preempt: { calls: false, loops: true, budget: undefined } }, fixture: undefined });
    expect(decodeUrlState("").options).toEqual(DEFAULT_OPTIONS);
  });
});

describe("mapping lookups", () => {
  const output = [
    "class M {",
    "  resume() {",
    "    switch (state) {",
    "      // f() @ 1:1",
    "      case F$State.Start:",
    "        if (x) {",
    "          y();",
    "        }",
    "        return 1;",
    "      // await g() @ 2:3",
    "      case F$State.Await0:",
    "        return 2;",
    "    }",
    "  }",
    "}",
  ].join("\n");

  it("finds a state's case with its source comment, up to the next state's comment", () => {
    const start = caseRange(output, "F$State", "Start")!;
    expect(output.slice(start.from, start.to)).toBe("// f() @ 1:1\n      case F$State.Start:\n        if (x) {\n          y();\n        }\n        return 1;");
    const last = caseRange(output, "F$State", "Await0")!;
    expect(output.slice(last.from, last.to)).toBe("// await g() @ 2:3\n      case F$State.Await0:\n        return 2;");
    expect(caseRange(output, "F$State", "Await1")).toBeUndefined();
    expect(caseRange(output, "G$State", "Start")).toBeUndefined();
  });

  it("maps a source range to output ranges and back", () => {
    const mappings: [number, number, number][] = [
      [0, 5, 10],
      [5, 9, 14],
      [20, 30, 40],
    ];
    expect(outputRangesForSource(mappings, 10, 15)).toEqual([
      { from: 0, to: 5 },
      { from: 5, to: 9 },
    ]);
    expect(outputRangesForSource(mappings, 15, 40)).toEqual([]);
    expect(sourceOffsetsForOutput(mappings, 6, 6)).toEqual([14]);
    expect(sourceOffsetsForOutput(mappings, 3, 25)).toEqual([10, 14, 40]);
  });
});

describe("formatLogValue", () => {
  it("prints like console.log at the top level and like util.inspect inside structures", () => {
    expect(formatLogValue("plain")).toBe("plain");
    expect(formatLogValue(["a", 1, -0, 2n, null, undefined])).toBe("[ 'a', 1, -0, 2n, null, undefined ]");
    expect(formatLogValue({ a: { b: { c: { d: 1 } } } })).toBe("{ a: { b: { c: [Object] } } }");
    expect(formatLogValue(new Map([["k", new Set([1])]]))).toBe("Map(1) { 'k' => Set(1) { 1 } }");
    expect(formatLogValue(new RangeError("no"))).toBe("RangeError: no");
    class Point {
      constructor(readonly x: number) {}
    }
    expect(formatLogValue(new Point(3))).toBe("Point { x: 3 }");
    const cyclic: { self?: unknown } = {};
    cyclic.self = cyclic;
    expect(formatLogValue(cyclic)).toBe("{ self: [Circular] }");
  });
});
