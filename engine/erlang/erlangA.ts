import type { ErlangAFigures } from './types.js';
import { checkAgents, checkErlangs, checkNonNegative, checkPositive } from './validate.js';

/** log Σ_{k≥0} y^k / ((b+1)…(b+k)) — simple reference form (step 0). */
function logJ(b: number, y: number): number {
  let term = 1;
  let sum = 1;
  let logScale = 0;
  for (let k = 1; k < 10_000_000; k++) {
    term *= y / (b + k);
    sum += term;
    if (sum > 1e280) {
      sum *= 1e-280;
      term *= 1e-280;
      logScale += 280 * Math.LN10;
    }
    if (y < b + k && term < sum * 1e-17) break;
  }
  return Math.log(sum) + logScale;
}

/** log(1/ErlangB(N, A)) for A > 0. */
function logInvB(n: number, erlangs: number): number {
  let r = 1;
  let logScale = 0;
  let unit = 1;
  const inv = 1 / erlangs;
  for (let k = 1; k <= n; k++) {
    r = unit + k * inv * r;
    if (r > 1e280) {
      r *= 1e-280;
      unit *= 1e-280;
      logScale += 280 * Math.LN10;
    }
  }
  return Math.log(r) + logScale;
}

const out = new Float64Array(4);

/** Fills out = [pWait, pAbandon, serviceLevel, servedAfterWait]; A > 0, N > 0. */
function core(n: number, erlangs: number, aht: number, patience: number, target: number): void {
  const a = (n * patience) / aht;
  const x = (erlangs * patience) / aht;
  const lInvB = logInvB(n, erlangs);
  const lJa = logJ(a, x);
  const m = Math.max(lInvB, lJa);
  // π_N = 1/(1/B − 1 + J)
  const logPiN = -m - Math.log(Math.exp(lInvB - m) - Math.exp(-m) + Math.exp(lJa - m));
  const pWait = Math.exp(logPiN + lJa);
  const lJa1 = logJ(a + 1, x);
  const served = Math.exp(logPiN + lJa1) * (a / (a + 1));
  const s0 = Math.exp(-target / patience);
  const lJa1T = logJ(a + 1, x * s0) + (a + 1) * Math.log(s0) + x * (1 - s0);
  const servedWithinT = (a / (a + 1)) * (Math.exp(logPiN + lJa1) - Math.exp(logPiN + lJa1T));
  out[0] = Math.min(1, pWait);
  out[1] = Math.max(0, pWait - served);
  out[2] = Math.min(1, Math.max(0, 1 - pWait + servedWithinT));
  out[3] = served;
}

/** Mean wait of answered contacts that waited, seconds: (1/θ)·Σ t_k H_k / Σ t_k. */
function meanWaitOfServedWaiters(n: number, erlangs: number, aht: number, patience: number): number {
  const a = (n * patience) / aht;
  const x = (erlangs * patience) / aht;
  // t_k = x^k / Π_{j=1}^{k+1}(a+j) (up to a constant), H_k = Σ_{j=1}^{k+1} 1/(a+j)
  let t = 1;
  let h = 1 / (a + 1);
  let st = 1;
  let sth = h;
  for (let k = 1; k < 10_000_000; k++) {
    t *= x / (a + k + 1);
    h += 1 / (a + k + 1);
    st += t;
    sth += t * h;
    if (st > 1e280) {
      st *= 1e-280;
      sth *= 1e-280;
      t *= 1e-280;
    }
    if (x < a + k + 1 && t < st * 1e-17) break;
  }
  return (patience * sth) / st;
}

function check(fn: string, agents: number, erlangs: number, aht: number, patience: number): void {
  checkAgents(fn, agents);
  checkErlangs(fn, erlangs);
  checkPositive(fn, 'ahtSeconds', aht);
  checkPositive(fn, 'patienceSeconds', patience);
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
  check('erlangAServiceLevel', agents, erlangs, ahtSeconds, patienceSeconds);
  checkNonNegative('erlangAServiceLevel', 'targetSeconds', targetSeconds);
  if (erlangs === 0) return 1;
  if (agents === 0) return 0;
  core(agents, erlangs, ahtSeconds, patienceSeconds, targetSeconds);
  return out[2]!;
}

/**
 * Probability that an arrival abandons in M/M/N+M (Erlang A).
 * @throws {RangeError} on a bad agents, erlangs, ahtSeconds or patienceSeconds (> 0)
 */
export function erlangAAbandon(agents: number, erlangs: number, ahtSeconds: number, patienceSeconds: number): number {
  check('erlangAAbandon', agents, erlangs, ahtSeconds, patienceSeconds);
  if (erlangs === 0) return 0;
  if (agents === 0) return 1;
  core(agents, erlangs, ahtSeconds, patienceSeconds, 0);
  return out[1]!;
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
  check('erlangAFigures', agents, erlangs, ahtSeconds, patienceSeconds);
  checkNonNegative('erlangAFigures', 'targetSeconds', targetSeconds);
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
  core(agents, erlangs, ahtSeconds, patienceSeconds, targetSeconds);
  const pWait = out[0]!;
  const pAbandon = out[1]!;
  const serviceLevel = out[2]!;
  const served = out[3]!;
  const answerRate = 1 - pAbandon;
  const asa = served > 0 ? (served * meanWaitOfServedWaiters(agents, erlangs, ahtSeconds, patienceSeconds)) / answerRate : 0;
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
  core(agents, erlangs, ahtSeconds, patienceSeconds, targetSeconds);
  const pAbandon = out[1]!;
  const served = out[3]!;
  if (slTarget !== undefined && out[2]! < slTarget) return false;
  if (abandonTarget !== undefined && pAbandon > abandonTarget) return false;
  if (maxOccupancy !== undefined && Math.min(1, (erlangs * (1 - pAbandon)) / agents) > maxOccupancy) return false;
  if (asaTarget !== undefined) {
    const answerRate = 1 - pAbandon;
    const asa = served > 0 ? (served * meanWaitOfServedWaiters(agents, erlangs, ahtSeconds, patienceSeconds)) / answerRate : 0;
    if (asa > asaTarget) return false;
  }
  return true;
}
