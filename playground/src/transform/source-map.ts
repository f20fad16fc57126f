// Decodes a v3 source map's `mappings` (base64 VLQ) into flat segments. Small and dependency
// free: the playground only needs generated line/column → original line/column.

export interface Segment {
  /** 0-based line and column in the generated code. */
  genLine: number;
  genColumn: number;
  /** 0-based line and column in the source (only segments with a source are kept). */
  srcLine: number;
  srcColumn: number;
}

const BASE64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
const DIGIT = new Map([...BASE64].map((c, i) => [c, i]));

/** Decodes one `mappings` string; segments without a source position are dropped. */
export function decodeMappings(mappings: string): Segment[] {
  const segments: Segment[] = [];
  let srcLine = 0;
  let srcColumn = 0;
  const lines = mappings.split(";");
  lines.forEach((line, genLine) => {
    let genColumn = 0; // resets per line; the others carry over the whole map
    for (const segment of line.split(",")) {
      if (segment === "") continue;
      const fields = decodeVlqs(segment);
      genColumn += fields[0] ?? 0;
      // Fields: column, source index, source line, source column[, name]; one source here.
      if (fields.length >= 4) {
        srcLine += fields[2]!;
        srcColumn += fields[3]!;
        segments.push({ genLine, genColumn, srcLine, srcColumn });
      }
    }
  });
  return segments;
}

function decodeVlqs(text: string): number[] {
  const values: number[] = [];
  let value = 0;
  let shift = 0;
  for (const char of text) {
    const digit = DIGIT.get(char);
    if (digit === undefined) throw new Error(`source map: bad base64 digit '${char}'`);
    value += (digit & 31) << shift;
    if (digit & 32) {
      shift += 5;
    } else {
      values.push(value & 1 ? -(value >>> 1) : value >>> 1);
      value = 0;
      shift = 0;
    }
  }
  return values;
}

/** Offsets of each line's first character, for line/column ↔ offset conversions. */
export function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) starts.push(i + 1);
  return starts;
}

/** The offset of a 0-based line and column, clamped into the text. */
export function offsetAt(starts: number[], textLength: number, line: number, column: number): number {
  const lineStart = starts[Math.min(line, starts.length - 1)] ?? 0;
  return Math.min(lineStart + column, textLength);
}
