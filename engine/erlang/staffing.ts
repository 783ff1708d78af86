import { erlangAFiguresUnchecked, erlangAMeetsUnchecked } from './erlangA.js';
import { erlangCFiguresUnchecked, erlangCServiceLevelUnchecked, erlangCUnchecked } from './erlangC.js';
import type { ErlangAFigures, ErlangCFigures, StaffingRequest, StaffingResult, StaffingTarget } from './types.js';
import { checkErlangs, checkNonNegative, checkPositive } from './validate.js';

const DEFAULT_MAX_AGENTS = 10_000_000;

/** Square-root-staffing start: N ≈ A + β·√A, never below the stability bound ⌊A⌋ + 1. */
function startEstimate(erlangs: number, beta: number): number {
  if (erlangs === 0) return 0;
  return Math.max(Math.floor(erlangs) + 1, Math.ceil(erlangs + beta * Math.sqrt(erlangs)));
}

/**
 * Fewest n in [0, maxAgents] with meets(n), for a predicate monotone in n, starting from `start`:
 * steps of ±1, doubling while the answer is still on the same side, then bisection.
 * Returns −1 when even maxAgents fails.
 */
function searchMonotone(start: number, maxAgents: number, meets: (n: number) => boolean): number {
  let n0 = Math.min(Math.max(start, 0), maxAgents);
  let lo: number; // fails (or −1)
  let hi: number; // meets
  if (meets(n0)) {
    hi = n0;
    let step = 1;
    lo = hi - step;
    while (lo >= 0 && meets(lo)) {
      hi = lo;
      step *= 2;
      lo = hi - step;
    }
    if (lo < 0) lo = -1;
  } else {
    lo = n0;
    let step = 1;
    hi = lo + step;
    for (;;) {
      if (hi >= maxAgents) {
        hi = maxAgents;
        if (!meets(hi)) return -1;
        break;
      }
      if (meets(hi)) break;
      lo = hi;
      step *= 2;
      hi = lo + step;
    }
  }
  while (hi - lo > 1) {
    const mid = lo + Math.floor((hi - lo) / 2);
    if (meets(mid)) hi = mid;
    else lo = mid;
  }
  return hi;
}

function checkFraction(fn: string, name: string, value: number | undefined, range: string, ok: (v: number) => boolean): void {
  if (value === undefined) return;
  if (typeof value !== 'number' || !ok(value)) {
    throw new RangeError(`${fn}: ${name} must be ${range}, got ${value}`);
  }
}

/**
 * Fewest agents meeting the Erlang C service-level target SL(T) ≥ slTarget (hot-loop scalar form,
 * no allocation). Returns 0 for zero load.
 * @throws {RangeError} on a bad erlangs, ahtSeconds (> 0), targetSeconds (≥ 0) or slTarget (in (0, 1))
 * @example requiredAgentsErlangC(10, 180, 20, 0.8) // 14
 */
export function requiredAgentsErlangC(erlangs: number, ahtSeconds: number, targetSeconds: number, slTarget: number): number {
  const fn = 'requiredAgentsErlangC';
  checkErlangs(fn, erlangs);
  checkPositive(fn, 'ahtSeconds', ahtSeconds);
  checkNonNegative(fn, 'targetSeconds', targetSeconds);
  checkFraction(fn, 'slTarget', slTarget, 'in (0, 1)', (v) => v > 0 && v < 1);
  if (erlangs === 0) return 0;
  let n = startEstimate(erlangs, 0.5);
  const floorN = Math.floor(erlangs) + 1; // smallest stable N; SL = 0 below it
  if (erlangCServiceLevelUnchecked(n, erlangs, ahtSeconds, targetSeconds) >= slTarget) {
    while (n > floorN && erlangCServiceLevelUnchecked(n - 1, erlangs, ahtSeconds, targetSeconds) >= slTarget) n--;
    return n;
  }
  let lo = n;
  let step = 1;
  let hi = lo + step;
  while (erlangCServiceLevelUnchecked(hi, erlangs, ahtSeconds, targetSeconds) < slTarget) {
    lo = hi;
    step *= 2;
    hi = lo + step;
  }
  while (hi - lo > 1) {
    const mid = lo + Math.floor((hi - lo) / 2);
    if (erlangCServiceLevelUnchecked(mid, erlangs, ahtSeconds, targetSeconds) >= slTarget) hi = mid;
    else lo = mid;
  }
  return hi;
}

/**
 * Fewest agents on duty meeting every given target (SL, ASA, abandonment, occupancy) under
 * Erlang C or Erlang A, then staff = agents / (1 − shrinkage). Search: square-root-staffing start,
 * ±1 steps (doubling when far), bisection; every figure is monotone in the number of agents.
 * @throws {RangeError} on a bad field (named), no target given, or no agent count up to maxAgents meeting the targets
 */
export function solveAgents(req: StaffingRequest): StaffingResult {
  const fn = 'solveAgents';
  if (req === null || typeof req !== 'object') throw new TypeError(`${fn}: request must be an object, got ${req}`);
  if (req.model !== 'erlang-c' && req.model !== 'erlang-a') {
    throw new RangeError(`${fn}: model must be 'erlang-c' or 'erlang-a', got ${String(req.model)}`);
  }
  checkErlangs(fn, req.erlangs);
  checkPositive(fn, 'ahtSeconds', req.ahtSeconds);
  checkNonNegative(fn, 'targetSeconds', req.targetSeconds);
  if (req.model === 'erlang-a') {
    if (req.patienceSeconds === undefined) throw new RangeError(`${fn}: patienceSeconds is required for model 'erlang-a' (a finite number > 0), got undefined`);
    checkPositive(fn, 'patienceSeconds', req.patienceSeconds);
  }
  checkFraction(fn, 'slTarget', req.slTarget, 'in (0, 1)', (v) => v > 0 && v < 1);
  checkFraction(fn, 'asaTarget', req.asaTarget, 'a finite number of seconds > 0', (v) => v > 0 && v < Infinity);
  checkFraction(fn, 'abandonTarget', req.abandonTarget, 'in (0, 1]', (v) => v > 0 && v <= 1);
  checkFraction(fn, 'maxOccupancy', req.maxOccupancy, 'in (0, 1]', (v) => v > 0 && v <= 1);
  checkFraction(fn, 'shrinkage', req.shrinkage, 'in [0, 1)', (v) => v >= 0 && v < 1);
  checkFraction(fn, 'maxAgents', req.maxAgents, 'a non-negative integer', (v) => Number.isInteger(v) && v >= 0);
  const { slTarget, asaTarget, abandonTarget, maxOccupancy } = req;
  if (slTarget === undefined && asaTarget === undefined && abandonTarget === undefined && maxOccupancy === undefined) {
    throw new RangeError(`${fn}: at least one target is required (slTarget in (0, 1), asaTarget > 0 s, abandonTarget in (0, 1], maxOccupancy in (0, 1]), got none`);
  }
  const erlangs = req.erlangs;
  const aht = req.ahtSeconds;
  const target = req.targetSeconds;
  const maxAgents = req.maxAgents ?? DEFAULT_MAX_AGENTS;
  const shrinkage = req.shrinkage ?? 0;

  let figuresAt: (n: number) => ErlangCFigures | ErlangAFigures;
  let meets: (n: number) => boolean;
  let start: number;
  if (req.model === 'erlang-c') {
    figuresAt = (n) => erlangCFiguresUnchecked(n, erlangs, aht, target);
    meets = (n) => {
      if (erlangs === 0) return true;
      // occupancy judged on A/N unclipped, so a lone maxOccupancy = 1 asks for N ≥ A
      if (maxOccupancy !== undefined && erlangs > n * maxOccupancy) return false;
      if (erlangs >= n) return slTarget === undefined && asaTarget === undefined;
      if (slTarget !== undefined && erlangCServiceLevelUnchecked(n, erlangs, aht, target) < slTarget) return false;
      if (asaTarget !== undefined && (erlangCUnchecked(n, erlangs) * aht) / (n - erlangs) > asaTarget) return false;
      return true;
    };
    start = startEstimate(erlangs, 0.5);
  } else {
    const patience = req.patienceSeconds!;
    figuresAt = (n) => erlangAFiguresUnchecked(n, erlangs, aht, patience, target);
    meets = (n) => {
      if (erlangs === 0) return true;
      if (n === 0) return false;
      return erlangAMeetsUnchecked(n, erlangs, aht, patience, target, slTarget, asaTarget, abandonTarget, maxOccupancy);
    };
    start = erlangs === 0 ? 0 : Math.max(1, Math.ceil(erlangs + 0.5 * Math.sqrt(erlangs)));
  }

  const requiredAgents = searchMonotone(start, maxAgents, meets);
  if (requiredAgents < 0) {
    throw new RangeError(`${fn}: no agent count up to maxAgents = ${maxAgents} meets the targets; raise maxAgents or relax a target`);
  }
  const figures = figuresAt(requiredAgents);
  let figuresOneFewer: ErlangCFigures | ErlangAFigures | undefined;
  const binding: StaffingTarget[] = [];
  if (requiredAgents > 0) {
    const f = figuresAt(requiredAgents - 1);
    figuresOneFewer = f;
    if (slTarget !== undefined && f.serviceLevel < slTarget) binding.push('sl');
    if (asaTarget !== undefined && f.asa > asaTarget) binding.push('asa');
    if (abandonTarget !== undefined && f.pAbandon > abandonTarget) binding.push('abandon');
    const occ = req.model === 'erlang-c' ? (requiredAgents - 1 === 0 ? Infinity : erlangs / (requiredAgents - 1)) : f.occupancy;
    if (maxOccupancy !== undefined && occ > maxOccupancy) binding.push('occupancy');
  }
  const requiredStaff = requiredAgents / (1 - shrinkage);
  return {
    requiredAgents,
    requiredStaff,
    requiredStaffRounded: Math.ceil(requiredStaff - 1e-9),
    figures,
    figuresOneFewer,
    binding,
  };
}
