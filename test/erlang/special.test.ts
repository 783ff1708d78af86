/**
 * The incomplete-gamma machinery for real a (used by Erlang A with a = N·patience/AHT), densely,
 * against independent evaluations:
 *  - P(a, x)/D(a, x) = Σ_{k≥0} x^k/((a+1)…(a+k)) summed term by term (all terms positive, so the
 *    plain sum is accurate to a few ulps for any x),
 *  - Q(a, x)/D(a, x) from Legendre's continued fraction run to convergence (independent of Temme's
 *    expansion, which the engine uses for a ≥ 20, |x − a| < 0.4a),
 *  - D(a, x) = x^a e^{−x}/Γ(a+1) against 50-digit mathjs at integer and half-integer a.
 *  - the a-derivative behind Erlang A's ASA, −∂ ln(L − 1)/∂a with L = P/D, against its defining
 *    positive series Σ t'_k H_k / Σ t'_k summed outward from the largest term (no special functions).
 * A mistyped Temme coefficient shows up as a localised error in z = ±√(2φ), hence the dense sweep.
 */
import { all, create, type BigNumber } from 'mathjs';
import seedrandom from 'seedrandom';
import { beforeAll, describe, expect, it } from 'vitest';
import { WorstError } from '../support/expectClose.js';

/**
 * The modules under test are imported in beforeAll, not by static imports, so that their
 * module-level tables (Temme's coefficients C_k and the DEG truncation table, Stirling's series
 * constants) are evaluated under Stryker's active mutant: with `testFiles` set, Stryker 9.6.1's
 * vitest runner activates every mutant in a beforeAll of its setup file (stryker-js issue #6144),
 * after the static imports have run, so a mutated table entry was never seen by any test.
 */
let ig: typeof import('../../engine/erlang/special/incompleteGamma.js');
let poissonTerm: typeof import('../../engine/erlang/special/poissonTerm.js').poissonTerm;
beforeAll(async () => {
  ig = await import('../../engine/erlang/special/incompleteGamma.js');
  ({ poissonTerm } = await import('../../engine/erlang/special/poissonTerm.js'));
});


function seriesLowerOverD(a: number, x: number): number {
  let t = 1;
  let s = 1;
  for (let k = 1; k < 10_000_000; k++) {
    t *= x / (a + k);
    s += t;
    if (x < a + k && t < s * 1e-18) break;
  }
  return s;
}

function cfUpperOverD(a: number, x: number): number {
  // Q(a, x) = D(a, x)·a·1/(x+1−a− 1(1−a)/(x+3−a− 2(2−a)/(x+5−a− …))), modified Lentz
  let b = x + 1 - a;
  let c = 1e300;
  let d = 1 / b;
  let h = d;
  for (let i = 1; i < 1_000_000; i++) {
    const an = -i * (i - a);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < 1e-300) d = 1e-300;
    c = b + an / c;
    if (Math.abs(c) < 1e-300) c = 1e-300;
    d = 1 / d;
    const del = d * c;
    h *= del;
    if (Math.abs(del - 1) < 1e-17) break;
  }
  return a * h;
}

describe("Temme's expansion region (a ≥ 20, |x − a| < 0.4a), real a", () => {
  it('P/D (x < a) against the positive series and Q/D (x ≥ a) against the continued fraction: 20,000 points within 2e-14', () => {
    const rng = seedrandom('temme-dense');
    const worst = new WorstError('Temme region');
    for (let i = 0; i < 20_000; i++) {
      const a = Math.exp(Math.log(20) + rng() * (Math.log(20_000) - Math.log(20)));
      const sigma = -0.4 + 0.8 * rng();
      const x = a * (1 + sigma);
      if (x < a) worst.add('P/D', ig.lowerOverD(a, x), seriesLowerOverD(a, x), { a, x });
      else worst.add('Q/D', ig.upperOverD(a, x), cfUpperOverD(a, x), { a, x });
    }
    // measured: P/D 4.2e-15, Q/D 2.7e-15
    worst.log().expectWithin({ 'P/D': 2e-14, 'Q/D': 2e-14 });
  });

  it('a fine sweep of σ = (x − a)/a across (−0.4, 0.4) at a = 20.5, 137.25, 2500.125: no spot off by more than 2e-14', () => {
    const worst = new WorstError('σ sweep');
    for (const a of [20.5, 137.25, 2500.125]) {
      for (let i = -3999; i < 4000; i++) {
        const x = a * (1 + (0.4 * i) / 4000);
        if (x < a) worst.add('P/D', ig.lowerOverD(a, x), seriesLowerOverD(a, x), { a, x });
        else worst.add('Q/D', ig.upperOverD(a, x), cfUpperOverD(a, x), { a, x });
      }
    }
    // measured: 4.3e-15
    worst.log().expectWithin({ 'P/D': 2e-14, 'Q/D': 2e-14 });
  });

  it('outside Temme (small a, far tails): P/D against the positive series within 1e-13', () => {
    const rng = seedrandom('series-region');
    const worst = new WorstError('small a');
    for (let i = 0; i < 5000; i++) {
      const a = 0.05 + rng() * 40;
      const x = rng() * 3 * a;
      worst.add('P/D', ig.lowerOverD(a, x), seriesLowerOverD(a, x), { a, x });
    }
    // measured: 1.9e-14
    worst.log().expectWithin({ 'P/D': 1e-13 });
  });
});

describe('Poisson term D(a, x) (Loader saddle-point form)', () => {
  const math = create(all!, { number: 'BigNumber', precision: 50 });
  it('against 50-digit x^a e^{−x}/a! for integer a up to 20,000 and x within ±30% of a', () => {
    const worst = new WorstError('Poisson term');
    for (const [a, x] of [[1, 0.5], [7, 9.25], [15, 14], [16, 12.5], [40, 41], [100, 95.5], [999, 1005.25], [5000, 4000], [20_000, 19_950.5], [20_000, 23_000]] as const) {
      let fact = math.bignumber(1) as BigNumber;
      for (let k = 2; k <= a; k++) fact = math.multiply(fact, k) as BigNumber;
      const X = math.bignumber(x);
      const ref = math.divide(math.multiply(math.pow(X, a), math.exp(math.unaryMinus(X))), fact) as BigNumber;
      worst.add('D', poissonTerm(a, x), ref.toNumber(), { a, x });
    }
    // the exponent bd0(a, x) reaches ~200 here; its rounding (~ε·bd0) bounds the relative error (measured 4.3e-14)
    worst.log().expectWithin({ D: 1e-13 });
  });
});

/** θ·E[V | served after waiting] = Σ_k t'_k H_k / Σ_k t'_k, t'_k = x^k/((a+1)…(a+k+1)), H_k = Σ_{j≤k+1} 1/(a+j), summed outward from the largest term. */
function servedWaitSeries(a: number, x: number): number {
  const kStar = Math.max(0, Math.ceil(x - a - 2));
  let hStar = 0;
  for (let j = 1; j <= kStar + 1; j++) hStar += 1 / (a + j);
  let sumT = 1;
  let sumTdH = 0;
  let t = 1;
  let dh = 0;
  for (let k = kStar + 1; ; k++) {
    t *= x / (a + k + 1);
    dh += 1 / (a + k + 1);
    sumT += t;
    sumTdH += t * dh;
    if (t < sumT * 1e-18 && t * Math.abs(dh) < Math.abs(sumTdH) * 1e-18) break;
  }
  t = 1;
  dh = 0;
  for (let k = kStar - 1; k >= 0; k--) {
    t *= (a + k + 2) / x;
    dh -= 1 / (a + k + 2);
    sumT += t;
    sumTdH += t * dh;
    if (t < sumT * 1e-18 && t * Math.abs(dh) < Math.abs(sumTdH) * 1e-18) break;
  }
  return hStar + sumTdH / sumT;
}

describe('a-derivative of P/D (Erlang A ASA) by series, Temme and continued fraction', () => {
  it('−∂ ln(L − 1)/∂a matches its defining series for a 0.3–100,000 and x/a 0.2–5 (all three regions and their borders)', () => {
    const as = [0.3, 1, 2, 2.5, 5, 9.7, 13.3, 19.9, 20, 20.1, 57.8, 100, 222, 1000, 5000, 10_000, 30_000, 100_000];
    const ratios = [0.2, 0.5, 0.59, 0.61, 0.8, 0.95, 0.999, 1, 1.001, 1.05, 1.2, 1.39, 1.41, 2, 3, 5];
    const worst = new WorstError('ASA slope vs series');
    for (const a of as) {
      for (const q of ratios) {
        const x = a * q;
        ig.lowerRatioSlope(a, x);
        const lm1 = ig.last[ig.LOWER_M1]!;
        const l = lm1 + 1;
        const got = l === Infinity ? -ig.last[ig.LOG_SLOPE]! : (-ig.last[ig.LOG_SLOPE]! * l) / lm1;
        worst.add('slope', got, servedWaitSeries(a, x), { a, x });
      }
    }
    // measured: 2.5e-14 (a=100000 x=300000)
    worst.log().expectWithin({ slope: 1e-13 });
  });
});
