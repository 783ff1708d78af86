import { checkSpec, type DistributionSpec } from './distribution.js';
import { lnGamma } from './gammaFunction.js';

/**
 * The exact mean of a distribution, seconds (for checks and analytic comparisons, e.g. the
 * AHT an Erlang kernel needs). Empirical: the arithmetic mean of the values (the mean of
 * uniform resampling). Weibull by construction has mean `mean`. Mixture: Σ weight·mean.
 * @throws {RangeError} an invalid spec (see `specProblems`)
 * @example meanOf({ kind: 'erlang', mean: 300, k: 3 }) // 300
 */
export function meanOf(spec: DistributionSpec): number {
  checkSpec(spec);
  switch (spec.kind) {
    case 'deterministic': return spec.value;
    case 'empirical': return spec.values.reduce((a, v) => a + v, 0) / spec.values.length;
    case 'mixture': return spec.components.reduce((a, c) => a + c.weight * meanOf(c), 0);
    default: return spec.mean;
  }
}

/**
 * The exact variance, seconds². Exponential m²; Erlang-k m²/k; gamma and lognormal
 * (m·cv)²; Weibull λ²(Γ(1 + 2/k) − Γ(1 + 1/k)²) with λ = m / Γ(1 + 1/k); deterministic 0;
 * empirical the population variance of the values (that of uniform resampling); mixture
 * Σ w·(σᵢ² + mᵢ²) − m² (the law of total variance).
 * @throws {RangeError} an invalid spec
 * @example varianceOf({ kind: 'exponential', mean: 300 }) // 90000
 */
export function varianceOf(spec: DistributionSpec): number {
  checkSpec(spec);
  switch (spec.kind) {
    case 'exponential': return spec.mean * spec.mean;
    case 'erlang': return (spec.mean * spec.mean) / spec.k;
    case 'gamma': case 'lognormal': return (spec.mean * spec.cv) ** 2;
    case 'weibull': {
      const g1 = lnGamma(1 + 1 / spec.shape), g2 = lnGamma(1 + 2 / spec.shape);
      // λ² (Γ₂ − Γ₁²) with λ = m/Γ₁  ⇒  m² (Γ₂/Γ₁² − 1)
      return spec.mean * spec.mean * Math.expm1(g2 - 2 * g1);
    }
    case 'deterministic': return 0;
    case 'empirical': {
      const n = spec.values.length;
      const m = spec.values.reduce((a, v) => a + v, 0) / n;
      return spec.values.reduce((a, v) => a + (v - m) * (v - m), 0) / n;
    }
    case 'mixture': {
      const m = meanOf(spec);
      // Σ w·(σᵢ² + (mᵢ − m)²): the same total variance without subtracting m² from a second moment
      return spec.components.reduce((a, c) => a + c.weight * (varianceOf(c) + (meanOf(c) - m) ** 2), 0);
    }
  }
}
