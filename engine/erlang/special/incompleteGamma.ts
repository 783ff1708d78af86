/**
 * Regularised incomplete gamma functions P(a, x) = γ(a, x)/Γ(a) and Q(a, x) = 1 − P, for real
 * a > 0 and x ≥ 0, returned as the ratio of the smaller tail to the density term
 * D(a, x) = x^a e^{−x}/Γ(a+1) (see poissonTerm.ts), so callers combine tails and D without
 * overflow or cancellation.
 *
 * Methods (chosen by region):
 *  - Temme's uniform asymptotic expansion for a ≥ 20 and |x − a| < 0.4a
 *    (N. M. Temme, "The asymptotic expansion of the incomplete gamma functions", SIAM J. Math.
 *    Anal. 10 (1979) 757; DiDonato & Morris, ACM TOMS 12 (1986) 377, eq. 17–18): with
 *    σ = (x−a)/a, φ = σ − ln(1+σ), y = aφ (= bd0(a, x)), z = sign(σ)·√(2φ),
 *    smaller tail = e^{−y}·[erfcx(√y)/2 ∓ S/√(2πa)], S = Σ_k C_k(z)/a^k (− for P when x < a,
 *    + for Q when x ≥ a). The coefficient polynomials C_k(z) are the 64-bit-mantissa set of
 *    Boost.Math's igamma_large.hpp (computed by its authors from Temme eq. 3.8 onwards; they agree
 *    with DiDonato & Morris to 30 digits); the a^{-k} sum is cut where it falls below 1e-19.
 *    Since D = e^{−stirlerr(a)}·e^{−y}/√(2πa), the ratio is tail/D = e^{stirlerr(a)}·[√(2πa)·erfcx(√y)/2 ∓ S].
 *    S is summed as Horner in 1/a over the C_k, each C_k(z) split into even and odd parts in z²
 *    (Estrin), with the degrees kept per bucket of (a, |z|) (DEG): about half the latency of one
 *    long Horner chain.
 *  - the power series P(a, x) = D(a, x)·Σ_{k≥0} x^k/((a+1)…(a+k)) for x < a (and for small x),
 *  - Legendre's continued fraction Q(a, x) = D(a, x)·a/(x+1−a− 1(1−a)/(x+3−a− 2(2−a)/(x+5−a− …)))
 *    by the modified Lentz method for x ≥ a.
 * D itself is computed only where a caller needs it (`invDensity`; the series branch leaves
 * last[INV_D] NaN). For Erlang A's J = P/D, `jRatio` also takes the series a little beyond x = a
 * when a < 20, and `lowerRatioSlope` adds ∂ ln(P/D)/∂a (for the ASA): beside the series, from
 * Temme's expansion differentiated term by term, or from the continued fraction differentiated in
 * forward mode with ψ(a+1) (`lnMinusDigamma`).
 */
import { erfcx } from './erfcx.js';
import { bd0, logPoissonTerm, stirlerr } from './poissonTerm.js';

const SQRT_2PI = 2.506628274631000502415765284811;

// Temme coefficient polynomials C_0..C_12 (ascending powers of z), flattened with offsets.
const C: number[][] = [
  [-0.333333333333333333333, 0.0833333333333333333333, -0.0148148148148148148148, 0.00115740740740740740741,
    0.000352733686067019400353, -0.0001787551440329218107, 0.39192631785224377817e-4, -0.218544851067999216147e-5,
    -0.18540622107151599607e-5, 0.829671134095308600502e-6, -0.176659527368260793044e-6, 0.670785354340149858037e-8,
    0.102618097842403080426e-7, -0.438203601845335318655e-8, 0.914769958223679023418e-9, -0.255141939949462497669e-10,
    -0.583077213255042506746e-10, 0.243619480206674162437e-10, -0.502766928011417558909e-11],
  [-0.00185185185185185185185, -0.00347222222222222222222, 0.00264550264550264550265, -0.000990226337448559670782,
    0.000205761316872427983539, -0.40187757201646090535e-6, -0.18098550334489977837e-4, 0.764916091608111008464e-5,
    -0.161209008945634460038e-5, 0.464712780280743434226e-8, 0.137863344691572095931e-6, -0.575254560351770496402e-7,
    0.119516285997781473243e-7, -0.175432417197476476238e-10, -0.100915437106004126275e-8, 0.416279299184258263623e-9,
    -0.856390702649298063807e-10],
  [0.00413359788359788359788, -0.00268132716049382716049, 0.000771604938271604938272, 0.200938786008230452675e-5,
    -0.000107366532263651605215, 0.529234488291201254164e-4, -0.127606351886187277134e-4, 0.342357873409613807419e-7,
    0.137219573090629332056e-5, -0.629899213838005502291e-6, 0.142806142060642417916e-6, -0.204770984219908660149e-9,
    -0.140925299108675210533e-7, 0.622897408492202203356e-8, -0.136704883966171134993e-8],
  [0.000649434156378600823045, 0.000229472093621399176955, -0.000469189494395255712128, 0.000267720632062838852962,
    -0.756180167188397641073e-4, -0.239650511386729665193e-6, 0.110826541153473023615e-4, -0.56749528269915965675e-5,
    0.142309007324358839146e-5, -0.278610802915281422406e-10, -0.169584040919302772899e-6, 0.809946490538808236335e-7,
    -0.191111684859736540607e-7],
  [-0.000861888290916711698605, 0.000784039221720066627474, -0.000299072480303190179733, -0.146384525788434181781e-5,
    0.664149821546512218666e-4, -0.396836504717943466443e-4, 0.113757269706784190981e-4, 0.250749722623753280165e-9,
    -0.169541495365583060147e-5, 0.890750753220530968883e-6, -0.229293483400080487057e-6],
  [-0.000336798553366358150309, -0.697281375836585777429e-4, 0.000277275324495939207873, -0.000199325705161888477003,
    0.679778047793720783882e-4, 0.141906292064396701483e-6, -0.135940481897686932785e-4, 0.801847025633420153972e-5,
    -0.229148117650809517038e-5],
  [0.000531307936463992223166, -0.000592166437353693882865, 0.000270878209671804482771, 0.790235323266032787212e-6,
    -0.815396936756196875093e-4, 0.561168275310624965004e-4, -0.183291165828433755673e-4, -0.307961345060330478256e-8,
    0.346515536880360908674e-5, -0.20291327396058603727e-5, 0.57887928631490037089e-6],
  [0.000344367606892377671254, 0.517179090826059219337e-4, -0.000334931610811422363117, 0.000281269515476323702274,
    -0.000109765822446847310235, -0.127410090954844853795e-6, 0.277444515115636441571e-4, -0.182634888057113326614e-4,
    0.578769494973505239894e-5],
  [-0.000652623918595309418922, 0.000839498720672087279993, -0.000438297098541721005061, -0.696909145842055197137e-6,
    0.000166448466420675478374, -0.000127835176797692185853, 0.462995326369130429061e-4],
  [-0.000596761290192746250124, -0.720489541602001055909e-4, 0.000678230883766732836162, -0.0006401475260262758451,
    0.000277501076343287044992],
  [0.00133244544948006563713, -0.0019144384985654775265, 0.00110893691345966373396],
  [0.00157972766073083495909, 0.000162516262783915816899, -0.00206334210355432762645, 0.00213896861856890981541,
    -0.00101085593912630031708],
  [-0.00407251211951401664727, 0.00640336283380806979482, -0.00404101610816766177474],
];
const NK = C.length;
const NI = 19; // highest polynomial length
// COEF[k·NI + i] = coefficient of z^i in C_k (0 beyond its degree); DCOEF the same for C_k′.
const COEF = new Float64Array(NK * NI);
const DCOEF = new Float64Array(NK * NI);
for (let k = 0; k < NK; k++) {
  const ck = C[k]!;
  for (let i = 0; i < ck.length; i++) COEF[k * NI + i] = ck[i]!;
  for (let i = 1; i < ck.length; i++) DCOEF[k * NI + i - 1] = i * ck[i]!;
}

/**
 * Truncation of S = Σ_k a^{−k} Σ_i C_{k,i} z^i by bucket of a (lower bounds A_LO) and of |z|
 * (upper bounds Z_HI; |z| < 0.48 in Temme's region): C_k keeps its coefficients up to the last
 * i with |C_{k,i}|·Z_HI^i·A_LO^{−k} ≥ 1e-18, so the dropped terms sum to < 2e-17 while the
 * result is ≥ ~1 (`tailRatio`). DEG[b·NK + k] = how many coefficients of C_k to keep.
 */
const A_LO = [20, 30, 50, 100, 200, 1000, 1e4];
const Z_HI = [0.02, 0.05, 0.1, 0.2, 0.3, 0.48];
const DEG = new Int8Array(A_LO.length * Z_HI.length * NK);
for (let ab = 0; ab < A_LO.length; ab++) {
  for (let zb = 0; zb < Z_HI.length; zb++) {
    for (let k = 0; k < NK; k++) {
      let keep = 0;
      for (let i = 0; i < NI; i++) {
        if (Math.abs(COEF[k * NI + i]!) * Z_HI[zb]! ** i * A_LO[ab]! ** -k >= 1e-18) keep = i + 1;
      }
      DEG[(ab * Z_HI.length + zb) * NK + k] = keep;
    }
  }
}
/** K_TOP[row / NK] = how many of C_0…C_12 a row keeps (the Horner pass in 1/a starts there). */
const K_TOP = new Int8Array(A_LO.length * Z_HI.length);
for (let b = 0; b < K_TOP.length; b++) {
  for (let k = 0; k < NK; k++) if (DEG[b * NK + k]! > 0) K_TOP[b] = k + 1;
}

/** Row of DEG for (a, z). */
function degRow(a: number, z: number): number {
  const ab = a >= 1e4 ? 6 : a >= 1000 ? 5 : a >= 200 ? 4 : a >= 100 ? 3 : a >= 50 ? 2 : a >= 30 ? 1 : 0;
  const az = Math.abs(z);
  const zb = az < 0.02 ? 0 : az < 0.05 ? 1 : az < 0.1 ? 2 : az < 0.2 ? 3 : az < 0.3 ? 4 : 5;
  return (ab * Z_HI.length + zb) * NK;
}

/**
 * Σ_{i<n} c[o + i]·z^i as its even and odd parts in z² (two independent chains, Estrin's idea:
 * about half the latency of one Horner chain in z); z2 = z².
 */
function polyEvenOdd(c: Float64Array, o: number, n: number, z: number, z2: number): number {
  let ev = 0;
  let od = 0;
  let i = n - 1;
  if (i >= 0 && (i & 1) === 0) ev = c[o + i--]!;
  for (; i >= 1; i -= 2) {
    od = od * z2 + c[o + i]!;
    ev = ev * z2 + c[o + i - 1]!;
  }
  return ev + z * od;
}

/** Temme's S = Σ_k C_k(z)/a^k, truncated by DEG: Horner in 1/a over k of `polyEvenOdd` C_k(z). */
function temmeSum(a: number, z: number): number {
  const row = degRow(a, z);
  const ia = 1 / a;
  const z2 = z * z;
  let s = 0;
  for (let k = K_TOP[row / NK]! - 1; k >= 0; k--) s = s * ia + polyEvenOdd(COEF, k * NI, DEG[row + k]!, z, z2);
  return s;
}

/** Results of `temmeSumSlope`: ∂S/∂z and ∂S/∂a (S = Σ_k C_k(z)/a^k). */
const slopes = new Float64Array(2); // [∂S/∂z, ∂S/∂a] (a typed array: module-level number bindings would allocate on every store)

/** Temme's S (the same steps as `temmeSum`, so the same bytes) with ∂S/∂z and ∂S/∂a (into `slopes`). */
function temmeSumSlope(a: number, z: number): number {
  const row = degRow(a, z);
  const ia = 1 / a;
  const z2 = z * z;
  let s = 0;
  let sz = 0;
  let sia = 0;
  for (let k = K_TOP[row / NK]! - 1; k >= 0; k--) {
    const o = k * NI;
    const n = DEG[row + k]!;
    sia = sia * ia + s;
    s = s * ia + polyEvenOdd(COEF, o, n, z, z2);
    sz = sz * ia + polyEvenOdd(DCOEF, o, n - 1, z, z2); // C_k′(z): n − 1 coefficients
  }
  slopes[0] = sz;
  slopes[1] = -sia * ia * ia;
  return s;
}

/** d stirlerr(a)/da for a ≥ 20 (asymptotic series; truncation < 1e-17). */
function stirlerrSlope(a: number): number {
  const r = 1 / a;
  const r2 = r * r;
  return -r2 * (S_0 - r2 * (3 * S_1 - r2 * (5 * S_2 - r2 * (7 * S_3 - r2 * 9 * S_4))));
}
const S_0 = 1 / 12;
const S_1 = 1 / 360;
const S_2 = 1 / 1260;
const S_3 = 1 / 1680;
const S_4 = 1 / 1188;

/**
 * Side results of the last call (a typed array, because module-level number bindings would
 * allocate a heap number on every store in this hot path), read right after the call:
 * last[INV_D] = 1/D(a, x) (may be +Infinity; NaN when the series region made it unnecessary, see
 * `invDensity`), set by `tailRatio` and `lowerRatioSlope`;
 * last[LOG_SLOPE] = ∂/∂a ln L(a, x) and last[LOWER_M1] = L(a, x) − 1 = Σ_{k≥1} x^k/((a+1)…(a+k))
 * (without cancellation where it is small), set by `lowerRatioSlope`;
 * last[K_SUM] = Σ_{k≥1} k·x^k/((a+1)…(a+k)) where the power series was run (else NaN), set by all three.
 */
export const last = new Float64Array(4);
export const INV_D = 0;
export const LOG_SLOPE = 1;
export const LOWER_M1 = 2;
export const K_SUM = 3;

/**
 * L(a, x) = P(a, x)/D(a, x) = Σ_{k≥0} x^k/((a+1)…(a+k)) (may be +Infinity) and its logarithmic
 * a-derivative ∂ ln L/∂a (into `last[LOG_SLOPE]`), with L − 1 (into `last[LOWER_M1]`); a > 0, x > 0.
 * Also sets `tailIsLower`/`last[INV_D]` as `tailRatio` does and returns what `tailRatio` returns.
 *
 * The slope gives Erlang A's mean wait of served-after-waiting contacts, θ·E = −∂ ln(L − 1)/∂a.
 * Methods: where the power series is used (as in `jRatio`, and below x = a in Temme's region where
 * the differentiated expansion would cancel), the same series with Σ t_k H_k,
 * H_k = Σ_{j≤k} 1/(a+j) (= −∂t_k/∂a / t_k) beside it. In Temme's region, the
 * derivative of the uniform expansion P = ½erfc(−η√(a/2)) − e^{−y}S/√(2πa) at fixed x:
 *   ∂P/∂a = −e^{−y}/√(2πa)·G,  G = σ/η − η/2 + S·(ln(1+σ) − 1/(2a)) + ∂S/∂a,
 *   ∂S/∂a = S_z·(−σ/(aη)) + S_a,  and ∂ ln(1/D)/∂a = stirlerr′(a) − ln(1+σ) + 1/(2a),
 * so ∂L/∂a = −e^{stirlerr(a)}·G + L·(stirlerr′(a) − ln(1+σ) + 1/(2a)). In the continued-fraction
 * region, L = 1/D − Q/D with ∂(1/D)/∂a = (1/D)(ψ(a+1) − ln x) and ∂(Q/D)/∂a carried through Lentz.
 */
export function lowerRatioSlope(a: number, x: number): number {
  const temme = a >= 20 && Math.abs(x - a) < 0.4 * a;
  // Below x = a the differentiated expansion subtracts O(1) terms to leave θE ≈ 1/(a − x): a
  // relative loss ≈ ε·(a − x)·ln(a/x) ≤ ε·(a − x)²/x, kept under ~100ε by the series beyond that —
  // where the series ends within its 100,000 terms (it needs ~51/ln(1 + (a + 1 − x)/x)). Past that
  // (a ≳ 4e8 just below critical load: patience of years), the expansion's loss (≤ ~6e-11 at
  // a = 1e12) beats a series cut short (Erlang A's ASA 13.75 s for 23.12 s; found by helper hx).
  if (temme && !(x < a && (a - x) * (a - x) > 100 * x && 99_999 * Math.log1p((a + 1 - x) / x) >= 51)) {
    const r = temmeRatio(a, x, true);
    const lower = tailIsLower;
    const invD = last[INV_D]!;
    const y = temmeParts[T_Y]!;
    const z = temmeParts[T_Z]!;
    const s = temmeParts[T_S]!;
    const es = temmeParts[T_ES]!;
    const L = lower ? r : invD - r;
    const sigma = (x - a) / a;
    const lp = sigma - y / a; // ln(1 + σ) = σ − φ(σ), φ = y/a: no cancellation (ln(1 + σ) ≈ σ)
    const ratio = z === 0 ? 1 : sigma / z; // σ/η → 1 as σ → 0
    const g = ratio - 0.5 * z + s * (lp - 0.5 / a) + slopes[0]! * (-ratio / a) + slopes[1]!;
    const c = stirlerrSlope(a) - lp + 0.5 / a;
    last[LOG_SLOPE] = L === Infinity ? c : c - (es * g) / L;
    last[LOWER_M1] = L - 1;
    return r;
  }
  if (x < a || x < 1.5 || seriesBeyondA(a, x)) {
    // Temme's value where that is what `jRatio` gives (same bytes); the series for the rest
    const temmeValue = temme ? jRatio(a, x) : NaN;
    tailIsLower = true;
    if (!temme) last[INV_D] = NaN;
    // L − 1 = Σ_{k≥1} t_k and Σ t_k H_k, t_k = x^k/((a+1)…(a+k))
    let t = 1;
    let h = 0;
    let s1 = 0;
    let m = 0;
    let ks = 0;
    for (let k = 1; k < 100_000; k++) {
      const inv = 1 / (a + k);
      t *= x * inv; // as in lowerSeries
      h += inv;
      s1 += t;
      m += t * h;
      ks += k * t;
      if (t <= s1 * 1e-17 && t * h <= m * 1e-17 && k * t <= ks * 1e-17 && x < a + k) break;
    }
    last[LOG_SLOPE] = -m / (1 + s1);
    last[LOWER_M1] = s1;
    last[K_SUM] = ks;
    return temme ? temmeValue : 1 + s1;
  }
  // continued-fraction region (x ≥ a): L = 1/D − q, q = Q/D; ∂(1/D)/∂a = (1/D)(ψ(a+1) − ln x)
  tailIsLower = false;
  const invD = invDensity(a, x);
  last[INV_D] = invD;
  last[K_SUM] = NaN;
  const q = upperContinuedFractionSlope(a, x);
  const dq = last[LOG_SLOPE]!; // ∂q/∂a, parked there by the call
  const L = invD - q;
  const psiMinusLn = -lnMinusDigamma(x, a + 1);
  last[LOG_SLOPE] = L === Infinity ? psiMinusLn : (invD * psiMinusLn - dq) / L;
  last[LOWER_M1] = L - 1;
  return q;
}

/**
 * ln x − ψ(z) for x > 0, z ≥ 1 (ψ the digamma function): the recurrence ψ(z) = ψ(z+1) − 1/z up to
 * z + m ≥ 10, then ψ(w) = ln w − 1/(2w) − Σ B_{2k}/(2k·w^{2k}) (7 terms, truncation < 1e-17 at w ≥ 10).
 */
function lnMinusDigamma(x: number, z: number): number {
  let shift = 0;
  let w = z;
  while (w < 10) {
    shift += 1 / w;
    w += 1;
  }
  const r = 1 / w;
  const r2 = r * r;
  const tail = r2 * (1 / 12 - r2 * (1 / 120 - r2 * (1 / 252 - r2 * (1 / 240 - r2 * (1 / 132 - r2 * (691 / 32760 - r2 / 12))))));
  return Math.log(x / w) + 0.5 * r + tail + shift;
}

/**
 * `upperContinuedFraction` (the same steps, so the same bytes) with its a-derivative carried
 * along (forward mode: ∂b_i/∂a = −1, ∂a_i/∂a = i); returns q = Q(a, x)/D(a, x) and parks ∂q/∂a
 * in last[LOG_SLOPE] for `lowerRatioSlope`.
 */
function upperContinuedFractionSlope(a: number, x: number): number {
  const tiny = 1e-300;
  let b = x + 1 - a;
  let c = 1 / tiny;
  let dc = 0;
  let d = 1 / b;
  let dd = d * d; // ∂(1/b)/∂a with ∂b/∂a = −1
  let h = d;
  let dh = dd;
  let done = false;
  for (let i = 1; i < 100_000; i++) {
    const an = -i * (i - a);
    b += 2;
    const dD = i * d + an * dd - 1;
    d = an * d + b;
    if (Math.abs(d) < tiny) d = tiny;
    const cPrev = c;
    c = b + an / c;
    dc = -1 + i / cPrev - (an * dc) / (cPrev * cPrev);
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    dd = -dD * d * d;
    const del = d * c;
    const ddel = dd * c + d * dc;
    dh = dh * del + h * ddel;
    if (!done) {
      h *= del;
      done = Math.abs(del - 1) < 1e-16; // h is final here, as in upperContinuedFraction
    }
    // the derivative may need more terms (at integer a the fraction ends while its a-derivative does not)
    if (done && Math.abs(h * ddel) <= 1e-17 * Math.abs(dh)) break;
  }
  last[LOG_SLOPE] = h + a * dh;
  return a * h;
}

/**
 * Σ_{k≥1} k·x^k/((a+1)…(a+k)) by the power series (x < a: positive, geometric terms), the same
 * steps as the series branches of `tailRatio` and `lowerRatioSlope`, so the same bytes; for
 * callers whose J came from Temme's expansion (Erlang A's P(abandon | wait) in deep underload).
 */
export function lowerKSum(a: number, x: number): number {
  lowerSeries(a, x);
  return last[K_SUM]!;
}

/** 1/D(a, x) = Γ(a+1)·x^{−a}·e^{x} (+Infinity when D underflows), a > 0, x ≥ 0. */
export function invDensity(a: number, x: number): number {
  const lp = logPoissonTerm(a, x);
  return lp < -708 ? Infinity : Math.exp(-lp);
}

/**
 * Series Σ_{k≥0} x^k/((a+1)…(a+k)) = P(a, x)/D(a, x), as 1 + Σ_{k≥1}. `lowerRatioSlope` runs the
 * same steps (and a few more, each below half an ulp of the sum), so both give the same bytes.
 */
function lowerSeries(a: number, x: number): number {
  let t = 1;
  let s1 = 0;
  let ks = 0;
  for (let k = 1; k < 100_000; k++) {
    t *= x * (1 / (a + k));
    s1 += t;
    ks += k * t;
    if (t <= s1 * 1e-17 && k * t <= ks * 1e-17 && x < a + k) break;
  }
  last[K_SUM] = ks;
  return 1 + s1;
}

/** Continued fraction for Q(a, x)/D(a, x) = a·CF, x ≥ a, by modified Lentz. */
function upperContinuedFraction(a: number, x: number): number {
  const tiny = 1e-300;
  let b = x + 1 - a;
  let c = 1 / tiny;
  let d = 1 / b;
  let h = d;
  for (let i = 1; i < 100_000; i++) {
    const an = -i * (i - a);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < tiny) d = tiny;
    c = b + an / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    const del = d * c;
    h *= del;
    if (Math.abs(del - 1) < 1e-16) break;
  }
  return a * h;
}

/**
 * For small a the power series beats the continued fraction a little beyond x = a (its terms
 * fall off factorially once k > x − a); used for L = P/D itself (`jRatio`, `lowerRatioSlope`),
 * not where Q/D is wanted (the difference 1/D − L would cancel).
 */
function seriesBeyondA(a: number, x: number): boolean {
  return a < 20 && x < a + 20;
}

/**
 * `tailRatio` for callers that want L = P(a, x)/D(a, x) (Erlang A's J): the same, except that
 * for a < 20 and x < a + 20 the power series gives the P-ratio (`tailIsLower` true, last[INV_D]
 * NaN) where `tailRatio` would run the continued fraction. `lowerRatioSlope` gives the same bytes.
 */
export function jRatio(a: number, x: number): number {
  if (x >= a && x >= 1.5 && seriesBeyondA(a, x)) {
    tailIsLower = true;
    last[INV_D] = NaN;
    return lowerSeries(a, x);
  }
  return tailRatio(a, x);
}

/** What `temmeRatio` computed on the way, for `lowerRatioSlope`: y = bd0(a, x), z, S, e^{stirlerr(a)}. */
const temmeParts = new Float64Array(4);
const T_Y = 0;
const T_Z = 1;
const T_S = 2;
const T_ES = 3;

/**
 * The smaller tail over D by Temme's expansion (a ≥ 20, |x − a| < 0.4a; module comment), setting
 * `tailIsLower` and last[INV_D] as `tailRatio` does; with `slope`, S's partial derivatives too
 * (`temmeSumSlope`, the same S to the bit). e^{stirlerr(a)} by Taylor to the 6th power:
 * stirlerr(a) ≤ 1/(12a) ≤ 0.0042 (error < 1e-17).
 */
function temmeRatio(a: number, x: number, slope: boolean): number {
  const lower = x < a;
  tailIsLower = lower;
  const y = bd0(a, x);
  const sa = Math.sqrt(a);
  // φ = y/a; z = sign(σ)·√(2φ)
  let z = (Math.SQRT2 * Math.sqrt(y)) / sa;
  if (lower) z = -z;
  const s = slope ? temmeSumSlope(a, z) : temmeSum(a, z);
  const st = stirlerr(a);
  const es = 1 + st * (1 + st * (0.5 + st * (1 / 6 + st * (1 / 24 + st * (1 / 120 + st / 720)))));
  const ey = y > 700 ? Infinity : Math.exp(y);
  const main = 0.5 * SQRT_2PI * sa * erfcx(Math.sqrt(y), y, ey);
  last[INV_D] = es * ey * SQRT_2PI * sa;
  last[K_SUM] = NaN;
  temmeParts[T_Y] = y;
  temmeParts[T_Z] = z;
  temmeParts[T_S] = s;
  temmeParts[T_ES] = es;
  return es * (lower ? main - s : main + s);
}

/** Which tail the last call of tailRatio returned: true → P(a, x), false → Q(a, x). */
export let tailIsLower = true;

/**
 * Ratio of the smaller tail of the regularised incomplete gamma function to D(a, x):
 * P(a, x)/D(a, x) when x < a (or the series region of small x), Q(a, x)/D(a, x) otherwise;
 * `tailIsLower` tells which. a > 0, x ≥ 0 (x = 0 gives the P-ratio 1). Also sets last[INV_D].
 */
export function tailRatio(a: number, x: number): number {
  if (a >= 20 && Math.abs(x - a) < 0.4 * a) return temmeRatio(a, x, false);
  if (x < a || x < 1.5) {
    // D is not needed for the P-ratio: computed only on request (`invDensity`)
    tailIsLower = true;
    last[INV_D] = NaN;
    return lowerSeries(a, x);
  }
  tailIsLower = false;
  last[INV_D] = invDensity(a, x);
  last[K_SUM] = NaN;
  return upperContinuedFraction(a, x);
}

/** Q(a, x)/D(a, x) (+Infinity when D underflows), a > 0, x > 0. For integer a: P(Poisson(x) ≤ a−1)/P(Poisson(x) = a). */
export function upperOverD(a: number, x: number): number {
  const r = tailRatio(a, x);
  if (!tailIsLower) return r;
  return (last[INV_D]! === last[INV_D]! ? last[INV_D]! : invDensity(a, x)) - r;
}

/** P(a, x)/D(a, x) = Σ_{k≥0} x^k/((a+1)…(a+k)) (+Infinity when D underflows), a > 0, x ≥ 0. */
export function lowerOverD(a: number, x: number): number {
  const r = tailRatio(a, x);
  return tailIsLower ? r : last[INV_D]! - r;
}
