import { idleRatio } from './erlangB.js';
import type { ErlangCFigures } from './types.js';
import { checkAgents, checkErlangs, checkNonNegative, checkPositive } from './validate.js';

/**
 * Probability that an arriving call waits in M/M/N (Erlang C), from Erlang B:
 * C = N·B / (N − A(1 − B)). Returns 1 when erlangs ≥ agents (unstable queue) and 0 when erlangs = 0.
 * O(1) in N above 40 agents (Loader's Poisson term and Temme's incomplete-gamma expansion, see
 * special/); relative error ≲ 4e-13 against 50-digit references up to 20,000 agents (≲ 5e-14 in
 * the staffing range 0.7 ≤ A/N < 1).
 * @throws {RangeError} agents not a non-negative integer, or erlangs not finite ≥ 0
 * @example erlangC(10, 8) // ≈ 0.40918
 */
export function erlangC(agents: number, erlangs: number): number {
  checkAgents('erlangC', agents);
  checkErlangs('erlangC', erlangs);
  return erlangCUnchecked(agents, erlangs);
}

/** Erlang C without argument checks (internal). */
export function erlangCUnchecked(agents: number, erlangs: number): number {
  if (erlangs === 0) return 0;
  if (erlangs >= agents) return 1;
  // C = N·B/(N − A(1 − B)) = N/(N + (N − A)·u), u = 1/B − 1 (no cancellation; 0 when u = +∞, N > A here)
  const u = idleRatio(agents, erlangs);
  const gu = (agents - erlangs) * u;
  // (N − A)·u past the double range while u is not: C ≈ N/((N − A)·u) is still a (tiny) double
  if (gu === Infinity) return agents / (agents - erlangs) / u;
  return agents / (agents + gu);
}

/** The checks shared by the functions that take a handle time and a target (RangeError naming the argument). */
function checkTimed(fn: string, agents: number, erlangs: number, ahtSeconds: number, targetSeconds: number): void {
  checkAgents(fn, agents);
  checkErlangs(fn, erlangs);
  checkPositive(fn, 'ahtSeconds', ahtSeconds);
  checkNonNegative(fn, 'targetSeconds', targetSeconds);
}

/**
 * Service level of M/M/N: P(wait ≤ T) = 1 − C·exp(−(N − A)·T/AHT). 0 in overload (A ≥ N), 1 when A = 0.
 * @throws {RangeError} on a bad agents, erlangs, ahtSeconds (> 0) or targetSeconds (≥ 0)
 * @example erlangCServiceLevel(14, 10, 180, 20) // ≈ 0.8883 (100 calls / 30 min, AHT 180 s)
 */
export function erlangCServiceLevel(agents: number, erlangs: number, ahtSeconds: number, targetSeconds: number): number {
  checkTimed('erlangCServiceLevel', agents, erlangs, ahtSeconds, targetSeconds);
  return erlangCServiceLevelUnchecked(agents, erlangs, ahtSeconds, targetSeconds);
}

/** Erlang C service level without argument checks (internal). */
export function erlangCServiceLevelUnchecked(agents: number, erlangs: number, ahtSeconds: number, targetSeconds: number): number {
  if (erlangs === 0) return 1;
  if (erlangs >= agents) return 0;
  // 1 − C·e^{−δ} = [(N − A)u − N·expm1(−δ)] / [N + (N − A)u], every term ≥ 0
  const gap = agents - erlangs;
  const gu = gap * idleRatio(agents, erlangs);
  // u, or (N − A)·u, beyond the double range: C underflows to 0 (∞/∞ below would be NaN)
  if (gu === Infinity) return 1;
  return (gu - agents * Math.expm1((-gap * targetSeconds) / ahtSeconds)) / (agents + gu);
}

/**
 * All Erlang C figures for one interval (see ErlangCFigures). ASA = C·AHT/(N − A).
 * @throws {RangeError} on a bad agents, erlangs, ahtSeconds (> 0) or targetSeconds (≥ 0)
 */
export function erlangCFigures(agents: number, erlangs: number, ahtSeconds: number, targetSeconds: number): ErlangCFigures {
  checkTimed('erlangCFigures', agents, erlangs, ahtSeconds, targetSeconds);
  return erlangCFiguresUnchecked(agents, erlangs, ahtSeconds, targetSeconds);
}

export function erlangCFiguresUnchecked(agents: number, erlangs: number, ahtSeconds: number, targetSeconds: number): ErlangCFigures {
  const pWait = erlangCUnchecked(agents, erlangs);
  const overload = erlangs > 0 && erlangs >= agents;
  const serviceLevel = erlangCServiceLevelUnchecked(agents, erlangs, ahtSeconds, targetSeconds);
  const asa = erlangs === 0 ? 0 : overload ? Infinity : (pWait * ahtSeconds) / (agents - erlangs);
  const occupancy = erlangs === 0 ? 0 : overload ? 1 : erlangs / agents;
  return {
    agents,
    erlangs,
    pWait,
    serviceLevel,
    slAnswered: serviceLevel,
    asa,
    meanWait: asa,
    occupancy,
    answerRate: 1,
    pAbandon: 0,
  };
}
