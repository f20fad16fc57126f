// A line diff of two event logs (longest common subsequence), printed with a few lines of
// context so a failing exec fixture shows where native and lowered runs part ways.

/** One line of the diff: kept in both (` `), only in `a` (`-`), only in `b` (`+`). */
interface DiffLine {
  mark: " " | "-" | "+";
  text: string;
}

function diffLines(a: readonly string[], b: readonly string[]): DiffLine[] {
  // lcs[i][j] = length of the LCS of a[i..] and b[j..]; logs are short, O(n*m) is fine.
  const lcs: number[][] = Array.from({ length: a.length + 1 }, () => new Array<number>(b.length + 1).fill(0));
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) {
      lcs[i]![j] = a[i] === b[j] ? lcs[i + 1]![j + 1]! + 1 : Math.max(lcs[i + 1]![j]!, lcs[i]![j + 1]!);
    }
  }
  const out: DiffLine[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (i < a.length && j < b.length && a[i] === b[j]) {
      out.push({ mark: " ", text: a[i++]! });
      j++;
    } else if (i < a.length && (j === b.length || lcs[i + 1]![j]! >= lcs[i]![j + 1]!)) {
      out.push({ mark: "-", text: a[i++]! }); // removals first, as in unified diffs
    } else {
      out.push({ mark: "+", text: b[j++]! });
    }
  }
  return out;
}

/**
 * A readable diff of `a` against `b`, or `undefined` when they are equal. Unchanged runs longer
 * than twice `context` lines are folded.
 */
export function describeDiff(
  a: readonly string[],
  b: readonly string[],
  labels: { a: string; b: string } = { a: "native", b: "lowered" },
  context = 3,
): string | undefined {
  const lines = diffLines(a, b);
  if (lines.every((line) => line.mark === " ")) return undefined;
  const shown: string[] = [`--- ${labels.a}`, `+++ ${labels.b}`];
  let k = 0;
  while (k < lines.length) {
    if (lines[k]!.mark !== " ") {
      shown.push(`${lines[k]!.mark} ${lines[k]!.text}`);
      k++;
      continue;
    }
    let end = k;
    while (end < lines.length && lines[end]!.mark === " ") end++;
    const run = lines.slice(k, end);
    const head = k === 0 ? 0 : context; // context after the previous change
    const tail = end === lines.length ? 0 : context; // context before the next change
    if (run.length > head + tail + 1) {
      for (const line of run.slice(0, head)) shown.push(`  ${line.text}`);
      shown.push(`  ... ${run.length - head - tail} equal lines ...`);
      for (const line of run.slice(run.length - tail)) shown.push(`  ${line.text}`);
    } else {
      for (const line of run) shown.push(`  ${line.text}`);
    }
    k = end;
  }
  return shown.join("\n");
}
