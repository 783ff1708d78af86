/*
 * ln Γ(x) by the Lanczos approximation with g = 7, n = 9 (coefficients of P. Godfrey, as
 * used in e.g. the Wikipedia "Lanczos approximation" reference code and mathjs), relative
 * error ~1e-15 for x > 0; reflection for x < ½.
 */
const G = 7;
const C = [
  0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313,
  -176.61502916214059, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6,
  1.5056327351493116e-7,
];
const HALF_LN_2PI = 0.9189385332046728;

/**
 * ln Γ(x) for x > 0 (Lanczos, g = 7, n = 9; relative error ≈ 1e-15).
 * @example Math.exp(lnGamma(5)) // 24
 */
export function lnGamma(x: number): number {
  if (x < 0.5) return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * x))) - lnGamma(1 - x);
  x -= 1;
  let a = C[0]!;
  const t = x + G + 0.5;
  for (let i = 1; i < G + 2; i++) a += C[i]! / (x + i);
  return HALF_LN_2PI + (x + 0.5) * Math.log(t) - t + Math.log(a);
}

/** Γ(x) for x > 0, by exp(ln Γ(x)). @example gammaFunction(0.5) // √π ≈ 1.7724538509 */
export function gammaFunction(x: number): number {
  return Math.exp(lnGamma(x));
}
