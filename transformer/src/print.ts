// Prints a transformed source file as TypeScript with a source map back to the input, using the
// TypeScript printer's own source-map writer (so no second printer is needed: see README's
// design notes on @babel/generator).

import type { InspectResult } from "./api-types.js";
import type { TS, TsApi } from "./ts-api.js";

interface InternalTs {
  createTextWriter(newLine: string): { getText(): string };
  createSourceMapGenerator(host: object, file: string, sourceRoot: string, sourcesDirectoryPath: string, options: object): {
    toJSON(): InspectResult["sourceMap"];
  };
}

export function printWithSourceMap(ts: TsApi, transformed: TS.SourceFile, original: TS.SourceFile): { code: string; sourceMap: InspectResult["sourceMap"] } {
  const printer = ts.createPrinter({ newLine: ts.NewLineKind.LineFeed });
  const internal = ts as unknown as Partial<InternalTs>;
  const outName = original.fileName.replace(/\.tsx?$/, "") + ".lowered.ts";
  if (typeof internal.createTextWriter === "function" && typeof internal.createSourceMapGenerator === "function") {
    const writer = internal.createTextWriter("\n");
    const host = { getCurrentDirectory: () => "", getCanonicalFileName: (f: string) => f, useCaseSensitiveFileNames: () => true };
    const generator = internal.createSourceMapGenerator(host, outName, "", "", {});
    (printer as unknown as { writeFile(f: TS.SourceFile, w: unknown, g: unknown): void }).writeFile(transformed, writer, generator);
    const map = generator.toJSON();
    map.sourcesContent = [original.text];
    return { code: writer.getText(), sourceMap: map };
  }
  return { code: printer.printFile(transformed), sourceMap: { version: 3, sources: [original.fileName], names: [], mappings: "" } };
}
