/**
 * Intraday series of a plan: for each run (one centre of a class on one day of a type; the
 * day-volume variants of `dayTypes[].volumeCv` together, weighted by their probabilities), per
 * interval, contacts offered / answered / abandoned and the service level — the kernels'
 * expected values and, when the plan was simulated with `intervals`, the simulated means with
 * 95% half-widths across replications — beside the agents on duty and the agents the kernels
 * need to reach the service-level goal.
 *
 * Required agents per interval: the fewest agents on duty with SL(T) ≥ slTarget for that
 * interval's arrivals to agents (after self-service, redials not counted), mean handle time
 * and patience — Erlang A (Erlang C for a pool without patience), one queue per pool of
 * channels sharing agents, summed over pools. slTarget is the scenario's `serviceLevel`
 * target when it has one, else 0.8 (the 80/20 convention of the channel's threshold T).
 */
import { solveAgents } from '../../../engine/erlang/index.js';
import { addTally, emptyTally, figuresOf, scaleTally, type Tally } from '../../../engine/stats/figures.js';
import { summarize } from '../../../engine/stats/summarize.js';
import { analyticTally, intervalLoads, type IntervalLoad } from '../../plan/analytic.js';
import type { Plan } from '../../plan/build.js';
import type { Scenario } from '../../format/schema.js';
import type { Band, ChannelSeries, IntradaySection, IntradaySeries } from './document.js';

/** One side of the intraday charts: a plan and, when simulated with `intervals`, its tallies [replication][run][interval][channel]. */
export interface IntradaySide {
  name: string;
  plan: Plan;
  intervals?: readonly (readonly (readonly (readonly Tally[])[])[])[];
}

/** The service-level goal of a scenario's intraday charts: its serviceLevel target, else 80%. */
export function serviceLevelGoal(s: Scenario): { slTarget: number; source: string } {
  const t = s.targets?.find((x) => x.figure === 'serviceLevel');
  return t ? { slTarget: t.value, source: `the scenario's serviceLevel target${t.source ? ` (${t.source})` : ''}` } : { slTarget: 0.8, source: 'the 80/20 convention (the scenario has no serviceLevel target)' };
}

/**
 * The intraday section of one or two sides (sides share the scenario's runs: same classes and day types).
 * @throws {RangeError} sides whose plans have different runs
 */
export function intradaySection(scenario: Scenario, sides: readonly IntradaySide[]): IntradaySection {
  const first = sides[0]!.plan;
  for (const side of sides) {
    if (side.plan.runs.length !== first.runs.length) throw new RangeError(`intradaySection: side ${side.name} has ${side.plan.runs.length} runs, not ${first.runs.length}`);
  }
  const goal = serviceLevelGoal(scenario);
  const targetSeconds = scenario.channels[0]?.targetSeconds ?? 20;
  // the day-volume variants of a (class, day type) (dayTypes[].volumeCv) are one chart: their
  // expected day, each variant weighted by its probability
  const groups: number[][] = [];
  first.runs.forEach((run, i) => {
    const g = groups.find((x) => first.runs[x[0]!]!.centreClass === run.centreClass && first.runs[x[0]!]!.dayType === run.dayType);
    if (g) g.push(i);
    else groups.push([i]);
  });
  return {
    kind: 'intraday',
    intervalSeconds: scenario.intervalSeconds,
    slTarget: goal.slTarget,
    slTargetSource: goal.source,
    targetSeconds,
    sides: sides.map((s) => s.name),
    runs: groups.map((g) => {
      const run = first.runs[g[0]!]!;
      return {
        centreClass: run.centreClass,
        dayType: run.dayType,
        centres: run.centres,
        days: run.days,
        sides: sides.map((side) => [{ channel: 'all', data: runSeries(side, g, goal.slTarget) }] satisfies ChannelSeries<IntradaySeries>[]),
      };
    }),
  };
}

/**
 * The series of runs `g` of one side (one run, or the day-volume variants of one class and day
 * type, weighted by their probabilities), all channels together.
 */
function runSeries(side: IntradaySide, g: readonly number[], slTarget: number): IntradaySeries {
  const run = side.plan.runs[g[0]!]!;
  const expected: Tally[] = [];
  const required: number[] = [];
  for (const i of g) {
    const r = side.plan.runs[i]!;
    const perInterval: Tally[] = [];
    analyticTally(r.model, r.onDutyExact, undefined, perInterval);
    perInterval.forEach((t, k) => (expected[k] = addTally(expected[k] ?? emptyTally(), scaleTally(t, r.weight))));
    intervalLoads(r.model, r.onDutyExact).forEach((pools, k) => {
      required[k] = (required[k] ?? 0) + r.weight * pools.reduce((a, p) => a + requiredOf(p, slTarget), 0);
    });
  }
  const kernels = expected.map(figuresOf);
  const loads = intervalLoads(run.model, run.onDutyExact);
  const out: IntradaySeries = {
    kernels: {
      offered: kernels.map((f) => f.offered),
      answered: kernels.map((f) => f.answered),
      abandoned: kernels.map((f) => f.abandoned),
      serviceLevel: kernels.map((f) => f.serviceLevel),
    },
    // the schedule follows the forecast, not the day's volume: the same agents in every variant
    agents: loads.map((pools) => pools.reduce((a, p) => a + p.agents, 0)),
    requiredAgents: required,
  };
  if (side.intervals) {
    // per replication, per interval: the channels' tallies summed (the variants' weighted)
    const perRep = side.intervals.map((rep) => {
      const sum: Tally[] = [];
      for (const i of g) {
        const w = side.plan.runs[i]!.weight;
        rep[i]!.forEach((channels, k) => (sum[k] = addTally(sum[k] ?? emptyTally(), scaleTally(channels.reduce((t, c) => addTally(t, c), emptyTally()), w))));
      }
      return sum.map(figuresOf);
    });
    const K = perRep[0]?.length ?? 0;
    const band = (pick: (f: ReturnType<typeof figuresOf>) => number): Band => {
      const mean: number[] = [];
      const ci95: number[] = [];
      for (let k = 0; k < K; k++) {
        const s = summarize(perRep.map((rep) => pick(rep[k]!)));
        mean.push(s.mean);
        ci95.push(s.halfWidth95);
      }
      return { mean, ci95 };
    };
    out.offered = band((f) => f.offered);
    out.answered = band((f) => f.answered);
    out.abandoned = band((f) => f.abandoned);
    out.serviceLevel = band((f) => f.serviceLevel);
  }
  return out;
}

/**
 * Fewest agents a pool needs for SL(T) ≥ slTarget: Erlang A (or C) on its load; for a chat pool,
 * the session slots at full concurrency (each session's mean time AHT·(1 + slowdown·(c − 1)))
 * divided among agents of c slots, rounded up — conservative below full concurrency.
 */
function requiredOf(p: IntervalLoad, slTarget: number): number {
  if (!p.chat) return requiredAgents(p.arrivalsPerSecond * p.ahtSeconds, p.ahtSeconds, p.patienceSeconds, p.targetSeconds, slTarget);
  const full = p.ahtSeconds * (1 + p.chat.slowdown * (p.chat.concurrency - 1));
  return Math.ceil(requiredAgents(p.arrivalsPerSecond * full, full, p.patienceSeconds, p.targetSeconds, slTarget) / p.chat.concurrency);
}

/** Fewest agents with SL(T) ≥ slTarget (Erlang A, or C without patience); 0 without load. */
function requiredAgents(erlangs: number, aht: number, patience: number | undefined, T: number, slTarget: number): number {
  if (!(erlangs > 0)) return 0;
  // the baseline side of a report repeats from one `serve` change to the next: each search once
  const key = `${erlangs} ${aht} ${patience} ${T} ${slTarget}`;
  let n = required.get(key);
  if (n === undefined) {
    n = solveAgents(patience !== undefined
      ? { model: 'erlang-a', erlangs, ahtSeconds: aht, patienceSeconds: patience, targetSeconds: T, slTarget }
      : { model: 'erlang-c', erlangs, ahtSeconds: aht, targetSeconds: T, slTarget }).requiredAgents;
    if (required.size >= 1 << 16) required.clear();
    required.set(key, n);
  }
  return n;
}
const required = new Map<string, number>();
