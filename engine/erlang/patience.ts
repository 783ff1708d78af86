/**
 * A patience distribution as the M/M/N+G kernel reads it: at any wait v ≥ 0 (seconds) the
 * survival Ḡ(v) = P(τ > v), its complement G(v) = P(τ ≤ v), the integrated survival
 * H(v) = ∫₀ᵛ Ḡ(u) du = E[min(τ, v)] and the density g(v) (0 on the flat parts of a step
 * function), for every kind the simulator draws (engine/rng/distribution.ts):
 *
 *   exponential (mean m)      Ḡ = e^{−v/m},  H = m(1 − e^{−v/m})
 *   gamma (shape a, scale b)  Ḡ = Q(a, x),   H = v·Q(a, x) + ab·P(a+1, x),  x = v/b, P(a+1, x) = P(a, x) − D(a, x)
 *     (erlang-k is gamma with a = k; gamma by CV has a = 1/cv²)
 *   lognormal (μ, σ)          Ḡ = Φ(−z),     H = v·Φ(−z) + m·Φ(z − σ),  z = (ln v − μ)/σ
 *   weibull (scale c, shape k) Ḡ = e^{−y},   H = m·P(1/k, y),  y = (v/c)^k,  m = cΓ(1 + 1/k)
 *   deterministic (d)         Ḡ = [v < d],   H = min(v, d)
 *   empirical (x₁…xₙ)         Ḡ = #{xᵢ > v}/n,  H = Σ min(xᵢ, v)/n
 *   mixture                   Σ wᵢ·(each of the above)
 * P, Q are the regularised incomplete gamma functions and D(a, x) = x^a e^{−x}/Γ(a+1)
 * (special/incompleteGamma.ts), Φ the standard normal distribution function (from erfc).
 * The smaller of Ḡ and G is computed directly (no 1 − x cancellation), so both keep their
 * relative accuracy in the tails. H carries an absolute error of a few ulps of the mean.
 *
 * Deterministic and empirical patience (and mixtures of only those) are step functions:
 * `stepwise` says so and `breaks` lists the jumps, where the kernel splits its integrals
 * (a mixture with smooth parts lists its steps' jumps too).
 */
import { checkSpec, type DistributionSpec, type SimpleDistributionSpec } from '../rng/distribution.js';
import { lnGamma } from '../rng/gammaFunction.js';
import { meanOf } from '../rng/moments.js';
import { NodeCache } from './nodeCache.js';
import { ERFC_ARG, ERFC_FACTOR, ERFC_SQUARE, ERFC_VALUE, erfcGivenFactor, erfcSlots } from './special/erfcx.js';
import { invDensity, last, INV_D, tailIsLower, tailRatio } from './special/incompleteGamma.js';

/** Where `PatienceCurve.at` writes (read right after the call; a typed array so the hot loop allocates nothing). */
export const curveAt = new Float64Array(4);
/** Ḡ(v) = P(τ > v) */
export const SURVIVAL = 0;
/** G(v) = P(τ ≤ v) = 1 − Ḡ(v) */
export const CDF = 1;
/** H(v) = ∫₀ᵛ Ḡ(u) du = E[min(τ, v)], seconds */
export const INTEGRAL = 2;
/** g(v), per second (0 where Ḡ is flat) */
export const DENSITY = 3;
// What this module's own code reads and writes: V8 reads an exported (or imported) binding through
// a cell at every use and cannot fold it to a constant; a module's private const it can.
const point = curveAt;
const SURV = SURVIVAL;
const CUM = CDF;
const INTEG = INTEGRAL;
const DENS = DENSITY;
const slots = erfcSlots;
const ARG = ERFC_ARG;
const SQUARE = ERFC_SQUARE;
const FACTOR = ERFC_FACTOR;
const VALUE = ERFC_VALUE;

/** A patience distribution ready for the M/M/N+G kernel (build with {@link patienceCurve}). */
export interface PatienceCurve {
  /** the distribution it was built from (validated) */
  readonly spec: DistributionSpec;
  /** mean patience E[τ], seconds */
  readonly mean: number;
  /** Ḡ(0) = P(τ > 0): below 1 when some callers hang up at once (a deterministic 0, empirical zeros) */
  readonly survivalAtZero: number;
  /** sorted distinct waits > 0 (seconds) where Ḡ jumps */
  readonly breaks: Float64Array;
  /** Ḡ is constant between `breaks` (deterministic, empirical, mixtures of those): no density anywhere */
  readonly stepwise: boolean;
  /** a typical scale of the distribution, seconds (its mean, or its median when that is far smaller) */
  readonly scale: number;
  /**
   * G behaves like v^a with a non-integer a near v = 0 (gamma, Weibull with a shape that is not a
   * whole number, and mixtures with one): the kernel then integrates [0, b] in t with v = b·t⁴
   */
  readonly rootAtZero: boolean;
  /**
   * Ḡ changes on a logarithmic scale of v near 0 (lognormal with σ ≥ 1.1, i.e. CV ≥ 1.5, and every
   * curve with `rootAtZero`; a mixture with one such part): the kernel then lays out its first panel
   * graded geometrically towards 0
   */
  readonly gradesAtZero: boolean;
  /** writes Ḡ(v), G(v), H(v), g(v) into `curveAt` (offsets SURVIVAL, CDF, INTEGRAL, DENSITY); v ≥ 0 seconds */
  at(v: number): void;
  /** the kernel's memo of these values at its quadrature nodes (see nodeCache.ts; results do not depend on it) */
  readonly memo: CurveMemo;
}

/** What the M/M/N+G kernel remembers about a curve: node values by panel, point values, exact panel ends. */
export interface CurveMemo {
  /** per node of a panel: its wait, weights, Ḡ, G, H (mmngIntegrals.ts) */
  readonly panels: NodeCache;
  /** Ḡ, G, H, g at a point (4 doubles per entry) */
  readonly points: NodeCache;
  /** panel ends that are not lattice points (service-level thresholds T, jumps of Ḡ), by code − 2 */
  readonly exact: number[];
  /** the mode of w by bucket of the survival level s/λ (mmngIntegrals.ts `modeOf`) */
  readonly modes: Map<number, number>;
}

/** Doubles the kernel keeps per panel: μ, then 7 per node (v, two weights, Ḡ, G, H, e^{−μv}) × 21 nodes (mmngIntegrals.ts). */
export const PANEL_MEMO_WIDTH = 1 + 7 * 21;

/** Entries a curve's memo keeps before it starts over (≈ 16 MB of node values at most). */
const MEMO_PANELS = 16_384;

function newMemo(breaks: Float64Array): CurveMemo {
  return { panels: new NodeCache(PANEL_MEMO_WIDTH, MEMO_PANELS), points: new NodeCache(4, 4 * MEMO_PANELS), exact: [...breaks], modes: new Map() };
}

/**
 * Builds the patience functions of a distribution once (validated; work done here, not per call).
 * @throws {RangeError} an invalid spec, each problem named (see `specProblems`)
 * @example const c = patienceCurve({ kind: 'lognormal', mean: 120, cv: 2.5 }); c.at(20); curveAt[SURVIVAL] // P(τ > 20 s)
 */
export function patienceCurve(spec: DistributionSpec, path = 'patience'): PatienceCurve {
  checkSpec(spec, path);
  const curve = spec.kind === 'mixture' ? mixtureCurve(spec.components, spec) : simpleCurve(spec);
  return { ...curve, memo: newMemo(curve.breaks) };
}

type BareCurve = Omit<PatienceCurve, 'memo'>;

/** A short description of a patience distribution, e.g. "lognormal, mean 120 s, CV 2.5". */
export function describePatience(spec: DistributionSpec): string {
  switch (spec.kind) {
    case 'exponential': return `exponential, mean ${round(spec.mean)} s`;
    case 'erlang': return `Erlang-${spec.k}, mean ${round(spec.mean)} s`;
    case 'gamma': return `gamma, mean ${round(spec.mean)} s, CV ${round(spec.cv)}`;
    case 'lognormal': return `lognormal, mean ${round(spec.mean)} s, CV ${round(spec.cv)}`;
    case 'weibull': return `Weibull, mean ${round(spec.mean)} s, shape ${round(spec.shape)}`;
    case 'deterministic': return `deterministic, ${round(spec.value)} s`;
    case 'empirical': return `empirical, ${spec.values.length} values, mean ${round(meanOf(spec))} s`;
    case 'mixture': return `mixture of ${spec.components.map((c) => `${round(100 * c.weight)}% ${describePatience(c)}`).join(' + ')}`;
  }
}

function round(x: number): string {
  return String(Number(x.toPrecision(4)));
}

/**
 * Lognormal patience grades the kernel's first panel towards 0 from this σ (CV ≈ 1.5) on: its
 * distribution function then rises over many octaves of small waits. Measured over 60 cases each
 * (N 5–3,000, load 0.7–1.4, T 0–60 s): grading takes 20% fewer panel integrations at CV 2.5, and
 * 5–10% more at CV 0.5–1 (hence no grading there).
 */
const GRADED_SIGMA = 1.1;

const SQRT1_2 = Math.SQRT1_2;
const INV_SQRT_2PI = 0.3989422804014327;

/**
 * Ḡ, G, H and g of lognormal patience at v > 0 into `curveAt`; p = [μ, 1/σ, σ, m, 1/m]. A function of
 * the module, not of each curve's closure: V8 optimises it once for every lognormal curve, and reads
 * the parameters from one typed array (44 ns a call against 48 as a closure; 62 before the shared
 * exponential, erfcx.ts's slots and the module-private names).
 */
function lognormalAt(p: Float64Array, v: number): void {
  const mu = p[0]!;
  const invSigma = p[1]!;
  const sigma = p[2]!;
  const m = p[3]!;
  const z = (Math.log(v) - mu) * invSigma;
  // one exponential for three: e^{−a²} = e^{−z²/2} is erfc's factor at a = |z|/√2, the density's, and
  // times e^{σz − σ²/2} = v/m (e^{σz} = v·e^{−μ}, m = e^{μ + σ²/2}) erfc's at (σ − z)/√2
  const a = Math.abs(z) * SQRT1_2;
  const a2 = a * a;
  const e = Math.exp(-a2);
  const b = (sigma - z) * SQRT1_2;
  slots[ARG] = a;
  slots[SQUARE] = a2;
  slots[FACTOR] = e;
  slots[ARG + 1] = Math.abs(b);
  slots[SQUARE + 1] = b * b;
  slots[FACTOR + 1] = e * v * p[4]!;
  erfcGivenFactor(0);
  erfcGivenFactor(1);
  // Ḡ = ½erfc(z/√2), G = ½erfc(−z/√2): the smaller one directly, the other as 1 − it (≥ ½)
  const smaller = 0.5 * slots[VALUE]!;
  const upper = z >= 0 ? smaller : 1 - smaller;
  point[SURV] = upper;
  point[CUM] = z >= 0 ? 1 - smaller : smaller;
  // E[τ; τ ≤ v] = m·Φ(z − σ) = ½m·erfc(b), erfc(−|b|) = 2 − erfc(|b|)
  const erfcB = slots[VALUE + 1]!;
  point[INTEG] = v * upper + m * 0.5 * (b >= 0 ? erfcB : 2 - erfcB);
  point[DENS] = (INV_SQRT_2PI * invSigma * e) / v;
}

function simpleCurve(spec: SimpleDistributionSpec): BareCurve {
  const base = { spec, mean: meanOf(spec), survivalAtZero: 1, breaks: new Float64Array(0), stepwise: false, rootAtZero: false, gradesAtZero: false };
  switch (spec.kind) {
    case 'exponential': {
      const m = spec.mean;
      const rate = 1 / m;
      return {
        ...base, scale: m,
        at(v) {
          const e = Math.exp(-v * rate);
          point[SURV] = e;
          const cdf = -Math.expm1(-v * rate);
          point[CUM] = cdf;
          point[INTEG] = m * cdf;
          point[DENS] = e * rate;
        },
      };
    }
    case 'erlang': return gammaCurve(spec, spec.k, spec.mean / spec.k);
    case 'gamma': {
      const shape = 1 / (spec.cv * spec.cv);
      return gammaCurve(spec, shape, spec.mean / shape);
    }
    case 'lognormal': {
      const s2 = Math.log1p(spec.cv * spec.cv);
      const sigma = Math.sqrt(s2);
      const mu = Math.log(spec.mean) - s2 / 2;
      const m = spec.mean;
      // μ, 1/σ, σ, m, 1/m for lognormalAt
      const params = Float64Array.of(mu, 1 / sigma, sigma, m, 1 / m);
      return {
        ...base, gradesAtZero: sigma >= GRADED_SIGMA, scale: Math.min(m, Math.exp(mu)),
        at(v) {
          if (v <= 0) return atZero();
          lognormalAt(params, v);
        },
      };
    }
    case 'weibull': {
      const k = spec.shape;
      const rootAtZero = !Number.isInteger(k);
      const c = spec.mean / Math.exp(lnGamma(1 + 1 / k));
      const a = 1 / k;
      const m = spec.mean;
      const invC = 1 / c;
      return {
        ...base, rootAtZero, gradesAtZero: rootAtZero, scale: Math.min(m, c * Math.pow(Math.LN2, a)),
        at(v) {
          if (v <= 0) return atZero();
          const y = Math.exp(k * Math.log(v * invC));
          const e = Math.exp(-y);
          point[SURV] = e;
          point[CUM] = -Math.expm1(-y);
          // y overflows (v far past the scale at a large shape): everyone has hung up, H is the mean;
          // y small (0 once it underflows: v < 0.1 s at shape 100, mean 120 s), the series of H in y
          point[INTEG] = y === Infinity ? m : y < SMALL_Y ? v * weibullSeries(a, y) : m * regularizedLower(a, y);
          point[DENS] = e === 0 ? 0 : (k * y * e) / v;
        },
      };
    }
    case 'deterministic': return stepCurve(spec, [spec.value]);
    case 'empirical': return stepCurve(spec, spec.values);
  }
}

/** Below this y = (v/c)^k the Weibull's H comes from `weibullSeries`. */
const SMALL_Y = 1e-3;

/**
 * H(v)/v for Weibull patience at small y = (v/c)^k, a = 1/k: from P(a, y) = (y^a/Γ(a)) Σ (−y)ⁿ/(n!(a + n))
 * and m = c·Γ(1 + a), y^a = v/c, H = m·P(a, y) = v·Σ (−y)ⁿ·a/(n!(a + n)) = v·(1 − a·y/(1 + a) + …).
 * The closed form m·P(a, y) needs y^a, whose digits are lost once y is subnormal and which is 0 once
 * y underflows (v < c·10^{−308k⁻¹}): H was 0 instead of v there, and at shape 100, mean 120 s every
 * figure of N = 50, A = 40, T = 30 s was off by up to 1.9e-5. Terms fall by y < 1e-3 each: 6 reach 1e-18.
 * @example weibullSeries(0.01, 0) // 1: H(v) = v while nobody has hung up
 */
function weibullSeries(a: number, y: number): number {
  let sum = 1;
  let term = 1; // (−y)ⁿ/n!
  for (let n = 1; n <= 6; n++) {
    term *= -y / n;
    sum += (term * a) / (a + n);
  }
  return sum;
}

/** Ḡ(0) = 1, G(0) = 0, H(0) = 0; the density at 0 is not used (the kernel never evaluates it there). */
function atZero(): void {
  point[SURV] = 1;
  point[CUM] = 0;
  point[INTEG] = 0;
  point[DENS] = 0;
}

/** P(a, x) for a > 0, x ≥ 0 from the incomplete-gamma ratios (the smaller tail directly). */
function regularizedLower(a: number, x: number): number {
  if (x <= 0) return 0;
  const r = tailRatio(a, x);
  const lower = tailIsLower;
  let invD = last[INV_D]!;
  if (invD !== invD) invD = invDensity(a, x);
  const smaller = invD === Infinity ? 0 : r / invD;
  return lower ? smaller : 1 - smaller;
}

function gammaCurve(spec: SimpleDistributionSpec, a: number, b: number): BareCurve {
  const m = a * b;
  const invB = 1 / b;
  // median ≈ m·(1 − 1/(9a))³ (Wilson–Hilferty; only a scale for the kernel's first steps)
  const median = m * Math.max(1e-3, (1 - 1 / (9 * a)) ** 3);
  return {
    spec, mean: m, survivalAtZero: 1, breaks: new Float64Array(0), stepwise: false, scale: Math.min(m, median), rootAtZero: !Number.isInteger(a), gradesAtZero: !Number.isInteger(a),
    at(v) {
      if (v <= 0) return atZero();
      const x = v * invB;
      const r = tailRatio(a, x);
      const lowerTail = tailIsLower;
      let invD = last[INV_D]!;
      if (invD !== invD) invD = invDensity(a, x);
      const d = invD === Infinity ? 0 : 1 / invD; // D(a, x)
      const smaller = r * d;
      const p = lowerTail ? smaller : 1 - smaller;
      const q = lowerTail ? 1 - smaller : smaller;
      point[SURV] = q;
      point[CUM] = p;
      // P(a+1, x) = P(a, x) − D(a, x) ≥ 0; its absolute error (a few ulps of P) is all H needs
      const p1 = Math.max(0, p - d);
      point[INTEG] = v * q + m * p1;
      point[DENS] = (d * a) / v; // g(v) = x^{a−1}e^{−x}/(Γ(a)b) = D(a, x)·a/v
    },
  };
}

/** Deterministic or empirical patience: Ḡ(v) = #{values > v}/n, H(v) = Σ min(value, v)/n. */
function stepCurve(spec: SimpleDistributionSpec, values: readonly number[]): BareCurve {
  const sorted = Float64Array.from(values).sort();
  const n = sorted.length;
  // distinct values xⱼ, the count at or below each (cum[j]) and their sum (sums[j])
  const xs: number[] = [];
  const cum: number[] = [];
  const sums: number[] = [];
  let count = 0;
  let sum = 0;
  for (const x of sorted) {
    count++;
    sum += x;
    if (xs.length > 0 && xs[xs.length - 1] === x) {
      cum[cum.length - 1] = count;
      sums[sums.length - 1] = sum;
    } else {
      xs.push(x);
      cum.push(count);
      sums.push(sum);
    }
  }
  const at0 = xs[0] === 0 ? cum[0]! : 0; // callers with patience 0
  const X = Float64Array.from(xs);
  const C = Float64Array.from(cum);
  const S = Float64Array.from(sums);
  const invN = 1 / n;
  const mean = sum * invN;
  return {
    spec, mean, survivalAtZero: 1 - at0 * invN, breaks: X.filter((x) => x > 0), stepwise: true, rootAtZero: false, gradesAtZero: false,
    scale: mean > 0 ? mean : 1,
    at(v) {
      // j = number of distinct values ≤ v (binary search)
      let lo = 0;
      let hi = X.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (X[mid]! <= v) lo = mid + 1;
        else hi = mid;
      }
      const below = lo === 0 ? 0 : C[lo - 1]!;
      const sumBelow = lo === 0 ? 0 : S[lo - 1]!;
      const above = n - below;
      point[SURV] = above * invN;
      point[CUM] = below * invN;
      point[INTEG] = (sumBelow + v * above) * invN;
      point[DENS] = 0;
    },
  };
}

function mixtureCurve(components: readonly (SimpleDistributionSpec & { weight: number })[], spec: DistributionSpec): BareCurve {
  // the simulator's draw (engine/rng/encoded.ts) gives the last component what the others leave
  // (weights may sum to 1 ± 1e-9): the same effective weights here, so that answered + abandoned = offered
  const effective = components.map((c, i) => (i < components.length - 1 ? c.weight : 1 - components.slice(0, -1).reduce((a, x) => a + x.weight, 0)));
  const kept = components.map((c, i) => ({ c, w: effective[i]! })).filter((x) => x.w > 0);
  const parts = kept.map((x) => simpleCurve(x.c));
  const weights = Float64Array.from(kept.map((x) => x.w));
  const breaks = Float64Array.from(new Set(parts.flatMap((p) => [...p.breaks]))).sort();
  const m = parts.length;
  return {
    spec,
    mean: meanOf(spec),
    survivalAtZero: parts.reduce((a, p, i) => a + weights[i]! * p.survivalAtZero, 0),
    breaks,
    stepwise: parts.every((p) => p.stepwise),
    scale: Math.min(...parts.map((p) => p.scale)),
    rootAtZero: parts.some((p) => p.rootAtZero),
    gradesAtZero: parts.some((p) => p.gradesAtZero),
    at(v) {
      let surv = 0;
      let cdf = 0;
      let integral = 0;
      let density = 0;
      for (let i = 0; i < m; i++) {
        parts[i]!.at(v);
        const w = weights[i]!;
        surv += w * point[SURV]!;
        cdf += w * point[CUM]!;
        integral += w * point[INTEG]!;
        density += w * point[DENS]!;
      }
      point[SURV] = surv;
      point[CUM] = cdf;
      point[INTEG] = integral;
      point[DENS] = density;
    },
  };
}
