/**
 * Scaled complementary error function erfcx(t) = exp(t²)·erfc(t) for t ≥ 0, to ~1 ulp.
 * Rational approximations of Sun's fdlibm s_erf.c (© 1993 Sun Microsystems; "permission to use,
 * copy, modify, and distribute this software is freely granted, provided that this notice is
 * preserved"), recombined so that no exp(−t²) is formed for t ≥ 1.25 (the incomplete-gamma
 * callers carry that factor themselves); the asymptotic series above t = 26.
 * `t2` must equal t² (callers that know t² exactly pass it to avoid its rounding); `expT2` is
 * exp(t2) when the caller already has it (used for t < 1.25), else NaN.
 */
const ERX = 8.45062911510467529297e-1;
// erf on [0, 0.84375]
const PP0 = 1.28379167095512558561e-1, PP1 = -3.25042107247001499370e-1, PP2 = -2.84817495755985104766e-2,
  PP3 = -5.77027029648944159157e-3, PP4 = -2.37630166566501626084e-5;
const QQ1 = 3.97917223959155352819e-1, QQ2 = 6.50222499887672944485e-2, QQ3 = 5.08130628187576562776e-3,
  QQ4 = 1.32494738004321644526e-4, QQ5 = -3.96022827877536812320e-6;
// erf on [0.84375, 1.25]
const PA0 = -2.36211856075265944077e-3, PA1 = 4.14856118683748331666e-1, PA2 = -3.72207876035701323847e-1,
  PA3 = 3.18346619901161753674e-1, PA4 = -1.10894694282396677476e-1, PA5 = 3.54783043256182359371e-2,
  PA6 = -2.16637559486879084300e-3;
const QA1 = 1.06420880400844228286e-1, QA2 = 5.40397917702171048937e-1, QA3 = 7.18286544141962662868e-2,
  QA4 = 1.26171219808761642112e-1, QA5 = 1.36370839120290507362e-2, QA6 = 1.19844998467991074170e-2;
// erfc on [1.25, 1/0.35]
const RA0 = -9.86494403484714822705e-3, RA1 = -6.93858572707181764372e-1, RA2 = -1.05586262253232909814e1,
  RA3 = -6.23753324503260060396e1, RA4 = -1.62396669462573470355e2, RA5 = -1.84605092906711035994e2,
  RA6 = -8.12874355063065934246e1, RA7 = -9.81432934416914548592e0;
const SA1 = 1.96512716674392571292e1, SA2 = 1.37657754143519042600e2, SA3 = 4.34565877475229228821e2,
  SA4 = 6.45387271733267880336e2, SA5 = 4.29008140027567833386e2, SA6 = 1.08635005541779435134e2,
  SA7 = 6.57024977031928170135e0, SA8 = -6.04244152148580987438e-2;
// erfc on [1/0.35, 28]
const RB0 = -9.86494292470009928597e-3, RB1 = -7.99283237680523006574e-1, RB2 = -1.77579549177547519889e1,
  RB3 = -1.60636384855821916062e2, RB4 = -6.37566443368389627722e2, RB5 = -1.02509513161107724954e3,
  RB6 = -4.83519191608651397019e2;
const SB1 = 3.03380607434824582924e1, SB2 = 3.25792512996573918826e2, SB3 = 1.53672958608443695994e3,
  SB4 = 3.19985821950859553908e3, SB5 = 2.55305040643316442583e3, SB6 = 4.74528541206955367215e2,
  SB7 = -2.24409524465858183362e1;
const INV_SQRT_PI = 0.5641895835477562869480794515607726;

/**
 * The complementary error function erfc(t) = (2/√π)∫_t^∞ e^{−u²} du for any real t, to a few ulps
 * (relative; for large t ~t²·ε from the factor e^{−t²}); erfc(−t) = 2 − erfc(t). Subnormal beyond
 * t ≈ 26.55 (absolute error there below 2e-321), 0 beyond t ≈ 27.23; NaN for NaN.
 * @example erfc(1) // 0.15729920705028513
 */
export function erfc(t: number): number {
  const a = Math.abs(t);
  const a2 = a * a;
  slots[ARG + OWN] = a;
  slots[SQUARE + OWN] = a2;
  if (a >= 1.25) slots[FACTOR + OWN] = Math.exp(-a2);
  erfcGivenFactor(OWN);
  const upper = slots[VALUE + OWN]!;
  return t < 0 ? 2 - upper : upper;
}

export function erfcx(t: number, t2: number, expT2 = NaN): number {
  slots[ARG + OWN] = t;
  slots[SQUARE + OWN] = t2;
  slots[FACTOR + OWN] = 1;
  erfcGivenFactor(OWN);
  const value = slots[VALUE + OWN]!;
  return t < 1.25 ? (expT2 === expT2 ? expT2 : Math.exp(t2)) * value : value;
}

/**
 * Arguments and results of `erfcGivenFactor`, in a typed array so that no double goes through a
 * call (V8 boxes a double passed to or returned from a call it does not inline). Slot k (0 and 1
 * for callers; 2 is erfc's and erfcx's own) holds the argument t ≥ 0 at ERFC_ARG + k, t² at
 * ERFC_SQUARE + k, the factor at ERFC_FACTOR + k, and gets the result at ERFC_VALUE + k (with
 * the forms in one function, lognormal patience's two erfc values a node cost 12 ns less).
 */
export const erfcSlots = new Float64Array(12);
export const ERFC_ARG = 0;
export const ERFC_SQUARE = 3;
export const ERFC_FACTOR = 6;
export const ERFC_VALUE = 9;
// What this module's own code reads: V8 reads an exported (or imported) binding through a cell at
// every use and cannot fold it to a constant; a module's private const it can.
const slots = erfcSlots;
const ARG = ERFC_ARG;
const SQUARE = ERFC_SQUARE;
const FACTOR = ERFC_FACTOR;
const VALUE = ERFC_VALUE;
const OWN = 2;

/**
 * fdlibm's forms for the t ≥ 0 of slot k (t² beside it; slots as `erfcSlots` says): erfc(t) below
 * t = 1.25 (the factor unused), erfcx(t)·factor from 1.25 on. With the factor e^{−t²} that is
 * erfc(t) everywhere, one exponential fewer when the caller has it already (lognormal patience,
 * patience.ts, shares one e^{−z²/2} between Ḡ, H and the density); with factor 1 it is erfcx(t)
 * from 1.25 on (`erfcx`). Relative error: erfcx's (≤ 3ε) plus the factor's.
 * @example erfcSlots[ERFC_ARG] = 2; erfcSlots[ERFC_SQUARE] = 4; erfcSlots[ERFC_FACTOR] = Math.exp(-4); erfcGivenFactor(0); erfcSlots[ERFC_VALUE] // ≈ erfc(2) = 0.004677734981047266
 */
export function erfcGivenFactor(k: number): void {
  const t = slots[ARG + k]!;
  const t2 = slots[SQUARE + k]!;
  let value: number;
  if (t < 0.84375) {
    const r = PP0 + t2 * (PP1 + t2 * (PP2 + t2 * (PP3 + t2 * PP4)));
    const s = 1 + t2 * (QQ1 + t2 * (QQ2 + t2 * (QQ3 + t2 * (QQ4 + t2 * QQ5))));
    const y = r / s;
    value = t < 0.25 ? 1 - (t + t * y) : 0.5 - (t - 0.5 + t * y);
  } else if (t < 1.25) {
    const s = t - 1;
    const p = PA0 + s * (PA1 + s * (PA2 + s * (PA3 + s * (PA4 + s * (PA5 + s * PA6)))));
    const q = 1 + s * (QA1 + s * (QA2 + s * (QA3 + s * (QA4 + s * (QA5 + s * QA6)))));
    value = 1 - ERX - p / q;
  } else if (t < 26) {
    const s = 1 / t2;
    let r: number;
    let q: number;
    if (t < 1 / 0.35) {
      r = RA0 + s * (RA1 + s * (RA2 + s * (RA3 + s * (RA4 + s * (RA5 + s * (RA6 + s * RA7))))));
      q = 1 + s * (SA1 + s * (SA2 + s * (SA3 + s * (SA4 + s * (SA5 + s * (SA6 + s * (SA7 + s * SA8)))))));
    } else {
      r = RB0 + s * (RB1 + s * (RB2 + s * (RB3 + s * (RB4 + s * (RB5 + s * RB6)))));
      q = 1 + s * (SB1 + s * (SB2 + s * (SB3 + s * (SB4 + s * (SB5 + s * (SB6 + s * SB7))))));
    }
    value = (Math.exp(-0.5625 + r / q) / t) * slots[FACTOR + k]!;
  } else {
    // erfcx(t) ~ 1/(t√π) · Σ (−1)^j (2j−1)!! / (2t²)^j ; for t ≥ 26 ten terms reach 1e-20
    const u = 1 / (2 * t2);
    let term = 1;
    let sum = 1;
    for (let j = 1; j <= 10; j++) {
      term *= -(2 * j - 1) * u;
      sum += term;
    }
    value = (INV_SQRT_PI / t) * sum * slots[FACTOR + k]!;
  }
  slots[VALUE + k] = value;
}
