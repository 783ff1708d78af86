/**
 * Erlang A (M/M/N+M): Poisson arrivals λ, N agents with exponential service μ = 1/AHT, exponential
 * patience θ = 1/patience. With a = Nμ/θ and x = λ/θ, the stationary law is
 * π_n = π_N·N!/(A^{N−n}n!) for n < N and π_{N+k} = π_N·x^k/((a+1)…(a+k)), so with
 * u = Σ_{n<N}π_n/π_N = 1/B(N, A) − 1 = Q(N, A)/D(N, A) and J = Σ_{k≥0}π_{N+k}/π_N = P(a, x)/D(a, x):
 *   P(wait) = J/(u + J).
 * The virtual wait V (of an infinitely patient arrival) has defective density
 * f(v) = π_N·aθ·exp(x(1 − e^{−θv}) − Nμv) on v > 0; an arrival is served iff its patience exceeds V.
 * Substituting s = e^{−θv} and using P(a+1, x) = P(a, x) − D(a, x):
 *   P(abandon | wait) = 1 − (a/x)(1 − 1/J) = E_t[k]/x for the weights t_k = x^k/((a+1)…(a+k)),
 *   P(served after waiting > T | wait) = (a/x)·P(a+1, x e^{−θT})/P(a, x),
 *   1 − SL(T) = P(abandon) + P(wait)·(a/x)·P(a+1, x e^{−θT})/P(a, x),
 *   E[V | served, waited] = (1/θ)·Σ t'_k H_k / Σ t'_k with t'_k = x^k/((a+1)…(a+k+1)),
 *   H_k = Σ_{j=1}^{k+1} 1/(a+j) (the a-derivative of the served mass); since Σ_k x·t'_k = J − 1,
 *   θ·E = −∂ ln(J − 1)/∂a, from the incomplete gamma function and its a-derivative in one pass
 *   (`lowerRatioSlope`: the series with Σ t_k H_k beside it, Temme's expansion differentiated,
 *   or the continued fraction differentiated in forward mode), O(1) in N like the rest.
 * Everything is a ratio of positive quantities (no overflow: D may underflow, u or J may be +Infinity).
 * All of these were checked against an independent truncated birth–death chain
 * (test/reference/erlangAChain.ts; agreement ~1e-13).
 */
import { idleRatio } from './erlangB.js';
import { INV_D, invDensity, jRatio, K_SUM, last, LOG_SLOPE, LOWER_M1, lowerKSum, lowerRatioSlope, tailIsLower, tailRatio } from './special/incompleteGamma.js';
import type { ErlangAFigures } from './types.js';
import { checkAgents, checkErlangs, checkNonNegative, checkPositive } from './validate.js';

/**
 * Below x = a, P(abandon | wait)·x = x − a + a/J subtracts terms of size d = a − x to leave
 * E_t[k] ≈ x/(d + 1) (≈ x/d at large a, ≈ x/(a + 1) at small a): a relative loss ≈ ε·d(d + 1)/x.
 * Where that would exceed CANCEL_LOSS·ε the positive series is used, if it converges (`seriesEnds`).
 */
const CANCEL_LOSS = 100;

/**
 * The terms the power series Σ_k x^k/((a+1)…(a+k)) may take: the loop cap of special/incompleteGamma.ts
 * (`lowerSeries`, `lowerRatioSlope`: 100,000), less a margin. A series cut there is silently short.
 */
const SERIES_TERMS = 90_000;

/**
 * Whether the power series for x < a ends before SERIES_TERMS: its terms are at most r^k,
 * r = x/(a + 1), and it stops once k·t_k ≤ 1e-17·Σk·t_k with Σk·t_k ≥ t_1 = r, which
 * (k − 1)·ln(1/r) ≥ 51 ≥ ln(1e17·k) guarantees for k ≤ 1e5. False near x = a at large a
 * (a/(a − x) ≳ 1,800: a ≳ 1e8 with (a − x)² > 100x), where the cancelling form is used instead.
 */
function seriesEnds(a: number, x: number): boolean {
  return (SERIES_TERMS - 1) * Math.log1p((a + 1 - x) / x) >= 51;
}

/**
 * Results of `core`, read right after it (a typed array: module-level number bindings would allocate
 * a heap number on every store): P(wait), P(abandon), 1 − P(wait), P(abandon | wait), SL (when
 * asked), and when asked E[V | served after waiting] in seconds and P(served | wait) = 1 − P(abandon | wait)
 * without the cancellation of that difference (= (a/x)(J − 1)/J, J − 1 from the series when small).
 */
const res = new Float64Array(7);
const WAIT = 0;
const ABANDON = 1;
const NO_WAIT = 2;
const ABANDON_GIVEN_WAIT = 3;
const SERVICE_LEVEL = 4;
const SERVED_WAIT = 5;
const SERVED_GIVEN_WAIT = 6;

/** [τ, e^{−τ}, e^{−τ} − 1] of the last τ = T/patience seen (callers evaluate many loads at one τ). */
const tauCache = Float64Array.of(NaN, NaN, NaN);

/**
 * Erlang A core for N ≥ 1, A > 0: sets res[WAIT], res[ABANDON], res[NO_WAIT], res[ABANDON_GIVEN_WAIT],
 * res[SERVICE_LEVEL] if withSL, res[SERVED_WAIT] and res[SERVED_GIVEN_WAIT] if withWait.
 * `u` = idleRatio(N, A) (callers stepping N reuse it).
 */
function core(n: number, erlangs: number, aht: number, patience: number, target: number, withSL: boolean, withWait: boolean, u: number): void {
  const a = (n * patience) / aht;
  const x = (erlangs * patience) / aht;
  const r = withWait ? lowerRatioSlope(a, x) : jRatio(a, x);
  const lowerA = tailIsLower;
  const invDa = last[INV_D]!; // NaN when lowerA on the series branch (not needed there)
  if (withWait) {
    // θ·E[V | served after waiting] = −∂ ln(L − 1)/∂a, L = P(a, x)/D(a, x) = J (module comment)
    const slope = last[LOG_SLOPE]!;
    const lm1 = last[LOWER_M1]!;
    const l = lm1 + 1;
    res[SERVED_WAIT] = patience * Math.max(0, l === Infinity ? -slope : (-slope * l) / lm1);
    res[SERVED_GIVEN_WAIT] = l === Infinity ? (a / x) : ((a / x) * lm1) / l;
  }
  const jw = lowerA ? r : invDa - r; // J = P(a, x)/D(a, x), may be +Infinity
  let pWait: number;
  let noWait: number;
  if (u === Infinity) {
    pWait = 0;
    noWait = 1;
  } else if (jw === Infinity) {
    pWait = 1;
    noWait = 0;
  } else {
    pWait = jw / (u + jw);
    noWait = u / (u + jw);
  }
  if (pWait === 0) {
    // nobody waits, to double precision (u = +∞ when A ≲ N·1e-308, where x may underflow to 0 and
    // a/x overflow, so the figures conditional on waiting would be 0/0 or 0·∞): none abandon, all within T
    res[WAIT] = 0;
    res[NO_WAIT] = 1;
    res[ABANDON_GIVEN_WAIT] = 0;
    res[ABANDON] = 0;
    res[SERVICE_LEVEL] = 1;
    return;
  }
  const ax = a / x;
  let abw: number;
  // P(abandon | wait) = (x − a + a/J)/x: two positive terms for x ≥ a; below, see CANCEL_LOSS
  if (x >= a || (a - x) * (a - x + 1) <= CANCEL_LOSS * x || !seriesEnds(a, x)) abw = (x - a + a / jw) / x;
  else {
    // Σ k·t_k/(x·J) (positive terms): carried by J's power series when that ran, else summed here
    const carried = last[K_SUM]!;
    abw = (carried === carried ? carried : lowerKSum(a, x)) / (x * jw);
  }
  if (abw < 0) abw = 0;
  res[WAIT] = pWait;
  res[NO_WAIT] = noWait;
  res[ABANDON_GIVEN_WAIT] = abw;
  res[ABANDON] = pWait * abw;
  if (!withSL) return;

  // late = P(a+1, x s0)/P(a, x), s0 = e^{−T/patience}
  const tau = target / patience;
  if (tau !== tauCache[0]) {
    tauCache[0] = tau;
    tauCache[1] = Math.exp(-tau);
    tauCache[2] = Math.expm1(-tau);
  }
  const xs = x * tauCache[1]!;
  const r2 = jRatio(a + 1, xs);
  const lower2 = tailIsLower;
  let invD2 = last[INV_D]!; // NaN on the series branch: computed below only where needed
  let late: number;
  if (lowerA) {
    // both as ratios to D: P(a+1, xs)/P(a, x) = (J2/J)·D(a+1, xs)/D(a, x),
    // D(a+1, xs)/D(a, x) = (x/(a+1))·exp(x(1 − e^{−τ}) − (a+1)τ)
    const j2 = lower2 ? r2 : invD2 - r2;
    late = (j2 / jw) * (x / (a + 1)) * Math.exp(-x * tauCache[2]! - (a + 1) * tau);
  } else {
    const pa = invDa === Infinity ? 1 : 1 - r / invDa; // P(a, x)
    if (invD2 !== invD2) invD2 = invDensity(a + 1, xs);
    const d2 = 1 / invD2; // 0 when D underflows (invD2 = +Infinity)
    const p2 = lower2 ? r2 * d2 : 1 - r2 * d2;
    late = p2 / pa;
  }
  const oneMinusSL = res[ABANDON]! + pWait * ax * late;
  let sl: number;
  if (oneMinusSL <= 0.5) {
    sl = 1 - oneMinusSL;
  } else {
    // SL = P(no wait) + P(wait)·P(served within T | wait), the latter without subtracting near-equal terms
    // 1 − abw − (a/x)·late loses ~log10(1/result) digits: past 1 of them, and where both tails are
    // upper (Q/D by tailRatio), the difference of Q's instead
    let withinGivenWait = 1 - abw - ax * late;
    if (withinGivenWait < 0.1 && xs >= a + 1 && xs >= 1.5) {
      // both upper tails (where tailRatio gives Q/D; x ≥ xs ≥ a + 1 and ≥ 1.5 too): (a/x)[Q(a+1, xs) − Q(a+1, x)]/P(a, x),
      // Q(a+1, x) = Q(a, x) + D(a, x) = (rq + 1)·D(a, x); a P-ratio from jRatio's series (small a)
      // is replaced by the continued fraction's Q-ratio here
      let rq = r;
      let invDq = invDa;
      if (lowerA) {
        rq = tailRatio(a, x);
        invDq = last[INV_D]!;
      }
      let r2q = r2;
      let invD2q = invD2;
      if (lower2) {
        r2q = tailRatio(a + 1, xs);
        invD2q = last[INV_D]!;
      }
      const da = 1 / invDq; // 0 when D underflows
      const d2 = 1 / invD2q;
      const pq = invDq === Infinity ? 1 : 1 - rq * da;
      withinGivenWait = (ax * (r2q * d2 - (rq + 1) * da)) / pq;
    }
    if (withinGivenWait < 0) withinGivenWait = 0;
    sl = noWait + pWait * withinGivenWait;
  }
  res[SERVICE_LEVEL] = sl < 0 ? 0 : sl > 1 ? 1 : sl;
}

function check(fn: string, agents: number, erlangs: number, aht: number, patience: number): void {
  checkAgents(fn, agents);
  checkErlangs(fn, erlangs);
  checkPositive(fn, 'ahtSeconds', aht);
  checkPositive(fn, 'patienceSeconds', patience);
}

/** `check` plus the service-level threshold, for the functions that take one. */
function checkWithTarget(fn: string, agents: number, erlangs: number, aht: number, patience: number, target: number): void {
  check(fn, agents, erlangs, aht, patience);
  checkNonNegative(fn, 'targetSeconds', target);
}

/**
 * Service level of M/M/N+M (Erlang A): answered within T / all arrivals (abandoned count as failures).
 * Exponential patience with mean `patienceSeconds`. Stable for every load, overload included.
 * @throws {RangeError} on a bad agents, erlangs, ahtSeconds, patienceSeconds (> 0) or targetSeconds (≥ 0)
 */
export function erlangAServiceLevel(
  agents: number,
  erlangs: number,
  ahtSeconds: number,
  patienceSeconds: number,
  targetSeconds: number,
): number {
  checkWithTarget('erlangAServiceLevel', agents, erlangs, ahtSeconds, patienceSeconds, targetSeconds);
  if (erlangs === 0) return 1;
  if (agents === 0) return 0;
  core(agents, erlangs, ahtSeconds, patienceSeconds, targetSeconds, true, false, idleRatio(agents, erlangs));
  return res[SERVICE_LEVEL]!;
}

/**
 * Probability that an arrival abandons in M/M/N+M (Erlang A).
 * @throws {RangeError} on a bad agents, erlangs, ahtSeconds or patienceSeconds (> 0)
 */
export function erlangAAbandon(agents: number, erlangs: number, ahtSeconds: number, patienceSeconds: number): number {
  check('erlangAAbandon', agents, erlangs, ahtSeconds, patienceSeconds);
  if (erlangs === 0) return 0;
  if (agents === 0) return 1;
  core(agents, erlangs, ahtSeconds, patienceSeconds, 0, false, false, idleRatio(agents, erlangs));
  return res[ABANDON]!;
}

/**
 * All Erlang A figures for one interval (see ErlangAFigures).
 * @throws {RangeError} on a bad agents, erlangs, ahtSeconds, patienceSeconds (> 0) or targetSeconds (≥ 0)
 */
export function erlangAFigures(
  agents: number,
  erlangs: number,
  ahtSeconds: number,
  patienceSeconds: number,
  targetSeconds: number,
): ErlangAFigures {
  checkWithTarget('erlangAFigures', agents, erlangs, ahtSeconds, patienceSeconds, targetSeconds);
  return erlangAFiguresUnchecked(agents, erlangs, ahtSeconds, patienceSeconds, targetSeconds);
}

export function erlangAFiguresUnchecked(
  agents: number,
  erlangs: number,
  ahtSeconds: number,
  patienceSeconds: number,
  targetSeconds: number,
): ErlangAFigures {
  if (erlangs === 0) {
    return { agents, erlangs, pWait: 0, pAbandon: 0, pAbandonGivenWait: 0, answerRate: 1, serviceLevel: 1, slAnswered: 1, asa: 0, meanWait: 0, occupancy: 0 };
  }
  if (agents === 0) {
    return { agents, erlangs, pWait: 1, pAbandon: 1, pAbandonGivenWait: 1, answerRate: 0, serviceLevel: 0, slAnswered: 0, asa: 0, meanWait: patienceSeconds, occupancy: 0 };
  }
  core(agents, erlangs, ahtSeconds, patienceSeconds, targetSeconds, true, true, idleRatio(agents, erlangs));
  const pWait = res[WAIT]!;
  const pAbandon = res[ABANDON]!;
  const serviceLevel = res[SERVICE_LEVEL]!;
  const answerRate = answerRateOf();
  const asa = asaOf();
  return {
    agents,
    erlangs,
    pWait,
    pAbandon,
    pAbandonGivenWait: pWait > 0 ? Math.min(1, pAbandon / pWait) : 0,
    answerRate,
    serviceLevel,
    slAnswered: answerRate > 0 ? Math.min(1, serviceLevel / answerRate) : 0,
    asa,
    meanWait: pAbandon * patienceSeconds,
    occupancy: Math.min(1, (erlangs * answerRate) / agents),
  };
}

/** Offsets of the figures `erlangAInto` writes (INTO_SLOTS slots from `at`). */
export const INTO_ANSWER_RATE = 0;
export const INTO_ABANDON = 1;
export const INTO_SERVICE_LEVEL = 2;
export const INTO_ASA = 3;
export const INTO_MEAN_WAIT = 4;
export const INTO_WAIT = 5;
export const INTO_SLOTS = 6;

/**
 * The figures the period-by-period plan model needs, without allocating (internal; no argument
 * checks): answer rate, P(abandon), SL, ASA (s), mean wait of all (s) and P(wait) of M/M/N+M into
 * out[at … at+5] (offsets INTO_*). `idle` must be idleRatio(N, A) (erlangB.ts); a caller stepping
 * N to N+1 passes u(N+1) = (N+1)(u(N)+1)/A (the Erlang B recursion) instead of evaluating it anew.
 * N ≥ 0, A ≥ 0, AHT and patience > 0 (s), T ≥ 0 (s). Same values as `erlangAFigures` for the same u.
 */
export function erlangAInto(
  out: Float64Array,
  at: number,
  agents: number,
  erlangs: number,
  ahtSeconds: number,
  patienceSeconds: number,
  targetSeconds: number,
  idle: number,
): void {
  if (erlangs === 0 || agents === 0) {
    const none = erlangs === 0;
    out[at + INTO_ANSWER_RATE] = none ? 1 : 0;
    out[at + INTO_ABANDON] = none ? 0 : 1;
    out[at + INTO_SERVICE_LEVEL] = none ? 1 : 0;
    out[at + INTO_ASA] = 0;
    out[at + INTO_MEAN_WAIT] = none ? 0 : patienceSeconds;
    out[at + INTO_WAIT] = none ? 0 : 1;
    return;
  }
  core(agents, erlangs, ahtSeconds, patienceSeconds, targetSeconds, true, true, idle);
  out[at + INTO_WAIT] = res[WAIT]!;
  out[at + INTO_ANSWER_RATE] = answerRateOf();
  out[at + INTO_ABANDON] = res[ABANDON]!;
  out[at + INTO_SERVICE_LEVEL] = res[SERVICE_LEVEL]!;
  out[at + INTO_ASA] = asaOf();
  out[at + INTO_MEAN_WAIT] = res[ABANDON]! * patienceSeconds;
}

/** Whether N agents meet every given Erlang A target (internal, for the staffing search). */
export function erlangAMeetsUnchecked(
  agents: number,
  erlangs: number,
  ahtSeconds: number,
  patienceSeconds: number,
  targetSeconds: number,
  slTarget: number | undefined,
  asaTarget: number | undefined,
  abandonTarget: number | undefined,
  maxOccupancy: number | undefined,
): boolean {
  if (erlangs === 0) return true;
  if (agents === 0) return false;
  const withWait = asaTarget !== undefined || maxOccupancy !== undefined;
  core(agents, erlangs, ahtSeconds, patienceSeconds, targetSeconds, slTarget !== undefined, withWait, idleRatio(agents, erlangs));
  if (slTarget !== undefined && res[SERVICE_LEVEL]! < slTarget) return false;
  if (abandonTarget !== undefined && res[ABANDON]! > abandonTarget) return false;
  // the occupancy the figures report (A·answer rate/N), not A·(1 − P(abandon))/N: the two differ by
  // an ulp, and a target equal to the reported figure must be met by the agents that report it
  if (maxOccupancy !== undefined && Math.min(1, (erlangs * answerRateOf()) / agents) > maxOccupancy) return false;
  if (asaTarget !== undefined) {
    if (asaOf() > asaTarget) return false;
  }
  return true;
}

/**
 * Answered / offered after `core` has run with withWait: 1 − P(abandon) while P(abandon) ≤ 1/2
 * (no cancellation then, and the two figures add up to 1), else P(no wait) + P(wait)·P(served | wait)
 * (keeps its relative accuracy when few are answered; a sum that can round to 1 + ulp: clamped).
 */
function answerRateOf(): number {
  const abandon = res[ABANDON]!;
  return abandon <= 0.5 ? 1 - abandon : Math.min(1, res[NO_WAIT]! + res[WAIT]! * res[SERVED_GIVEN_WAIT]!);
}

/** ASA (mean wait of answered) after `core` has run with withWait; N ≥ 1, A > 0. */
function asaOf(): number {
  const servedAfterWait = res[WAIT]! * res[SERVED_GIVEN_WAIT]!;
  if (!(servedAfterWait > 0)) return 0;
  const answered = res[NO_WAIT]! + servedAfterWait;
  return (servedAfterWait * res[SERVED_WAIT]!) / answered;
}
