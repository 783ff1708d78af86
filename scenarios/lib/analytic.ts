/**
 * The period-by-period analytic model of a plan: each interval of each run is a stationary
 * M/M/N+M queue (Erlang A) with that interval's arrival rate, agents on duty, mean handle
 * time and mean patience; its figures become an expected `Tally`, and tallies add up with
 * the runs' scale factors exactly like simulated ones (so both paths share `figuresOf`).
 *
 * Approximations (stated so results are read rightly): steady state within each interval
 * (no carry-over of queues between intervals); exponential handle time and patience (only
 * the means of other distributions are used); channels served by the same agents are pooled
 * into one queue with the volume-weighted mean handle time and patience; redials of abandoned
 * calls come back in the same interval (a fixed point λ = λ₀ / (1 − r·P(abandon))).
 * Without patience the interval is Erlang C (no abandonment; overload gives an infinite ASA).
 */
import { erlangAFigures, erlangCFigures } from '../../engine/erlang/index.js';
import { meanOf } from '../../engine/rng/moments.js';
import { addTally, emptyTally, figuresOf } from '../../engine/stats/figures.js';
import type { Figures, Tally } from '../../engine/stats/figures.js';
import type { Model } from '../../engine/des/model.js';
import type { Plan } from './build.js';

/**
 * The expected tally of one one-day model under the analytic approximation.
 * @param onDutyExact agents per group and interval before rounding (default: the model's
 *   whole numbers); figures are interpolated linearly between the whole numbers around them
 */
export function analyticTally(model: Model, onDutyExact?: readonly (readonly number[])[]): Tally {
  const T = model.intervalSeconds;
  const K = model.channels[0]?.arrivalRatePerSecond.length ?? 0;
  const tally = emptyTally();
  // Pools: channels that share agents (connected through group skills) form one queue.
  const pools = poolsOf(model);
  for (let i = 0; i < K; i++) {
    tally.durationSeconds += T;
    for (const pool of pools) {
      let agents = 0;
      for (const g of pool.groups) agents += onDutyExact?.[g]?.[i] ?? model.groups[g]!.onDuty[i] ?? 0;
      let lambdaFresh = 0;
      let ahtSum = 0;
      let patSum = 0;
      let allPatient = true;
      let retrySum = 0;
      let target = 0;
      for (const c of pool.channels) {
        const ch = model.channels[c]!;
        const total = ch.arrivalRatePerSecond[i] ?? 0;
        const ss = ch.selfService?.share ?? 0;
        tally.selfServiceCompleted += total * ss * T;
        const l = total * (1 - ss);
        lambdaFresh += l;
        ahtSum += l * meanOf(ch.handleTime);
        if (ch.patience) patSum += l * meanOf(ch.patience);
        else allPatient = false;
        retrySum += l * (ch.retrial?.probability ?? 0);
        target += l * ch.targetSeconds;
      }
      tally.onDutySeconds += agents * T;
      if (lambdaFresh <= 0) continue;
      const aht = ahtSum / lambdaFresh;
      const patience = patSum / lambdaFresh;
      const retry = retrySum / lambdaFresh;
      const tgt = target / lambdaFresh;
      let lambda = lambdaFresh;
      const pat = allPatient ? patience : undefined;
      let f = interpolated(agents, lambda * aht, aht, pat, tgt);
      if (retry > 0) {
        for (let it = 0; it < 6; it++) {
          lambda = lambdaFresh / (1 - retry * f.pAbandon);
          f = interpolated(agents, lambda * aht, aht, pat, tgt);
        }
      }
      const offered = lambda * T;
      const answered = offered * f.answerRate;
      tally.offered += offered;
      tally.answered += answered;
      tally.abandoned += offered * f.pAbandon;
      tally.answeredWithinTarget += offered * f.serviceLevel;
      tally.waitAnsweredSeconds += answered * f.asa;
      tally.waitAllSeconds += offered * f.meanWait;
      tally.busySeconds += answered * aht;
      tally.retrials += offered - lambdaFresh * T;
    }
  }
  return tally;
}

type Kernel = { answerRate: number; pAbandon: number; serviceLevel: number; asa: number; meanWait: number };

/** Figures at a fractional number of agents: linear between the whole numbers around it. */
function interpolated(agents: number, erlangs: number, aht: number, patience: number | undefined, target: number): Kernel {
  const lo = Math.floor(agents);
  const w = agents - lo;
  const a = figuresAt(lo, erlangs, aht, patience, target);
  if (w < 1e-12) return a;
  const b = figuresAt(lo + 1, erlangs, aht, patience, target);
  const mix = (x: number, y: number) => (Number.isFinite(x) && Number.isFinite(y) ? x + w * (y - x) : w < 0.5 ? x : y);
  return {
    answerRate: mix(a.answerRate, b.answerRate),
    pAbandon: mix(a.pAbandon, b.pAbandon),
    serviceLevel: mix(a.serviceLevel, b.serviceLevel),
    // waits weighted by the answered (resp. offered) contacts they belong to
    asa: a.answerRate + w * (b.answerRate - a.answerRate) > 0
      ? mix(a.asa * a.answerRate, b.asa * b.answerRate) / mix(a.answerRate, b.answerRate)
      : 0,
    meanWait: mix(a.meanWait, b.meanWait),
  };
}

function figuresAt(agents: number, erlangs: number, aht: number, patience: number | undefined, target: number): Kernel {
  return patience !== undefined ? erlangAFigures(agents, erlangs, aht, patience, target) : erlangCFigures(agents, erlangs, aht, target);
}

interface Pool {
  channels: number[];
  groups: number[];
}

function poolsOf(model: Model): Pool[] {
  const parent = model.channels.map((_, i) => i);
  const find = (x: number): number => (parent[x] === x ? x : (parent[x] = find(parent[x]!)));
  const index = new Map(model.channels.map((c, i) => [c.name, i]));
  for (const g of model.groups) {
    const ids = g.skills.map((s) => index.get(s)).filter((x): x is number => x !== undefined);
    for (const id of ids.slice(1)) parent[find(id)] = find(ids[0]!);
  }
  const pools = new Map<number, Pool>();
  model.channels.forEach((_, i) => {
    const r = find(i);
    if (!pools.has(r)) pools.set(r, { channels: [], groups: [] });
    pools.get(r)!.channels.push(i);
  });
  model.groups.forEach((g, gi) => {
    const first = g.skills.map((s) => index.get(s)).find((x) => x !== undefined);
    if (first !== undefined) pools.get(find(first))!.groups.push(gi);
  });
  return [...pools.values()];
}

/** Tallies of a plan's runs, each scaled to the period, and their sum. */
export interface ScaledTallies {
  /** one per run, already multiplied by the run's scale */
  byRun: Tally[];
  total: Tally;
}

/** Multiplies every field of a tally by a factor (a copy). */
export function scaleTally(t: Tally, factor: number, durationFactor = factor): Tally {
  const out = emptyTally();
  for (const k of Object.keys(out) as (keyof Tally)[]) out[k] = t[k] * factor;
  out.durationSeconds = t.durationSeconds * durationFactor;
  return out;
}

/** Sums per-run tallies (one day of one centre each) scaled up to the period. */
export function scaleUp(plan: Plan, tallies: readonly Tally[]): ScaledTallies {
  // Duration scales by days only (centres run side by side), so `agents` is the mean number
  // on duty across the whole scenario at any moment.
  const byRun = tallies.map((t, i) => scaleTally(t, plan.runs[i]!.scale, plan.runs[i]!.days));
  const total = emptyTally();
  for (const t of byRun) addTally(total, t);
  total.durationSeconds = plan.periodDays * 86_400;
  return { byRun, total };
}

/** The analytic (period-by-period Erlang A) figures of a whole plan. */
export function analyticPlan(plan: Plan): { figures: Figures; total: Tally; byRun: Tally[] } {
  const { byRun, total } = scaleUp(plan, plan.runs.map((r) => analyticTally(r.model, r.onDutyExact)));
  return { figures: figuresOf(total), total, byRun };
}
