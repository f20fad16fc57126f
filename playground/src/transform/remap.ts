// Follows offsets from the transformer's printed output into its prettier-formatted version.
// Prettier only changes layout and punctuation (quotes, parentheses, semicolons, commas), so the
// two token streams mostly agree: align them, then move each offset with its token.
//
// Invariants:
//  1. Whitespace never makes a token; comments and strings are single tokens.
//  2. Aligned tokens appear in the same order in both texts (the alignment is monotone) and
//     have equal keys.

interface Token {
  start: number;
  end: number;
  /** What two tokens must share to be the same token across formatting. */
  key: string;
}

const IDENT = /[A-Za-z_$\u0080-\uffff][\w$\u0080-\uffff]*/y;
const NUMBER = /(?:0[xob][\da-f_]+|\d[\d_]*(?:\.\d*)?(?:e[+-]?\d+)?|\.\d+(?:e[+-]?\d+)?)n?/iy;
const LOOKAHEAD = 16;

/** Splits JavaScript/TypeScript text into tokens, loosely: good enough to align two prints. */
export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    const start = i;
    if (c === "/" && text[i + 1] === "/") {
      const end = text.indexOf("\n", i);
      i = end < 0 ? text.length : end;
      tokens.push({ start, end: i, key: text.slice(start, i).trimEnd() });
      continue;
    }
    if (c === "/" && text[i + 1] === "*") {
      const end = text.indexOf("*/", i + 2);
      i = end < 0 ? text.length : end + 2;
      tokens.push({ start, end: i, key: text.slice(start, i).replace(/\s+/g, " ") });
      continue;
    }
    if (c === '"' || c === "'" || c === "`") {
      i = skipQuoted(text, i);
      // Prettier may swap quote kinds: compare the content only.
      tokens.push({ start, end: i, key: `str:${text.slice(start + 1, i - 1)}` });
      continue;
    }
    IDENT.lastIndex = i;
    NUMBER.lastIndex = i;
    const word = IDENT.exec(text) ?? NUMBER.exec(text);
    if (word) {
      i += word[0].length;
      tokens.push({ start, end: i, key: word[0] });
      continue;
    }
    i++;
    tokens.push({ start, end: i, key: c });
  }
  return tokens;
}

/** Index just past a string or template literal starting at `i` (templates: nested `${}` skipped). */
function skipQuoted(text: string, i: number): number {
  const quote = text[i]!;
  let depth = 0;
  for (let j = i + 1; j < text.length; j++) {
    const c = text[j]!;
    if (c === "\\") {
      j++;
    } else if (quote === "`" && c === "$" && text[j + 1] === "{") {
      depth++;
      j++;
    } else if (quote === "`" && depth > 0 && c === "}") {
      depth--;
    } else if (c === quote && depth === 0) {
      return j + 1;
    } else if (c === "\n" && quote !== "`") {
      return j;
    }
  }
  return text.length;
}

/**
 * For each token of `a`, the index of the same token in `b`, or -1: a longest common subsequence
 * of the two key sequences (Myers' O((N+M)·D) diff; D, the number of tokens prettier added or
 * dropped, is small). Past MAX_EDITS differences it falls back to a greedy windowed match.
 */
export function alignTokens(a: Token[], b: Token[]): number[] {
  const keysA = a.map((t) => t.key);
  const keysB = b.map((t) => t.key);
  return myersMatch(keysA, keysB) ?? greedyMatch(keysA, keysB);
}

const MAX_EDITS = 4000;

function myersMatch(a: string[], b: string[]): number[] | undefined {
  const n = a.length;
  const m = b.length;
  const offset = n + m + 1;
  const v = new Int32Array(2 * offset + 1);
  // trace[d] holds v[k] for k in [-d, d] after round d, for walking the path back.
  const trace: Int32Array[] = [];
  const at = (row: Int32Array, d: number, k: number) => row[k + d]!;
  for (let d = 0; d <= Math.min(n + m, MAX_EDITS); d++) {
    for (let k = -d; k <= d; k += 2) {
      let x = k === -d || (k !== d && v[offset + k - 1]! < v[offset + k + 1]!) ? v[offset + k + 1]! : v[offset + k - 1]! + 1;
      let y = x - k;
      while (x < n && y < m && a[x] === b[y]) {
        x++;
        y++;
      }
      v[offset + k] = x;
      if (x >= n && y >= m) {
        trace.push(v.slice(offset - d, offset + d + 1));
        return backtrack(trace, n, m, at);
      }
    }
    trace.push(v.slice(offset - d, offset + d + 1));
  }
  return undefined;
}

function backtrack(trace: Int32Array[], n: number, m: number, at: (row: Int32Array, d: number, k: number) => number): number[] {
  const match = new Array<number>(n).fill(-1);
  let x = n;
  let y = m;
  for (let d = trace.length - 1; d > 0; d--) {
    const previous = trace[d - 1]!;
    const k = x - y;
    const down = k === -d || (k !== d && at(previous, d - 1, k - 1) < at(previous, d - 1, k + 1));
    const prevK = down ? k + 1 : k - 1;
    const prevX = at(previous, d - 1, prevK);
    const prevY = prevX - prevK;
    // The diagonal (matching) run that ended this round, back to the step that started it.
    while (x > prevX && y > prevY && x > (down ? prevX : prevX + 1)) {
      x--;
      y--;
      match[x] = y;
    }
    x = prevX;
    y = prevY;
  }
  while (x > 0 && y > 0) {
    x--;
    y--;
    match[x] = y;
  }
  return match;
}

/** The fallback: walk both sequences, skipping the fewer tokens on either side at a mismatch. */
function greedyMatch(a: string[], b: string[]): number[] {
  const match = new Array<number>(a.length).fill(-1);
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) {
      match[i++] = j++;
      continue;
    }
    let skipB = -1;
    let skipA = -1;
    for (let k = 1; k <= LOOKAHEAD && (skipB < 0 || skipA < 0); k++) {
      if (skipB < 0 && j + k < b.length && a[i] === b[j + k]) skipB = k;
      if (skipA < 0 && i + k < a.length && a[i + k] === b[j]) skipA = k;
    }
    if (skipB > 0 && (skipA < 0 || skipB <= skipA)) j += skipB;
    else if (skipA > 0) i += skipA;
    else {
      i++;
      j++;
    }
  }
  return match;
}

/** Maps offsets in `from` to offsets in `to`, a reformatting of it. */
export class OffsetRemapper {
  private readonly fromTokens: Token[];
  private readonly toTokens: Token[];
  private readonly match: number[];

  constructor(from: string, private readonly to: string) {
    this.fromTokens = tokenize(from);
    this.toTokens = tokenize(to);
    this.match = alignTokens(this.fromTokens, this.toTokens);
  }

  /** The offset in `to` of the character at `offset` in `from` (the next aligned token's start when its own token moved). */
  map(offset: number): number {
    const tokens = this.fromTokens;
    let lo = 0;
    let hi = tokens.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (tokens[mid]!.end <= offset) lo = mid + 1;
      else hi = mid;
    }
    for (let t = lo; t < tokens.length; t++) {
      const target = this.match[t]!;
      if (target < 0) continue;
      const inside = t === lo && offset >= tokens[t]!.start ? offset - tokens[t]!.start : 0;
      const token = this.toTokens[target]!;
      return Math.min(token.start + inside, token.end);
    }
    return this.to.length;
  }
}
