/**
 * M/M/N+G: Poisson arrivals λ, N agents with exponential handle times (μ = 1/AHT), first come
 * first served, and callers who hang up when their wait reaches their patience τ ~ G, for any
 * patience distribution (patience.ts). Exact, by the virtual-wait solution of Baccelli &
 * Hébuterne (1981), in the integral form of Zeltyn & Mandelbaum, "Call centers with impatient
 * customers: many-server asymptotics of the M/M/n+G queue", Queueing Systems 51 (2005) 361–402.
 *
 * The solution. Let V be the offered wait (the wait of an arrival with infinite patience) and
 * s = Nμ. While every agent is busy, V falls at rate 1 and jumps, at rate λ·Ḡ(V) (arrivals who
 * will not hang up before their turn), by an Exp(s) amount. Level crossing gives V's density on
 * v > 0 as f(v) = f(0⁺)·w(v) with
 *   w(v) = exp(λ·H(v) − s·v),   H(v) = ∫₀ᵛ Ḡ(u) du,
 * and below N busy agents the Erlang B birth–death weights. With u = 1/B(N, A) − 1 (idleRatio,
 * erlangB.ts) and the integrals (mmngIntegrals.ts; S_< + S_> + A_b = J)
 *   J = ∫ w,  A_b = ∫ G·w,  S_< = ∫₀ᵀ Ḡ·w,  S_> = ∫_T^∞ Ḡ·w,  M = ∫ v·Ḡ·w,  W = ∫ H·w :
 *   P(wait) = sJ/(u + sJ),  P(no wait) = u/(u + sJ),
 * and since an arrival finding V = v waits min(v, τ) and is answered iff τ > v (PASTA),
 *   P(abandon | wait) = A_b/J,          P(abandon) = P(wait)·A_b/J,
 *   SL(T) = P(no wait) + P(wait)·S_</J  (answered within T / all arrivals; 1 − SL = P(wait)(S_> + A_b)/J),
 *   ASA = P(wait)·(M/J) / answer rate   (mean wait of answered, the unwaited included),
 *   mean wait of all = P(wait)·W/J      (E[min(V, τ)] = E[H(V)]),
 *   occupancy = A·(answer rate)/N.
 * Zeltyn & Mandelbaum write P(abandon) = (1 + (λ − s)J)/(u·λ/s + λJ) (from λ∫Ḡw = sJ − 1); the
 * positive integrals above give the same without its cancellation below λ = s. With exponential
 * patience these are Erlang A's figures (erlangA.ts): the tests check them to 1e-12 through this
 * general path, and exponential patience is never special-cased here.
 *
 * @example const lognormal = patienceCurve({ kind: 'lognormal', mean: 120, cv: 2.5 }); // build once, reuse
 *          mmngFigures(100, 95, 300, lognormal, 20).serviceLevel
 */
import { idleRatio } from './erlangB.js';
import { counts, ctx, DEFAULT_TOLERANCE, ERROR, MAX_VARIANTS, mmngIntegrals, NT, refs, T_AB, T_IN, T_J, T_M, T_OUT, T_W, totals } from './mmngIntegrals.js';
import type { PatienceCurve } from './patience.js';
import type { ErlangAFigures } from './types.js';
import { checkAgents, checkErlangs, checkNonNegative, checkPositive } from './validate.js';

export { DEFAULT_TOLERANCE, MAX_VARIANTS } from './mmngIntegrals.js';

/** Offsets of `mmngInto`'s output. */
export const F_WAIT = 0;
export const F_ABANDON = 1;
export const F_ANSWER = 2;
export const F_SL = 3;
export const F_ASA = 4;
export const F_MEAN_WAIT = 5;
export const F_OCCUPANCY = 6;
/** P(abandon | wait) */
export const F_AB_WAIT = 7;
/** Slots one set of figures takes in `mmngInto`'s and `mmngRunInto`'s output (count N + k's set starts at k·MMNG_SLOTS). */
export const MMNG_SLOTS = 8;

/**
 * Every M/M/N+G figure into out[at … at+7] (offsets F_*), and with `pair` those of N + 1 agents
 * too into out[at+8 … at+15], on the same quadrature nodes; no checks, no allocation (internal:
 * the plan's interval loop and the staffing search call it). N ≥ 0 whole, A ≥ 0, AHT > 0 s,
 * T ≥ 0 s; `idle` = idleRatio(N, A) when N ≥ 1 and A > 0 (the pair's u(N+1) = (N+1)(u+1)/A).
 */
export function mmngInto(
  out: Float64Array, at: number, agents: number, erlangs: number, ahtSeconds: number, curve: PatienceCurve,
  targetSeconds: number, idle: number, pair = false, tolerance = DEFAULT_TOLERANCE,
): void {
  mmngRunInto(out, at, agents, pair ? 2 : 1, erlangs, ahtSeconds, curve, targetSeconds, idle, tolerance);
}

/**
 * The figures of `count` consecutive agent counts N, N + 1, …, N + count − 1 (1 ≤ count ≤
 * MAX_VARIANTS) into out[at + k·MMNG_SLOTS …] (offsets F_*), all on N's quadrature nodes: one
 * layout, each count's integrals held to `tolerance` (internal, as `mmngInto`; `idle` =
 * idleRatio(N, A) when N ≥ 1 and A > 0, and u(N + k + 1) = (N + k + 1)(u(N + k) + 1)/A).
 */
export function mmngRunInto(
  out: Float64Array, at: number, agents: number, count: number, erlangs: number, ahtSeconds: number, curve: PatienceCurve,
  targetSeconds: number, idle: number, tolerance = DEFAULT_TOLERANCE,
): void {
  if (!(Number.isInteger(count) && count >= 1 && count <= MAX_VARIANTS)) throw new RangeError(`mmngRunInto: count must be a whole number from 1 to ${MAX_VARIANTS}, got ${count}`);
  if (erlangs === 0) {
    for (let k = 0; k < count; k++) emptyOrUnstaffed(out, at + k * MMNG_SLOTS, true, curve.mean);
    return;
  }
  if (agents === 0) {
    emptyOrUnstaffed(out, at, false, curve.mean);
    if (count > 1) mmngRunInto(out, at + MMNG_SLOTS, 1, count - 1, erlangs, ahtSeconds, curve, targetSeconds, idleRatio(1, erlangs), tolerance);
    return;
  }
  const mu = 1 / ahtSeconds;
  const serve = agents * mu;
  mmngIntegrals(curve, erlangs * mu, serve, mu, targetSeconds, count, tolerance);
  figuresFromTotals(out, at, 0, agents, erlangs, serve, idle, refs[0]!);
  let u = idle;
  for (let k = 1; k < count; k++) {
    const n = agents + k;
    u = (n * (u + 1)) / erlangs; // +∞ when u is
    // N + k's weight w·e^{−kμv} on N's nodes (scaled to N's peak) underflows, to subnormal numbers and then 0,
    // when its own peak lies far out in N's tail (patience of weeks in overload): from there on each alone (PAIR_FLOOR)
    if (!(totals[k * NT + T_J]! > PAIR_FLOOR * totals[T_J]!)) {
      // (each alone overwrites the totals: the counts after k, whose J is smaller still, come after)
      for (let r = k; r < count; r++) {
        mmngRunInto(out, at + r * MMNG_SLOTS, agents + r, 1, erlangs, ahtSeconds, curve, targetSeconds, u, tolerance);
        u = ((agents + r + 1) * (u + 1)) / erlangs;
      }
      return;
    }
    figuresFromTotals(out, at + k * MMNG_SLOTS, k * NT, n, erlangs, serve + k * mu, u, refs[k]!);
  }
}

/** No load (everything answered at once) or no agents (everyone waits until hanging up). */
function emptyOrUnstaffed(out: Float64Array, at: number, noLoad: boolean, meanPatience: number): void {
  out[at + F_WAIT] = noLoad ? 0 : 1;
  out[at + F_ABANDON] = noLoad ? 0 : 1;
  out[at + F_ANSWER] = noLoad ? 1 : 0;
  out[at + F_SL] = noLoad ? 1 : 0;
  out[at + F_ASA] = 0;
  out[at + F_MEAN_WAIT] = noLoad ? 0 : meanPatience;
  out[at + F_OCCUPANCY] = 0;
  out[at + F_AB_WAIT] = noLoad ? 0 : 1;
}

/** Figures from the integrals of variant offset `t` (scaled by e^{−ref}); u = idleRatio(N, A). */
function figuresFromTotals(out: Float64Array, at: number, t: number, agents: number, erlangs: number, serve: number, u: number, ref: number): void {
  const J = totals[t + T_J]!;
  // u/(sJ) with J scaled by e^{−ref}: u·e^{−ref}/(s·J̃)
  const q = u === Infinity ? Infinity : (u * Math.exp(-ref)) / (serve * J);
  const pWait = 1 / (1 + q); // 0 when q = +∞
  const noWait = q === Infinity ? 1 : q / (1 + q);
  const abW = totals[t + T_AB]! / J;
  const servedW = (totals[t + T_IN]! + totals[t + T_OUT]!) / J;
  const answerRate = Math.min(1, noWait + pWait * servedW);
  const lateOrLost = pWait * ((totals[t + T_OUT]! + totals[t + T_AB]!) / J);
  let sl = lateOrLost <= 0.5 ? 1 - lateOrLost : noWait + pWait * (totals[t + T_IN]! / J);
  sl = sl < 0 ? 0 : sl > answerRate ? answerRate : sl; // answered within T are some of the answered (rounding aside)
  out[at + F_WAIT] = pWait;
  out[at + F_ABANDON] = pWait * abW;
  out[at + F_ANSWER] = answerRate;
  out[at + F_SL] = sl;
  out[at + F_ASA] = answerRate > 0 && pWait > 0 ? (pWait * (totals[t + T_M]! / J)) / answerRate : 0;
  out[at + F_MEAN_WAIT] = pWait * (totals[t + T_W]! / J);
  out[at + F_OCCUPANCY] = Math.min(1, (erlangs * answerRate) / agents);
  out[at + F_AB_WAIT] = abW;
}

const scratch = new Float64Array(MMNG_SLOTS);

/**
 * All M/M/N+G figures for one interval: Poisson arrivals, N agents with exponential handle times
 * of mean AHT, patience of any distribution (`patienceCurve(spec)`, built once and reused: it
 * remembers the patience functions at the nodes it has used). Definitions as Erlang A's
 * (types.ts): SL = answered within T / all arrivals, ASA = mean wait of answered, meanWait = mean
 * wait of all up to answer or hang-up, occupancy = A·answerRate/N. Each integral behind them is
 * held to a relative error estimate ≤ `tolerance` (default 1e-13; `mmngErrorEstimate` reports it).
 * @throws {RangeError} on a bad agents (whole ≥ 0), erlangs (≥ 0), ahtSeconds (> 0) or targetSeconds (≥ 0)
 * @example mmngFigures(100, 95, 300, patienceCurve({ kind: 'exponential', mean: 120 }), 20) // = erlangAFigures(100, 95, 300, 120, 20)
 */
export function mmngFigures(agents: number, erlangs: number, ahtSeconds: number, curve: PatienceCurve, targetSeconds: number, tolerance = DEFAULT_TOLERANCE): ErlangAFigures {
  const fn = 'mmngFigures';
  checkAgents(fn, agents);
  checkErlangs(fn, erlangs);
  checkPositive(fn, 'ahtSeconds', ahtSeconds);
  checkNonNegative(fn, 'targetSeconds', targetSeconds);
  if (!(tolerance >= 1e-15 && tolerance < 1)) throw new RangeError(`${fn}: tolerance must be in [1e-15, 1), got ${tolerance}`);
  return mmngFiguresUnchecked(agents, erlangs, ahtSeconds, curve, targetSeconds, tolerance);
}

/** `mmngFigures` without argument checks (internal). */
export function mmngFiguresUnchecked(agents: number, erlangs: number, ahtSeconds: number, curve: PatienceCurve, targetSeconds: number, tolerance = DEFAULT_TOLERANCE): ErlangAFigures {
  const u = agents >= 1 && erlangs > 0 ? idleRatio(agents, erlangs) : 0;
  mmngInto(scratch, 0, agents, erlangs, ahtSeconds, curve, targetSeconds, u, false, tolerance);
  const answerRate = scratch[F_ANSWER]!;
  const serviceLevel = scratch[F_SL]!;
  const pWait = scratch[F_WAIT]!;
  const pAbandon = scratch[F_ABANDON]!;
  return {
    agents,
    erlangs,
    pWait,
    pAbandon,
    pAbandonGivenWait: pWait > 0 ? Math.min(1, pAbandon / pWait) : 0,
    answerRate,
    serviceLevel,
    slAnswered: answerRate > 0 ? Math.min(1, serviceLevel / answerRate) : 0,
    asa: scratch[F_ASA]!,
    meanWait: scratch[F_MEAN_WAIT]!,
    occupancy: scratch[F_OCCUPANCY]!,
  };
}

/** Whether N agents meet every given target under M/M/N+G (internal, for the staffing search). */
export function mmngMeetsUnchecked(
  agents: number, erlangs: number, ahtSeconds: number, curve: PatienceCurve, targetSeconds: number,
  slTarget: number | undefined, asaTarget: number | undefined, abandonTarget: number | undefined, maxOccupancy: number | undefined,
): boolean {
  if (erlangs === 0) return true;
  if (agents === 0) return false;
  mmngInto(scratch, 0, agents, erlangs, ahtSeconds, curve, targetSeconds, idleRatio(agents, erlangs));
  if (slTarget !== undefined && scratch[F_SL]! < slTarget) return false;
  if (abandonTarget !== undefined && scratch[F_ABANDON]! > abandonTarget) return false;
  if (maxOccupancy !== undefined && scratch[F_OCCUPANCY]! > maxOccupancy) return false;
  if (asaTarget !== undefined && scratch[F_ASA]! > asaTarget) return false;
  return true;
}

/**
 * About the last evaluation: the largest estimated relative error of its integrals (0 for step
 * patience, whose integrals are closed forms), the patience-function evaluations it computed
 * (not read from the curve's memo) and the panels it used.
 */
export function mmngErrorEstimate(): { relativeError: number; evaluations: number; panels: number } {
  return { relativeError: ctx[ERROR]!, evaluations: counts[1]!, panels: counts[0]! };
}

/**
 * Count N + k's integrals on N's nodes are used only while J_k > PAIR_FLOOR·J (mmngRunInto; that
 * count and every later one are evaluated alone otherwise): N's peak is scaled to 1, so N + k's
 * weight then peaks near J_k/J or above, and every value down to 1e-16 of that peak is a normal
 * double, with all 53 bits (≥ 2^−1022 ≈ 2.2e-308 needs a peak ≥ 2.2e-292). Below it, subnormal
 * integrals put P(abandon) 2e-5 off (exponential patience of 2,303,000 s, N = 1, A = 1.5, AHT 300 s).
 */
const PAIR_FLOOR = 1e-270;
