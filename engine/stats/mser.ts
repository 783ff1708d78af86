/** Outcome of the MSER truncation rule. */
export interface MserResult {
  /** observations to discard from the start (a multiple of the batch size) */
  truncate: number;
  /** batches d* discarded (truncate = d* · batchSize) */
  batchesTruncated: number;
  /** batches formed (the last partial batch is dropped) */
  batches: number;
  /** MSER statistic at d*: the squared standard error of the truncated mean, in squared units of the series */
  statistic: number;
}

/**
 * Warm-up truncation by MSER-m (White 1997, "An effective truncation heuristic for bias
 * reduction in simulation output", Simulation 69(6) 323–334; MSER-5: White, Cobb & Spratt
 * 2000, WSC): the series (e.g. per-interval mean waits of one stationary run) is cut into
 * b batches of `batchSize` observations with means Z₁…Z_b; for each d the statistic
 * MSER(d) = Σ_{j>d} (Z_j − Z̄_d)² / (b − d)², with Z̄_d the mean of the batches after d,
 * and the truncation point is the d minimizing it. Only d ≤ b/2 is considered (Franklin &
 * White 2008: a minimum in the second half means the run is too short, not warmed up);
 * `truncate` is then counted in observations. Pure, O(n).
 *
 * Pass `batchSize` 1 when the series already holds batch means (e.g. the mean wait of each
 * planning interval); 5 (the default) is MSER-5 over raw observations.
 * The simulator may apply it to a pilot run to choose `warmupSeconds`, or use a fixed
 * warm-up; for time-varying (non-stationary) demand it does not apply.
 * @throws {RangeError} batchSize not a positive integer
 * @example mserTruncation([10, 9, 8, 5, 5, 5, 5, 5, 5, 5, 5, 5], 1).truncate // 3
 */
export function mserTruncation(series: ArrayLike<number>, batchSize = 5): MserResult {
  if (!(Number.isInteger(batchSize) && batchSize >= 1)) {
    throw new RangeError(`batchSize must be an integer ≥ 1, got ${batchSize}`);
  }
  const b = Math.floor(series.length / batchSize);
  if (b < 2) return { truncate: 0, batchesTruncated: 0, batches: b, statistic: NaN };
  const z = new Float64Array(b);
  for (let j = 0; j < b; j++) {
    let s = 0;
    for (let k = 0; k < batchSize; k++) s += series[j * batchSize + k]!;
    z[j] = s / batchSize;
  }
  // Suffix sums from the end, centred on the overall mean for accuracy.
  let centre = 0;
  for (let j = 0; j < b; j++) centre += z[j]!;
  centre /= b;
  let sum = 0, sumSq = 0, best = Infinity, bestD = 0;
  const stat = new Float64Array(b);
  for (let j = b - 1; j >= 0; j--) {
    const y = z[j]! - centre;
    sum += y; sumSq += y * y;
    const m = b - j;                       // batches kept when d = j
    stat[j] = (sumSq - (sum * sum) / m) / (m * m);
  }
  for (let d = 0; d <= Math.floor(b / 2); d++) {
    if (stat[d]! < best) { best = stat[d]!; bestD = d; }
  }
  return { truncate: bestD * batchSize, batchesTruncated: bestD, batches: b, statistic: best };
}
