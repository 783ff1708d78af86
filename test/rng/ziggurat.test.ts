import { describe, expect, it } from 'vitest';
import { standardExponential, standardNormal, streamState } from '../../engine/rng/index.js';

/*
 * Kolmogorov–Smirnov tests of the ziggurats against their exact CDFs, n = 200,000 draws from a
 * fixed stream. Theorem (Kolmogorov 1933): under H₀, √n·Dₙ → K, with P(K > 1.9495) = 0.001
 * (Kolmogorov distribution; e.g. Smirnov 1948 table, or Marsaglia, Tsang & Wang 2003 JSS 8(18)).
 * We reject only at the 0.1% level: √n·D must stay below 1.9495.
 */
const N = 200_000;
const KS_CRIT_0_001 = 1.9495;

function ksStatistic(xs: Float64Array, cdf: (x: number) => number): number {
  xs.sort();
  let d = 0;
  for (let i = 0; i < xs.length; i++) {
    const f = cdf(xs[i]!);
    d = Math.max(d, (i + 1) / xs.length - f, f - i / xs.length);
  }
  return d;
}

/** Standard normal CDF via erfc, W. J. Cody's rational Chebyshev approximation as given in
 * Numerical Recipes (2nd ed., §6.2, erfcc): |relative error| < 1.2e-7, ample for D ~ 1e-3. */
function normalCdf(x: number): number {
  const z = Math.abs(x) / Math.SQRT2;
  const t = 1 / (1 + 0.5 * z);
  const erfc = t * Math.exp(-z * z - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418
    + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587
    + t * (-0.82215223 + t * 0.17087277)))))))));
  return x >= 0 ? 1 - erfc / 2 : erfc / 2;
}

describe('ziggurat samplers follow their exact distributions', () => {
  it('exponential: KS √n·D < 1.9495 (0.1% level) against 1 − e^{−x}', () => {
    const s = streamState('ks', 0, 0, 'exp');
    const xs = new Float64Array(N);
    for (let k = 0; k < N; k++) xs[k] = standardExponential(s);
    expect(Math.sqrt(N) * ksStatistic(xs, (x) => -Math.expm1(-x))).toBeLessThan(KS_CRIT_0_001);
  });

  it('normal: KS √n·D < 1.9495 (0.1% level) against Φ', () => {
    const s = streamState('ks', 0, 0, 'norm');
    const xs = new Float64Array(N);
    for (let k = 0; k < N; k++) xs[k] = standardNormal(s);
    expect(Math.sqrt(N) * ksStatistic(xs, normalCdf)).toBeLessThan(KS_CRIT_0_001);
  });

  // The KS test barely sees the tails; the tail branches (x > r) are checked by their counts.
  // Theorem: the count above a threshold is Binomial(n, p); require it within 5 sd of n·p.
  it('exponential tail: P(X > 8) = e⁻⁸ (1,000,000 draws, within 5 sd), past the ziggurat edge r = 7.697', () => {
    const s = streamState('tail', 0, 0, 'exp');
    const n = 1_000_000, p = Math.exp(-8);
    let c = 0, c12 = 0;
    for (let k = 0; k < n; k++) { const x = standardExponential(s); if (x > 8) c++; if (x > 12) c12++; }
    expect(Math.abs(c - n * p)).toBeLessThan(5 * Math.sqrt(n * p * (1 - p)));
    expect(c12).toBeLessThan(10);            // n·e⁻¹² ≈ 6.1
  });

  it('normal tails: P(|Z| > 3.5) = 4.6525e-4 (1,000,000 draws, within 5 sd), both signs, past r = 3.4426', () => {
    const s = streamState('tail', 0, 0, 'norm');
    const n = 1_000_000, p = 4.652581580710e-4;   // 2(1 − Φ(3.5)), A&S table 26.1
    let hi = 0, lo = 0;
    for (let k = 0; k < n; k++) { const z = standardNormal(s); if (z > 3.5) hi++; else if (z < -3.5) lo++; }
    expect(Math.abs(hi + lo - n * p)).toBeLessThan(5 * Math.sqrt(n * p));
    expect(Math.abs(hi - lo)).toBeLessThan(5 * Math.sqrt(hi + lo));   // symmetric
  });

  it('normal: the mean of 1,000,000 draws is within 5 standard errors of 0 and the variance of 1', () => {
    const s = streamState('moments', 0, 0, 'norm');
    const n = 1_000_000;
    let m = 0, m2 = 0;
    for (let k = 0; k < n; k++) { const z = standardNormal(s); m += z; m2 += z * z; }
    expect(Math.abs(m / n) * Math.sqrt(n)).toBeLessThan(5);
    expect(Math.abs(m2 / n - 1) / Math.sqrt(2 / n)).toBeLessThan(5);   // Var(Z²) = 2
  });
});
