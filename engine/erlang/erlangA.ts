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
 *   H_k = Σ_{j=1}^{k+1} 1/(a+j) (the a-derivative of the served mass).
 * Everything is a ratio of positive quantities (no overflow: D may underflow, u or J may be +Infinity).
 * All of these were checked against an independent truncated birth–death chain
 * (test/reference/erlangAChain.ts; agreement ~1e-13).
 */
import { idleRatio } from './erlangB.js';
import { lastInvD, tailIsLower, tailRatio } from './special/incompleteGamma.js';
import type { ErlangAFigures } from './types.js';
import { checkAgents, checkErlangs, checkNonNegative, checkPositive } from './validate.js';

/** Above this a − x the cancellation in 1 − (a/x)(1 − 1/J) is avoided by the positive series. */
const CANCEL_GAP = 30;

/** Results of `core`: P(wait), P(abandon), 1 − P(wait), P(abandon | wait), SL (when asked). */
let cWait = 0;
let cAbandon = 0;
let cNoWait = 1;
let cAbandonGivenWait = 0;
let cServiceLevel = 1;

/** P(abandon | wait) = Σ k t_k / (x Σ t_k), t_k = x^k/((a+1)…(a+k)), for x < a (positive terms). */
function abandonGivenWaitSeries(a: number, x: number): number {
  let t = 1;
  let j = 1;
  let kSum = 0;
  for (let k = 1; k < 10_000_000; k++) {
    t *= x / (a + k);
    j += t;
    kSum += k * t;
    if (k * t < kSum * 1e-17) break;
  }
  return kSum / (x * j);
}

/** Erlang A core for N ≥ 1, A > 0: sets cWait, cAbandon, cNoWait, cAbandonGivenWait, and cServiceLevel if withSL. */
function core(n: number, erlangs: number, aht: number, patience: number, target: number, withSL: boolean): void {
  const a = (n * patience) / aht;
  const x = (erlangs * patience) / aht;
  const u = idleRatio(n, erlangs); // Q(N, A)/D(N, A), may be +Infinity
  const r = tailRatio(a, x);
  const lowerA = tailIsLower;
  const invDa = lastInvD;
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
  const ax = a / x;
  let abw: number;
  if (x >= a) abw = 1 - ax + ax / jw;
  else if (a - x <= CANCEL_GAP) abw = 1 - ax * (1 - 1 / jw);
  else abw = abandonGivenWaitSeries(a, x);
  if (abw < 0) abw = 0;
  cWait = pWait;
  cNoWait = noWait;
  cAbandonGivenWait = abw;
  cAbandon = pWait * abw;
  if (!withSL) return;

  // late = P(a+1, x s0)/P(a, x), s0 = e^{−T/patience}
  const tau = target / patience;
  const xs = x * Math.exp(-tau);
  const r2 = tailRatio(a + 1, xs);
  const lower2 = tailIsLower;
  const invD2 = lastInvD;
  let late: number;
  let pa: number; // P(a, x), only needed on the direct branch
  if (lowerA) {
    // both as ratios to D: P(a+1, xs)/P(a, x) = (J2/J)·D(a+1, xs)/D(a, x),
    // D(a+1, xs)/D(a, x) = (x/(a+1))·exp(x(1 − e^{−τ}) − (a+1)τ)
    const j2 = lower2 ? r2 : invD2 - r2;
    late = (j2 / jw) * (x / (a + 1)) * Math.exp(-x * Math.expm1(-tau) - (a + 1) * tau);
    pa = invDa === Infinity ? 0 : r / invDa;
  } else {
    pa = invDa === Infinity ? 1 : 1 - r / invDa;
    const d2 = invD2 === Infinity ? 0 : 1 / invD2;
    const p2 = lower2 ? r2 * d2 : 1 - r2 * d2;
    late = p2 / pa;
  }
  const oneMinusSL = cAbandon + pWait * ax * late;
  let sl: number;
  if (oneMinusSL <= 0.5) {
    sl = 1 - oneMinusSL;
  } else {
    // SL = P(no wait) + P(wait)·P(served within T | wait), the latter without subtracting near-equal terms
    let withinGivenWait: number;
    if (!lower2 && !lowerA) {
      // (a/x)[Q(a+1, xs) − Q(a+1, x)]/P(a, x), Q(a+1, x) = Q(a, x) + D(a, x) = (r + 1)·D(a, x)
      const da = invDa === Infinity ? 0 : 1 / invDa;
      const d2 = invD2 === Infinity ? 0 : 1 / invD2;
      withinGivenWait = (ax * (r2 * d2 - (r + 1) * da)) / pa;
    } else {
      withinGivenWait = 1 - abw - ax * late;
    }
    if (withinGivenWait < 0) withinGivenWait = 0;
    sl = noWait + pWait * withinGivenWait;
  }
  cServiceLevel = sl < 0 ? 0 : sl > 1 ? 1 : sl;
}

/**
 * Mean wait of the contacts served after waiting, seconds: (1/θ)·Σ t'_k H_k / Σ t'_k (see the module
 * comment), summed outward from the largest term so that nothing overflows; ~1e-14 relative.
 */
function meanWaitServedAfterWaiting(a: number, x: number, patience: number): number {
  // t'_{k+1}/t'_k = x/(a+k+2); the largest term is at k* = max(0, ⌈x − a − 2⌉)
  const kStar = Math.max(0, Math.ceil(x - a - 2));
  // H_{k*} = Σ_{j=1}^{k*+1} 1/(a+j)
  let hStar = 0;
  for (let j = 1; j <= kStar + 1; j++) hStar += 1 / (a + j);
  // upward from k*: relative terms, dH relative to H_{k*}
  let sumT = 1;
  let sumTdH = 0;
  let t = 1;
  let dh = 0;
  for (let k = kStar + 1; k < kStar + 100_000_000; k++) {
    t *= x / (a + k + 1);
    dh += 1 / (a + k + 1);
    sumT += t;
    sumTdH += t * dh;
    if (t < sumT * 1e-17) break;
  }
  // downward from k*
  t = 1;
  dh = 0;
  for (let k = kStar - 1; k >= 0; k--) {
    t *= (a + k + 2) / x;
    dh -= 1 / (a + k + 2);
    sumT += t;
    sumTdH += t * dh;
    if (t < sumT * 1e-17) break;
  }
  return patience * (hStar + sumTdH / sumT);
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
  core(agents, erlangs, ahtSeconds, patienceSeconds, targetSeconds, true);
  return cServiceLevel;
}

/**
 * Probability that an arrival abandons in M/M/N+M (Erlang A).
 * @throws {RangeError} on a bad agents, erlangs, ahtSeconds or patienceSeconds (> 0)
 */
export function erlangAAbandon(agents: number, erlangs: number, ahtSeconds: number, patienceSeconds: number): number {
  check('erlangAAbandon', agents, erlangs, ahtSeconds, patienceSeconds);
  if (erlangs === 0) return 0;
  if (agents === 0) return 1;
  core(agents, erlangs, ahtSeconds, patienceSeconds, 0, false);
  return cAbandon;
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
    return { agents, erlangs, pWait: 0, pAbandon: 0, answerRate: 1, serviceLevel: 1, slAnswered: 1, asa: 0, meanWait: 0, occupancy: 0 };
  }
  if (agents === 0) {
    return { agents, erlangs, pWait: 1, pAbandon: 1, answerRate: 0, serviceLevel: 0, slAnswered: 0, asa: 0, meanWait: patienceSeconds, occupancy: 0 };
  }
  core(agents, erlangs, ahtSeconds, patienceSeconds, targetSeconds, true);
  const pWait = cWait;
  const pAbandon = cAbandon;
  const serviceLevel = cServiceLevel;
  const answerRate = cNoWait + cWait * (1 - cAbandonGivenWait);
  const asa = asaOf(agents, erlangs, ahtSeconds, patienceSeconds);
  return {
    agents,
    erlangs,
    pWait,
    pAbandon,
    answerRate,
    serviceLevel,
    slAnswered: answerRate > 0 ? Math.min(1, serviceLevel / answerRate) : 0,
    asa,
    meanWait: pAbandon * patienceSeconds,
    occupancy: Math.min(1, (erlangs * answerRate) / agents),
  };
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
  core(agents, erlangs, ahtSeconds, patienceSeconds, targetSeconds, slTarget !== undefined);
  const pAbandon = cAbandon;
  if (slTarget !== undefined && cServiceLevel < slTarget) return false;
  if (abandonTarget !== undefined && pAbandon > abandonTarget) return false;
  if (maxOccupancy !== undefined && Math.min(1, (erlangs * (1 - pAbandon)) / agents) > maxOccupancy) return false;
  if (asaTarget !== undefined) {
    if (asaOf(agents, erlangs, ahtSeconds, patienceSeconds) > asaTarget) return false;
  }
  return true;
}

/** ASA (mean wait of answered) after `core` has run for the same arguments; N ≥ 1, A > 0. */
function asaOf(agents: number, erlangs: number, ahtSeconds: number, patienceSeconds: number): number {
  const servedAfterWait = cWait * (1 - cAbandonGivenWait);
  if (!(servedAfterWait > 0)) return 0;
  const answered = cNoWait + servedAfterWait;
  const a = (agents * patienceSeconds) / ahtSeconds;
  const x = (erlangs * patienceSeconds) / ahtSeconds;
  return (servedAfterWait * meanWaitServedAfterWaiting(a, x, patienceSeconds)) / answered;
}
