/**
 * Root of a monotone function on an interval by bisection: the smallest x in [lo, hi] (to
 * within `tolerance`) with meets(x) true, for a predicate false below some point and true
 * above it (e.g. "the answer rate at staff x is at least 91.22%"). Robust to the small
 * steps of rounded agents, where derivative-based methods stall.
 */

export interface BisectResult {
  /** smallest x found that meets (hi when none below it does) */
  x: number;
  /** whether hi itself meets; false: no x in [lo, hi] meets */
  found: boolean;
  evaluations: number;
}

/**
 * @throws {RangeError} lo ≥ hi or tolerance ≤ 0
 * @example bisect((x) => x * x >= 2, 0, 2, 1e-9).x // ≈ 1.41421356
 */
export function bisect(meets: (x: number) => boolean, lo: number, hi: number, tolerance: number): BisectResult {
  if (!(lo < hi)) throw new RangeError(`bisect: needs lo < hi, got [${lo}, ${hi}]`);
  if (!(tolerance > 0)) throw new RangeError(`bisect: tolerance must be > 0, got ${tolerance}`);
  let evaluations = 1;
  if (!meets(hi)) return { x: hi, found: false, evaluations };
  evaluations++;
  if (meets(lo)) return { x: lo, found: true, evaluations };
  let a = lo, b = hi;
  while (b - a > tolerance) {
    const mid = (a + b) / 2;
    evaluations++;
    if (meets(mid)) b = mid;
    else a = mid;
  }
  return { x: b, found: true, evaluations };
}
