/**
 * The queue model the period-by-period analytic model (analytic.ts) evaluates for one pool of
 * channels in each interval, chosen once per run from the channels' patience:
 *   - Erlang C when some channel of the pool has no patience (callers never hang up);
 *   - Erlang A (M/M/N+M) when every channel's patience is exponential, with the interval's
 *     volume-weighted mean patience (exact for one channel);
 *   - M/M/N+G (engine/erlang/mmng.ts, exact for any patience distribution) otherwise, with the
 *     channels' common distribution, or for several different ones their mixture weighted by
 *     each channel's agent-directed volume over the run (the patience of a random caller).
 * Handle times enter through their mean only (the kernels assume exponential handle times).
 * Each evaluation interpolates linearly between ⌊N⌋ and ⌊N⌋ + 1 agents (a class of centres with
 * either): on the same quadrature nodes for M/M/N+G, by the Erlang B recursion for Erlang A.
 */
import { erlangCFigures } from '../../engine/erlang/index.js';
import { idleRatio } from '../../engine/erlang/erlangB.js';
import { erlangAInto, INTO_ABANDON, INTO_ANSWER_RATE, INTO_ASA, INTO_MEAN_WAIT, INTO_SERVICE_LEVEL, INTO_SLOTS, INTO_WAIT } from '../../engine/erlang/erlangA.js';
import { F_ABANDON, F_ANSWER, F_ASA, F_MEAN_WAIT, F_SL, F_WAIT, MMNG_SLOTS, mmngInto } from '../../engine/erlang/mmng.js';
import { describePatience, patienceCurve, type PatienceCurve } from '../../engine/erlang/patience.js';
import type { DistributionSpec, MixtureComponent } from '../../engine/rng/distribution.js';
import { FiguresMemo } from './figuresMemo.js';

export { INTO_ABANDON, INTO_ANSWER_RATE, INTO_ASA, INTO_MEAN_WAIT, INTO_SERVICE_LEVEL, INTO_WAIT };

/** Slots of one set of figures (offsets INTO_*). */
const S = INTO_SLOTS;

/** The model of one pool: which kernel, and its patience. */
export type PoolKernel =
  | { kind: 'erlang-c' }
  | { kind: 'erlang-a' }
  | { kind: 'mmng'; spec: DistributionSpec; curve: PatienceCurve; /** the curve's number in the results memo's key */ curveId: number };

/**
 * Relative error the plan asks of each M/M/N+G integral (the 15-point Gauss–Kronrod rule under
 * error control, mmngIntegrals.ts): far below what any printed figure resolves.
 */
export const PLAN_TOLERANCE = 1e-7;

/** Curves by distribution, so a plan, a calibration or a sweep reuses each curve's memo of node values. */
const curves = new Map<string, PatienceCurve>();

/** The curve of a distribution (built once per distinct spec; at most 64 kept). */
export function curveOf(spec: DistributionSpec): PatienceCurve {
  const key = JSON.stringify(spec);
  let c = curves.get(key);
  if (c === undefined) {
    if (curves.size >= 64) curves.clear();
    c = patienceCurve(spec);
    curves.set(key, c);
  }
  return c;
}

/**
 * The kernel of a pool from its channels' patience (undefined: never hangs up) and their
 * agent-directed volumes over the run (the weights of a mixture).
 */
export function poolKernel(patience: readonly (DistributionSpec | undefined)[], volumes: readonly number[]): PoolKernel {
  if (patience.some((p) => p === undefined)) return { kind: 'erlang-c' };
  const specs = patience as DistributionSpec[];
  if (specs.every((p) => p.kind === 'exponential')) return { kind: 'erlang-a' };
  const first = JSON.stringify(specs[0]);
  if (specs.every((p) => JSON.stringify(p) === first)) return mmngKernel(specs[0]!);
  const total = volumes.reduce((a, v) => a + v, 0);
  const components: MixtureComponent[] = [];
  specs.forEach((p, i) => {
    const weight = total > 0 ? volumes[i]! / total : 1 / specs.length;
    if (weight === 0) return;
    const parts = p.kind === 'mixture' ? p.components.map((c) => ({ ...c, weight: c.weight * weight })) : [{ ...p, weight }];
    components.push(...parts);
  });
  // the weights sum to 1 up to rounding: give the last one the remainder
  const rest = 1 - components.slice(0, -1).reduce((a, c) => a + c.weight, 0);
  components[components.length - 1]!.weight = rest;
  return mmngKernel({ kind: 'mixture', components });
}

/** A number per curve for the memo's key (curves live as long as the plans that use them). */
const curveIds = new WeakMap<PatienceCurve, number>();
let nextCurveId = 1;

/** The M/M/N+G kernel of a distribution: its (shared) curve and that curve's number. */
function mmngKernel(spec: DistributionSpec): PoolKernel {
  const curve = curveOf(spec);
  let curveId = curveIds.get(curve);
  if (curveId === undefined) curveIds.set(curve, (curveId = nextCurveId++));
  return { kind: 'mmng', spec, curve, curveId };
}

/** The kernel's name for reports: "Erlang C", "Erlang A (exponential patience)", "M/M/N+G (lognormal, mean 120 s, CV 2.5)". */
export function kernelName(k: PoolKernel): string {
  if (k.kind === 'erlang-c') return 'Erlang C (no abandonment)';
  if (k.kind === 'erlang-a') return 'Erlang A (exponential patience)';
  return `M/M/N+G (${describePatience(k.spec)})`;
}

/** Scratch: figures at ⌊N⌋ (offsets INTO_*) and at ⌊N⌋ + 1 (+S); M/M/N+G's pair output. */
const whole = new Float64Array(2 * S);
const pairOut = new Float64Array(2 * MMNG_SLOTS);
/** The interpolated figures (offsets INTO_*), read right after `evaluatePool`. */
export const mixed = new Float64Array(S);

/**
 * Figures of the pool's kernel at a fractional number of agents into `mixed`: linear between the
 * whole numbers around it; waits weighted by the contacts they belong to. `patience` is the
 * interval's mean patience (Erlang A only). Allocates nothing except on the Erlang C path.
 * Returns the kernel evaluations made (1 or 2; a pair on the same nodes counts 2).
 */
export function evaluatePool(k: PoolKernel, agents: number, erlangs: number, aht: number, patience: number, target: number): number {
  const lo = Math.floor(agents);
  const w = agents - lo;
  const both = w >= 1e-12;
  if (k.kind === 'erlang-a') {
    const u = lo >= 1 && erlangs > 0 ? idleRatio(lo, erlangs) : 0;
    erlangAInto(whole, 0, lo, erlangs, aht, patience, target, u);
    if (both) erlangAInto(whole, S, lo + 1, erlangs, aht, patience, target, erlangs > 0 ? ((lo + 1) * (u + 1)) / erlangs : 0);
  } else if (k.kind === 'mmng') {
    mmngPair(k.curve, k.curveId, lo, erlangs, aht, target, both);
  } else {
    erlangCInto(0, lo, erlangs, aht, target);
    if (both) erlangCInto(S, lo + 1, erlangs, aht, target);
  }
  return interpolatePair(whole, mixed, S, w, both, k.kind !== 'erlang-c');
}

/**
 * `mixed` = the figures in `whole` at ⌊N⌋ (offset 0) and ⌊N⌋ + 1 (offset `slots`), mixed with
 * weight w (only the first when !both); waits weighted by the contacts they belong to (ASA by
 * the answered). `finite`: the figures have no infinities (Erlang A, M/M/N+G, chat); Erlang C's
 * waits are +Infinity in overload, then the nearer side is taken. Offsets INTO_*; slots past
 * INTO_SLOTS (the chat kernel's) are mixed linearly. Returns the kernel evaluations (1 or 2).
 */
export function interpolatePair(whole: Float64Array, mixed: Float64Array, slots: number, w: number, both: boolean, finite: boolean): number {
  if (!both) {
    for (let i = 0; i < slots; i++) mixed[i] = whole[i]!;
    return 1;
  }
  for (let i = 0; i < slots; i++) {
    const x = whole[i]!;
    const y = whole[slots + i]!;
    mixed[i] = finite || (Number.isFinite(x) && Number.isFinite(y)) ? x + w * (y - x) : w < 0.5 ? x : y;
  }
  const answered = mixed[INTO_ANSWER_RATE]!;
  const qa = whole[INTO_ASA]! * whole[INTO_ANSWER_RATE]!;
  const qb = whole[slots + INTO_ASA]! * whole[slots + INTO_ANSWER_RATE]!;
  mixed[INTO_ASA] = answered > 0 ? (finite || (Number.isFinite(qa) && Number.isFinite(qb)) ? qa + w * (qb - qa) : w < 0.5 ? qa : qb) / answered : 0;
  return 2;
}

/**
 * Results of M/M/N+G pairs by curve and inputs (figuresMemo.ts): the kernel is a pure function of
 * (curve, ⌊N⌋, A, AHT, T), so each result is computed once while its slot holds it. 2^17 slots
 * (19 MB, touched only as used): the 864 intervals of the baseline's 18 runs for about 150 cells.
 */
const memo = new FiguresMemo(6, 2 * S, 1 << 17);

/** The pair (⌊N⌋ and, when `both`, ⌊N⌋ + 1) into `whole`, from the memo or computed. */
function mmngPair(curve: PatienceCurve, curveId: number, lo: number, erlangs: number, aht: number, target: number, both: boolean): void {
  const key = memo.key;
  key[0] = curveId;
  key[1] = lo;
  key[2] = erlangs;
  key[3] = aht;
  key[4] = target;
  key[5] = both ? 1 : 0;
  const at = memo.find();
  if (at >= 0) {
    const values = memo.values;
    for (let i = 0; i < 2 * S; i++) whole[i] = values[at + i]!;
    return;
  }
  const u = lo >= 1 && erlangs > 0 ? idleRatio(lo, erlangs) : 0;
  mmngInto(pairOut, 0, lo, erlangs, aht, curve, target, u, both, PLAN_TOLERANCE);
  copyMmng(0, 0);
  if (both) copyMmng(MMNG_SLOTS, S);
  memo.store(whole, 0);
}

/** Empties the memo of M/M/N+G results (benchmarks time the kernels, not the memo). */
export function clearPoolMemo(): void {
  memo.clear();
}

/** Lookups of the M/M/N+G results memo so far, and how many found their result. */
export function poolMemoStats(): { lookups: number; hits: number } {
  return { lookups: memo.lookups, hits: memo.hits };
}

/** M/M/N+G's figures (offsets F_* from `from`) into `whole` at `at` (offsets INTO_*). */
function copyMmng(from: number, at: number): void {
  whole[at + INTO_ANSWER_RATE] = pairOut[from + F_ANSWER]!;
  whole[at + INTO_ABANDON] = pairOut[from + F_ABANDON]!;
  whole[at + INTO_SERVICE_LEVEL] = pairOut[from + F_SL]!;
  whole[at + INTO_ASA] = pairOut[from + F_ASA]!;
  whole[at + INTO_MEAN_WAIT] = pairOut[from + F_MEAN_WAIT]!;
  whole[at + INTO_WAIT] = pairOut[from + F_WAIT]!;
}

/** Erlang C figures of N agents into `whole` at `at` (allocates; only scenarios without patience). */
function erlangCInto(at: number, agents: number, erlangs: number, aht: number, target: number): void {
  const f = erlangCFigures(agents, erlangs, aht, target);
  whole[at + INTO_ANSWER_RATE] = f.answerRate;
  whole[at + INTO_ABANDON] = f.pAbandon;
  whole[at + INTO_SERVICE_LEVEL] = f.serviceLevel;
  whole[at + INTO_ASA] = f.asa;
  whole[at + INTO_MEAN_WAIT] = f.meanWait;
  whole[at + INTO_WAIT] = f.pWait;
}
