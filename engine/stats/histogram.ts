/**
 * A fixed histogram of durations (seconds) that adds across runs, centres and days: the
 * same bins everywhere, so the histogram of an aggregate is the bin-wise sum and its
 * percentiles come from the sum — never from averaging percentiles.
 *
 * Bins (HISTOGRAM_BINS = 386): bin 0 is [0, 1 s); bin k ≥ 1 is [2^((k−1)/16), 2^(k/16)) s,
 * sixteen per doubling (each 4.4% wide) up to 2^24 s ≈ 194 days; the last bin is
 * [2^24 s, ∞). A quantile interpolated inside its bin is within 4.4% of the exact sample
 * quantile (geometric interpolation; linear in bin 0).
 */

/** Bins per doubling of the duration. */
export const BINS_PER_OCTAVE = 16;
/** Doublings covered above 1 s (2^24 s ≈ 194 days). */
export const OCTAVES = 24;
/** Number of bins: [0, 1 s), 16 per doubling up to 2^24 s, and [2^24 s, ∞). */
export const HISTOGRAM_BINS = 2 + BINS_PER_OCTAVE * OCTAVES;

/**
 * The bin of a duration in seconds (≥ 0; NaN or negative go to bin 0).
 * @example histogramBin(0.5) // 0
 * @example histogramBin(1)   // 1: [1, 2^(1/16))
 * @example histogramBin(3600) // 190: [2^(189/16), 2^(190/16)) ≈ [3,597, 3,756) s
 */
export function histogramBin(seconds: number): number {
  if (!(seconds >= 1)) return 0;
  const k = Math.floor(BINS_PER_OCTAVE * Math.log2(seconds)) + 1;
  return k < HISTOGRAM_BINS - 1 ? k : HISTOGRAM_BINS - 1;
}

/** Lower edge of bin k, seconds (0 for bin 0). */
export function binLower(k: number): number {
  return k === 0 ? 0 : 2 ** ((k - 1) / BINS_PER_OCTAVE);
}

/**
 * The p-quantile (0 < p ≤ 1) of the durations counted in `counts` (HISTOGRAM_BINS bin
 * counts), seconds: the smallest x with at least p·n durations ≤ x, interpolated inside its
 * bin (geometrically between the bin's edges; linearly in bin 0). A quantile in the last,
 * open bin is reported as its lower edge, 2^24 s. NaN when nothing was counted.
 * O(bins).
 * @throws {RangeError} p outside (0, 1]
 * @example histogramQuantile(counts, 0.9) // the 90th percentile, seconds
 */
export function histogramQuantile(counts: ArrayLike<number>, p: number): number {
  if (!(p > 0 && p <= 1)) throw new RangeError(`histogramQuantile: p must be in (0, 1], got ${p}`);
  let n = 0;
  for (let k = 0; k < counts.length; k++) n += counts[k]!;
  if (!(n > 0)) return NaN;
  const target = p * n;
  let below = 0;
  for (let k = 0; k < counts.length; k++) {
    const c = counts[k]!;
    if (c > 0 && below + c >= target) {
      const f = (target - below) / c;
      if (k === 0) return f;
      if (k === HISTOGRAM_BINS - 1) return binLower(k);
      return binLower(k) * 2 ** (f / BINS_PER_OCTAVE);
    }
    below += c;
  }
  return binLower(counts.length - 1);
}
