import { describe, expect, it } from 'vitest';
import { studentTCdf, studentTQuantile, t975 } from '../../engine/stats/index.js';

/*
 * Published two-sided 95% critical values t_{0.975}(ν), 3 decimals: NIST/SEMATECH
 * e-Handbook of Statistical Methods §1.3.6.7.2 "Critical values of the Student's t
 * distribution" (also Abramowitz & Stegun table 26.10). Rounded tables: |error| ≤ 0.0005.
 */
const T975: [number, number][] = [
  [1, 12.706], [2, 4.303], [3, 3.182], [4, 2.776], [5, 2.571], [6, 2.447], [7, 2.365], [8, 2.306],
  [9, 2.262], [10, 2.228], [11, 2.201], [12, 2.179], [13, 2.160], [14, 2.145], [15, 2.131], [16, 2.120],
  [17, 2.110], [18, 2.101], [19, 2.093], [20, 2.086], [21, 2.080], [22, 2.074], [23, 2.069], [24, 2.064],
  [25, 2.060], [26, 2.056], [27, 2.052], [28, 2.048], [29, 2.045], [30, 2.042], [40, 2.021], [50, 2.009],
  [60, 2.000], [100, 1.984], [120, 1.980], [Infinity, 1.960],
];

describe('Student t quantiles against the published table', () => {
  it.each(T975)('t(0.975, %d) = %f', (df, t) => expect(Math.abs(t975(df) - t)).toBeLessThanOrEqual(0.0005 + 1e-12));

  // Other columns of the same table (one-sided 0.95 and 0.995).
  it.each([
    [0.95, 1, 6.314], [0.95, 5, 2.015], [0.95, 10, 1.812], [0.95, 30, 1.697], [0.95, Infinity, 1.645],
    [0.995, 1, 63.657], [0.995, 3, 5.841], [0.995, 10, 3.169], [0.995, 30, 2.750], [0.995, Infinity, 2.576],
    [0.9995, 5, 6.869], [0.9995, 20, 3.850],
  ])('t(%f, %d) = %f', (p, df, t) => expect(Math.abs(studentTQuantile(p, df) - t)).toBeLessThanOrEqual(0.0005 + 1e-12));

  it('closed forms to full precision: ν = 1 is Cauchy tan(0.475π), ν = 2 is (2p − 1)/√(2p(1 − p)), ν = ∞ is z₀.₉₇₅', () => {
    expect(t975(1)).toBeCloseTo(12.706204736174707, 12);   // tan(0.475π), Cauchy quantile
    expect(t975(2)).toBeCloseTo(4.302652729749464, 12);    // 0.95 / √(2·0.975·0.025)
    expect(t975(Infinity)).toBe(1.959963984540054);
  });

  it('round trip F(t_p(ν)) = p to 1e-12 for fractional and large ν', () => {
    // Round trip: F(t_p(ν)) = p to 1e-12 for a spread of ν and p (the CDF is an independent
    // incomplete-beta evaluation; for ν = 4 it is checked below against its closed form).
    for (const df of [3, 4, 7.5, 13, 29, 31, 57, 200, 5000]) {
      for (const p of [0.6, 0.9, 0.975, 0.995, 0.99999]) expect(studentTCdf(studentTQuantile(p, df), df)).toBeCloseTo(p, 12);
    }
  });

  it('the t CDF for ν = 4 equals its closed form ½ + ½ sin θ (1 + ½ cos² θ), θ = atan(t/2) (A&S 26.7.4)', () => {
    // A&S 26.7.4, even ν: A(t|ν) = sin θ (1 + ½cos²θ) for ν = 4, θ = atan(t/√ν); F = ½ + A/2.
    for (const t of [0.3, 1, 2.776, 5, 20]) {
      const th = Math.atan(t / 2);
      const exact = 0.5 + 0.5 * Math.sin(th) * (1 + 0.5 * Math.cos(th) ** 2);
      expect(studentTCdf(t, 4)).toBeCloseTo(exact, 13);
    }
  });

  it('is odd in p and decreasing in ν; rejects p ∉ (0, 1) and ν ≤ 0', () => {
    expect(studentTQuantile(0.025, 9)).toBeCloseTo(-t975(9), 13);
    for (let df = 1; df < 200; df++) expect(t975(df + 1)).toBeLessThan(t975(df));
    expect(() => studentTQuantile(1, 3)).toThrow(/p must be in \(0, 1\), got 1/);
    expect(() => studentTQuantile(0.975, 0)).toThrow(/df \(degrees of freedom\) must be > 0, got 0/);
  });
});
