import { t975 } from './studentT.js';

/** A mean across replications with the half-width of its two-sided 95% confidence interval. */
export interface Summary {
  /** mean of the values used */
  mean: number;
  /**
   * t_{0.975}(n − 1) · s / √n, with s the sample standard deviation: the interval
   * mean ± halfWidth95 covers the true mean 95% of the time when replications are
   * independent and their mean is near-normal. NaN when n < 2 (no spread to estimate).
   */
  halfWidth95: number;
  /** values used (NaN values are skipped) */
  n: number;
}

/**
 * Mean and 95% confidence half-width of independent replications' values (Student's t,
 * df = n − 1). NaN values (e.g. the ASA of a replication that answered nothing) are
 * skipped and not counted in n. O(n), two passes.
 * @example summarize([1, 2, 3, 4, 5, 6, 7, 8]) // { mean: 4.5, halfWidth95: 2.0470…, n: 8 }
 */
export function summarize(values: ArrayLike<number>): Summary {
  let n = 0, sum = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (!Number.isNaN(v)) { n++; sum += v; }
  }
  if (n === 0) return { mean: NaN, halfWidth95: NaN, n: 0 };
  const mean = sum / n;
  if (n < 2) return { mean, halfWidth95: NaN, n };
  let ss = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (!Number.isNaN(v)) ss += (v - mean) * (v - mean);
  }
  const sd = Math.sqrt(ss / (n - 1));
  return { mean, halfWidth95: (t975(n - 1) * sd) / Math.sqrt(n), n };
}
