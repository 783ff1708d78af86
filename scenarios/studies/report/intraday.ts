/**
 * Intraday series of a plan: for each run (one centre of a class on one day of a type), per
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
import { addTally, emptyTally, figuresOf, type Tally } from '../../../engine/stats/figures.js';
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
  return {
    kind: 'intraday',
    intervalSeconds: scenario.intervalSeconds,
    slTarget: goal.slTarget,
    slTargetSource: goal.source,
    targetSeconds,
    sides: sides.map((s) => s.name),
    runs: first.runs.map((run, i) => ({
      centreClass: run.centreClass,
      dayType: run.dayType,
      centres: run.centres,
      days: run.days,
      sides: sides.map((side) => [{ channel: 'all', data: runSeries(side, i, goal.slTarget) }] satisfies ChannelSeries<IntradaySeries>[]),
    })),
  };
}

/** The series of run `i` of one side, all channels together. */
function runSeries(side: IntradaySide, i: number, slTarget: number): IntradaySeries {
  const run = side.plan.runs[i]!;
  const perInterval: Tally[] = [];
  analyticTally(run.model, run.onDutyExact, undefined, perInterval);
  const kernels = perInterval.map(figuresOf);
  const loads = intervalLoads(run.model, run.onDutyExact);
  const out: IntradaySeries = {
    kernels: {
      offered: kernels.map((f) => f.offered),
      answered: kernels.map((f) => f.answered),
      abandoned: kernels.map((f) => f.abandoned),
      serviceLevel: kernels.map((f) => f.serviceLevel),
    },
    agents: loads.map((pools) => pools.reduce((a, p) => a + p.agents, 0)),
    requiredAgents: loads.map((pools) => pools.reduce((a, p) => a + requiredOf(p, slTarget), 0)),
  };
  if (side.intervals) {
    // per replication, per interval: the channels' tallies summed
    const perRep = side.intervals.map((rep) => rep[i]!.map((channels) => figuresOf(channels.reduce((t, c) => addTally(t, c), emptyTally()))));
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
  return solveAgents(patience !== undefined
    ? { model: 'erlang-a', erlangs, ahtSeconds: aht, patienceSeconds: patience, targetSeconds: T, slTarget }
    : { model: 'erlang-c', erlangs, ahtSeconds: aht, targetSeconds: T, slTarget }).requiredAgents;
}
