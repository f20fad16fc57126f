// Summary statistics over benchmark samples: median, quartiles and a relative spread, computed
// the same way for every case so the table and the JSON agree.

/** Linear-interpolated quantile `q` (0..1) of an already sorted, non-empty array. */
function quantileSorted(sorted, q) {
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
}

/**
 * Summarises samples. `spread` is half the interquartile range relative to the median (the
 * table's ±%): robust against the odd sample another engineer's build slowed down.
 */
export function summarise(samples) {
  if (samples.length === 0) throw new Error("summarise: no samples");
  const sorted = [...samples].sort((a, b) => a - b);
  const median = quantileSorted(sorted, 0.5);
  const p25 = quantileSorted(sorted, 0.25);
  const p75 = quantileSorted(sorted, 0.75);
  return {
    n: sorted.length,
    median,
    p25,
    p75,
    min: sorted[0],
    max: sorted[sorted.length - 1],
    spread: median === 0 ? 0 : (p75 - p25) / 2 / Math.abs(median),
  };
}

/**
 * The cost of `value` relative to `baseline`, so that > 1 always means "worse than the
 * baseline": value/baseline for lower-is-better units, baseline/value for higher-is-better.
 */
export function costRatio(value, baseline, better = "lower") {
  return better === "higher" ? baseline / value : value / baseline;
}
