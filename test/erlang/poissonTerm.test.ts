/**
 * special/poissonTerm.ts beyond the Poisson-term check of special.test.ts:
 *  - stirlerr(a) = lnΓ(a+1) − (a+½)ln a + a − ½ln 2π against 60-digit mathjs (Γ exact at integer
 *    and half-integer a: n! and Γ(n + 3/2) = (2n+2)!·√π/(4^{n+1}(n+1)!)), on both sides of the
 *    switches at a = 10 (direct series / shifted by the recurrence) and a = 40 (five / eight terms);
 *  - the edges by definition: D(0, x) = e^{−x} (0⁰ = 1), D(a, 0) = 0 for a > 0.
 */
import { all, create, type BigNumber } from 'mathjs';
import { describe, expect, it } from 'vitest';
import { logPoissonTerm, poissonTerm, stirlerr } from '../../engine/erlang/special/poissonTerm.js';
import { absError, WorstError } from '../support/expectClose.js';

const math = create(all!, { number: 'BigNumber', precision: 60 });
const big = (x: number) => math.bignumber(x) as BigNumber;
const pi = math.pi as unknown as BigNumber;

function factorial(n: number): BigNumber {
  let f = big(1);
  for (let k = 2; k <= n; k++) f = math.multiply(f, k) as BigNumber;
  return f;
}

/** stirlerr(twoA/2) to 60 digits; a an integer or a half-integer. */
function stirlerrRef(twoA: number): number {
  const a = math.divide(big(twoA), 2) as BigNumber;
  const n = (twoA - 1) / 2;
  const gamma = twoA % 2 === 0 ? factorial(twoA / 2) : math.divide(math.multiply(factorial(2 * n + 2), math.sqrt(pi)), math.multiply(math.pow(big(4), n + 1), factorial(n + 1)));
  const lnGamma = math.log(gamma as BigNumber) as BigNumber;
  const rest = math.subtract(a, math.add(math.multiply(math.add(a, 0.5), math.log(a)), math.multiply(0.5, math.log(math.multiply(2, pi)))));
  return (math.add(lnGamma, rest) as BigNumber).toNumber();
}

describe('stirlerr against 60-digit lnΓ', () => {
  it('a ≥ 10 (the series itself, five terms from a = 40): within 1e-15 relative', () => {
    const worst = new WorstError('stirlerr, a ≥ 10');
    for (const twoA of [20, 21, 25, 30, 45, 59, 79, 80, 81, 99, 100, 200, 2001, 20_000]) worst.add('stirlerr', stirlerr(twoA / 2), stirlerrRef(twoA), { a: twoA / 2 });
    // measured 2.2e-16 (one ulp); the series' truncation is < 3e-17 of the value
    worst.log().expectWithin({ stirlerr: 1e-15 });
  });

  it('a < 10 (shifted up to a + m ≥ 10 by the recurrence): within 1e-14 absolute', () => {
    const worst = new WorstError('stirlerr, a < 10', absError);
    for (let twoA = 1; twoA < 20; twoA++) worst.add('stirlerr', stirlerr(twoA / 2), stirlerrRef(twoA), { a: twoA / 2 });
    // measured 6.9e-15 (a = 8): the shift adds terms up to (a + m + ½)·ln(a + m) ≈ 25 that cancel to ~0.01
    worst.log().expectWithin({ stirlerr: 1e-14 });
  });
});

describe('the Poisson term at its edges', () => {
  it('D(0, x) = e^{−x} (0⁰ = 1), so D(0, 0) = 1', () => {
    for (const x of [0, 1e-300, 0.5, 3, 700]) expect(logPoissonTerm(0, x)).toBe(-x);
    expect(poissonTerm(0, 0)).toBe(1);
    expect(poissonTerm(0, 2)).toBe(Math.exp(-2));
  });

  it('D(a, 0) = 0 for a > 0 (ln D = −∞)', () => {
    for (const a of [1e-9, 0.5, 3, 10, 41, 1e6]) {
      expect(logPoissonTerm(a, 0), `a=${a}`).toBe(-Infinity);
      expect(poissonTerm(a, 0)).toBe(0);
    }
  });
});
