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
import { F_ABANDON, F_ANSWER, F_ASA, F_MEAN_WAIT, F_SL, F_WAIT, MMNG_SLOTS, mmngRunInto } from '../../engine/erlang/mmng.js';
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

/** Scratch: figures at ⌊N⌋ (offsets INTO_*) and at ⌊N⌋ + 1 (+S) of Erlang A and C. */
const whole = new Float64Array(2 * S);
/** The interpolated figures (offsets INTO_*), read right after `evaluatePool`. */
export const mixed = new Float64Array(S);

/**
 * Figures of the pool's kernel at a fractional number of agents into `mixed`: linear between the
 * whole numbers around it; waits weighted by the contacts they belong to. `patience` is the
 * interval's mean patience (Erlang A only). `site` ≥ 0 names where in a plan the call is made
 * (a run's interval and pool; −1: nowhere in particular), so that a sweep's next plan finds its
 * M/M/N+G results there first. Allocates nothing except on the Erlang C path.
 * Returns the kernel evaluations made (1 or 2; a pair on the same nodes counts 2).
 */
export function evaluatePool(k: PoolKernel, agents: number, erlangs: number, aht: number, patience: number, target: number, site = -1): number {
  const lo = Math.floor(agents);
  const w = agents - lo;
  const both = w >= 1e-12;
  if (k.kind === 'erlang-a') {
    const u = lo >= 1 && erlangs > 0 ? idleRatio(lo, erlangs) : 0;
    erlangAInto(whole, 0, lo, erlangs, aht, patience, target, u);
    if (both) erlangAInto(whole, S, lo + 1, erlangs, aht, patience, target, erlangs > 0 ? ((lo + 1) * (u + 1)) / erlangs : 0);
  } else if (k.kind === 'mmng') {
    const at = mmngPair(k.curve, k.curveId, lo, erlangs, aht, target, site);
    return interpolatePair(pairSource, at, mixed, S, w, both, true);
  } else {
    erlangCInto(0, lo, erlangs, aht, target);
    if (both) erlangCInto(S, lo + 1, erlangs, aht, target);
  }
  return interpolatePair(whole, 0, mixed, S, w, both, k.kind !== 'erlang-c');
}

/**
 * `mixed` = the figures in `whole` at ⌊N⌋ (offset `at`) and ⌊N⌋ + 1 (offset `at + slots`), mixed
 * with weight w (only the first when !both); waits weighted by the contacts they belong to (ASA
 * by the answered). `finite`: the figures have no infinities (Erlang A, M/M/N+G, chat); Erlang C's
 * waits are +Infinity in overload, then the nearer side is taken. Offsets INTO_*; slots past
 * INTO_SLOTS (the chat kernel's) are mixed linearly. Returns the kernel evaluations (1 or 2).
 */
export function interpolatePair(whole: Float64Array, at: number, mixed: Float64Array, slots: number, w: number, both: boolean, finite: boolean): number {
  if (!both) {
    for (let i = 0; i < slots; i++) mixed[i] = whole[at + i]!;
    return 1;
  }
  for (let i = 0; i < slots; i++) {
    const x = whole[at + i]!;
    const y = whole[at + slots + i]!;
    mixed[i] = finite || (Number.isFinite(x) && Number.isFinite(y)) ? x + w * (y - x) : w < 0.5 ? x : y;
  }
  const answered = mixed[INTO_ANSWER_RATE]!;
  const qa = whole[at + INTO_ASA]! * whole[at + INTO_ANSWER_RATE]!;
  const qb = whole[at + slots + INTO_ASA]! * whole[at + slots + INTO_ANSWER_RATE]!;
  mixed[INTO_ASA] = answered > 0 ? (finite || (Number.isFinite(qa) && Number.isFinite(qb)) ? qa + w * (qb - qa) : w < 0.5 ? qa : qb) / answered : 0;
  return 2;
}

/**
 * Agent counts per M/M/N+G evaluation of the plan. From CHUNK_FROM agents on, the chunk
 * ⌊N/CHUNK⌋·CHUNK … + CHUNK (CHUNK + 1 counts, so that ⌊N⌋ and ⌊N⌋ + 1 always share one) on one
 * quadrature layout (mmngRunInto); below it the pair ⌊N⌋, ⌊N⌋ + 1 on ⌊N⌋'s. A plan's figures for
 * ⌊N⌋ are those of its chunk, whichever N asked first: the same numbers in any order, on any
 * worker. 5 counts cost about 1.6 pairs (5.4 against 3.4 µs at N = 50), which pays where
 * neighbouring staff levels of a sweep step over whole agents: the baseline's staff × AHT sweep
 * (staff by 0.25%) took 14.4 s with pairs only, 10.0 s with chunks from 0 agents, 10.1 s from 32;
 * a sweep that never varies staff pays the chunks without using them (AHT × volume: 11.1 s with
 * pairs, 16.0 s with chunks from 0, 13.6 s from 32, 12.2 s from 128). Measured 2026-12-07, load
 * below 1, before the memo's tags.
 */
const CHUNK = 4;
const CHUNK_FROM = 32;
/** Slots of one chunk's figures (offsets INTO_* per count). */
const CHUNK_SLOTS = (CHUNK + 1) * S;

/**
 * Chunks by curve and inputs (curveId, first count, A, AHT, T; figuresMemo.ts): the kernel is a
 * pure function of them, so each is computed once while its slot holds it. 2^18 slots in sets of
 * 8 (75 MB, touched only as used): a sweep block's chunks (the baseline's 864 intervals at 80
 * handle times), so the next block of staff levels finds them. The baseline's staff × AHT sweep
 * asks for 391,000 distinct chunks and computes 399,000 (540,000 direct-mapped; measured with
 * chunks from 0 agents).
 */
const memo = new FiguresMemo(5, CHUNK_SLOTS, 1 << 18, 8);
/**
 * The last chunk of each site (a run's interval and pool, `evaluatePool`'s `site`), found without
 * hashing or leaving the cache: a sweep's next cell asks each site for the same chunk but for a
 * staff level. 4,096 sites (1 MB).
 */
const sites = new FiguresMemo(5, CHUNK_SLOTS, 1 << 12);
const chunkOut = new Float64Array((CHUNK + 1) * MMNG_SLOTS);
const chunkFigures = new Float64Array(CHUNK_SLOTS);
/** Pairs asked for, and those answered from a memo. */
const stats = { lookups: 0, hits: 0 };

/** Where the pair `mmngPair` gave lies: the site cache's or the memo's values. */
let pairSource: Float64Array = whole;

/**
 * The pair ⌊N⌋, ⌊N⌋ + 1 from its chunk (at the site, in the memo, or computed): returns the
 * offset of ⌊N⌋'s figures (offsets INTO_*, ⌊N⌋ + 1's S after them) in `pairSource`.
 */
function mmngPair(curve: PatienceCurve, curveId: number, lo: number, erlangs: number, aht: number, target: number, site: number): number {
  const chunked = lo >= CHUNK_FROM;
  const base = chunked ? CHUNK * Math.floor(lo / CHUNK) : lo;
  stats.lookups++;
  let values: Float64Array;
  let at = -1;
  if (site >= 0) {
    setKey(sites.key, curveId, base, erlangs, aht, target);
    at = sites.findIn(site);
  }
  if (at >= 0) {
    values = sites.values;
    stats.hits++;
  } else {
    setKey(memo.key, curveId, base, erlangs, aht, target);
    at = memo.find();
    if (at < 0) {
      const u = base >= 1 && erlangs > 0 ? idleRatio(base, erlangs) : 0;
      const count = chunked ? CHUNK + 1 : 2;
      mmngRunInto(chunkOut, 0, base, count, erlangs, aht, curve, target, u, PLAN_TOLERANCE);
      for (let k = 0; k < count; k++) copyMmng(k);
      at = memo.store(chunkFigures, 0);
    } else {
      stats.hits++;
    }
    values = memo.values;
    if (site >= 0) sites.store(values, at);
  }
  pairSource = values;
  return at + (lo - base) * S;
}

function setKey(key: Float64Array, curveId: number, base: number, erlangs: number, aht: number, target: number): void {
  key[0] = curveId;
  key[1] = base;
  key[2] = erlangs;
  key[3] = aht;
  key[4] = target;
}

/** Empties the memos of M/M/N+G results (benchmarks time the kernels, not the memo). */
export function clearPoolMemo(): void {
  memo.clear();
  sites.clear();
}

/** M/M/N+G pairs asked for so far, and how many were found in a memo (not computed). */
export function poolMemoStats(): { lookups: number; hits: number } {
  return { ...stats };
}

/** Count k of the run in `chunkOut` (offsets F_*) into `chunkFigures` (offsets INTO_*). */
function copyMmng(k: number): void {
  const from = k * MMNG_SLOTS;
  const at = k * S;
  chunkFigures[at + INTO_ANSWER_RATE] = chunkOut[from + F_ANSWER]!;
  chunkFigures[at + INTO_ABANDON] = chunkOut[from + F_ABANDON]!;
  chunkFigures[at + INTO_SERVICE_LEVEL] = chunkOut[from + F_SL]!;
  chunkFigures[at + INTO_ASA] = chunkOut[from + F_ASA]!;
  chunkFigures[at + INTO_MEAN_WAIT] = chunkOut[from + F_MEAN_WAIT]!;
  chunkFigures[at + INTO_WAIT] = chunkOut[from + F_WAIT]!;
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
