/**
 * The period-by-period analytic model of a plan: each interval of each run is a stationary
 * queue with that interval's arrival rate, agents on duty, mean handle time and patience —
 * M/M/N+G for the channels' patience distribution, Erlang A when it is exponential, Erlang C
 * without patience (poolKernel.ts) — whose figures become an expected `Tally`; tallies add up
 * with the runs' scale factors exactly like simulated ones (so both paths share `figuresOf`).
 *
 * Approximations (stated so results are read rightly): steady state within each interval
 * (no carry-over of queues between intervals); exponential handle times (only the mean of
 * another distribution is used); the patience distribution is exact (M/M/N+G); channels served
 * by the same agents are pooled into one queue with the volume-weighted mean handle time and
 * a patience mixture weighted by volume; redials of abandoned calls come back in the same
 * interval (a fixed point λ = λ₀ / (1 − r·P(abandon))); interval-level over-dispersion
 * (`rateCv`) is not modelled here (the simulator draws it). Without patience the interval is
 * Erlang C (no abandonment; overload gives an infinite ASA).
 */
import { meanOf } from '../../engine/rng/moments.js';
import { addTally, emptyTally, figuresOf, scaleTally } from '../../engine/stats/figures.js';
import type { Figures, Tally } from '../../engine/stats/figures.js';
import type { Model } from '../../engine/des/model.js';
import type { Plan } from './build.js';
import { evaluatePool, INTO_ABANDON, INTO_ANSWER_RATE, INTO_ASA, INTO_MEAN_WAIT, INTO_SERVICE_LEVEL, INTO_WAIT, kernelName, mixed, poolKernel, type PoolKernel } from './poolKernel.js';

/**
 * The expected tally of one one-day model under the analytic approximation.
 * @param onDutyExact agents per group and interval before rounding (default: the model's
 *   whole numbers); figures are interpolated linearly between the whole numbers around them
 * @param count when given, the kernel evaluations made are added to it (throughput figures)
 * @param perInterval when given, each interval's expected tally (all pools) is pushed onto it, in order
 */
export function analyticTally(model: Model, onDutyExact?: readonly (readonly number[])[], count?: KernelCount, perInterval?: Tally[]): Tally {
  const T = model.intervalSeconds;
  const K = model.channels[0]?.arrivalRatePerSecond.length ?? 0;
  // Pools: channels that share agents (connected through group skills) form one queue.
  const pools = poolsOf(model).map((pool) => ({
    kernel: kernelOf(model, pool),
    channels: pool.channels.map((c) => channelConstants(model, c)),
    // agents on duty per interval, one array per group of the pool
    duty: pool.groups.map((g) => onDutyExact?.[g] ?? model.groups[g]!.onDuty),
  }));
  // the tally's sums, kept in locals in the hot loop (same order of additions)
  let offeredSum = 0;
  let answeredSum = 0;
  let abandoned = 0;
  let withinTarget = 0;
  let waitAnswered = 0;
  let waitAll = 0;
  let busy = 0;
  let onDuty = 0;
  let selfService = 0;
  let retrials = 0;
  // the sums at the start of the interval (only with perInterval)
  const start = perInterval ? new Float64Array(10) : undefined;
  for (let i = 0; i < K; i++) {
    for (const pool of pools) {
      let agents = 0;
      for (const d of pool.duty) agents += d[i] ?? 0;
      let lambdaFresh = 0;
      let ahtSum = 0;
      let patSum = 0;
      let retrySum = 0;
      let target = 0;
      for (const ch of pool.channels) {
        const total = ch.rates[i] ?? 0;
        selfService += total * ch.selfServiceShare * T;
        const l = total * (1 - ch.selfServiceShare);
        lambdaFresh += l;
        ahtSum += l * ch.aht;
        patSum += l * ch.patience;
        retrySum += l * ch.retrial;
        target += l * ch.target;
      }
      onDuty += agents * T;
      if (lambdaFresh <= 0) continue;
      const aht = ahtSum / lambdaFresh;
      const patience = patSum / lambdaFresh;
      const retry = retrySum / lambdaFresh;
      const tgt = target / lambdaFresh;
      let lambda = lambdaFresh;
      // Erlang C at or over capacity has no steady state: its figures are undefined there (counted, shown as "overloaded").
      if (pool.kernel.kind === 'erlang-c' && lambda * aht >= agents && count) count.overloadedIntervals = (count.overloadedIntervals ?? 0) + 1;
      let evaluations = evaluatePool(pool.kernel, agents, lambda * aht, aht, patience, tgt);
      if (retry > 0) {
        for (let it = 0; it < 6; it++) {
          lambda = lambdaFresh / (1 - retry * mixed[INTO_ABANDON]!);
          evaluations += evaluatePool(pool.kernel, agents, lambda * aht, aht, patience, tgt);
        }
      }
      if (count) {
        count.kernelEvaluations += evaluations;
        if (count.waited !== undefined) count.waited += lambda * T * mixed[INTO_WAIT]!;
      }
      const offered = lambda * T;
      const answered = offered * mixed[INTO_ANSWER_RATE]!;
      offeredSum += offered;
      answeredSum += answered;
      abandoned += offered * mixed[INTO_ABANDON]!;
      withinTarget += offered * mixed[INTO_SERVICE_LEVEL]!;
      waitAnswered += answered * mixed[INTO_ASA]!;
      waitAll += offered * mixed[INTO_MEAN_WAIT]!;
      busy += answered * aht;
      retrials += offered - lambdaFresh * T;
    }
    if (perInterval && start) {
      const now = [offeredSum, answeredSum, abandoned, withinTarget, waitAnswered, waitAll, busy, onDuty, selfService, retrials];
      const t = emptyTally();
      t.offered = now[0]! - start[0]!; t.answered = now[1]! - start[1]!; t.abandoned = now[2]! - start[2]!;
      t.answeredWithinTarget = now[3]! - start[3]!; t.waitAnsweredSeconds = now[4]! - start[4]!; t.waitAllSeconds = now[5]! - start[5]!;
      t.busySeconds = now[6]! - start[6]!; t.onDutySeconds = now[7]! - start[7]!; t.selfServiceCompleted = now[8]! - start[8]!;
      t.retrials = now[9]! - start[9]!; t.durationSeconds = T;
      perInterval.push(t);
      start.set(now);
    }
  }
  const tally = emptyTally();
  tally.offered = offeredSum;
  tally.answered = answeredSum;
  tally.abandoned = abandoned;
  tally.answeredWithinTarget = withinTarget;
  tally.waitAnsweredSeconds = waitAnswered;
  tally.waitAllSeconds = waitAll;
  tally.busySeconds = busy;
  tally.onDutySeconds = onDuty;
  tally.selfServiceCompleted = selfService;
  tally.retrials = retrials;
  tally.durationSeconds = K * T;
  return tally;
}

/** A running count of kernel (M/M/N+G, Erlang A or C) evaluations, for throughput figures, and of intervals the kernels cannot describe. */
export interface KernelCount {
  kernelEvaluations: number;
  /** intervals where callers never abandon and the load reaches the agents (Erlang C has no steady state) */
  overloadedIntervals?: number;
  /**
   * When given, the contacts that waited (offered × P(wait), per run and day as the tally's
   * counts, before scale factors) are added to it: P(abandon | wait) = abandoned / waited
   */
  waited?: number;
}

/**
 * Figures that are undefined when some interval is overloaded without patience: the queue's
 * (no steady state). Offered, self-service and agents stay defined.
 */
export const UNDEFINED_IN_OVERLOAD = ['answered', 'abandoned', 'answerRate', 'serviceLevel', 'slAnswered', 'asa', 'meanWait', 'pAbandon', 'occupancy'] as const satisfies readonly (keyof Figures)[];

/** One queue (a pool of channels sharing agents) in one interval, as the kernels see it. */
export interface IntervalLoad {
  /** agents on duty (the pool's groups; fractional when the plan's agents are) */
  agents: number;
  /** arrivals per second that reach the agents (after self-service; redials not counted) */
  arrivalsPerSecond: number;
  /** volume-weighted mean handle time of the pool's channels, seconds */
  ahtSeconds: number;
  /** volume-weighted mean patience, seconds; undefined when a channel of the pool has none (Erlang C) */
  patienceSeconds: number | undefined;
  /** volume-weighted service-level threshold T, seconds */
  targetSeconds: number;
  /** the pool's channels, by name */
  channels: string[];
}

/**
 * The kernels' inputs per interval and pool ([interval][pool]) of a one-day model: what
 * `analyticTally` evaluates, for staffing an interval (required agents) or showing its load.
 * Intervals without arrivals have arrivalsPerSecond 0 and the means of the channels' constants.
 * @example intervalLoads(plan.runs[0].model, plan.runs[0].onDutyExact)[20][0].arrivalsPerSecond
 */
export function intervalLoads(model: Model, onDutyExact?: readonly (readonly number[])[]): IntervalLoad[][] {
  const K = model.channels[0]?.arrivalRatePerSecond.length ?? 0;
  const pools = poolsOf(model);
  const out: IntervalLoad[][] = [];
  for (let i = 0; i < K; i++) {
    out.push(pools.map((pool) => {
      let agents = 0;
      for (const g of pool.groups) agents += (onDutyExact?.[g] ?? model.groups[g]!.onDuty)[i] ?? 0;
      let lambda = 0, aht = 0, patience = 0, target = 0;
      const constants = pool.channels.map((c) => channelConstants(model, c));
      for (const ch of constants) {
        const l = (ch.rates[i] ?? 0) * (1 - ch.selfServiceShare);
        lambda += l; aht += l * ch.aht; patience += l * ch.patience; target += l * ch.target;
      }
      const mean = (sum: number, pick: (c: (typeof constants)[number]) => number) => (lambda > 0 ? sum / lambda : constants.reduce((a, c) => a + pick(c), 0) / constants.length);
      return {
        agents, arrivalsPerSecond: lambda, ahtSeconds: mean(aht, (c) => c.aht),
        patienceSeconds: pool.channels.every((c) => model.channels[c]!.patience) ? mean(patience, (c) => c.patience) : undefined,
        targetSeconds: mean(target, (c) => c.target), channels: pool.channels.map((c) => model.channels[c]!.name),
      };
    }));
  }
  return out;
}

interface Pool {
  channels: number[];
  groups: number[];
}

/** A pool's kernel from its channels' patience, a mixture weighted by their agent-directed volume over the run. */
function kernelOf(model: Model, pool: Pool): PoolKernel {
  const volumes = pool.channels.map((c) => {
    const ch = model.channels[c]!;
    const share = 1 - (ch.selfService?.share ?? 0);
    return ch.arrivalRatePerSecond.reduce((a, r) => a + r * share, 0);
  });
  return poolKernel(pool.channels.map((c) => model.channels[c]!.patience), volumes);
}

/**
 * The kernels a plan's analytic model uses, in words (one per distinct pool model), e.g.
 * "M/M/N+G (lognormal, mean 120 s, CV 2.5)" or "Erlang A (exponential patience)".
 */
export function analyticModelName(plan: Plan): string {
  const names = new Set<string>();
  for (const r of plan.runs) for (const pool of poolsOf(r.model)) names.add(kernelName(kernelOf(r.model, pool)));
  return [...names].join('; ');
}

/** A channel's per-interval arrival rates and its constants, read once per run (seconds, fractions). */
function channelConstants(model: Model, c: number) {
  const ch = model.channels[c]!;
  return {
    rates: ch.arrivalRatePerSecond,
    selfServiceShare: ch.selfService?.share ?? 0,
    aht: meanOf(ch.handleTime),
    patience: ch.patience ? meanOf(ch.patience) : 0,
    retrial: ch.retrial?.probability ?? 0,
    target: ch.targetSeconds,
  };
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

/**
 * What the plan's kernels leave out that its simulation models, in words (empty when they model
 * the same thing): interval-level over-dispersion (`rateCv`), handle times that are not
 * exponential, and always the queue carried from one interval to the next.
 */
export function analyticCaveats(plan: Plan): string[] {
  const out: string[] = [];
  const channels = plan.runs[0]?.model.channels ?? [];
  const dispersed = channels.filter((c) => (c.rateCv ?? 0) > 0).map((c) => `${c.name} (rateCv ${c.rateCv})`);
  if (dispersed.length > 0) out.push(`interval-level over-dispersion of arrivals is simulated only: ${dispersed.join(', ')}`);
  const shaped = channels.filter((c) => c.handleTime.kind !== 'exponential').map((c) => `${c.name} (${c.handleTime.kind})`);
  if (shaped.length > 0) out.push(`handle times enter the kernels by their mean only (the kernels assume exponential): ${shaped.join(', ')}`);
  out.push('each interval is a steady state: the kernels carry no queue from one interval to the next');
  return out;
}

/** Tallies of a plan's runs, each scaled to the period, and their sum. */
export interface ScaledTallies {
  /** one per run, already multiplied by the run's scale */
  byRun: Tally[];
  total: Tally;
}

/** Multiplies every field of a tally by a factor, the duration by `durationFactor` (a copy; engine/stats). */
export { scaleTally };

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

/**
 * P(abandon | wait) of the whole plan by the kernels: abandoned / contacts that waited, each
 * summed over every interval of every run with the runs' scale factors.
 */
export function analyticAbandonGivenWait(plan: Plan): number {
  let abandoned = 0;
  let waited = 0;
  for (const r of plan.runs) {
    const count = { kernelEvaluations: 0, waited: 0 };
    abandoned += analyticTally(r.model, r.onDutyExact, count).abandoned * r.scale;
    waited += count.waited * r.scale;
  }
  return waited > 0 ? abandoned / waited : 0;
}

/**
 * The analytic (period-by-period M/M/N+G, Erlang A or C) figures of a whole plan (kernel evaluations added to
 * `count` when given). `overloadedIntervals`: intervals (of the representative days) where
 * callers never abandon and the load reaches the agents; when > 0, the figures of
 * UNDEFINED_IN_OVERLOAD are not steady-state values (Erlang C's answer rate 1 would put
 * occupancy over 100%): a report shows them as "overloaded".
 */
export function analyticPlan(plan: Plan, count?: KernelCount): { figures: Figures; total: Tally; byRun: Tally[]; overloadedIntervals: number } {
  const c: KernelCount = count ?? { kernelEvaluations: 0 };
  const before = c.overloadedIntervals ?? 0;
  const { byRun, total } = scaleUp(plan, plan.runs.map((r) => analyticTally(r.model, r.onDutyExact, c)));
  return { figures: figuresOf(total), total, byRun, overloadedIntervals: (c.overloadedIntervals ?? 0) - before };
}

/**
 * The figures a report may show: `figures` with those of UNDEFINED_IN_OVERLOAD set to NaN when
 * some interval was overloaded without patience (no steady state there), else `figures` itself.
 * @example definedFigures(analyticPlan(plan)).occupancy // NaN when overloaded, never 52.14
 */
export function definedFigures(r: { figures: Figures; overloadedIntervals: number }): Figures {
  if (r.overloadedIntervals === 0) return r.figures;
  const out = { ...r.figures };
  for (const k of UNDEFINED_IN_OVERLOAD) out[k] = NaN;
  return out;
}
