/**
 * The patience functions of engine/erlang/patience.ts, one kind at a time, against:
 *  - closed forms computed here without the engine's special functions: Ḡ and g of exponential,
 *    Erlang-k / gamma with integer shape (the Poisson sum), gamma with a non-integer shape (the
 *    positive series of P(a, x) with mathjs' Γ), lognormal (mathjs' erf), Weibull (exp, c from
 *    mathjs' Γ);
 *  - definitions: G = 1 − Ḡ; H(v) = ∫₀ᵛ Ḡ integrated here by Simpson's rule; H(∞) = the mean;
 *    E[τ²] = 2∫₀^∞ v·Ḡ(v) dv gives the CV the spec asked for; Ḡ(0) = 1, G(0) = H(0) = 0;
 *    empirical Ḡ(v) = #{xᵢ > v}/n and H(v) = Σ min(xᵢ, v)/n counted by brute force; a mixture
 *    is the weighted sum of its components;
 *  - the flags and lists the kernel reads (breaks, stepwise, rootAtZero, scale, survivalAtZero)
 *    from their doc comments; the one-line description the CLI prints.
 */
import { erf, gamma as gammaFn } from 'mathjs';
import { describe, expect, it } from 'vitest';
import { CDF, curveAt, DENSITY, describePatience, INTEGRAL, patienceCurve, SURVIVAL, type PatienceCurve } from '../../engine/erlang/patience.js';
import type { DistributionSpec } from '../../engine/rng/index.js';
import { erfc } from '../../engine/erlang/special/erfcx.js';
import { absError, WorstError } from '../support/expectClose.js';
import { lowerGammaSeries } from '../reference/lowerGammaSeries.js';

interface Forms {
  survival: (v: number) => number;
  /** G where it can be had without cancellation (else 1 − Ḡ) */
  cdf?: (v: number) => number;
  density: (v: number) => number;
}

/** Q(k, x) = e^{−x} Σ_{j<k} x^j/j! for integer k (Poisson sum). */
function poissonUpper(k: number, x: number): number {
  let t = 1;
  let s = 1;
  for (let j = 1; j < k; j++) {
    t *= x / j;
    s += t;
  }
  return Math.exp(-x) * s;
}

/** P(a, x) = x^a e^{−x}/Γ(a+1) · Σ_{n≥0} x^n/((a+1)…(a+n)) (positive terms), Γ from mathjs. */
function seriesLower(a: number, x: number): number {
  return (Math.exp(a * Math.log(x) - x) / gammaFn(a + 1)) * lowerGammaSeries(a, x, 100_000);
}

function gammaForms(mean: number, shape: number): Forms {
  const b = mean / shape;
  const integer = Number.isInteger(shape);
  return {
    survival: (v) => (v <= 0 ? 1 : integer ? poissonUpper(shape, v / b) : 1 - seriesLower(shape, v / b)),
    cdf: (v) => seriesLower(shape, v / b),
    density: (v) => Math.exp((shape - 1) * Math.log(v / b) - v / b) / (gammaFn(shape) * b),
  };
}

function lognormalForms(mean: number, cv: number): Forms {
  const sigma = Math.sqrt(Math.log(1 + cv * cv));
  const mu = Math.log(mean) - (sigma * sigma) / 2;
  return {
    survival: (v) => (v <= 0 ? 1 : 0.5 * (1 - erf((Math.log(v) - mu) / (sigma * Math.SQRT2)))),
    density: (v) => Math.exp(-(((Math.log(v) - mu) / sigma) ** 2) / 2) / (v * sigma * Math.sqrt(2 * Math.PI)),
  };
}

function weibullForms(mean: number, k: number): Forms {
  const c = mean / gammaFn(1 + 1 / k);
  return {
    survival: (v) => Math.exp(-((v / c) ** k)),
    cdf: (v) => -Math.expm1(-((v / c) ** k)),
    density: (v) => (k / c) * (v / c) ** (k - 1) * Math.exp(-((v / c) ** k)),
  };
}

function read(curve: PatienceCurve, v: number): [number, number, number, number] {
  curve.at(v);
  return [curveAt[SURVIVAL]!, curveAt[CDF]!, curveAt[INTEGRAL]!, curveAt[DENSITY]!];
}

/** ∫₀ᵛ f by Simpson's rule in t with v = t⁴ (smooth where G ~ v^a near 0), n (even) panels. */
function integrate(f: (v: number) => number, v: number, n = 4000): number {
  const top = v ** 0.25;
  const h = top / n;
  let s = 0;
  for (let i = 0; i <= n; i++) {
    const t = i * h;
    const w = i === 0 || i === n ? 1 : i % 2 === 1 ? 4 : 2;
    s += w * 4 * t ** 3 * f(t ** 4);
  }
  return (s * h) / 3;
}

const smooth: Array<[string, DistributionSpec, Forms, number]> = [
  ['exponential mean 80 s', { kind: 'exponential', mean: 80 }, { survival: (v) => Math.exp(-v / 80), cdf: (v) => -Math.expm1(-v / 80), density: (v) => Math.exp(-v / 80) / 80 }, 1],
  ['Erlang-3 mean 100 s', { kind: 'erlang', mean: 100, k: 3 }, gammaForms(100, 3), 1 / Math.sqrt(3)],
  ['gamma mean 150 s, CV 0.5 (shape 4)', { kind: 'gamma', mean: 150, cv: 0.5 }, gammaForms(150, 4), 0.5],
  ['gamma mean 100 s, CV 2 (shape 0.25)', { kind: 'gamma', mean: 100, cv: 2 }, gammaForms(100, 0.25), 2],
  ['lognormal mean 120 s, CV 0.5', { kind: 'lognormal', mean: 120, cv: 0.5 }, lognormalForms(120, 0.5), 0.5],
  ['lognormal mean 120 s, CV 2.5', { kind: 'lognormal', mean: 120, cv: 2.5 }, lognormalForms(120, 2.5), 2.5],
  ['Weibull mean 150 s, shape 2', { kind: 'weibull', mean: 150, shape: 2 }, weibullForms(150, 2), Math.sqrt(gammaFn(2) / gammaFn(1.5) ** 2 - 1)],
  ['Weibull mean 100 s, shape 0.6', { kind: 'weibull', mean: 100, shape: 0.6 }, weibullForms(100, 0.6), Math.sqrt(gammaFn(1 + 2 / 0.6) / gammaFn(1 + 1 / 0.6) ** 2 - 1)],
];

describe('smooth patience against closed forms and definitions', () => {
  const waits = [1e-3, 0.7, 5, 20, 60, 119, 120, 121, 300, 900];

  it.each(smooth)('%s: Ḡ, G = 1 − Ḡ and g against the closed forms (1e-10 relative), H against ∫Ḡ (1e-9)', (_label, spec, forms) => {
    const curve = patienceCurve(spec);
    const worst = new WorstError(_label);
    const lower = new WorstError(`${_label}, G`, absError);
    for (const v of waits) {
      const [surv, cdf, h, dens] = read(curve, v);
      const want = forms.survival(v);
      worst.add('survival', surv, want, { v });
      // G relative to itself, or to 1e-6 where the reference is 1 − Ḡ (lognormal: no erfc in mathjs)
      const wantCdf = forms.cdf ? forms.cdf(v) : 1 - want;
      lower.add('cdf', Math.abs(cdf - wantCdf) / Math.max(wantCdf, forms.cdf ? 0 : 1e-6), 0, { v });
      worst.add('sum', surv + cdf, 1, { v });
      worst.add('density', dens, forms.density(v), { v });
      worst.add('integral', h, integrate(forms.survival, v), { v });
    }
    worst.log().expectWithin({ survival: 1e-10, sum: 2e-16, density: 1e-10, integral: 1e-9 });
    lower.log().expectWithin({ cdf: 1e-10 });
  });

  it.each(smooth)('%s: H(∞) is the mean and 2∫v·Ḡ gives the CV asked for', (_label, spec, _forms, cv) => {
    const curve = patienceCurve(spec);
    expect(curve.mean).toBeCloseTo((spec as { mean: number }).mean, 10);
    // far enough out that Ḡ < 1e-17 (gamma shape 0.25 has scale b = 400 s, lognormal CV 2.5 a heavy tail)
    const heavy = spec.kind === 'lognormal' && (spec as { cv: number }).cv > 1;
    const far = heavy ? 1e9 : 3e4;
    expect(read(curve, far)[2] / curve.mean).toBeCloseTo(1, 9);
    if (heavy) return; // E[τ²] = m²(1 + cv²) converges too slowly for Simpson here
    const second = 2 * integrate((v) => v * read(curve, v)[0], far, 20_000);
    expect(Math.sqrt(second / curve.mean ** 2 - 1) / cv).toBeCloseTo(1, 6);
  });

  it('at 0 every kind writes Ḡ = 1, G = 0, H = 0 and g = 0 (its limit at 0 for these shapes)', () => {
    for (const spec of [{ kind: 'gamma', mean: 150, cv: 0.5 }, { kind: 'erlang', mean: 100, k: 3 }, { kind: 'lognormal', mean: 120, cv: 2.5 }, { kind: 'weibull', mean: 150, shape: 2 }] as DistributionSpec[]) {
      expect(read(patienceCurve(spec), 0), spec.kind).toEqual([1, 0, 0, 0]);
    }
    expect(read(patienceCurve({ kind: 'exponential', mean: 80 }), 0)).toEqual([1, 0, 0, 1 / 80]);
  });

  it('the median where Ḡ crosses ½ is the closed-form median (lognormal e^μ, Weibull c·(ln 2)^{1/k}), where G and Ḡ trade roles', () => {
    const ln = patienceCurve({ kind: 'lognormal', mean: 120, cv: 2.5 });
    const median = 120 / Math.sqrt(1 + 2.5 * 2.5);
    const [s, c] = read(ln, median);
    expect(Math.abs(s - 0.5)).toBeLessThan(1e-14);
    expect(Math.abs(c - 0.5)).toBeLessThan(1e-14);
  });
});

/** Median of a gamma by bisection on the independent P(a, x). */
function gammaMedian(mean: number, shape: number): number {
  const forms = gammaForms(mean, shape);
  let lo = 0;
  let hi = 50 * mean;
  for (let i = 0; i < 200; i++) {
    const mid = (lo + hi) / 2;
    if (forms.survival(mid) > 0.5) lo = mid;
    else hi = mid;
  }
  return lo;
}

describe('lognormal: one exponential shared by Ḡ, H and g', () => {
  // Ḡ, G, H, g as the textbook forms give them, each erfc with its own exponential (special/erfcx.ts's
  // erfc, to a few ulps against 40 digits in erfcx.test.ts), against the curve's shared-factor path:
  // e^{−z²/2} for Ḡ's erfc and the density, and e^{−z²/2}·v/m for H's erfc((σ − z)/√2)
  function direct(mean: number, cv: number, v: number): [number, number, number, number] {
    const s2 = Math.log1p(cv * cv);
    const sigma = Math.sqrt(s2);
    const mu = Math.log(mean) - s2 / 2;
    const z = (Math.log(v) - mu) * (1 / sigma); // as the curve rounds it
    const smaller = 0.5 * erfc(Math.abs(z) * Math.SQRT1_2);
    const surv = z >= 0 ? smaller : 1 - smaller;
    const cdf = z >= 0 ? 1 - smaller : smaller;
    return [surv, cdf, v * surv + mean * 0.5 * erfc((sigma - z) * Math.SQRT1_2), Math.exp(-0.5 * z * z) / (v * sigma * Math.sqrt(2 * Math.PI))];
  }

  it('equal the direct forms to 1e-14 relative (Ḡ and G to the bit) over waits 10⁻⁶…10⁹ s, CV 0.1…10, wherever they are normal doubles', () => {
    const worst = new WorstError('lognormal shared factor vs direct forms, relative');
    let bitwise = 0;
    let checked = 0;
    for (const cv of [0.1, 0.5, 1.4, 2.5, 10]) {
      const curve = patienceCurve({ kind: 'lognormal', mean: 120, cv });
      for (let i = -60; i <= 90; i++) {
        const v = 10 ** (i / 10);
        const got = read(curve, v);
        const want = direct(120, cv, v);
        const names = ['survival', 'cdf', 'integral', 'density'] as const;
        for (let k = 0; k < 4; k++) if (want[k]! > 1e-290) worst.add(names[k], got[k]!, want[k]!, { cv, v });
        checked++;
        if (got[0] === want[0] && got[1] === want[1]) bitwise++;
      }
    }
    expect(bitwise).toBe(checked);
    // measured: H 4.0e-16, g 2.3e-13 at |z| ≈ 35 (e^{−z²/2} from z²/2 or from (|z|/√2)²: each off by ~z²ε/2)
    worst.log().expectWithin({ survival: 0, cdf: 0, integral: 1e-14, density: 1e-12 });
  });
});

describe('what the kernel reads besides the values', () => {
  it('rootAtZero: G ~ v^a with a non-integer a near 0 (gamma and Weibull with such a shape), not for integer shapes, exponential or lognormal', () => {
    const root = (spec: DistributionSpec) => patienceCurve(spec).rootAtZero;
    expect(root({ kind: 'exponential', mean: 80 })).toBe(false);
    expect(root({ kind: 'lognormal', mean: 120, cv: 2.5 })).toBe(false);
    expect(root({ kind: 'erlang', mean: 100, k: 3 })).toBe(false);
    expect(root({ kind: 'gamma', mean: 150, cv: 0.5 })).toBe(false); // shape 4
    expect(root({ kind: 'gamma', mean: 100, cv: 2 })).toBe(true); // shape 0.25
    expect(root({ kind: 'weibull', mean: 150, shape: 2 })).toBe(false);
    expect(root({ kind: 'weibull', mean: 100, shape: 0.6 })).toBe(true);
    expect(root({ kind: 'deterministic', value: 30 })).toBe(false);
    expect(root({ kind: 'empirical', values: [3, 30] })).toBe(false);
  });

  /**
   * gradesAtZero, as the PatienceCurve interface documents it: Ḡ changes on a logarithmic scale of v
   * near 0 for every rootAtZero curve (v^a, a not whole) and for lognormal with σ = √ln(1 + CV²) ≥ 1.1;
   * not for exponential, integer shapes, step curves or lognormal below σ = 1.1; a mixture grades when
   * a part does. A hint for the kernel's panel layout: the figures agree either way to the quadrature
   * tolerance, so only the flag itself shows it.
   */
  it('gradesAtZero: rootAtZero curves and lognormal with σ ≥ 1.1 (CV ≥ 1.534), and mixtures with such a part', () => {
    const grades = (spec: DistributionSpec) => patienceCurve(spec).gradesAtZero;
    expect(grades({ kind: 'exponential', mean: 80 })).toBe(false);
    expect(grades({ kind: 'erlang', mean: 100, k: 3 })).toBe(false);
    expect(grades({ kind: 'gamma', mean: 150, cv: 0.5 })).toBe(false); // shape 4
    expect(grades({ kind: 'gamma', mean: 100, cv: 2 })).toBe(true); // shape 0.25
    expect(grades({ kind: 'weibull', mean: 150, shape: 2 })).toBe(false);
    expect(grades({ kind: 'weibull', mean: 100, shape: 0.6 })).toBe(true);
    expect(grades({ kind: 'deterministic', value: 30 })).toBe(false);
    expect(grades({ kind: 'empirical', values: [3, 30] })).toBe(false);
    expect(grades({ kind: 'lognormal', mean: 120, cv: 1.4 })).toBe(false); // σ = 1.042
    expect(grades({ kind: 'lognormal', mean: 120, cv: 2.5 })).toBe(true); // σ = 1.362
    // σ = √ln(1 + CV²) is 1.1 exactly in doubles at this CV (√(e^{1.21} − 1)): the bound is included
    const cv = 1.5341071189943107;
    expect(Math.sqrt(Math.log1p(cv * cv))).toBe(1.1);
    expect(grades({ kind: 'lognormal', mean: 120, cv })).toBe(true);
    const exp = { kind: 'exponential' as const, mean: 80 };
    expect(grades({ kind: 'mixture', components: [{ ...exp, weight: 0.5 }, { kind: 'lognormal', mean: 120, cv: 2.5, weight: 0.5 }] })).toBe(true);
    expect(grades({ kind: 'mixture', components: [{ ...exp, weight: 0.5 }, { kind: 'gamma', mean: 150, cv: 0.5, weight: 0.5 }] })).toBe(false);
  });

  it('scale: the mean, or the median when that is smaller (medians from the closed forms)', () => {
    expect(patienceCurve({ kind: 'exponential', mean: 80 }).scale).toBe(80);
    // lognormal: median e^μ = m/√(1 + cv²) below the mean
    expect(patienceCurve({ kind: 'lognormal', mean: 120, cv: 2.5 }).scale).toBeCloseTo(120 / Math.sqrt(1 + 6.25), 10);
    // Weibull: median c·(ln 2)^{1/k}; below the mean for shape 0.6, above it for shape 5
    const c06 = 100 / gammaFn(1 + 1 / 0.6);
    expect(patienceCurve({ kind: 'weibull', mean: 100, shape: 0.6 }).scale).toBeCloseTo(c06 * Math.LN2 ** (1 / 0.6), 10);
    expect(c06 * Math.LN2 ** (1 / 0.6)).toBeLessThan(100);
    expect(100 / gammaFn(1.2) * Math.LN2 ** 0.2).toBeGreaterThan(100);
    expect(patienceCurve({ kind: 'weibull', mean: 100, shape: 5 }).scale).toBe(100);
    // gamma: Wilson–Hilferty's median, within 2% of the exact one for shape ≥ 1, within 20% at shape 0.25
    for (const [cv, shape, tol] of [[0.5, 4, 0.02], [1, 1, 0.02], [2, 0.25, 0.2]] as const) {
      const scale = patienceCurve({ kind: 'gamma', mean: 150, cv }).scale;
      expect(Math.abs(scale / gammaMedian(150, shape) - 1), `shape ${shape}: ${scale}`).toBeLessThan(tol);
    }
  });
});

describe('step patience (deterministic, empirical) against counting', () => {
  const values = [90, 3, 45, 3, 0, 0, 200, 45, 12.5];
  const n = values.length;
  it('empirical (unsorted, repeated values, zeros): Ḡ = #{x > v}/n, G = #{x ≤ v}/n, H = Σ min(x, v)/n, g = 0, at and between the jumps', () => {
    const curve = patienceCurve({ kind: 'empirical', values });
    for (const v of [0, 1, 3, 3.5, 12.5, 44.9, 45, 46, 90, 150, 200, 1e4]) {
      const above = values.filter((x) => x > v).length / n;
      const below = values.filter((x) => x <= v).length / n;
      const h = values.reduce((s, x) => s + Math.min(x, v), 0) / n;
      const [s, c, H, g] = read(curve, v);
      expect(Math.abs(s - above) <= 1e-15 && Math.abs(c - below) <= 1e-15 && g === 0, `v=${v}: ${[s, c, g]}`).toBe(true);
      expect(Math.abs(H - h), `H at v=${v}`).toBeLessThan(1e-13);
    }
    expect(curve.mean).toBeCloseTo(values.reduce((s, x) => s + x, 0) / n, 12);
    expect(curve.scale).toBeCloseTo(curve.mean, 12);
    expect(curve.survivalAtZero).toBeCloseTo(7 / 9, 15);
    expect([...curve.breaks]).toEqual([3, 12.5, 45, 90, 200]);
    expect(curve.stepwise).toBe(true);
  });

  it('no patience of 0: Ḡ(0) = 1; all patience 0: Ḡ(0) = 0, mean 0 and still a positive scale', () => {
    const none = patienceCurve({ kind: 'empirical', values: [20, 10] });
    expect(none.survivalAtZero).toBe(1);
    expect(none.mean).toBe(15);
    const all = patienceCurve({ kind: 'empirical', values: [0, 0] });
    expect([all.survivalAtZero, all.mean, all.breaks.length]).toEqual([0, 0, 0]);
    expect(all.scale > 0 && Number.isFinite(all.scale)).toBe(true);
    const det = patienceCurve({ kind: 'deterministic', value: 30 });
    expect([det.survivalAtZero, det.mean, det.scale, [...det.breaks]]).toEqual([1, 30, 30, [30]]);
    expect(read(det, 29.5)).toEqual([1, 0, 29.5, 0]);
    expect(read(det, 30)).toEqual([0, 1, 30, 0]);
  });
});

describe('mixtures: the weighted sum of their components', () => {
  const components = [
    { weight: 0, kind: 'deterministic', value: 10 },
    { weight: 0.4, kind: 'deterministic', value: 90 },
    { weight: 0, kind: 'weibull', mean: 50, shape: 0.6 },
    { weight: 0.3, kind: 'empirical', values: [0, 30] },
    { weight: 0.3, kind: 'lognormal', mean: 60, cv: 1 },
  ] as const;
  const spec = { kind: 'mixture', components } as unknown as DistributionSpec;
  const logn = lognormalForms(60, 1);

  it('Ḡ, G, H and g against the components counted and in closed form; zero weights change nothing', () => {
    const curve = patienceCurve(spec);
    const worst = new WorstError('mixture');
    for (const v of [0.5, 5, 10, 29, 30, 31, 60, 89, 90, 120, 400]) {
      const [s, c, H, g] = read(curve, v);
      const stepS = 0.4 * (v < 90 ? 1 : 0) + 0.3 * ((v < 0 ? 1 : 0) + (v < 30 ? 1 : 0)) / 2;
      const stepH = 0.4 * Math.min(v, 90) + (0.3 * (0 + Math.min(v, 30))) / 2;
      worst.add('survival', s, stepS + 0.3 * logn.survival(v), { v });
      worst.add('cdf', c, 1 - (stepS + 0.3 * logn.survival(v)), { v });
      worst.add('integral', H, stepH + 0.3 * integrate(logn.survival, v), { v });
      worst.add('density', g, 0.3 * logn.density(v), { v });
    }
    worst.log().expectWithin({ survival: 1e-10, cdf: 1e-10, integral: 1e-9, density: 1e-10 });
    expect(curve.mean).toBeCloseTo(0.4 * 90 + 0.3 * 15 + 0.3 * 60, 10);
    expect(curve.survivalAtZero).toBeCloseTo(0.4 + 0.3 * 0.5 + 0.3, 15);
    // jumps of the steps with weight, sorted; the zero-weight step at 10 s and Weibull do not count
    expect([...curve.breaks]).toEqual([30, 90]);
    expect(curve.stepwise).toBe(false);
    expect(curve.rootAtZero).toBe(false);
  });

  it('stepwise only when every part is a step; rootAtZero when some part has a root; scale from the smallest part (here the median)', () => {
    const steps = patienceCurve({ kind: 'mixture', components: [{ weight: 0.5, kind: 'deterministic', value: 90 }, { weight: 0.5, kind: 'empirical', values: [60, 20] }] });
    expect(steps.stepwise).toBe(true);
    expect([...steps.breaks]).toEqual([20, 60, 90]);
    const root = patienceCurve({ kind: 'mixture', components: [{ weight: 0.4, kind: 'weibull', mean: 50, shape: 0.6 }, { weight: 0.6, kind: 'exponential', mean: 80 }] });
    expect(root.rootAtZero).toBe(true);
    // half the callers leave at 4 s, the rest are exponential with mean 200 s: the median is 4 s, the mean 102 s
    const split = patienceCurve({ kind: 'mixture', components: [{ weight: 0.5, kind: 'deterministic', value: 4 }, { weight: 0.5, kind: 'exponential', mean: 200 }] });
    expect(split.mean).toBeCloseTo(102, 12);
    expect(split.scale).toBe(4);
  });
});

describe('the memo each curve carries', () => {
  it('starts with the jumps of Ḡ as its exact panel ends, and its point memo keeps 4 × 16,384 entries before starting over', () => {
    const curve = patienceCurve({ kind: 'empirical', values: [45, 3, 45, 90] });
    expect(curve.memo.exact).toEqual([3, 45, 90]);
    expect(patienceCurve({ kind: 'lognormal', mean: 120, cv: 1 }).memo.exact).toEqual([]);
    const points = curve.memo.points;
    const entries = 4 * 16_384;
    for (let i = 0; i < entries; i++) {
      const at = points.add(i, 7); // values() re-read after add: growing replaces the array
      points.values()[at] = i;
    }
    let found = 0;
    for (let i = 0; i < entries; i++) if (points.values()[points.find(i, 7)] === i) found++;
    expect(found).toBe(entries);
    points.add(entries, 7);
    expect(points.find(0, 7)).toBe(-1);
  });
});

describe('describePatience: "<kind>, <parameters>" with 4 significant digits', () => {
  it.each([
    [{ kind: 'exponential', mean: 123.456 }, 'exponential, mean 123.5 s'],
    [{ kind: 'erlang', mean: 100, k: 3 }, 'Erlang-3, mean 100 s'],
    [{ kind: 'gamma', mean: 150, cv: 1.5 }, 'gamma, mean 150 s, CV 1.5'],
    [{ kind: 'lognormal', mean: 120, cv: 2.5 }, 'lognormal, mean 120 s, CV 2.5'],
    [{ kind: 'weibull', mean: 100, shape: 0.6 }, 'Weibull, mean 100 s, shape 0.6'],
    [{ kind: 'deterministic', value: 45 }, 'deterministic, 45 s'],
    [{ kind: 'empirical', values: [0, 3, 20] }, 'empirical, 3 values, mean 7.667 s'],
    [{ kind: 'mixture', components: [{ weight: 0.3, kind: 'deterministic', value: 4 }, { weight: 0.7, kind: 'gamma', mean: 200, cv: 0.7 }] },
      'mixture of 30% deterministic, 4 s + 70% gamma, mean 200 s, CV 0.7'],
  ] as Array<[DistributionSpec, string]>)('%j', (spec, text) => {
    expect(describePatience(spec)).toBe(text);
  });
});
