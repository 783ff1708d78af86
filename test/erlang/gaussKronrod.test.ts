/**
 * special/gaussKronrod.ts by definition:
 *  - each rule integrates polynomials on [−1, 1] exactly up to its degree (Kronrod 3n+1, Gauss 2n−1:
 *    31 and 19 for GK21, 22 and 13 for GK15) and not one degree beyond for the Gauss rule;
 *  - QUADPACK's error estimate (Piessens et al. 1983, qk21): K·min(1, (200·|K − G|/K)^{3/2}), never
 *    below 50ε·K; with K ≤ 0 (no non-negative integrand) the whole difference |K − G|.
 */
import { describe, expect, it } from 'vitest';
import { GK15, GK21, panelError, type GaussKronrodRule } from '../../engine/erlang/special/gaussKronrod.js';

/** Σ w·f(±x) over the rule's nodes (the centre, last, once). */
function apply(nodes: Float64Array, weights: Float64Array, f: (x: number) => number): number {
  const c = nodes.length - 1;
  let s = weights[c]! * f(0);
  for (let k = 0; k < c; k++) s += weights[k]! * (f(nodes[k]!) + f(-nodes[k]!));
  return s;
}

/** ∫₋₁¹ (x + s)^d dx */
const exact = (d: number, s: number) => ((1 + s) ** (d + 1) - (s - 1) ** (d + 1)) / (d + 1);

describe('Gauss–Kronrod rules', () => {
  it.each([
    ['GK21', 31, 19, GK21],
    ['GK15', 22, 13, GK15],
  ] as Array<[string, number, number, GaussKronrodRule]>)('%s: Kronrod exact to degree %i, its Gauss rule to %i and not beyond', (_name, kronrodDegree, gaussDegree, rule) => {
    expect(rule.nodes.length).toBe(rule.kronrod.length);
    expect(rule.gauss.length).toBe(rule.nodes.length);
    for (let d = 0; d <= kronrodDegree; d++) {
      const got = apply(rule.nodes, rule.kronrod, (x) => (x + 0.25) ** d);
      expect(Math.abs(got - exact(d, 0.25)) <= 1e-14 * exact(d, 0.25) ? 'exact' : `degree ${d}: ${got} vs ${exact(d, 0.25)}`).toBe('exact');
    }
    for (let d = 0; d <= gaussDegree; d++) {
      const got = apply(rule.nodes, rule.gauss, (x) => (x + 0.25) ** d);
      expect(Math.abs(got - exact(d, 0.25)) <= 1e-14 * exact(d, 0.25) ? 'exact' : `Gauss degree ${d}: ${got} vs ${exact(d, 0.25)}`).toBe('exact');
    }
    // x^(2n) is the first monomial an n-point Gauss rule misses
    const beyond = apply(rule.nodes, rule.gauss, (x) => x ** (gaussDegree + 1));
    expect(Math.abs(beyond - exact(gaussDegree + 1, 0))).toBeGreaterThan(1e-6);
    // the Gauss nodes are every other node, the centre being one only for the odd (7-point) Gauss rule
    rule.gauss.forEach((w, k) => expect(w > 0, `node ${k}`).toBe(k % 2 === 1 || (k === rule.nodes.length - 1 && rule === GK15)));
  });
});

describe('panelError (QUADPACK)', () => {
  it('K·(200|K − G|/K)^{3/2} for a small difference, K itself once 200|K − G|/K ≥ 1', () => {
    // 1 − 1e-4 is not exact in binary: relative 1e-10
    expect(panelError(1, 1 - 1e-4) / 0.02 ** 1.5).toBeCloseTo(1, 10);
    expect(panelError(2, 2 - 1e-4) / (2 * 0.01 ** 1.5)).toBeCloseTo(1, 10);
    expect(panelError(1, 1 - 0.00499)).toBeCloseTo(0.998 ** 1.5, 10); // r just below 1
    expect(panelError(1, 0.5)).toBe(1); // r = 100: not K·r^{3/2}
    expect(panelError(3, 0)).toBe(3);
  });

  it('never below 50ε·K (rounding), even when both rules agree to the bit', () => {
    expect(panelError(1, 1)).toBe(50 * Number.EPSILON);
    expect(panelError(4, 4 * (1 + Number.EPSILON))).toBe(200 * Number.EPSILON);
  });

  it('K ≤ 0 (no non-negative integrand): the whole difference |K − G|, 0 when both are 0', () => {
    expect(panelError(0, 0)).toBe(0);
    expect(panelError(0, 1e-3)).toBe(1e-3);
    expect(panelError(-1, -0.5)).toBe(0.5);
    expect(panelError(-2, 1)).toBe(3);
  });
});
