/**
 * The accuracy helper itself: NaN and ±∞ must fail, the worst case must be the one reported,
 * and a tolerance for a key that was never compared must fail (a check that ran on nothing).
 */
import { describe, expect, it } from 'vitest';
import { absError, expectAllClose, expectFinite, relError, WorstError } from './expectClose.js';

const fails = (f: () => void): string => {
  try {
    f();
  } catch (err) {
    return err instanceof Error ? err.message : String(err);
  }
  throw new Error('expected the check to fail, it passed');
};

describe('relError and absError', () => {
  it('are 0 on equal values (both underflowed to 0, the same infinity) and the textbook ratio otherwise', () => {
    expect(relError(0, 0)).toBe(0);
    expect(relError(Infinity, Infinity)).toBe(0);
    expect(relError(1.5, 1)).toBe(0.5);
    expect(relError(-3, -2)).toBe(0.5);
    expect(absError(1.25, 1)).toBe(0.25);
  });
  it('are NaN or ∞ whenever a side is NaN or only one side is infinite', () => {
    expect(relError(NaN, 1)).toBeNaN();
    expect(relError(1, NaN)).toBeNaN();
    expect(relError(NaN, NaN)).toBeNaN();
    expect(relError(Infinity, 1)).toBe(Infinity);
    expect(relError(1e-300, 0)).toBe(Infinity);
    expect(absError(NaN, 0)).toBeNaN();
  });
});

describe('WorstError', () => {
  it('passes when every error is within tolerance and reports the worst case with its inputs', () => {
    const t = new WorstError('demo');
    t.add('x', 1.125, 1, { N: 1 });
    t.add('x', 1.5, 1, { N: 2, A: 0.5 });
    t.add('x', 1.25, 1, { N: 3 });
    expect(t.of('x')).toBe(0.5);
    expect(t.summary()).toBe('demo, 3 checks; max error: x 5.00e-1 at N=2 A=0.5');
    t.expectWithin(0.5);
    expect(fails(() => t.expectWithin(0.49))).toContain('x: error 5.00e-1 > 4.90e-1 at N=2 A=0.5: got 1.5, want 1');
  });

  it('a NaN among good values fails, even after a larger finite error, and names its case', () => {
    const t = new WorstError('demo');
    t.add('x', 2, 1, { N: 1 }); // error 1
    t.add('x', NaN, 1, { N: 2 });
    t.add('x', 1, 1, { N: 3 });
    expect(t.of('x')).toBeNaN();
    expect(fails(() => t.expectWithin(10))).toContain('x: error NaN > 1.00e+1 at N=2: got NaN, want 1');
  });

  it('±∞ fails; the first NaN is kept over a later ∞', () => {
    const inf = new WorstError('inf');
    inf.add('x', Infinity, 1, { k: 'a' });
    expect(fails(() => inf.expectWithin(1))).toContain('error Infinity');
    const both = new WorstError('both');
    both.add('x', NaN, 1, { k: 'first' });
    both.add('x', -Infinity, 1, { k: 'second' });
    expect(fails(() => both.expectWithin(1))).toContain('k=first');
  });

  it('per-key tolerances: each key against its own; a key never compared fails', () => {
    const t = new WorstError('keys');
    t.add('a', 1 + 1e-12, 1, {});
    t.add('b', 1 + 1e-15, 1, {});
    t.expectWithin({ a: 1e-11, b: 1e-14 });
    expect(fails(() => t.expectWithin({ a: 1e-13, b: 1e-14 }))).toContain('a: error 1.00e-12 > 1.00e-13');
    expect(fails(() => t.expectWithin({ a: 1, c: 1 }))).toContain('c: never compared');
    expect(() => new WorstError('empty').expectWithin(1)).toThrow(/no comparison was recorded/);
  });
});

describe('expectAllClose and expectFinite', () => {
  it('expectAllClose passes close values and fails on one NaN among a thousand', () => {
    const cases = Array.from({ length: 1000 }, (_, i) => ({ i }));
    expectAllClose('squares', cases, (c) => c.i * c.i, (c) => c.i ** 2, 0);
    expect(fails(() => expectAllClose('planted NaN', cases, (c) => (c.i === 617 ? NaN : c.i), (c) => c.i, 1e-12))).toContain('at i=617');
  });
  it('expectFinite names every non-finite value', () => {
    expectFinite({ a: 1, b: 0 }, { N: 1 });
    const m = fails(() => expectFinite({ a: NaN, b: 2, c: -Infinity }, { N: 7 }));
    expect(m).toContain('non-finite at N=7');
    expect(m).toContain('a=NaN');
    expect(m).toContain('c=-Infinity');
  });
});
