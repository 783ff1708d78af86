/**
 * Calibration numerics: least squares recovers known parameters of a model with an exact
 * solution; identifiability flags a parameter that moves no target, two parameters that only
 * act through their product, and fewer targets than parameters; bisection finds a threshold.
 */
import { describe, expect, it } from 'vitest';
import { bisect, gaussNewtonStep, identifiability, leastSquares } from '../../engine/calibrate/index.js';

describe('leastSquares', () => {
  it('a bad box or start: each error names the field, the value and the allowed range', () => {
    const evaluate = ([x]: readonly number[]) => [x!];
    expect(() => leastSquares({ evaluate, targets: [1], min: [0], max: [0] })).toThrow('leastSquares: parameter 0 needs min < max, got [0, 0]');
    expect(() => leastSquares({ evaluate, targets: [1], min: [0], max: [2], start: [3] })).toThrow('leastSquares: start[0] must lie in [0, 2], got 3');
    expect(() => leastSquares({ evaluate, targets: [1], min: [0], max: [2], start: [1, 1] })).toThrow('leastSquares: start must have one value per parameter (1), got 2');
  });
  it('recovers (a, b) of y = a·(1 − e^{−b x}) from exact data at 3 points', () => {
    const xs = [1, 3, 9];
    const truth = [120, 0.35];
    const f = ([a, b]: readonly number[]) => xs.map((x) => a! * (1 - Math.exp(-b! * x)));
    const r = leastSquares({ evaluate: f, targets: f(truth), min: [10, 0.01], max: [500, 2], start: [300, 1.5] });
    expect(r.theta[0]).toBeCloseTo(120, 4);
    expect(r.theta[1]).toBeCloseTo(0.35, 6);
    expect(Math.max(...r.residuals.map(Math.abs))).toBeLessThan(1e-7);
  });

  it('a weight of 0 reports a target without fitting it', () => {
    const r = leastSquares({ evaluate: ([x]) => [x!, x! * 2], targets: [3, 100], weights: [1, 0], min: [0], max: [10] });
    expect(r.theta[0]).toBeCloseTo(3, 6);
    expect(r.values[1]).toBeCloseTo(6, 5);
  });

  it('stops at the bound when the target is out of reach, and says so', () => {
    const r = leastSquares({ evaluate: ([x]) => [x! * x!], targets: [400], min: [0], max: [10] });
    expect(r.theta[0]).toBeCloseTo(10, 9);
    expect(r.atBound).toEqual([0]);
  });

  it('physical Jacobian: d(x²)/dx ≈ 2x at the solution', () => {
    const r = leastSquares({ evaluate: ([x]) => [x! * x!], targets: [4], min: [0], max: [10] });
    expect(r.jacobian[0]![0]).toBeCloseTo(4, 1);
  });
});

describe('identifiability', () => {
  it('a parameter that moves no target is inert', () => {
    const id = identifiability([[1, 0], [0.5, 0]]);
    expect(id.inert).toEqual([1]);
  });
  it('two parameters acting only through their product are confounded', () => {
    // y = a·b: relative sensitivities are equal for a and b
    const id = identifiability([[1, 1]]);
    expect(id.confounded).toEqual([[0, 1]]);
    expect(id.excess).toBe(-1);
  });
  it('independent columns: full rank, finite condition', () => {
    const id = identifiability([[2, 0.1], [0.3, 1]]);
    expect(id.inert).toEqual([]);
    expect(id.confounded).toEqual([]);
    expect(id.condition).toBeLessThan(10);
  });
});

describe('bisect and gaussNewtonStep', () => {
  it('bisect finds √2 as the threshold of x² ≥ 2', () => {
    const r = bisect((x) => x * x >= 2, 0, 2, 1e-10);
    expect(r.found).toBe(true);
    expect(r.x).toBeCloseTo(Math.SQRT2, 9);
    expect(bisect((x) => x > 5, 0, 2, 1e-6).found).toBe(false);
  });
  it('one Gauss-Newton step solves a linear model exactly', () => {
    // y = 4θ; at θ = 2 the residual vs target 6 is +2 → θ = 1.5
    expect(gaussNewtonStep([2], [[4]], [2], [0], [10])[0]).toBeCloseTo(1.5, 10);
  });
});
