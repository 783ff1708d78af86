import { standardNormal } from './normal.js';
import { uniform } from './uniform.js';

/**
 * A standard gamma draw (shape `a`, scale 1; mean a, variance a) by Marsaglia & Tsang
 * (2000, "A simple method for generating gamma variables", ACM TOMS 26(3) 363–372):
 * d = a − ⅓, c = 1/√(9d); accept d·v with v = (1 + cZ)³ by the squeeze 1 − 0.0331Z⁴ or the
 * log test. Shape < 1 by the boost X_a = X_{a+1}·U^{1/a} (same paper, §6), done in log
 * space. `a` is not checked here (hot loop); callers validate a > 0 once.
 * @example 2 * standardGamma(s, 3) // gamma with shape 3, scale 2 (mean 6)
 */
export function standardGamma(s: Uint32Array, a: number): number {
  if (a < 1) {
    const g = standardGamma(s, a + 1);
    return Math.exp(Math.log(g) + Math.log(uniform(s)) / a);
  }
  const d = a - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
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
