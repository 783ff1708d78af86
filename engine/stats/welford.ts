/**
 * Running mean and variance, one pass, numerically stable (Welford 1962, "Note on a method
 * for calculating corrected sums of squares and products", Technometrics 4(3) 419–420).
 * O(1) memory; `push` allocates nothing. Two accumulators merge exactly with
 * {@link Welford.merge} (Chan, Golub & LeVeque 1979), e.g. per-worker partial results.
 * @example const w = new Welford(); for (const x of [2, 4, 4, 4, 5, 5, 7, 9]) w.push(x);
 *          w.mean // 5; w.variance // 32/7 ≈ 4.571 (sample variance, n − 1)
 */
export class Welford {
  /** observations pushed */
  n = 0;
  /** their mean (0 before any push) */
  mean = 0;
  /** sum of squared deviations from the mean */
  m2 = 0;

  /** Adds one observation. */
  push(x: number): void {
    const d = x - this.mean;
    this.mean += d / ++this.n;
    this.m2 += d * (x - this.mean);
  }

  /** Adds every observation of `other` (the result equals pushing them one by one, up to rounding). */
  merge(other: Welford): this {
    if (other.n === 0) return this;
    const n = this.n + other.n;
    const d = other.mean - this.mean;
    this.mean += (d * other.n) / n;
    this.m2 += other.m2 + (d * d * this.n * other.n) / n;
    this.n = n;
    return this;
  }

  /** Sample variance (divisor n − 1); NaN with fewer than 2 observations. */
  get variance(): number { return this.n > 1 ? this.m2 / (this.n - 1) : NaN; }
  /** Sample standard deviation; NaN with fewer than 2 observations. */
  get sd(): number { return Math.sqrt(this.variance); }
  /** Standard error of the mean, sd/√n; NaN with fewer than 2 observations. */
  get standardError(): number { return Math.sqrt(this.variance / this.n); }
}
