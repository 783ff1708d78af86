/**
 * erfc and the scaled erfcx(t) = e^{t²}·erfc(t) (engine/erlang/special/erfcx.ts) against 40-digit
 * references computed here with mathjs BigNumber, independent of fdlibm's rational forms:
 *  - erf(x) = (2/√π)·e^{−x²}·Σ_{n≥0} 2^n x^{2n+1}/(1·3·…·(2n+1)) for x < 2.5 (Abramowitz & Stegun
 *    7.1.6, DLMF 7.6.2; all terms positive), erfc = 1 − erf,
 *  - √π·erfcx(x) = 1/(x + (1/2)/(x + 1/(x + (3/2)/(x + 2/(x + …))))) for x ≥ 2.5 (Laplace's
 *    continued fraction, DLMF 7.9.2), run bottom-up with enough terms for 1e-35,
 * the two checked against each other where both converge and against A&S Table 7.1.
 * Every grid point is a double taken exactly (its binary value, not its shortest decimal: near
 * t = 26 an argument off by half an ulp moves erfc by up to 400ε).
 */
import { all, create, type BigNumber } from 'mathjs';
import { describe, expect, it } from 'vitest';
import { ERFC_ARG, ERFC_FACTOR, ERFC_SQUARE, ERFC_VALUE, erfc, erfcGivenFactor, erfcSlots, erfcx } from '../../engine/erlang/special/erfcx.js';
import { absError, relError, WorstError } from '../support/expectClose.js';

const math = create(all!, { number: 'BigNumber', precision: 40 });
const SQRT_PI = math.sqrt(math.pi as unknown as BigNumber) as BigNumber;
/** Relative error in units of ε = 2^−52 (about one ulp). */
const inEps = (got: number, want: number): number => relError(got, want) / Number.EPSILON;

/** The double x as a BigNumber, exactly (mantissa × 2^exponent), x > 0 finite. */
function exact(x: number): BigNumber {
  const bits = new BigUint64Array(new Float64Array([x]).buffer)[0]!;
  const biased = Number((bits >> 52n) & 0x7ffn);
  const fraction = bits & 0xfffffffffffffn;
  const mantissa = biased === 0 ? fraction : fraction | (1n << 52n);
  const power = math.pow(math.bignumber(2), (biased === 0 ? 1 : biased) - 1075) as BigNumber;
  return math.multiply(math.bignumber(mantissa.toString()), power) as BigNumber;
}

/** erfc(x), 0 ≤ x, by A&S 7.1.6 (mathjs' comparisons have a tolerance: compare as numbers). */
function erfcBySeries(x: number): BigNumber {
  const X = exact(x);
  const twoX2 = math.multiply(2, math.multiply(X, X)) as BigNumber;
  let term = X;
  let sum = X;
  for (let n = 1; term.toNumber() > sum.toNumber() * 1e-40; n++) {
    term = math.divide(math.multiply(term, twoX2), 2 * n + 1) as BigNumber;
    sum = math.add(sum, term) as BigNumber;
  }
  const erf = math.divide(math.multiply(2, math.multiply(math.exp(math.unaryMinus(math.multiply(X, X))), sum)), SQRT_PI) as BigNumber;
  return math.subtract(1, erf) as BigNumber;
}

/** erfcx(x), x > 0, by DLMF 7.9.2 with k terms (its error falls like e^{−2.7x√k}). */
function erfcxByFraction(x: number, k = Math.ceil(1000 / (x * x)) + 10): BigNumber {
  const X = exact(x);
  let f = X;
  for (let j = k; j >= 1; j--) f = math.add(X, math.divide(j / 2, f)) as BigNumber;
  return math.divide(1, math.multiply(SQRT_PI, f)) as BigNumber;
}

/** [erfc(x), erfcx(x)] as doubles, 0 ≤ x finite. */
function reference(x: number): [number, number] {
  if (x === 0) return [1, 1];
  const x2 = math.multiply(exact(x), exact(x)) as BigNumber;
  if (x < 2.5) {
    const c = erfcBySeries(x);
    return [c.toNumber(), (math.multiply(c, math.exp(x2)) as BigNumber).toNumber()];
  }
  const cx = erfcxByFraction(x);
  return [(math.multiply(cx, math.exp(math.unaryMinus(x2))) as BigNumber).toNumber(), cx.toNumber()];
}

/** The next double above (+1) or below (−1) x > 0. */
function step(x: number, by: 1 | -1): number {
  const b = new BigUint64Array(new Float64Array([x]).buffer);
  b[0] = b[0]! + BigInt(by);
  return new Float64Array(b.buffer)[0]!;
}

/** t = 0, 1/32, …, 27.5, the engine's switch points (0.25, 0.84375, 1.25, 1/0.35, 26) and their neighbours, and far points. */
const GRID: number[] = (() => {
  const pts = new Set<number>();
  for (let i = 0; i <= 27.5 * 32; i++) pts.add(i / 32);
  for (const b of [0.25, 0.84375, 1.25, 1 / 0.35, 26]) for (const x of [step(b, -1), b, step(b, 1)]) pts.add(x);
  for (const x of [1e-300, 1e-20, 1e-9, 1e-3, 0.3, 0.7, 1.1, 26.55, 27.2, 27.23, 30, 40, 100, 1e3, 1e5, 1e8, 1e15, 1e150, 1e200]) pts.add(x);
  return [...pts].sort((p, q) => p - q);
})();
const REF = new Map(GRID.map((t) => [t, reference(t)]));

describe('the references', () => {
  it('series and continued fraction agree to 1e-30 where both converge (x = 2…4), and erf matches A&S Table 7.1 (15 decimals)', () => {
    for (const x of [2, 2.5, 3, 4]) {
      const bySeries = math.multiply(erfcBySeries(x), math.exp(math.multiply(exact(x), exact(x)))) as BigNumber;
      const byFraction = erfcxByFraction(x, 2000);
      const rel = (math.abs(math.divide(math.subtract(bySeries, byFraction), byFraction)) as BigNumber).toNumber();
      expect(rel, `x = ${x}`).toBeLessThan(1e-30);
    }
    // Abramowitz & Stegun, Table 7.1: erf 0.5 = 0.520499877813047, erf 1 = 0.842700792949715, erf 2 = 0.995322265018953
    for (const [x, erf] of [[0.5, 0.520499877813047], [1, 0.842700792949715], [2, 0.995322265018953]] as const) {
      expect(Math.abs(1 - erfcBySeries(x).toNumber() - erf), `x = ${x}`).toBeLessThanOrEqual(5e-16);
    }
  });
});

describe('erfc', () => {
  it('to 2ε below t = 1.25, above it to (3 + t²/2)ε at the band\'s top (the rounding of t² moves e^{−t²} by up to t²ε/2), both signs, over 0…27.5 in steps of 1/32, switch points ±1 ulp', () => {
    const worst = new WorstError('erfc vs 40 digits, relative, in ε', inEps);
    const bands = [[1.25, 'erfc, t < 1.25'], [4, 'erfc, t 1.25–4'], [10, 'erfc, t 4–10'], [Infinity, 'erfc, t 10–26.55']] as const;
    for (const t of GRID) {
      const [want] = REF.get(t)!;
      if (!(want >= 2.2250738585072014e-308)) continue; // subnormal: next test
      worst.add(bands.find(([top]) => t < top)![1], erfc(t), want, { t });
      worst.add('erfc(−t)', erfc(-t), 2 - want, { t });
    }
    // measured (in ε): 0.93 below 1.25, 4.0 at t = 1/0.35 + 1 ulp, 1.7 at 7.7, 192 at 26 + 1 ulp; erfc(−t) 0.52
    worst.log().expectWithin({ 'erfc, t < 1.25': 2, 'erfc, t 1.25–4': 11, 'erfc, t 4–10': 53, 'erfc, t 10–26.55': 356, 'erfc(−t)': 2 });
  });

  it('where erfc is subnormal (t ≈ 26.55–27.23) within 2e-321 absolute (356ε of the smallest normal), 0 beyond; ±∞ and NaN', () => {
    const worst = new WorstError('subnormal erfc', absError);
    let subnormal = 0;
    for (const t of GRID) {
      const [want] = REF.get(t)!;
      if (want >= 2.2250738585072014e-308) continue;
      if (want > 0) subnormal++;
      worst.add('erfc', erfc(t), want, { t });
    }
    expect(subnormal).toBeGreaterThanOrEqual(20);
    // measured: 9.4e-323 at t = 26.55
    worst.log().expectWithin({ erfc: 2e-321 });
    expect(erfc(30)).toBe(0);
    expect(erfc(Infinity)).toBe(0);
    expect(erfc(-Infinity)).toBe(2);
    expect(erfc(NaN)).toBeNaN();
  });
});

describe('erfcx', () => {
  it('erfcx(t, t²) within 3ε over 0…27.5 and far out to 1e200 (t² = ∞ there), with and without e^{t²} given', () => {
    const worst = new WorstError('erfcx vs 40 digits, relative, in ε', inEps);
    for (const t of GRID) {
      const [, want] = REF.get(t)!;
      worst.add('erfcx(t, t²)', erfcx(t, t * t), want, { t });
      worst.add('erfcx(t, t², e^{t²})', erfcx(t, t * t, Math.exp(t * t)), want, { t });
    }
    // measured: 1.38ε (t = 0.3125)
    worst.log().expectWithin({ 'erfcx(t, t²)': 3, 'erfcx(t, t², e^{t²})': 3 });
  });

  it('is the limit 1/(t√π) for t → ∞ and NaN for NaN', () => {
    expect(erfcx(Infinity, Infinity)).toBe(0);
    expect(erfcx(1e300, Infinity) * 1e300 * Math.sqrt(Math.PI)).toBeCloseTo(1, 15);
    expect(erfcx(NaN, NaN)).toBeNaN();
  });
});

describe('erfcGivenFactor (the forms with e^{−t²} supplied: lognormal patience shares it)', () => {
  /** erfcGivenFactor(0) for t with t² and the factor given. */
  function given(t: number, t2: number, factor: number): number {
    erfcSlots[ERFC_ARG] = t;
    erfcSlots[ERFC_SQUARE] = t2;
    erfcSlots[ERFC_FACTOR] = factor;
    erfcGivenFactor(0);
    return erfcSlots[ERFC_VALUE]!;
  }

  it('with e^{−t²} correctly rounded (40 digits) it is erfc to 3ε over 0…26.5, in slots 0 and 1 alike: erfc\'s larger error at large t (192ε at 26) is its factor\'s, e^{−t²} of a rounded t²', () => {
    const worst = new WorstError('erfcGivenFactor vs 40 digits, relative, in ε', inEps);
    for (const t of GRID) {
      const [want] = REF.get(t)!;
      if (!(want >= 2.2250738585072014e-308)) continue;
      const factor = (math.exp(math.unaryMinus(math.multiply(exact(t), exact(t)))) as BigNumber).toNumber();
      worst.add(t < 1.25 ? 'below 1.25 (factor unused)' : 'from 1.25', given(t, t * t, factor), want, { t });
      erfcSlots[ERFC_ARG + 1] = t;
      erfcSlots[ERFC_SQUARE + 1] = t * t;
      erfcSlots[ERFC_FACTOR + 1] = factor;
      erfcGivenFactor(1);
      expect(erfcSlots[ERFC_VALUE + 1], `slot 1 at t = ${t}`).toBe(given(t, t * t, factor));
    }
    // measured (in ε): 0.93 below 1.25, 1.67 from it (t = 7.72)
    worst.log().expectWithin({ 'below 1.25 (factor unused)': 2, 'from 1.25': 3 });
  });

  it('with factor 1 it is erfcx from t = 1.25 on (3ε), and erfc and erfcx give the same bits as through it', () => {
    const worst = new WorstError('erfcGivenFactor, factor 1, vs erfcx to 40 digits, in ε', inEps);
    for (const t of GRID) {
      if (t < 1.25) continue;
      const [, want] = REF.get(t)!;
      worst.add('erfcx', given(t, t * t, 1), want, { t });
      expect(erfcx(t, t * t)).toBe(given(t, t * t, 1));
      if (t < 26.5) expect(erfc(t)).toBe(given(t, t * t, Math.exp(-t * t)));
    }
    // measured: 1.01ε (t = 4.47)
    worst.log().expectWithin({ erfcx: 3 });
  });
});
