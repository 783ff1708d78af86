import { lnGamma } from '../rng/gammaFunction.js';

/**
 * Regularized incomplete beta I_x(a, b) by its continued fraction, evaluated with the
 * modified Lentz method (Press et al., Numerical Recipes 3rd ed. §6.4, `betacf`; the
 * symmetry I_x(a,b) = 1 − I_{1−x}(b,a) keeps the fraction in its fast-converging region).
 * Relative accuracy ~1e-14 for the t-distribution's parameters.
 */
export function incompleteBeta(x: number, a: number, b: number): number {
  if (x <= 0) return 0;
  if (x >= 1) return 1;
  const lnFront = lnGamma(a + b) - lnGamma(a) - lnGamma(b) + a * Math.log(x) + b * Math.log1p(-x);
  if (x < (a + 1) / (a + b + 2)) return (Math.exp(lnFront) * betaFraction(x, a, b)) / a;
  return 1 - (Math.exp(lnFront) * betaFraction(1 - x, b, a)) / b;
}

function betaFraction(x: number, a: number, b: number): number {
  const TINY = 1e-300, EPS = 1e-16;
  const qab = a + b, qap = a + 1, qam = a - 1;
  let c = 1, d = 1 - (qab * x) / qap;
  if (Math.abs(d) < TINY) d = TINY;
  d = 1 / d;
  let h = d;
  for (let m = 1; m <= 1000; m++) {
    const m2 = 2 * m;
    let aa = (m * (b - m) * x) / ((qam + m2) * (a + m2));
    d = 1 + aa * d; if (Math.abs(d) < TINY) d = TINY;
    c = 1 + aa / c; if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d; h *= d * c;
    aa = (-(a + m) * (qab + m) * x) / ((a + m2) * (qap + m2));
    d = 1 + aa * d; if (Math.abs(d) < TINY) d = TINY;
    c = 1 + aa / c; if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    const del = d * c;
    h *= del;
    if (Math.abs(del - 1) < EPS) break;
  }
  return h;
}

/**
 * Student's t cumulative distribution P(T ≤ t) with `df` > 0 degrees of freedom:
 * for t ≥ 0, 1 − ½·I_{df/(df+t²)}(df/2, ½) (Abramowitz & Stegun 26.7.1 / 26.5.27).
 * @example studentTCdf(2.228, 10) // ≈ 0.975
 */
export function studentTCdf(t: number, df: number): number {
  if (Number.isNaN(t)) return NaN;
  if (t === Infinity) return 1;
  if (t === -Infinity) return 0;
  const tail = 0.5 * incompleteBeta(df / (df + t * t), df / 2, 0.5);
  return t >= 0 ? 1 - tail : tail;
}

/** Density of Student's t. */
function studentTPdf(t: number, df: number): number {
  return Math.exp(lnGamma((df + 1) / 2) - lnGamma(df / 2) - 0.5 * Math.log(df * Math.PI)
    - ((df + 1) / 2) * Math.log1p((t * t) / df));
}

/** Standard normal quantile z_{0.975}. */
const Z975 = 1.959963984540054;

/**
 * The quantile t_p(df) of Student's t: the t with P(T ≤ t) = p, for 0 < p < 1 and real
 * df > 0 (Infinity gives the normal quantile). Exact closed forms for df = 1 (tan π(p − ½)) and df = 2
 * (Hill 1970, CACM 13(10) 617–619); otherwise Newton's method on {@link studentTCdf}
 * started from the Cornish–Fisher expansion (Abramowitz & Stegun 26.7.5), safeguarded
 * by bisection; accurate to ~1e-12 relative.
 * Published values (e.g. NIST/SEMATECH e-Handbook §1.3.6.7.2): t_{0.975}(1) = 12.706,
 * t_{0.975}(7) = 2.365, t_{0.975}(30) = 2.042, t_{0.975}(∞) = 1.960.
 * @throws {RangeError} p not in (0, 1) or df not > 0
 * @example studentTQuantile(0.975, 7) // ≈ 2.3646
 */
export function studentTQuantile(p: number, df: number): number {
  if (!(p > 0 && p < 1)) throw new RangeError(`p must be in (0, 1), got ${p}`);
  if (!(df > 0)) throw new RangeError(`df (degrees of freedom) must be > 0, got ${df}`);
  if (p < 0.5) return -studentTQuantile(1 - p, df);
  if (p === 0.5) return 0;
  if (df > 1e5) {
    // Cornish–Fisher below: its error is O(df⁻⁵) < 1e-25 here; the normal quantile is
    // exact for p = 0.975 and good to ~1e-9 relative otherwise (Acklam).
    const z = p === 0.975 ? Z975 : normalQuantileApprox(p);
    return df === Infinity ? z : cornishFisher(z, df);
  }
  if (df === 1) return Math.tan(Math.PI * (p - 0.5));
  if (df === 2) return (2 * p - 1) * Math.sqrt(2 / (4 * p * (1 - p)));
  // Start: the Cornish–Fisher expansion around the normal quantile (close for df ≥ 3).
  const z = p === 0.975 ? Z975 : normalQuantileApprox(p);
  let t = cornishFisher(z, df);
  if (!(t > 0 && Number.isFinite(t))) t = z;
  // Bracket [lo, hi] around the root, then Newton steps kept inside the bracket.
  let lo = 0, hi = Math.max(2 * t, 1);
  while (studentTCdf(hi, df) < p) { lo = hi; hi *= 2; }
  if (!(t > lo && t < hi)) t = (lo + hi) / 2;
  for (let iter = 0; iter < 200; iter++) {
    const f = studentTCdf(t, df) - p;
    if (f === 0) return t;
    if (f < 0) lo = t; else hi = t;
    let next = t - f / studentTPdf(t, df);
    if (!(next > lo && next < hi)) next = (lo + hi) / 2;
    if (Math.abs(next - t) <= 1e-14 * t) return next;
    t = next;
  }
  return t;
}

/** t quantile ≈ z + g₁/ν + g₂/ν² + g₃/ν³ + g₄/ν⁴ (Abramowitz & Stegun 26.7.5). */
function cornishFisher(z: number, df: number): number {
  const z2 = z * z, z3 = z2 * z, z5 = z3 * z2, z7 = z5 * z2, z9 = z7 * z2;
  return z + (z3 + z) / (4 * df) + (5 * z5 + 16 * z3 + 3 * z) / (96 * df * df)
    + (3 * z7 + 19 * z5 + 17 * z3 - 15 * z) / (384 * df ** 3)
    + (79 * z9 + 776 * z7 + 1482 * z5 - 1920 * z3 - 945 * z) / (92160 * df ** 4);
}

/**
 * Normal quantile, rational approximation of Acklam (2003), relative error < 1.2e-9
 * (used only as the Newton start above and for large df).
 */
function normalQuantileApprox(p: number): number {
  const a = [-3.969683028665376e1, 2.209460984245205e2, -2.759285104469687e2, 1.38357751867269e2, -3.066479806614716e1, 2.506628277459239];
  const b = [-5.447609879822406e1, 1.615858368580409e2, -1.556989798598866e2, 6.680131188771972e1, -1.328068155288572e1];
  const c = [-7.784894002430293e-3, -3.223964580411365e-1, -2.400758277161838, -2.549732539343734, 4.374664141464968, 2.938163982698783];
  const d = [7.784695709041462e-3, 3.224671290700398e-1, 2.445134137142996, 3.754408661907416];
  const pl = 0.02425;
  if (p < pl) {
    const q = Math.sqrt(-2 * Math.log(p));
    return (((((c[0]! * q + c[1]!) * q + c[2]!) * q + c[3]!) * q + c[4]!) * q + c[5]!) / ((((d[0]! * q + d[1]!) * q + d[2]!) * q + d[3]!) * q + 1);
  }
  if (p > 1 - pl) return -normalQuantileApprox(1 - p);
  const q = p - 0.5, r = q * q;
  return (((((a[0]! * r + a[1]!) * r + a[2]!) * r + a[3]!) * r + a[4]!) * r + a[5]!) * q
    / (((((b[0]! * r + b[1]!) * r + b[2]!) * r + b[3]!) * r + b[4]!) * r + 1);
}

/**
 * t_{0.975}(df): the multiplier of a two-sided 95% confidence interval of a mean from
 * df + 1 observations. See {@link studentTQuantile}.
 * @example t975(1) // 12.7062…; t975(Infinity) // 1.95996…
 */
export function t975(df: number): number {
  return studentTQuantile(0.975, df);
}
