/**
 * An exact Poisson variate from a seeded stream: the count of self-service completions of a
 * centre-day in the full-year run (binomial thinning of a Poisson arrival stream gives two
 * independent Poisson streams, so the IVR count can be drawn at once instead of call by call).
 *
 * mean < 10: multiplication (Knuth): multiply uniforms until the product drops below e^−mean.
 * mean ≥ 10: PTRS, transformed rejection with squeeze (W. Hörmann, "The transformed rejection
 * method for generating Poisson random variables", Insurance: Mathematics and Economics 12,
 * 1993, 39–45), the method of numpy's `poisson`; O(1) expected uniforms for any mean.
 */
import { uniform } from '../rng/uniform.js';
import { lnGamma } from '../rng/gammaFunction.js';

/**
 * One Poisson(mean) count drawn from the stream state `s` (advanced in place).
 * @throws {RangeError} mean not finite or < 0
 * @example poisson(2.5e5, streamState(1, 0, 0, 'ivr')) // ≈ 250,000 ± 500
 */
export function poisson(mean: number, s: Uint32Array): number {
  if (!(mean >= 0 && Number.isFinite(mean))) throw new RangeError(`poisson: mean must be a finite number ≥ 0, got ${mean}`);
  if (mean === 0) return 0;
  if (mean < 10) {
    const limit = Math.exp(-mean);
    let k = 0;
    let p = uniform(s);
    while (p > limit) {
      k++;
      p *= uniform(s);
    }
    return k;
  }
  const slam = Math.sqrt(mean);
  const loglam = Math.log(mean);
  const b = 0.931 + 2.53 * slam;
  const a = -0.059 + 0.02483 * b;
  const invalpha = 1.1239 + 1.1328 / (b - 3.4);
  const vr = 0.9277 - 3.6224 / (b - 2);
  for (;;) {
    const u = uniform(s) - 0.5;
    const v = uniform(s);
    const us = 0.5 - Math.abs(u);
    const k = Math.floor(((2 * a) / us + b) * u + mean + 0.43);
    if (us >= 0.07 && v <= vr) return k;
    if (k < 0 || (us < 0.013 && v > us)) continue;
    if (Math.log(v) + Math.log(invalpha) - Math.log(a / (us * us) + b) <= -mean + k * loglam - lnGamma(k + 1)) return k;
  }
}
