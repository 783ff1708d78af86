/**
 * The lower incomplete gamma series Σ_{k≥0} x^k/((a+1)…(a+k)) = P(a, x)/D(a, x), D = x^a e^{−x}/Γ(a+1)
 * (A&S 6.5.29), by its positive terms until they fall below 1e-18 of the sum past k > x − a;
 * independent of the engine's special functions. Used by the tests' references for P(a, x).
 * @example lowerGammaSeries(1, 1) // e − 1
 */
export function lowerGammaSeries(a: number, x: number, maxTerms = 10_000_000): number {
  let t = 1;
  let s = 1;
  for (let k = 1; k < maxTerms; k++) {
    t *= x / (a + k);
    s += t;
    if (x < a + k && t < s * 1e-18) break;
  }
  return s;
}
