/**
 * The Poisson/gamma density term D(a, x) = x^a·e^{−x}/Γ(a+1) for real a ≥ 0, x ≥ 0, in Loader's
 * saddle-point form (C. Loader, "Fast and accurate computation of binomial probabilities", 2000;
 * R's dpois_raw): D = exp(−stirlerr(a) − bd0(a, x)) / √(2πa). Building it from lgamma instead loses
 * ~1e-11 at a = 10⁴; here the absolute error of the exponent stays ~1e-16·(1 + bd0).
 */

const LN_2PI = 1.837877066409345483560659472811;

// Stirling-series coefficients of stirlerr(n) = lnΓ(n+1) − (n+½)ln n + n − ½ln 2π (Bernoulli numbers B_{2k}/(2k(2k−1)))
const S0 = 1 / 12;
const S1 = 1 / 360;
const S2 = 1 / 1260;
const S3 = 1 / 1680;
const S4 = 1 / 1188;
const S5 = 691 / 360360;
const S6 = 1 / 156;
const S7 = 3617 / 122400;

/**
 * stirlerr(a) = lnΓ(a+1) − (a+½)ln a + a − ½ln(2π), the error of Stirling's formula, a > 0.
 * Asymptotic series for a ≥ 10 (truncation < 3e-17); below, shifted up by the recurrence
 * Γ(a+1) = Γ(a+m+1)/((a+1)…(a+m)).
 */
export function stirlerr(a: number): number {
  if (a >= 10) {
    const r = 1 / a;
    const r2 = r * r;
    if (a >= 40) return r * (S0 - r2 * (S1 - r2 * (S2 - r2 * (S3 - r2 * S4))));
    return r * (S0 - r2 * (S1 - r2 * (S2 - r2 * (S3 - r2 * (S4 - r2 * (S5 - r2 * (S6 - r2 * S7)))))));
  }
  // shift: stirlerr(a) = stirlerr(a+m) − ln Π_{j=1..m}(a+j) + (a+m+½)ln(a+m) − (a+½)ln a − m
  const m = Math.ceil(10 - a);
  const b = a + m;
  let prod = 1;
  for (let j = 1; j <= m; j++) prod *= a + j;
  const r = 1 / b;
  const r2 = r * r;
  const sb = r * (S0 - r2 * (S1 - r2 * (S2 - r2 * (S3 - r2 * (S4 - r2 * (S5 - r2 * (S6 - r2 * S7)))))));
  return sb - Math.log(prod) + (b + 0.5) * Math.log(b) - (a + 0.5) * Math.log(a) - m;
}

/**
 * bd0(a, x) = a·ln(a/x) + x − a ≥ 0 (the "deviance" term), stable near a ≈ x by the series
 * bd0 = (a−x)v + 2a Σ_{j≥1} v^{2j+1}/(2j+1), v = (a−x)/(a+x), used for |v| < ⅓ (≤ 17 terms) so that
 * the absolute error stays ~ε·bd0 rather than ~ε·a.
 */
export function bd0(a: number, x: number): number {
  const d = a - x;
  if (3 * Math.abs(d) < a + x) {
    let v = d / (a + x);
    let s = d * v;
    let ej = 2 * a * v;
    v = v * v;
    for (let j = 1; j < INV_ODD.length; j++) {
      ej *= v;
      const s1 = s + ej * INV_ODD[j]!;
      if (s1 === s) return s1;
      s = s1;
    }
    return s;
  }
  return a * Math.log(a / x) + x - a;
}

/** 1/(2j+1) for the bd0 series (|v| < ⅓ converges in ≤ 17 terms; 40 is ample). */
const INV_ODD = Float64Array.from({ length: 40 }, (_, j) => 1 / (2 * j + 1));

/** ln D(a, x), a ≥ 0, x ≥ 0 (−Infinity when x = 0 < a). */
export function logPoissonTerm(a: number, x: number): number {
  if (a === 0) return -x;
  if (x === 0) return -Infinity;
  return -stirlerr(a) - bd0(a, x) - 0.5 * (LN_2PI + Math.log(a));
}

/** D(a, x) = x^a e^{−x}/Γ(a+1). */
export function poissonTerm(a: number, x: number): number {
  return Math.exp(logPoissonTerm(a, x));
}
