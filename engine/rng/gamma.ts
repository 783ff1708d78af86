import { standardNormal } from './normal.js';
import { uniform } from './uniform.js';

/**
 * A standard gamma draw (shape `a`, scale 1; mean a, variance a) by Marsaglia & Tsang
 * (2000, "A simple method for generating gamma variables", ACM TOMS 26(3) 363–372):
 * see {@link marsagliaTsang}. Shape < 1 by the boost X_a = X_{a+1}·U^{1/a} (same paper,
 * §6), with U^{1/a} computed as exp(ln U / a). `a` is not checked here (hot loop); callers
 * validate a > 0 once. Precompute d and c with {@link marsagliaTsang} in a loop over one shape.
 * @example 2 * standardGamma(s, 3) // gamma with shape 3, scale 2 (mean 6)
 */
export function standardGamma(s: Uint32Array, a: number): number {
  if (a < 1) {
    const d = a + 1 - 1 / 3;
    const g = marsagliaTsang(s, d, 1 / Math.sqrt(9 * d));
    return g * Math.exp(Math.log(uniform(s)) / a);
  }
  const d = a - 1 / 3;
  return marsagliaTsang(s, d, 1 / Math.sqrt(9 * d));
}

/**
 * The Marsaglia–Tsang rejection step for shape a ≥ 1, with d = a − ⅓ and c = 1/√(9d)
 * precomputed: Z normal, v = (1 + cZ)³ (redrawn while ≤ 0), U uniform; accept d·v if
 * U < 1 − 0.0331·Z⁴ (the squeeze, ~98% of draws) or ln U < Z²/2 + d(1 − v + ln v).
 * Acceptance ≥ 95.1% at a = 1, → 100% as a grows.
 */
export function marsagliaTsang(s: Uint32Array, d: number, c: number): number {
  for (;;) {
    let x: number, v: number;
    do {
      x = standardNormal(s);
      v = 1 + c * x;
    } while (v <= 0);
    v = v * v * v;
    const u = uniform(s);
    const x2 = x * x;
    if (u < 1 - 0.0331 * x2 * x2) return d * v;
    if (Math.log(u) < 0.5 * x2 + d * (1 - v + Math.log(v))) return d * v;
  }
}
