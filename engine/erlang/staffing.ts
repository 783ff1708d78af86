import { erlangAFiguresUnchecked, erlangAMeetsUnchecked } from './erlangA.js';
import { idleRatio } from './erlangB.js';
import { erlangCFiguresUnchecked, erlangCServiceLevelUnchecked, erlangCUnchecked } from './erlangC.js';
import { mmngFiguresUnchecked, mmngMeetsUnchecked } from './mmng.js';
import { patienceCurve } from './patience.js';
import { erfcx } from './special/erfcx.js';
import type { ErlangAFigures, ErlangCFigures, StaffingRequest, StaffingResult, StaffingTarget } from './types.js';
import { checkErlangs, checkNonNegative, checkPositive } from './validate.js';

const DEFAULT_MAX_AGENTS = 10_000_000;

/**
 * Fewest n in [0, maxAgents] with meets(n), for a predicate monotone in n, starting from `start`:
 * steps of ±1, doubling while the answer is still on the same side, then bisection.
 * Returns −1 when even maxAgents fails.
 */
function searchMonotone(start: number, maxAgents: number, meets: (n: number) => boolean): number {
  const n0 = Math.min(Math.max(start, 0), maxAgents);
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

const SQRT_2PI = 2.5066282746310002;

/**
 * Halfin–Whitt square-root-staffing coefficient β for an SL target: solves
 * C_HW(β)·e^{−β√A·T/AHT} = 1 − slTarget with C_HW(β) = 1/(1 + β·Φ(β)/φ(β)) by 12 bisection steps on
 * [0, 6]: returns the lower end of the last bracket, a multiple of 6/4096 (the approximation is only
 * a starting point; the exact search corrects it). Exported for its tests only.
 * @example halfinWhittBeta(400, 180, 20, 0.8) // ≈ 0.58 (then N ≈ A + β√A)
 */
export function halfinWhittBeta(erlangs: number, ahtSeconds: number, targetSeconds: number, slTarget: number): number {
  const k = (Math.sqrt(erlangs) * targetSeconds) / ahtSeconds;
  const miss = 1 - slTarget;
  let lo = 0;
  let hi = 6;
  for (let i = 0; i < 12; i++) {
    const b = 0.5 * (lo + hi);
    const t = b * Math.SQRT1_2;
    // Φ(β)/φ(β) = √(2π)·(e^{β²/2} − erfcx(β/√2)/2)
    const ratio = SQRT_2PI * (Math.exp(0.5 * b * b) - 0.5 * erfcx(t, t * t));
    const f = Math.exp(-b * k) / (1 + b * ratio);
    if (f > miss) lo = b;
    else hi = b;
  }
  return lo;
}

/**
 * Fewest agents n ≥ 0 with Erlang C SL(T) ≥ slTarget (if given), ASA ≤ asaTarget (if given) and
 * A/n ≤ maxOccupancy (if given), each as the figures report it; −1 if none up to maxAgents.
 * Starts two below the Halfin–Whitt estimate (for A > 100; at the stability bound below that),
 * evaluates u = 1/B − 1 once in O(1), then steps n by +1 with the exact, forward-stable recursion
 * u(n+1) = ((n+1)/A)(1 + u(n)), and settles the answer on the reported figures. Allocates nothing.
 */
function erlangCMinAgents(
  erlangs: number,
  ahtSeconds: number,
  targetSeconds: number,
  slTarget: number | undefined,
  asaTarget: number | undefined,
  maxOccupancy: number | undefined,
  maxAgents: number,
): number {
  if (erlangs === 0) return 0;
  let lower = 0;
  if (maxOccupancy !== undefined) {
    // A/n ≤ cap as the occupancy figure computes it (a division; A ≤ n·cap rounds differently at ties)
    lower = Math.max(1, Math.ceil(erlangs / maxOccupancy));
    while (erlangs / lower > maxOccupancy) lower++;
    while (lower > 1 && erlangs / (lower - 1) <= maxOccupancy) lower--;
  }
  if (slTarget === undefined && asaTarget === undefined) return lower <= maxAgents ? lower : -1;
  lower = Math.max(lower, Math.floor(erlangs) + 1); // stability: SL = 0 and ASA = ∞ below
  let n = lower;
  if (slTarget !== undefined && erlangs > 100) {
    const beta = halfinWhittBeta(erlangs, ahtSeconds, targetSeconds, slTarget);
    n = Math.max(lower, Math.floor(erlangs + beta * Math.sqrt(erlangs)) - 2);
  }
  if (n > maxAgents) return -1;
  let u = idleRatio(n, erlangs);
  // the estimate may already meet the targets: walk down with fresh O(1) evaluations (rare)
  while (n > lower && meetsC(n, erlangs, u, ahtSeconds, targetSeconds, slTarget, asaTarget)) {
    const uDown = idleRatio(n - 1, erlangs);
    if (!meetsC(n - 1, erlangs, uDown, ahtSeconds, targetSeconds, slTarget, asaTarget)) return n;
    n--;
    u = uDown;
  }
  while (!meetsC(n, erlangs, u, ahtSeconds, targetSeconds, slTarget, asaTarget)) {
    n++;
    if (n > maxAgents) return -1;
    u = (n / erlangs) * (1 + u); // u is finite here: meetsC is true for u = +∞
  }
  // The search's forms (u by recursion, SL and ASA from u) can differ from the reported figures
  // (P(wait) from a fresh u) by an ulp; settle on the figures, so a target equal to the figure
  // reported at n is met at n and not at n − 1.
  while (n > lower && figuresMeetC(n - 1, erlangs, ahtSeconds, targetSeconds, slTarget, asaTarget)) n--;
  while (!figuresMeetC(n, erlangs, ahtSeconds, targetSeconds, slTarget, asaTarget)) {
    n++;
    if (n > maxAgents) return -1;
  }
  return n;
}

/** Erlang C targets at n > A agents read from the figures as `erlangCFiguresUnchecked` reports them. */
function figuresMeetC(n: number, erlangs: number, aht: number, target: number, slTarget: number | undefined, asaTarget: number | undefined): boolean {
  if (slTarget !== undefined && erlangCServiceLevelUnchecked(n, erlangs, aht, target) < slTarget) return false;
  if (asaTarget !== undefined && (erlangCUnchecked(n, erlangs) * aht) / (n - erlangs) > asaTarget) return false;
  return true;
}

/** Erlang C targets at n agents (n > A) from u = 1/B(n, A) − 1. */
function meetsC(
  n: number,
  erlangs: number,
  u: number,
  aht: number,
  target: number,
  slTarget: number | undefined,
  asaTarget: number | undefined,
): boolean {
  if (u === Infinity) return true; // P(wait) underflows: SL = 1, ASA = 0
  const gap = n - erlangs;
  const gu = gap * u;
  if (slTarget !== undefined && (gu - n * Math.expm1((-gap * target) / aht)) / (n + gu) < slTarget) return false;
  if (asaTarget !== undefined && (n * aht) / ((n + gu) * gap) > asaTarget) return false;
  return true;
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
  return erlangCMinAgents(erlangs, ahtSeconds, targetSeconds, slTarget, undefined, undefined, Number.MAX_SAFE_INTEGER);
}

/**
 * Fewest agents on duty meeting every given target (SL, ASA, abandonment, occupancy) under
 * Erlang C, Erlang A or M/M/N+G (any patience distribution), then staff = agents / (1 − shrinkage). Search: square-root-staffing start,
 * ±1 steps (doubling when far), bisection; every figure is monotone in the number of agents.
 * @throws {RangeError} on a bad field (named), no target given, or no agent count up to maxAgents meeting the targets
 */
export function solveAgents(req: StaffingRequest): StaffingResult {
  const fn = 'solveAgents';
  if (req === null || typeof req !== 'object') throw new TypeError(`${fn}: request must be an object, got ${req}`);
  if (req.model !== 'erlang-c' && req.model !== 'erlang-a' && req.model !== 'mmng') {
    throw new RangeError(`${fn}: model must be 'erlang-c', 'erlang-a' or 'mmng', got ${String(req.model)}`);
  }
  checkErlangs(fn, req.erlangs);
  checkPositive(fn, 'ahtSeconds', req.ahtSeconds);
  checkNonNegative(fn, 'targetSeconds', req.targetSeconds);
  if (req.model === 'erlang-a') {
    if (req.patienceSeconds === undefined) throw new RangeError(`${fn}: patienceSeconds is required for model 'erlang-a' (a finite number > 0), got undefined`);
    checkPositive(fn, 'patienceSeconds', req.patienceSeconds);
  }
  if (req.model === 'mmng' && req.patience === undefined) {
    throw new RangeError(`${fn}: patience (a distribution, e.g. { kind: 'lognormal', mean: 120, cv: 2.5 }) is required for model 'mmng', got undefined`);
  }
  const curve = req.model === 'mmng' ? patienceCurve(req.patience!, `${fn}: patience`) : undefined;
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
  if (req.model === 'erlang-c' && abandonTarget !== undefined) {
    throw new RangeError(`${fn}: abandonTarget needs a model with abandonment ('erlang-a' or 'mmng'): Erlang C callers never hang up, got abandonTarget ${abandonTarget} with model 'erlang-c'`);
  }
  const erlangs = req.erlangs;
  const aht = req.ahtSeconds;
  const target = req.targetSeconds;
  const maxAgents = req.maxAgents ?? DEFAULT_MAX_AGENTS;
  const shrinkage = req.shrinkage ?? 0;

  let figuresAt: (n: number) => ErlangCFigures | ErlangAFigures;
  let requiredAgents: number;
  if (req.model === 'erlang-c') {
    figuresAt = (n) => erlangCFiguresUnchecked(n, erlangs, aht, target);
    requiredAgents = erlangCMinAgents(erlangs, aht, target, slTarget, asaTarget, maxOccupancy, maxAgents);
  } else {
    const patience = req.patienceSeconds!;
    figuresAt = curve
      ? (n) => mmngFiguresUnchecked(n, erlangs, aht, curve, target)
      : (n) => erlangAFiguresUnchecked(n, erlangs, aht, patience, target);
    const meets = curve
      ? (n: number): boolean => mmngMeetsUnchecked(n, erlangs, aht, curve, target, slTarget, asaTarget, abandonTarget, maxOccupancy)
      : (n: number): boolean => erlangAMeetsUnchecked(n, erlangs, aht, patience, target, slTarget, asaTarget, abandonTarget, maxOccupancy);
    // abandonment only lowers the need below Erlang C's, so start at the square-root estimate and walk
    requiredAgents = erlangs === 0 ? 0 : searchMonotone(Math.max(1, Math.ceil(erlangs + 0.5 * Math.sqrt(erlangs))), maxAgents, meets);
  }
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
    // Erlang C: the offered load per agent, +∞ at one agent fewer = 0 (A > 0 whenever requiredAgents > 0)
    const occ = req.model === 'erlang-c' ? erlangs / (requiredAgents - 1) : f.occupancy;
    if (maxOccupancy !== undefined && occ > maxOccupancy) binding.push('occupancy');
  }
  const requiredStaff = requiredAgents / (1 - shrinkage);
  return {
    requiredAgents,
    requiredStaff,
    // relative slack so that 14/(1 − 0.3) = 20.000000000000004 rounds to 20 (and 0 stays +0)
    requiredStaffRounded: Math.ceil(requiredStaff * (1 - 1e-12)),
    figures,
    figuresOneFewer,
    binding,
  };
}
