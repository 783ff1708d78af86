/**
 * The six integrals of the M/M/N+G solution (mmng.ts) for the weight w(v) = exp(λH(v) − s·v),
 * s = Nμ, scaled by e^{−φ_ref} (φ = λH − s·v, φ_ref its largest value):
 *   J = ∫₀^∞ w,  A_b = ∫ G·w,  S_< = ∫₀ᵀ Ḡ·w,  S_> = ∫_T^∞ Ḡ·w,  M = ∫ v·Ḡ·w,  W = ∫ H·w.
 * Optionally for the service rates s + μ, s + 2μ, … (N + 1, N + 2, … agents) too, on the same nodes
 * ("variants"; a "pair" is N and N + 1): the plan's interpolation between ⌊N⌋ and ⌊N⌋ + 1 and its
 * chunks of consecutive agent counts (mmng.ts) need them, at a product and a few sums a node each.
 *
 * Smooth patience (adaptive Gauss–Kronrod, error controlled). φ is concave (φ′ = λḠ − s falls),
 * so w has one mode v*, where λḠ(v*) = s (0 when λḠ(0) ≤ s). [0, T] and [T, ∞), cut at the
 * jumps of Ḡ (mixtures with a step part), are covered outward from each piece's highest point by
 * 21-point Gauss–Kronrod panels, each wide enough for φ to fall by about STEP (from φ′ and
 * φ″ = −λg at its start; STEP grows by STEP_GROWTH outward; halved while a probe of its far end
 * finds φ fallen by over FALL_CAP steps where the curvature grew, as from v = 0 for lognormal
 * patience, whose density is 0 there). A direction stops where φ has fallen
 * DROP below the half-line's top and the concavity bound of the rest (∫_x^∞ w ≤ w(x)/|φ′(x)|; the
 * v-weighted one w(x)(x/|φ′| + 1/φ′²)) is below TAIL of each integral so far. Then the panel
 * with the largest error estimate (QUADPACK's, special/gaussKronrod.ts) relative to what its
 * integrals need is halved until every integral's estimated relative error is ≤ `tolerance`, or
 * MAX_PANELS are used (`lastError` reports the estimate reached either way).
 * Panel ends lie on a lattice of waits 2^{k/2¹⁵} s (the march rounds to 16 points an octave;
 * halving takes the lattice point nearest the middle, and splits a panel [0, b] at b/16, which
 * grades towards the non-analytic point v = 0 of lognormal, gamma and Weibull patience; for such a
 * curve, `gradesAtZero`, a panel from 0 is laid out graded from the start, see `addSpan`), besides 0,
 * T and the jumps of Ḡ. So panels recur from one evaluation to the next, and their node values
 * come from the curve's memo (nodeCache.ts) when they do: the same numbers, computed once.
 * Where w's peak is narrower than that rounding (long patience in overload: 1,000 s wide at
 * 1.6·10⁷ s), the march rounds finer, down to the lattice itself, and the mode is found for the
 * exact level s/λ on it; narrower than one lattice step (2·10⁻⁵ of its wait), the mode and the
 * panel ends there are exact points. Checked against Erlang A with patience means up to 10⁹ s
 * (≤ 1e-10, test/erlang/mmngLongPatience.test.ts). What remains: φ = λH − s·v carries an absolute
 * rounding error ≈ ε·λ·E[τ], so beyond λ·E[τ] ≈ 10¹⁰ (e.g. mean patience 10⁷ s at 15,000 arrivals
 * a second) the error estimate stalls near ε·λ·E[τ] (reported by `lastError`).
 *
 * Step patience (deterministic, empirical, mixtures of only those): φ is linear between jumps and
 * each integral is a closed form there (exponentials times polynomials of degree ≤ 1), anchored
 * at the higher end of each piece so that no exponent is positive.
 */
import { CDF, curveAt, DENSITY, INTEGRAL, PANEL_MEMO_WIDTH, SURVIVAL, type PatienceCurve } from './patience.js';
import { GK15, GK21, panelError } from './special/gaussKronrod.js';

// The patience values as this module reads them: V8 reads an imported binding through a
// cell at every use and cannot fold it to a constant; a module's private const it can.
const point = curveAt;
const SURV = SURVIVAL;
const CUM = CDF;
const INTEG = INTEGRAL;
const DENS = DENSITY;

/** Relative error each integral is driven below by default (QUADPACK's estimate). */
export const DEFAULT_TOLERANCE = 1e-13;
/** Panels at most per evaluation. */
const MAX_PANELS = 400;
/**
 * A march ends only once the concavity bound of the rest is below TAIL = 1e-4·tolerance of every
 * integral so far, and φ has fallen by at least ln(1/TAIL) below its half-line's top (39 at the
 * default tolerance).
 */
const TAIL_SHARE = 1e-4;
/** Fall of φ across a march's first panel; each next panel allows STEP_GROWTH times more. */
const STEP = 5;
const STEP_GROWTH = 1.6;

/** Lattice steps per octave (panel ends are 2^{k/Q} seconds) and the march's rounding (16 an octave). */
const Q = 32768;
const COARSE = Q / 16;
/** Endpoint codes: 0 → 0; an exact point (T, a jump) → 2 + its index in the curve's memo; lattice k → LATTICE + k. */
const LATTICE = 1 << 25;
const MAX_EXACT = 1 << 16;

/** The rule of the evaluation under way: GK21 for tolerances below 1e-10, GK15 at and above. */
let XK = GK21.nodes;
let WK = GK21.kronrod;
let WG = GK21.gauss;
/** Code offset of GK15 panels in the memo (their 15 nodes are not GK21's 21). */
const GK15_CODES = 1 << 27;

// Per panel and variant (0: s, 1: s + μ): ∫w, ∫G·w, ∫Ḡ·w, ∫v·Ḡ·w, ∫H·w.
const I_J = 0;
const I_AB = 1;
const I_S = 2;
const I_M = 3;
const I_W = 4;
const NI = 5;
/** Totals, per variant (offset NT·variant): J, A_b, S_<, S_>, M, W. */
export const T_J = 0;
export const T_AB = 1;
export const T_IN = 2;
export const T_OUT = 3;
export const T_M = 4;
export const T_W = 5;
export const NT = 6;

const left = new Float64Array(MAX_PANELS);
const right = new Float64Array(MAX_PANELS);
const leftCode = new Int32Array(MAX_PANELS);
const rightCode = new Int32Array(MAX_PANELS);
const half = new Uint8Array(MAX_PANELS);
/** Variants (agent counts N, N + 1, …) one evaluation computes at most. */
export const MAX_VARIANTS = 17;
const sums = new Float64Array(MAX_PANELS * NI * MAX_VARIANTS);
const errs = new Float64Array(MAX_PANELS * NI * MAX_VARIANTS);
/** The integrals of the last evaluation, NT per variant (read by mmng.ts). */
export const totals = new Float64Array(NT * MAX_VARIANTS);
const totalErr = new Float64Array(NT * MAX_VARIANTS);
/** φ_ref of each variant (its integrals are scaled by e^{−φ_ref}; read by mmng.ts) */
export const refs = new Float64Array(MAX_VARIANTS);
/** The weight of each node of the panel being integrated, for the variant under way. */
const nodeWeight = new Float64Array(2 * GK21.nodes.length - 1);

/**
 * The evaluation under way: λ, s, φ_ref for s, (3 unused), tolerance, error reached, the
 * march's TAIL and DROP, μ (mmng.ts reads ERROR after a call)
 */
export const ctx = new Float64Array(9);
const LAMBDA = 0;
const SERVE = 1;
const REF = 2;
const TOL = 4;
export const ERROR = 5;
const TAIL = 6;
const DROP = 7;
const MU = 8;
/** [panels used, patience-function evaluations (not from the memo), variants wanted] */
export const counts = new Int32Array(3);
/** φ − φ_ref, φ′(v+), −φ″ = λg at the last probed point (variant 0) */
const probeOut = new Float64Array(3);

/**
 * The integrals for arrival rate λ > 0 (per second), service rate s > 0 (N/AHT) and threshold T ≥ 0
 * into `totals` (variant 0), and for s + k·μ too, k = 1 … variants − 1 (variant k, offset k·NT;
 * 1 ≤ variants ≤ MAX_VARIANTS).
 */
export function mmngIntegrals(curve: PatienceCurve, lambda: number, serve: number, mu: number, target: number, variants: number, tolerance: number): void {
  ctx[LAMBDA] = lambda;
  ctx[SERVE] = serve;
  ctx[MU] = mu;
  ctx[TOL] = tolerance;
  ctx[TAIL] = TAIL_SHARE * tolerance;
  ctx[DROP] = -Math.log(TAIL_SHARE * tolerance);
  const rule = tolerance < 1e-10 ? GK21 : GK15;
  XK = rule.nodes;
  WK = rule.kronrod;
  WG = rule.gauss;
  counts[0] = 0;
  counts[1] = 0;
  counts[2] = variants;
  totals.fill(0);
  totalErr.fill(0);
  lastCode[0] = -1;
  if (curve.stepwise) {
    stepIntegrals(curve, lambda, serve, target, 0);
    for (let vr = 1; vr < variants; vr++) stepIntegrals(curve, lambda, serve + vr * mu, target, vr);
    ctx[ERROR] = 0;
    return;
  }
  // φ_ref: φ at its mode; variant k's weight w_k = w·e^{−kμv} ≤ w shares it (no overflow; where
  // e^{−kμv} at the mode underflows, mmng.ts evaluates that count alone)
  ctx[REF] = 0;
  const mode = modeOf(curve, lambda, serve);
  const modeAt = modeCode[0]!;
  probeAt(curve, mode, modeAt);
  ctx[REF] = probeOut[0]!;
  refs.fill(ctx[REF]!, 0, variants);
  const targetCode = target > 0 ? exactCode(curve, target) : 0;
  const breaks = curve.breaks;
  let a = 0;
  let aCode = 0;
  for (let hf = 0; hf < 2; hf++) {
    const end = hf === 0 ? target : Infinity;
    const endCode = hf === 0 ? targetCode : -1;
    if (!(end > a)) continue;
    // the half-line's top: φ at the mode clamped into it
    const topAt = mode < a ? a : mode > end ? end : mode;
    probeAt(curve, topAt, topAt === a ? aCode : topAt === end ? endCode : modeAt);
    const halfTop = probeOut[0]!;
    let x = a;
    let xCode = aCode;
    let j = 0;
    while (j < breaks.length && breaks[j]! <= x) j++;
    while (x < end) {
      const isBreak = j < breaks.length && breaks[j]! < end;
      const b = isBreak ? breaks[j]! : end;
      const bCode = isBreak ? 2 + j : endCode;
      // the piece's highest point, rounded to the march lattice when inside
      let m: number;
      let mCode: number;
      if (mode <= x) { m = x; mCode = xCode; } else if (mode >= b) { m = b; mCode = bCode; } else { m = mode; mCode = modeAt; }
      probeAt(curve, m, mCode);
      const top = probeOut[0]!;
      // a piece far below its half-line's top adds nothing any integral can see
      if (top - halfTop > -60) cover(curve, x, xCode, b, bCode, m, mCode, top, hf);
      x = b;
      xCode = bCode;
      j++;
    }
    a = end;
    aCode = endCode;
  }
  refine(curve);
  sumPanels();
}

/** The error estimate reached by the last smooth-patience evaluation (0 for step patience). */
export function lastError(): number {
  return ctx[ERROR]!;
}

const LN2_Q = Math.LN2 / Q;
function latticeValue(k: number): number {
  return Math.exp(k * LN2_Q);
}

/** The code of an exact point (T or a jump): its index in the curve's memo, added when new. */
function exactCode(curve: PatienceCurve, v: number): number {
  const exact = curve.memo.exact;
  let i = exact.indexOf(v);
  if (i < 0) {
    if (exact.length >= MAX_EXACT) {
      // start over (keeping the jumps, which come first)
      exact.length = curve.breaks.length;
      curve.memo.panels.clear();
      curve.memo.points.clear();
    }
    exact.push(v);
    i = exact.length - 1;
  }
  return 2 + i;
}

/** Ḡ, G, H, g at v (code `code`) into `curveAt`, from the memo when seen before. */
function curvePoint(curve: PatienceCurve, v: number, code: number): void {
  const points = curve.memo.points;
  let off = points.find(code, 0);
  if (off < 0) {
    curve.at(v);
    counts[1] = counts[1]! + 1;
    off = points.add(code, 0);
    const vals = points.values();
    vals[off] = point[SURV]!;
    vals[off + 1] = point[CUM]!;
    vals[off + 2] = point[INTEG]!;
    vals[off + 3] = point[DENS]!;
    return;
  }
  const vals = points.values();
  point[SURV] = vals[off]!;
  point[CUM] = vals[off + 1]!;
  point[INTEG] = vals[off + 2]!;
  point[DENS] = vals[off + 3]!;
}

/** The last point probed: its code, then Ḡ, H, g there (a march starts where the last probe was). */
const lastCode = new Int32Array(1).fill(-1);
const lastProbe = new Float64Array(3);

/** φ(v) − φ_ref, φ′(v+) and −φ″(v) = λg(v) (variant 0) into `probeOut`. */
function probeAt(curve: PatienceCurve, v: number, code: number): void {
  if (code !== lastCode[0]) {
    curvePoint(curve, v, code);
    lastCode[0] = code;
    lastProbe[0] = point[SURV]!;
    lastProbe[1] = point[INTEG]!;
    lastProbe[2] = point[DENS]!;
  }
  const lambda = ctx[LAMBDA]!;
  probeOut[0] = lambda * lastProbe[1]! - ctx[SERVE]! * v - ctx[REF]!;
  probeOut[1] = lambda * lastProbe[0]! - ctx[SERVE]!;
  probeOut[2] = lambda * lastProbe[2]!;
}

/**
 * A memo entry: the service-rate step μ its last column is for, then per node v, Kronrod weight ×
 * Jacobian, Gauss weight × Jacobian, Ḡ, G, H and e^{−μv} (the factor from N to N + 1 agents).
 */
const PER_NODE = (PANEL_MEMO_WIDTH - 1) / (2 * GK21.nodes.length - 1);

/**
 * Fills the memo entry at `off` for panel [a, b]: per node its wait v, the rule's weights times
 * the Jacobian, and Ḡ, G, H there. Nodes v = c ± h·x (Jacobian h); a panel [0, b] of a curve with
 * `rootAtZero` is integrated in t with v = b·t⁴ (Jacobian 4b·t³·½ on x ∈ [−1, 1]), which turns the
 * v^a behaviour of G at 0 (gamma, Weibull with a non-integer shape) into t^{4a+3}, smooth enough
 * for the rule.
 */
function fillPanel(curve: PatienceCurve, vals: Float64Array, off: number, a: number, b: number): void {
  vals[off] = NaN; // e^{−μv} not computed yet
  const root = a === 0 && curve.rootAtZero;
  let o = off + 1;
  for (let k = 0; k < XK.length; k++) {
    const x = XK[k]!;
    for (let side = x === 0 ? 1 : 0; side < 2; side++) {
      const u = side === 0 ? -x : x;
      let v: number;
      let jac: number;
      if (root) {
        const t = 0.5 * (1 + u);
        const t3 = t * t * t;
        v = b * t3 * t;
        jac = 2 * b * t3;
      } else {
        const h = 0.5 * (b - a);
        v = 0.5 * (a + b) + h * u;
        jac = h;
      }
      curve.at(v);
      vals[o] = v;
      vals[o + 1] = WK[k]! * jac;
      vals[o + 2] = WG[k]! * jac;
      vals[o + 3] = point[SURV]!;
      vals[o + 4] = point[CUM]!;
      vals[o + 5] = point[INTEG]!;
      o += PER_NODE;
    }
  }
  counts[1] = counts[1]! + 2 * XK.length - 1;
}

/** Integrates panel p (ends and codes set) by the Gauss–Kronrod rule for each variant: sums and error estimates. */
function integratePanel(curve: PatienceCurve, p: number): void {
  const cache = curve.memo.panels;
  const codeA = XK === GK21.nodes ? leftCode[p]! : GK15_CODES + leftCode[p]!;
  let off = cache.find(codeA, rightCode[p]!);
  if (off < 0) {
    off = cache.add(codeA, rightCode[p]!);
    fillPanel(curve, cache.values(), off, left[p]!, right[p]!);
  }
  const vals = cache.values();
  const begin = off + 1;
  const end = begin + PER_NODE * (2 * XK.length - 1);
  const lambda = ctx[LAMBDA]!;
  const s0 = ctx[SERVE]!;
  const r0 = ctx[REF]!;
  const variants = counts[2]!;
  const mu = ctx[MU]!;
  if (variants > 1 && vals[off] !== mu) {
    for (let o = begin; o < end; o += PER_NODE) vals[o + 6] = Math.exp(-mu * vals[o]!);
    vals[off] = mu;
  }
  let j = 0;
  for (let o = begin; o < end; o += PER_NODE) nodeWeight[j++] = Math.exp(lambda * vals[o + 5]! - s0 * vals[o]! - r0);
  // variant k's weight w_k = w_{k−1}·e^{−μv} (φ_ref shared: refs[k] = φ_ref)
  for (let vr = 0; vr < variants; vr++) {
    let kJ = 0, kAb = 0, kS = 0, kM = 0, kW = 0, gJ = 0, gAb = 0, gS = 0, gM = 0, gW = 0;
    j = 0;
    for (let o = begin; o < end; o += PER_NODE, j++) {
      const v = vals[o]!;
      const wk = vals[o + 1]!;
      const wg = vals[o + 2]!;
      const surv = vals[o + 3]!;
      const cdf = vals[o + 4]!;
      const integral = vals[o + 5]!;
      const w = vr === 0 ? nodeWeight[j]! : (nodeWeight[j] = nodeWeight[j]! * vals[o + 6]!);
      const sw = surv * w;
      const cw = cdf * w;
      const iw = integral * w;
      kJ += wk * w; kAb += wk * cw; kS += wk * sw; kM += wk * v * sw; kW += wk * iw;
      if (wg !== 0) { gJ += wg * w; gAb += wg * cw; gS += wg * sw; gM += wg * v * sw; gW += wg * iw; }
    }
    // the Kronrod sums and their error estimates against Gauss (written here, not passed to a
    // function: V8 would box the ten doubles)
    const so = (p * MAX_VARIANTS + vr) * NI;
    sums[so + I_J] = kJ; sums[so + I_AB] = kAb; sums[so + I_S] = kS; sums[so + I_M] = kM; sums[so + I_W] = kW;
    errs[so + I_J] = panelError(kJ, gJ); errs[so + I_AB] = panelError(kAb, gAb); errs[so + I_S] = panelError(kS, gS);
    errs[so + I_M] = panelError(kM, gM); errs[so + I_W] = panelError(kW, gW);
  }
}

/** Adds panel [a, b] of half `hf` (0: within T, 1: beyond) and integrates it; false when the store is full. */
function addPanel(curve: PatienceCurve, a: number, aCode: number, b: number, bCode: number, hf: number): boolean {
  const p = counts[0]!;
  if (p >= MAX_PANELS) return false;
  left[p] = a;
  right[p] = b;
  leftCode[p] = aCode;
  rightCode[p] = bCode;
  half[p] = hf;
  integratePanel(curve, p);
  accumulate(p, 1);
  counts[0] = p + 1;
  return true;
}

/**
 * Panels from 0 grow by this factor (2 octaves) for a curve that `gradesAtZero`, GRADE_PANELS + 1
 * of them: [0, b·4⁻³], …, [b/4, b]. Their features sit on a logarithmic scale of v near 0, which
 * the error-driven halving would otherwise reach only by integrating and discarding the wider
 * panels first (lognormal patience: 15 panel integrations for 10 panels, all the waste in [0, T]).
 */
const GRADE_STEPS = 2 * Q;
const GRADE_PANELS = 3;

/** Adds [a, b] as one panel, or graded towards 0 when a = 0 and the curve `gradesAtZero`; false when the store is full. */
function addSpan(curve: PatienceCurve, a: number, aCode: number, b: number, bCode: number, hf: number): boolean {
  if (!(a === 0 && curve.gradesAtZero && b > 0)) return addPanel(curve, a, aCode, b, bCode, hf);
  // the lattice index at or below b (b itself when it is a lattice point)
  const top = bCode >= LATTICE ? bCode - LATTICE : Math.floor(Math.log2(b) * Q);
  let x = 0;
  let xCode = 0;
  for (let j = GRADE_PANELS; j >= 1; j--) {
    const k = top - j * GRADE_STEPS;
    const y = latticeValue(k);
    if (!(y > x && y < b)) continue;
    if (!addPanel(curve, x, xCode, y, LATTICE + k, hf)) return false;
    x = y;
    xCode = LATTICE + k;
  }
  return addPanel(curve, x, xCode, b, bCode, hf);
}

/** Adds (sign 1) or removes (−1) panel p's sums and error estimates to the running totals. */
function accumulate(p: number, sign: number): void {
  const variants = counts[2]!;
  for (let vr = 0; vr < variants; vr++) {
    const o = (p * MAX_VARIANTS + vr) * NI;
    const t = vr * NT;
    const s = t + (half[p] === 0 ? T_IN : T_OUT);
    totals[t + T_J] = totals[t + T_J]! + sign * sums[o + I_J]!;
    totalErr[t + T_J] = totalErr[t + T_J]! + sign * errs[o + I_J]!;
    totals[t + T_AB] = totals[t + T_AB]! + sign * sums[o + I_AB]!;
    totalErr[t + T_AB] = totalErr[t + T_AB]! + sign * errs[o + I_AB]!;
    totals[s] = totals[s]! + sign * sums[o + I_S]!;
    totalErr[s] = totalErr[s]! + sign * errs[o + I_S]!;
    totals[t + T_M] = totals[t + T_M]! + sign * sums[o + I_M]!;
    totalErr[t + T_M] = totalErr[t + T_M]! + sign * errs[o + I_M]!;
    totals[t + T_W] = totals[t + T_W]! + sign * sums[o + I_W]!;
    totalErr[t + T_W] = totalErr[t + T_W]! + sign * errs[o + I_W]!;
  }
}

/** The totals summed afresh from the panels (the running ones carry the rounding of removals). */
function sumPanels(): void {
  totals.fill(0);
  totalErr.fill(0);
  const n = counts[0]!;
  for (let p = 0; p < n; p++) accumulate(p, 1);
}

/** Width of the next panel from slope |d| and curvature c ≥ 0 so that φ falls by about `step`. */
function widthFor(d: number, c: number, step: number): number {
  const ad = Math.abs(d);
  return (2 * step) / (ad + Math.sqrt(ad * ad + 2 * c * step));
}

/**
 * Covers [a, b] (b may be +Infinity) of half `hf` with panels, marching out of m ∈ [a, b], its
 * highest point (φ(m) − φ_ref = `top`), until the rest is negligible (module comment).
 */
function cover(curve: PatienceCurve, a: number, aCode: number, b: number, bCode: number, m: number, mCode: number, top: number, hf: number): void {
  march(curve, 1, m, mCode, b, bCode, top, hf);
  march(curve, -1, m, mCode, a, aCode, top, hf);
}

/**
 * One direction of `cover`: from m towards `end` (dir = +1 rightwards, −1 leftwards), panels of
 * growing allowed fall, their far ends rounded outwards to the march lattice, until `end` or the
 * rest is negligible. φ(v) ≤ φ(x) + φ′(x)(v − x) bounds what lies beyond x on either side.
 */
function march(curve: PatienceCurve, dir: number, m: number, mCode: number, end: number, endCode: number, top: number, hf: number): void {
  probeAt(curve, m, mCode);
  let x = m, xCode = mCode, fx = probeOut[0]!, d = probeOut[1]!, c = probeOut[2]!;
  let step = STEP;
  while (dir > 0 ? x < end : x > end) {
    let h = widthFor(d, c, step);
    const cap = 2 * (x + curve.scale); // never more than triple the distance from 0 at once
    if (!(h <= cap)) h = cap;
    panelEnd(curve, x, dir, h, end, endCode);
    // where the curvature at x understates what follows (lognormal patience: g(0) = 0, so φ″(0) = 0),
    // φ falls across the panel by far more than planned: then narrower, as probes of its far end
    // (one patience evaluation each) find, rather than the 21 evaluations of a panel that refinement
    // would halve afterwards (issue 10's N = 1,000 case: 13 panel integrations → 10)
    for (let tries = 0; tries < NARROWINGS && edge[0] !== end; tries++) {
      probeAt(curve, edge[0]!, edge[1]!);
      if (probeOut[0]! - fx >= -FALL_CAP * step || !(probeOut[2]! > CURVING * c)) break;
      h *= 0.5;
      panelEnd(curve, x, dir, h, end, endCode);
    }
    const y = edge[0]!;
    const yCode = edge[1]!;
    const added = dir > 0 ? addSpan(curve, x, xCode, y, yCode, hf) : addSpan(curve, y, yCode, x, xCode, hf);
    if (!added || y === end) return;
    probeAt(curve, y, yCode);
    fx = probeOut[0]!;
    const fall = fx - top;
    d = probeOut[1]!;
    c = probeOut[2]!;
    x = y;
    xCode = yCode;
    step *= STEP_GROWTH;
    if (fall < -ctx[DROP]! && dir * d < 0 && restIsNegligible(fx, dir * d, x, hf)) return;
  }
}

/**
 * A march's panel is narrowed (halved, at most NARROWINGS times) while φ falls across it by more
 * than FALL_CAP planned steps and the curvature −φ″ at its far end is over CURVING times that at
 * its start (a panel that only rounding to the lattice widened, in a peak whose curvature hardly
 * changes, is left alone: narrowed, such peaks were seen to need more panels, not fewer).
 */
const FALL_CAP = 1.5;
const CURVING = 4;
const NARROWINGS = 3;
/** The far end of the panel `panelEnd` placed: its wait and its code. */
const edge = new Float64Array(2);

/**
 * The far end of a march's panel of width about h from x (dir = +1 rightwards, −1 leftwards) into
 * `edge`: rounded outwards to the march lattice, `end` when that reaches it.
 */
function panelEnd(curve: PatienceCurve, x: number, dir: number, h: number, end: number, endCode: number): void {
  const to = x + dir * h;
  let y = 0;
  let yCode = 0;
  if (to > 0) {
    // round to 16 points an octave, or finer where that spacing (≈ to·g·ln2/Q for g lattice
    // steps) would widen the panel by more than its width: a peak far narrower than 4% of its
    // wait (long patience in overload) must not fall between one panel's nodes
    let g = COARSE;
    while (g > 1 && to * g * LN2_Q > h) g >>= 1;
    if (to * LN2_Q > 4 * h) {
      // narrower than a quarter of one lattice step: the panel ends where it should, an exact point
      y = to;
      yCode = exactCode(curve, to);
    } else {
      const round = dir > 0 ? Math.ceil : Math.floor;
      let k = round((Math.log2(to) * Q) / g) * g;
      y = latticeValue(k);
      if (!(dir > 0 ? y > x : y < x)) { k += dir * g; y = latticeValue(k); }
      yCode = LATTICE + k;
    }
  }
  if (dir > 0 ? y >= end : y <= end) { y = end; yCode = endCode; }
  edge[0] = y;
  edge[1] = yCode;
}

/**
 * Whether the concavity bound beyond x (log-height f, slope −|d| away from the panels) is below
 * TAIL of every integral of half `hf` so far, for each variant (or below e^{−690}).
 */
function restIsNegligible(f: number, d: number, x: number, hf: number): boolean {
  if (f < -690) return true;
  const e = Math.exp(f);
  const bw = e / -d;
  const bv = e * (x / -d + 1 / (d * d));
  // the variants' weights are below the first's (w_k = w·e^{−kμv}, the same φ_ref): the same bound
  const variants = counts[2]!;
  const tail = ctx[TAIL]!;
  for (let vr = 0; vr < variants; vr++) {
    const t = vr * NT;
    if (!(bw <= tail * totals[t + T_J]! && bw <= tail * totals[t + (hf === 0 ? T_IN : T_OUT)]! && bw <= tail * totals[t + T_AB]!
      && bv <= tail * totals[t + T_M]! && bv <= tail * totals[t + T_W]!)) return false;
  }
  return true;
}

/** Halves the panel whose errors weigh most against what the totals need, until all meet the tolerance. */
function refine(curve: PatienceCurve): void {
  const tol = ctx[TOL]!;
  const variants = counts[2]!;
  for (;;) {
    let worstRatio = 0;
    for (let t = 0; t < NT * variants; t++) {
      const r = totals[t]! > 0 ? totalErr[t]! / (tol * totals[t]!) : 0;
      if (r > worstRatio) worstRatio = r;
    }
    ctx[ERROR] = worstRatio * tol;
    if (worstRatio <= 1 || counts[0]! >= MAX_PANELS) return;
    let worst = -1;
    let worstScore = -1;
    const n = counts[0]!;
    for (let p = 0; p < n; p++) {
      let score = 0;
      for (let vr = 0; vr < variants; vr++) {
        const o = (p * MAX_VARIANTS + vr) * NI;
        const t = vr * NT;
        const s = t + (half[p] === 0 ? T_IN : T_OUT);
        score = Math.max(score, scoreOf(errs[o + I_J]!, t + T_J, tol), scoreOf(errs[o + I_AB]!, t + T_AB, tol), scoreOf(errs[o + I_S]!, s, tol),
          scoreOf(errs[o + I_M]!, t + T_M, tol), scoreOf(errs[o + I_W]!, t + T_W, tol));
      }
      if (score > worstScore) {
        worstScore = score;
        worst = p;
      }
    }
    if (!split(curve, worst)) return;
  }
}

function scoreOf(err: number, t: number, tol: number): number {
  const total = totals[t]!;
  return total > 0 ? err / (tol * total) : 0;
}

/** Splits panel p at a lattice point inside it (module comment); false when none is left or the store is full. */
function split(curve: PatienceCurve, p: number): boolean {
  if (counts[0]! >= MAX_PANELS) return false;
  const a = left[p]!;
  const b = right[p]!;
  const ac = leftCode[p]!;
  const bc = rightCode[p]!;
  let k: number;
  if (ac >= LATTICE && bc >= LATTICE) {
    k = ac - LATTICE + Math.floor((bc - ac) / 2); // = ac when the two are adjacent: not inside
  } else if (a === 0 && bc >= LATTICE) {
    k = bc - LATTICE - 4 * Q; // b/16
  } else {
    k = Math.round(Math.log2(0.5 * (a + b)) * Q);
  }
  let mid = latticeValue(k);
  let midCode = LATTICE + k;
  if (!(mid > a && mid < b)) {
    // a panel within one lattice step (a peak narrower than 2·10⁻⁵ of its wait): the exact middle
    mid = 0.5 * (a + b);
    if (!(mid > a && mid < b)) return false;
    midCode = exactCode(curve, mid);
  }
  accumulate(p, -1);
  right[p] = mid;
  rightCode[p] = midCode;
  integratePanel(curve, p);
  accumulate(p, 1);
  return addPanel(curve, mid, midCode, b, bc, half[p]!);
}

/** Lattice steps per octave of the mode search (128 an octave: within 0.6% of the mode). */
const MODE_STEP = Q / 128;

/** Buckets of the survival level per unit of its logit (the mode is computed at each bucket's centre). */
const MODE_BUCKETS = 128;

/**
 * The mode v* of w for service rate s, rounded to the mode lattice (`modeCode` gets its code):
 * λḠ(v*) = s, or 0 when λḠ(0) ≤ s. The level s/λ is rounded to a bucket of its logit (width
 * 1/128: the mode moves by < 1% of the peak's width) and the bucket's mode, found once by
 * bisection on lattice indices (Ḡ falls, so the sign of Ḡ − level brackets it), is kept in the
 * curve's memo: the same mode for the same bucket whatever the order of calls.
 */
function modeOf(curve: PatienceCurve, lambda: number, serve: number): number {
  modeCode[0] = 0;
  if (lambda * curve.survivalAtZero <= serve) return 0;
  const p = serve / lambda; // in (0, Ḡ(0))
  const bucket = Math.round(Math.log(p / (1 - p)) * MODE_BUCKETS);
  let k = curve.memo.modes.get(bucket);
  if (k === undefined) {
    const centre = 1 / (1 + Math.exp(-bucket / MODE_BUCKETS));
    k = centre < curve.survivalAtZero ? modeIndex(curve, centre) : Number.NEGATIVE_INFINITY;
    if (curve.memo.modes.size > 65_536) curve.memo.modes.clear();
    curve.memo.modes.set(bucket, k);
  }
  if (k === Number.NEGATIVE_INFINITY) return 0;
  // The bucket and the mode lattice place v* within δ = p(1 − p)/(256·g) + v*·ln2/128 of the true
  // mode. A peak narrower than that (width 1/√(λg): long patience in overload, 1,000 s wide at
  // 1.6·10⁷ s for exponential patience of mean 10⁷ s and s = 10 services a second) would put φ_ref
  // thousands below φ's top (e^{…} overflows): then find v* for this very level on the fine lattice.
  const v = latticeValue(k);
  curvePoint(curve, v, LATTICE + k);
  const g = point[DENS]!;
  const delta = (p * (1 - p)) / (2 * MODE_BUCKETS * g) + v * MODE_STEP * LN2_Q;
  if (peakNarrowerThan(delta, lambda, g)) {
    k = fineModeIndex(curve, p, k);
    // narrower still than one fine step (near-deterministic patience of months in overload): the
    // mode itself, by bisection between the two lattice points around it, an exact point
    const hi = latticeValue(k);
    curvePoint(curve, hi, LATTICE + k);
    if (peakNarrowerThan(hi * LN2_Q, lambda, point[DENS]!)) {
      let lo = latticeValue(k - 1);
      let up = hi;
      for (let i = 0; i < 200 && up - lo > 1e-15 * up; i++) {
        const mid = 0.5 * (lo + up);
        if (!(mid > lo && mid < up)) break;
        curve.at(mid);
        if (point[SURV]! > p) lo = mid;
        else up = mid;
      }
      modeCode[0] = exactCode(curve, up);
      return up;
    }
  }
  modeCode[0] = LATTICE + k;
  return latticeValue(k);
}

/** Whether w's peak at the mode, 1/√(λg) wide (g the patience density there), is narrower than 4·`spacing` (seconds). */
function peakNarrowerThan(spacing: number, lambda: number, g: number): boolean {
  return g > 0 && spacing * spacing * lambda * g > 1 / 16;
}

/** The fine lattice index k with Ḡ(2^{(k−1)/Q}) > level ≥ Ḡ(2^{k/Q}), searched out from `near`. */
function fineModeIndex(curve: PatienceCurve, level: number, near: number): number {
  let lo = near - MODE_STEP;
  let hi = near;
  while (aboveLevel(curve, hi, level) && hi < 1100 * Q) { lo = hi; hi += MODE_STEP; }
  while (!aboveLevel(curve, lo, level) && lo > -1000 * Q) { hi = lo; lo -= MODE_STEP; }
  while (hi - lo > 1) {
    const mid = lo + Math.floor((hi - lo) / 2);
    if (aboveLevel(curve, mid, level)) lo = mid;
    else hi = mid;
  }
  return hi;
}

/** The mode lattice index k with Ḡ(2^{(k−step)/Q}) > level ≥ Ḡ(2^{k/Q}); −∞ when Ḡ is at or below level already at 2^{−1000} s (the mode is then 0). */
function modeIndex(curve: PatienceCurve, level: number): number {
  let hi = Math.round((Math.log2(curve.scale) * Q) / MODE_STEP) * MODE_STEP;
  let lo = hi;
  if (aboveLevel(curve, hi, level)) {
    do { lo = hi; hi += 2 * Q; } while (aboveLevel(curve, hi, level) && hi < 1100 * Q);
  } else {
    do { hi = lo; lo -= 2 * Q; } while (!aboveLevel(curve, lo, level) && lo > -1000 * Q);
    if (!aboveLevel(curve, lo, level)) return Number.NEGATIVE_INFINITY;
  }
  while (hi - lo > MODE_STEP) {
    const mid = lo + Math.floor((hi - lo) / (2 * MODE_STEP)) * MODE_STEP;
    if (aboveLevel(curve, mid, level)) lo = mid;
    else hi = mid;
  }
  return hi;
}

/** Whether Ḡ(2^{k/Q}) > level (from the memo once seen). */
function aboveLevel(curve: PatienceCurve, k: number, level: number): boolean {
  curvePoint(curve, latticeValue(k), LATTICE + k);
  return point[SURV]! > level;
}

/** The lattice code of the last mode `modeOf` returned (0 for the mode 0). */
const modeCode = new Int32Array(1);

/**
 * Step patience, variant `vr` with service rate s: closed forms on each piece between jumps (and
 * T), where Ḡ = g is constant and φ(v) = φ(x₀) + r(v − x₀), r = λg − s. φ_ref = the largest φ at
 * 0, T and the jumps (φ is concave and piecewise linear). Each piece's φ(x₀) − φ_ref is summed
 * from the highest cut outward, r·(x₁ − x₀) a piece: λH and s·v are each of size λ·(a jump),
 * and their difference loses ε·λ·(jump) (2e-4 relative in P(abandon) at λ·jump ≈ 6e12), while a
 * sum of the slopes' steps near the top loses only ε of each step.
 */
function stepIntegrals(curve: PatienceCurve, lambda: number, serve: number, target: number, vr: number): void {
  // the cut points 0 = x₀ < x₁ < … (the jumps and T), the piece after each and its φ step
  const n = stepCuts(curve.breaks, target);
  const xs = cutX;
  let top = 0; // φ(x_j) − φ(0) summed piece by piece, to find the highest cut
  let best = 0;
  let jStar = 0;
  for (let j = 0; j < n; j++) {
    curve.at(xs[j]!);
    cutG[j] = point[SURV]!; // Ḡ on [x_j, x_{j+1}) (right-continuous)
    cutH[j] = point[INTEG]!;
    if (j + 1 < n) {
      top += (lambda * cutG[j]! - serve) * (xs[j + 1]! - xs[j]!);
      if (top > best) { best = top; jStar = j + 1; }
    }
  }
  // φ(x_j) − φ_ref, outward from the highest cut
  cutPhi[jStar] = 0;
  for (let j = jStar + 1; j < n; j++) cutPhi[j] = cutPhi[j - 1]! + (lambda * cutG[j - 1]! - serve) * (xs[j]! - xs[j - 1]!);
  for (let j = jStar - 1; j >= 0; j--) cutPhi[j] = cutPhi[j + 1]! - (lambda * cutG[j]! - serve) * (xs[j + 1]! - xs[j]!);
  // the absolute φ_ref (scales J against Erlang B's u in mmng.ts)
  refs[vr] = jStar === 0 ? 0 : lambda * cutH[jStar]! - serve * xs[jStar]!;
  const t = vr * NT;
  for (let i = 0; i < NT; i++) totals[t + i] = 0;
  for (let j = 0; j < n; j++) {
    const x1 = j + 1 < n ? xs[j + 1]! : Infinity;
    addStepPiece(xs[j]!, x1, cutG[j]!, cutH[j]!, cutPhi[j]!, lambda, serve, t, x1 <= target ? T_IN : T_OUT);
  }
}

/** Cut points of step patience (0, the jumps, T; sorted, distinct), their Ḡ, H and φ − φ_ref (grown as needed). */
let cutX = new Float64Array(64);
let cutG = new Float64Array(64);
let cutH = new Float64Array(64);
let cutPhi = new Float64Array(64);

/** Fills `cutX` with 0, the jumps and T (when > 0), sorted and distinct; returns how many. */
function stepCuts(breaks: Float64Array, target: number): number {
  const most = breaks.length + 2;
  if (cutX.length < most) {
    cutX = new Float64Array(2 * most);
    cutG = new Float64Array(2 * most);
    cutH = new Float64Array(2 * most);
    cutPhi = new Float64Array(2 * most);
  }
  let n = 0;
  cutX[n++] = 0;
  let tDone = !(target > 0);
  for (let j = 0; j < breaks.length; j++) {
    const b = breaks[j]!;
    if (!tDone && target <= b) {
      if (target < b) cutX[n++] = target;
      tDone = true;
    }
    cutX[n++] = b;
  }
  if (!tDone) cutX[n++] = target;
  return n;
}

/**
 * One piece [x0, x1) of step patience into `totals` at offset t (x1 may be +Infinity, where r < 0):
 * Ḡ = g and H(x0) = h0 there, φ(x0) − φ_ref = phi0.
 */
function addStepPiece(x0: number, x1: number, g: number, h0: number, phi0: number, lambda: number, serve: number, t: number, sTotal: number): void {
  const r = lambda * g - serve;
  let e0: number; // ∫ w
  let e1: number; // ∫ (v − x0)·w
  if (x1 === Infinity || r * (x1 - x0) < -745) {
    // beyond the last jump Ḡ = 0, so r = −s < 0; or e^{rL} = 0 (T ≥ 10¹⁵⁴ s gave L²·f1 = ∞·0): the half-line's
    const k = Math.exp(phi0);
    e0 = k / -r;
    e1 = k / (r * r);
  } else {
    const L = x1 - x0;
    const z = r * L;
    if (r <= 0) {
      const k = Math.exp(phi0) * L;
      e0 = k * f0(z);
      e1 = k * L * f1(z);
    } else {
      // anchored at x1: ∫₀ᴸ e^{rt} dt = e^{rL}·L·f0(−rL), ∫₀ᴸ t e^{rt} dt = e^{rL}·L²·g1(−rL)
      const k = Math.exp(phi0 + z) * L;
      e0 = k * f0(-z);
      e1 = k * L * g1(-z);
    }
  }
  totals[t + T_J] = totals[t + T_J]! + e0;
  totals[t + T_AB] = totals[t + T_AB]! + (1 - g) * e0;
  totals[t + sTotal] = totals[t + sTotal]! + g * e0;
  totals[t + T_M] = totals[t + T_M]! + g * (x0 * e0 + e1);
  totals[t + T_W] = totals[t + T_W]! + h0 * e0 + g * e1;
}

/** f0(z) = ∫₀¹ e^{zt} dt = (e^z − 1)/z, z ≤ 0. */
function f0(z: number): number {
  return z === 0 ? 1 : Math.expm1(z) / z;
}

/** f1(z) = ∫₀¹ t·e^{zt} dt = (e^z(z − 1) + 1)/z² = Σ_{k≥0} z^k/(k!(k + 2)), z ≤ 0. */
function f1(z: number): number {
  if (z > -0.5) {
    let term = 1;
    let sum = 0.5;
    for (let k = 1; k < 30; k++) {
      term *= z / k;
      const add = term / (k + 2);
      sum += add;
      if (Math.abs(add) < 1e-17 * sum) break;
    }
    return sum;
  }
  return (Math.exp(z) * (z - 1) + 1) / (z * z);
}

/** g1(z) = ∫₀¹ (1 − t)·e^{zt} dt = (e^z − 1 − z)/z² = Σ_{k≥0} z^k/(k + 2)!, z ≤ 0. */
function g1(z: number): number {
  if (z > -0.5) {
    let term = 0.5;
    let sum = 0.5;
    for (let k = 1; k < 30; k++) {
      term *= z / (k + 2);
      sum += term;
      if (Math.abs(term) < 1e-17 * sum) break;
    }
    return sum;
  }
  return (Math.expm1(z) - z) / (z * z);
}
