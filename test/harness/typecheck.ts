// Type-checks the fixture tree with one strict TypeScript program per side: the sources
// (input.ts + exec.ts) and the lowered outputs (output.ts + exec.ts, where `./input` resolves to
// `./output.ts`), with `stackless/runtime` mapped to the runtime's source.

import * as fs from "node:fs";
import * as path from "node:path";
import ts from "typescript";
import { repoRoot, type FixtureCase } from "./discover.js";
import { runtimeEntry } from "./sandbox.js";

/** Which files a program covers: what users write, or what the transformer made of it. */
export type TypecheckSide = "sources" | "lowered";

export const typecheckOptions: ts.CompilerOptions = {
  strict: true,
  noEmit: true,
  target: ts.ScriptTarget.ES2022,
  module: ts.ModuleKind.ESNext,
  moduleResolution: ts.ModuleResolutionKind.Bundler,
  isolatedModules: true,
  skipLibCheck: true,
  types: ["node"],
};

export interface TypecheckResult {
  /** The files given to the program as roots, absolute. */
  roots: string[];
  /** Formatted diagnostics per absolute file name; option-level ones under "". */
  diagnostics: Map<string, string[]>;
}

/** The root files of one side: cases without an output.ts, or opted out, are left out of "lowered". */
export function typecheckRoots(cases: readonly FixtureCase[], side: TypecheckSide): string[] {
  const roots: string[] = [];
  for (const c of cases) {
    if (side === "sources") {
      roots.push(c.inputPath);
    } else {
      if (c.harness.typecheck === false || !fs.existsSync(c.outputPath)) continue;
      roots.push(c.outputPath);
    }
    if (c.execPath !== undefined) roots.push(c.execPath);
  }
  return roots;
}

function resolved(fileName: string): ts.ResolvedModuleWithFailedLookupLocations {
  return { resolvedModule: { resolvedFileName: fileName, extension: ts.Extension.Ts, isExternalLibraryImport: false } };
}

/** Builds the program for `side` over `cases` and collects every diagnostic, per file. */
export function typecheckFixtures(cases: readonly FixtureCase[], side: TypecheckSide): TypecheckResult {
  const roots = typecheckRoots(cases, side);
  const host = ts.createCompilerHost(typecheckOptions);
  host.getCurrentDirectory = () => repoRoot; // finds @types/node from the repository
  host.resolveModuleNameLiterals = (literals, containingFile, _redirect, options) =>
    literals.map((literal) => {
      const name = literal.text;
      if (name === "stackless/runtime") return resolved(runtimeEntry);
      if (side === "lowered" && path.basename(containingFile) === "exec.ts" && (name === "./input" || name === "./input.js")) {
        return resolved(path.join(path.dirname(containingFile), "output.ts"));
      }
      return ts.resolveModuleName(name, containingFile, options, host);
    });
  const program = ts.createProgram({ rootNames: roots, options: typecheckOptions, host });
  const all = [...program.getOptionsDiagnostics(), ...program.getGlobalDiagnostics(), ...ts.getPreEmitDiagnostics(program)];
  const diagnostics = new Map<string, string[]>();
  const formatHost: ts.FormatDiagnosticsHost = {
    getCanonicalFileName: (f) => f,
    getCurrentDirectory: () => repoRoot,
    getNewLine: () => "\n",
  };
  const seen = new Set<string>();
  for (const d of all) {
    const text = ts.formatDiagnostic(d, formatHost).trimEnd();
    if (seen.has(text)) continue; // getPreEmitDiagnostics repeats the options/global ones
    seen.add(text);
    const key = d.file === undefined ? "" : path.resolve(d.file.fileName);
    diagnostics.set(key, [...(diagnostics.get(key) ?? []), text]);
  }
  return { roots, diagnostics };
}
