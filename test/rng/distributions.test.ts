import { gamma as G } from 'mathjs';
import { describe, expect, it } from 'vitest';
import {
  type DistributionSpec, encodeSampler, lnGamma, makeSampler, meanOf, sampleEncoded, standardGamma, streamState, varianceOf,
} from '../../engine/rng/index.js';

/*
 * Theorem (CLT): the sample mean of n draws has standard error σ/√n, and the sample
 * variance s² has standard error √((μ₄ − σ⁴·(n − 3)/(n − 1))/n) ≈ √((μ₄ − σ⁴)/n), with μ₄ the
 * fourth central moment (e.g. Kendall & Stuart, Advanced Theory of Statistics, vol. 1, §10.5).
 * Each kind: n = 200,000 draws from a fixed stream, |x̄ − mean| and |s² − σ²| within 5 standard
 * errors (a false alarm has probability ≈ 6e-7 per check). The moments come from closed forms
 * written here independently of the samplers (raw moments of gamma, lognormal, Weibull), with
 * Γ from mathjs (Lanczos; exact factorials at whole numbers), not the engine's lnGamma.
 */
const N = 200_000;

/** Raw moments E[Xʳ], r = 1…4, from closed forms. */
function rawMoments(spec: DistributionSpec): number[] {
  const r4 = [1, 2, 3, 4];
  switch (spec.kind) {
    case 'exponential': return r4.map((r) => spec.mean ** r * G(1 + r));            // θʳ Γ(1 + r)
    case 'erlang': { const th = spec.mean / spec.k; return r4.map((r) => th ** r * (G(spec.k + r) / G(spec.k))); }
    case 'gamma': { const a = 1 / spec.cv ** 2, th = spec.mean / a; return r4.map((r) => th ** r * (G(a + r) / G(a))); }
    case 'lognormal': { const s2 = Math.log(1 + spec.cv ** 2), mu = Math.log(spec.mean) - s2 / 2; return r4.map((r) => Math.exp(r * mu + (r * r * s2) / 2)); }
    case 'weibull': { const lam = spec.mean / G(1 + 1 / spec.shape); return r4.map((r) => lam ** r * G(1 + r / spec.shape)); }
    case 'deterministic': return r4.map((r) => spec.value ** r);
    case 'empirical': return r4.map((r) => spec.values.reduce((a, v) => a + v ** r, 0) / spec.values.length);
    // raw moments of a mixture are the weighted raw moments of its components
    case 'mixture': return spec.components.reduce((acc, c) => rawMoments(c).map((m, i) => acc[i]! + c.weight * m), [0, 0, 0, 0]);
  }
}

function centralMoments(spec: DistributionSpec) {
  const [m1, m2, m3, m4] = rawMoments(spec) as [number, number, number, number];
  const variance = m2 - m1 * m1;
  const mu4 = m4 - 4 * m1 * m3 + 6 * m1 * m1 * m2 - 3 * m1 ** 4;
  return { mean: m1, variance, mu4 };
}

const cases: [string, DistributionSpec][] = [
  ['exponential mean 300', { kind: 'exponential', mean: 300 }],
  ['erlang-3 mean 300 (sum of exponentials)', { kind: 'erlang', mean: 300, k: 3 }],
  ['erlang-10 mean 300 (gamma path)', { kind: 'erlang', mean: 300, k: 10 }],
  ['gamma cv 0.5', { kind: 'gamma', mean: 240, cv: 0.5 }],
  ['gamma cv 1.5 (shape < 1: boost)', { kind: 'gamma', mean: 240, cv: 1.5 }],
  ['lognormal cv 1', { kind: 'lognormal', mean: 180, cv: 1 }],
  ['lognormal cv 0.4', { kind: 'lognormal', mean: 180, cv: 0.4 }],
  ['weibull shape 0.7', { kind: 'weibull', mean: 120, shape: 0.7 }],
  ['weibull shape 2', { kind: 'weibull', mean: 120, shape: 2 }],
  ['empirical', { kind: 'empirical', values: [30, 45, 45, 60, 200, 600, 0] }],
  ['mixture: 15% hang up within seconds, the rest lognormal', { kind: 'mixture', components: [
    { weight: 0.15, kind: 'exponential', mean: 4 }, { weight: 0.05, kind: 'deterministic', value: 30 }, { weight: 0.8, kind: 'lognormal', mean: 200, cv: 0.8 },
  ] }],
];

describe('sample mean and variance of 200,000 draws are within 5 standard errors of theory', () => {
  cases.forEach(([label, spec], index) => {
    it(label, () => {
      const { mean, variance, mu4 } = centralMoments(spec);
      // the closed forms agree with the library's exact moments
      expect(meanOf(spec)).toBeCloseTo(mean, 6);
      expect(varianceOf(spec) / variance).toBeCloseTo(1, 9);
      const draw = makeSampler(spec, streamState('dist-test', index, 0, 'x'));
      let m = 0, m2 = 0;                       // Welford
      for (let k = 1; k <= N; k++) { const x = draw(); const d = x - m; m += d / k; m2 += d * (x - m); }
      const s2 = m2 / (N - 1);
      const seMean = Math.sqrt(variance / N);
      const seVar = Math.sqrt((mu4 - variance * variance) / N);
      expect(Math.abs(m - mean) / seMean).toBeLessThan(5);
      expect(Math.abs(s2 - variance) / seVar).toBeLessThan(5);
    });
  });

  it('deterministic returns its value every time (gamma and lognormal need cv > 0: a fixed value is deterministic)', () => {
    const f = makeSampler({ kind: 'deterministic', value: 42 }, streamState(1, 0, 0, 'det'));
    for (let k = 0; k < 100; k++) expect(f()).toBe(42);
    expect(() => makeSampler({ kind: 'gamma', mean: 7, cv: 0 }, streamState(1, 0, 0, 'det'))).toThrow('cv must be a number in (0, 1000]');
  });

  it('a mixture picks each component with its weight (chi-square, 2 df, 0.1% critical 13.82)', () => {
    const f = makeSampler({ kind: 'mixture', components: [
      { weight: 0.2, kind: 'deterministic', value: 1 }, { weight: 0.3, kind: 'deterministic', value: 2 }, { weight: 0.5, kind: 'deterministic', value: 3 },
    ] }, streamState(4, 0, 0, 'mix'));
    const counts = [0, 0, 0];
    for (let k = 0; k < 100_000; k++) counts[f() - 1]!++;
    const chi2 = [0.2, 0.3, 0.5].reduce((a, w, i) => a + (counts[i]! - w * 1e5) ** 2 / (w * 1e5), 0);
    expect(chi2).toBeLessThan(13.82);      // χ²₀.₉₉₉(2) = 13.816 (standard tables)
  });

  it('empirical resampling hits every value with probability 1/n (chi-square, 6 df, 0.1% critical 22.46)', () => {
    const values = [1, 2, 3, 4, 5, 6, 7];
    const f = makeSampler({ kind: 'empirical', values }, streamState(3, 0, 0, 'emp'));
    const counts = new Map<number, number>();
    for (let k = 0; k < 70_000; k++) { const x = f(); counts.set(x, (counts.get(x) ?? 0) + 1); }
    expect([...counts.keys()].sort()).toEqual(values);
    const chi2 = [...counts.values()].reduce((a, c) => a + (c - 10_000) ** 2 / 10_000, 0);
    expect(chi2).toBeLessThan(22.46);      // χ²₀.₉₉₉(6) = 22.458 (standard tables)
  });

  it('empirical copies the values once: mutating the input afterwards changes nothing', () => {
    const values = [5, 5, 5];
    const f = makeSampler({ kind: 'empirical', values }, streamState(3, 0, 0, 'copy'));
    values[0] = 1e9; values[1] = 1e9; values[2] = 1e9;
    for (let k = 0; k < 100; k++) expect(f()).toBe(5);
  });
});

describe('standardGamma(s, a): mean a and variance a (200,000 draws, 5 standard errors)', () => {
  it.each([0.3, 1, 3.7])('shape %f', (a) => {
    // gamma(a, 1): μ₄ = 3a² + 6a (excess kurtosis 6/a)
    const s = streamState('std-gamma', 0, 0, String(a));
    let m = 0, m2 = 0;
    for (let k = 1; k <= N; k++) { const x = standardGamma(s, a); const d = x - m; m += d / k; m2 += d * (x - m); }
    expect(Math.abs(m - a) / Math.sqrt(a / N)).toBeLessThan(5);
    expect(Math.abs(m2 / (N - 1) - a) / Math.sqrt((3 * a * a + 6 * a - a * a) / N)).toBeLessThan(5);
  });
});

describe('encoded samplers draw exactly what the closures draw', () => {
  cases.forEach(([label, spec], index) => {
    it(label, () => {
      const a = streamState('enc', index, 0, 'x'), b = streamState('enc', index, 0, 'x');
      const f = makeSampler(spec, a), p = encodeSampler(spec);
      for (let k = 0; k < 5_000; k++) expect(sampleEncoded(p, b)).toBe(f());
    });
  });
});

describe('lnGamma (the engine\'s) against published values and mathjs', () => {
  // Γ(½) = √π; Γ(1/3) = 2.678938534707747633… (Abramowitz & Stegun 6.1.x / OEIS A073005);
  // Γ(5) = 24; ln Γ(100) = 359.1342053695753987… (A&S table 6.4 / exact via 99!)
  it.each([
    [0.5, Math.sqrt(Math.PI)], [1 / 3, 2.678938534707747], [5, 24], [1, 1], [2, 1], [1.5, Math.sqrt(Math.PI) / 2],
  ])('Γ(%f) = %f', (x, g) => expect(Math.exp(lnGamma(x)) / g).toBeCloseTo(1, 13));
  it('ln Γ(100) = ln 99!', () => expect(lnGamma(100)).toBeCloseTo(359.13420536957540, 10));
  it('Γ(x) = mathjs gamma(x) within 1e-13 relative for x in 0.05…30 (the shapes and 1 + r/shape the samplers use)', () => {
    for (let x = 0.05; x < 30; x += 0.0625) expect(Math.abs(Math.exp(lnGamma(x)) / G(x) - 1), `x=${x}`).toBeLessThan(1e-13);
  });
});
