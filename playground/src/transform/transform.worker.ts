// The transform worker: runs the transformer (with TypeScript bundled in) off the main thread,
// formats its output and re-expresses the source map against the formatted text. The page kills
// and restarts this worker when a request takes too long, so a transformer hang never freezes it.

import type { InspectView, OutputMapping, TransformRequest, TransformResponse } from "../protocol.js";
import { compileForRun } from "./compile.js";
import { formatTypeScript } from "./format.js";
import { toTransformOptions } from "./options.js";
import { OffsetRemapper } from "./remap.js";
import { decodeMappings, lineStarts, offsetAt } from "./source-map.js";
import { inspect } from "./transformer.js";

const post = (message: TransformResponse) => self.postMessage(message);

self.addEventListener("message", (event: MessageEvent<TransformRequest>) => {
  const request = event.data;
  void handle(request).then(post, (error: unknown) =>
    post({
      type: "failed",
      id: request.id,
      message: error instanceof Error ? error.message : String(error),
      stack: error instanceof Error ? error.stack : undefined,
    }),
  );
});

async function handle(request: TransformRequest): Promise<TransformResponse> {
  if (request.type === "compile") {
    const pair = compileForRun(request.source, request.exec, request.options);
    return { type: "compiled", id: request.id, ...pair };
  }
  return { type: "inspected", id: request.id, view: await inspectForView(request.source, request) };
}

async function inspectForView(source: string, request: Extract<TransformRequest, { type: "inspect" }>): Promise<InspectView> {
  const started = performance.now();
  const result = inspect(source, toTransformOptions(request.options));
  const durationMs = performance.now() - started;
  const formatted = await formatTypeScript(result.code);
  return { result, formatted: formatted.text, formatError: formatted.error, mappings: mapOutput(source, result.code, formatted.text, result.sourceMap.mappings), durationMs };
}

/** Each source-map segment as a range of the formatted output: from its column to the next segment on its line. */
function mapOutput(source: string, code: string, formatted: string, mappings: string): OutputMapping[] {
  const codeStarts = lineStarts(code);
  const sourceStarts = lineStarts(source);
  const remap = code === formatted ? undefined : new OffsetRemapper(code, formatted);
  const move = (offset: number) => (remap ? remap.map(offset) : offset);
  const segments = decodeMappings(mappings).sort((a, b) => a.genLine - b.genLine || a.genColumn - b.genColumn);
  const result: OutputMapping[] = [];
  segments.forEach((segment, i) => {
    const start = offsetAt(codeStarts, code.length, segment.genLine, segment.genColumn);
    const next = segments[i + 1];
    const lineEnd = (codeStarts[segment.genLine + 1] ?? code.length + 1) - 1;
    const end = next && next.genLine === segment.genLine ? offsetAt(codeStarts, code.length, next.genLine, next.genColumn) : lineEnd;
    if (end <= start) return;
    const outStart = move(start);
    const outEnd = Math.max(outStart, move(end));
    if (outEnd > outStart) result.push([outStart, outEnd, offsetAt(sourceStarts, source.length, segment.srcLine, segment.srcColumn)]);
  });
  return result.sort((a, b) => a[0] - b[0]);
}
