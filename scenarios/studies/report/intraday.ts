/**
 * Intraday series of a plan: for each run (one centre of a class on one day of a type; the
 * day-volume variants of `dayTypes[].volumeCv` together, weighted by their probabilities), per
 * interval, contacts offered / answered / abandoned and the service figure — the kernels'
 * expected values and, when the plan was simulated with `intervals`, the simulated means with
 * 95% half-widths across replications — beside the agents on duty and the agents the kernels
 * need to reach the goal; all channels together and, with several channels, each channel.
 *
 * Each channel's service figure is its own (IntradayGoal): voice and video `serviceLevel` =
 * answered within the channel's T / offered, chat the same with the first response, deferred
 * work `handledWithinDeadline` = completed within its deadline / handled (simulation only: the
 * kernels give deferred work nothing). All channels together: each contact against its own
 * channel's T.
 *
 * Required agents per interval: per pool of real-time channels sharing agents (the kernels'
 * pools, analytic.ts), the fewest agents on duty with SL(T) ≥ the pool's goal for that
 * interval's arrivals to agents (after self-service, redials not counted), mean handle time and
 * patience — Erlang A (Erlang C for a pool without patience); a chat pool by its session slots
 * (`requiredOf`). All channels: the sum over pools (deferred work not included: no kernel).
 * A pool's goal: the first of its channels' own `serviceLevel` targets, else the scenario's
 * `serviceLevel` target of all channels, else 0.8 (the 80/20 convention of the channel's T).
 */
import { solveAgents } from '../../../engine/erlang/index.js';
import { addTally, emptyTally, figuresOf, type Figures, type Tally } from '../../../engine/stats/figures.js';
import { summarize } from '../../../engine/stats/summarize.js';
import { analyticRunTallies, intervalLoads, type IntervalLoad } from '../../plan/analytic.js';
import type { Plan } from '../../plan/build.js';
import type { Scenario } from '../../format/schema.js';
import { planKernels } from './channels.js';
import type { Band, ChannelSeries, IntradayGoal, IntradaySection, IntradaySeries } from './document.js';

/** One side of the intraday charts: a plan and, when simulated with `intervals`, its tallies [replication][run][interval][channel]. */
export interface IntradaySide {
  name: string;
  plan: Plan;
  intervals?: readonly (readonly (readonly (readonly Tally[])[])[])[];
}

/**
 * The service-level goal of a channel's pool (or of all channels): the scenario's
 * `serviceLevel` target on that channel, else on all channels together, else 80%.
 * @example serviceLevelGoal(s, 'voice') // { slTarget: 0.8, source: 'the 80/20 convention (…)' }
 */
export function serviceLevelGoal(s: Scenario, channel?: string): { slTarget: number; source: string } {
  const own = channel === undefined ? undefined : s.targets?.find((x) => x.figure === 'serviceLevel' && x.channel === channel);
  const t = own ?? s.targets?.find((x) => x.figure === 'serviceLevel' && x.channel === undefined);
  if (!t) return { slTarget: 0.8, source: 'the 80/20 convention (the scenario has no serviceLevel target)' };
  return { slTarget: t.value, source: `the scenario's serviceLevel${t.channel !== undefined ? `[${t.channel}]` : ''} target${t.source ? ` (${t.source})` : ''}` };
}

/** A pool's goal: the first of its channels' own serviceLevel targets, else the goal of all channels. */
function poolGoal(s: Scenario, channels: readonly string[]): { slTarget: number; source: string } {
  const c = channels.find((name) => s.targets?.some((x) => x.figure === 'serviceLevel' && x.channel === name));
  return serviceLevelGoal(s, c);
}

/** The goals of a scenario's series ('all', then each channel when it has several); `pools` names each pool's channels. */
function goalsOf(s: Scenario, pools: readonly (readonly string[])[]): IntradayGoal[] {
  const T = s.channels[0]?.targetSeconds;
  const all = serviceLevelGoal(s);
  const goals: IntradayGoal[] = [{
    channel: 'all', figure: 'serviceLevel', ...(s.channels.every((c) => c.targetSeconds === T) && T !== undefined ? { seconds: T } : {}),
    target: all.slTarget, source: all.source,
  }];
  if (s.channels.length < 2) return goals;
  for (const c of s.channels) {
    if (c.kind === 'deferred') {
      const t = s.targets?.find((x) => x.figure === 'handledWithinDeadline' && x.channel === c.name) ?? s.targets?.find((x) => x.figure === 'handledWithinDeadline' && x.channel === undefined);
      goals.push({
        channel: c.name, figure: 'handledWithinDeadline', ...(c.deadlineSeconds !== undefined ? { seconds: c.deadlineSeconds } : {}),
        ...(t ? { target: t.value, source: `the scenario's handledWithinDeadline${t.channel !== undefined ? `[${t.channel}]` : ''} target${t.source ? ` (${t.source})` : ''}` } : { source: 'the scenario has no handledWithinDeadline target' }),
      });
      continue;
    }
    const pool = pools.find((p) => p.includes(c.name)) ?? [c.name];
    const g = poolGoal(s, pool);
    goals.push({ channel: c.name, figure: 'serviceLevel', seconds: c.targetSeconds, target: g.slTarget, source: g.source, pool: [...pool] });
  }
  return goals;
}

/**
 * The intraday section of one or two sides (sides share the scenario's runs: same classes and
 * day types; the goals are the first side's scenario's).
 * @throws {RangeError} sides whose plans have different runs
 */
export function intradaySection(scenario: Scenario, sides: readonly IntradaySide[]): IntradaySection {
  const first = sides[0]!.plan;
  for (const side of sides) {
    if (side.plan.runs.length !== first.runs.length) throw new RangeError(`intradaySection: side ${side.name} has ${side.plan.runs.length} runs, not ${first.runs.length}`);
  }
  // the day-volume variants of a (class, day type) (dayTypes[].volumeCv) are one chart: their
  // expected day, each variant weighted by its probability
  const groups: number[][] = [];
  first.runs.forEach((run, i) => {
    const g = groups.find((x) => first.runs[x[0]!]!.centreClass === run.centreClass && first.runs[x[0]!]!.dayType === run.dayType);
    if (g) g.push(i);
    else groups.push([i]);
  });
  const pools = first.runs[0] ? (intervalLoads(first.runs[0].model, first.runs[0].onDutyExact)[0] ?? []).map((p) => p.channels) : [];
  const goals = goalsOf(scenario, pools);
  const goalOfPool = new Map(pools.map((p) => [p.join('\n'), poolGoal(scenario, p).slTarget]));
  return {
    kind: 'intraday',
    intervalSeconds: scenario.intervalSeconds,
    goals,
    sides: sides.map((s) => s.name),
    runs: groups.map((g) => {
      const run = first.runs[g[0]!]!;
      return {
        centreClass: run.centreClass,
        dayType: run.dayType,
        centres: run.centres,
        days: run.days,
        sides: sides.map((side) => {
          const make = () => runSeries(scenario, side, g, goals, (p) => goalOfPool.get(p.channels.join('\n')) ?? poolGoal(scenario, p.channels).slTarget);
          if (side.intervals) return make();
          // the kernels' series of a plan and goals are the same every time: `serve` reports the same baseline change after change
          const memo = kernelSeries.get(side.plan) ?? new Map<string, ChannelSeries<IntradaySeries>[]>();
          kernelSeries.set(side.plan, memo);
          const key = `${g.join(',')}|${goals.map((x) => `${x.channel}:${x.target}`).join(',')}|${[...goalOfPool.values()].join(',')}`;
          let series = memo.get(key);
          if (!series) memo.set(key, (series = make()));
          return series;
        }),
      };
    }),
  };
}

/**
 * Per channel and interval, the tallies of runs `g` weighted by their probabilities:
 * [channel][interval]. Only the fields of the charts' figures are summed (offered, answered,
 * abandoned, the service figures' numerators and denominators); the others stay 0. Written out:
 * a loop over the keys costs a `serve` change a tenth of its time.
 */
function weightedTallies(plan: Plan, g: readonly number[], perRun: (i: number) => readonly (readonly Tally[])[]): Tally[][] {
  const out: Tally[][] = [];
  for (const i of g) {
    const w = plan.runs[i]!.weight;
    perRun(i).forEach((channels, k) => channels.forEach((t, c) => {
      const into = ((out[c] ??= [])[k] ??= emptyTally());
      into.offered += w * t.offered; into.answered += w * t.answered; into.abandoned += w * t.abandoned;
      into.answeredWithinTarget += w * t.answeredWithinTarget; into.deferredHandled += w * t.deferredHandled; into.withinDeadline += w * t.withinDeadline;
    }));
  }
  return out;
}

/** The tallies of all channels together per interval ([interval]), from [channel][interval]. */
const allChannels = (byChannel: readonly (readonly Tally[])[]): Tally[] =>
  (byChannel[0] ?? []).map((_, k) => byChannel.reduce((t, row) => addTally(t, row[k]!), emptyTally()));

/** Mean and 95% half-width across replications of a figure per interval; figures [replication][interval]. */
function band(perRep: readonly (readonly Figures[])[], pick: (f: Figures) => number): Band {
  const K = perRep[0]?.length ?? 0;
  const mean: number[] = [];
  const ci95: number[] = [];
  for (let k = 0; k < K; k++) {
    const s = summarize(perRep.map((rep) => pick(rep[k]!)));
    mean.push(s.mean);
    ci95.push(s.halfWidth95);
  }
  return { mean, ci95 };
}

/**
 * The series of runs `g` of one side (one run, or the day-volume variants of one class and day
 * type, weighted by their probabilities): all channels, then each channel when there are several.
 */
function runSeries(s: Scenario, side: IntradaySide, g: readonly number[], goals: readonly IntradayGoal[], poolTarget: (p: IntervalLoad) => number): ChannelSeries<IntradaySeries>[] {
  const plan = side.plan;
  const run = plan.runs[g[0]!]!;
  const model = run.model;
  const C = model.channels.length;
  const kernels = planKernels(s, plan);
  // the kernels' tallies [channel][interval] and the required agents per pool [pool][interval]
  const expected = weightedTallies(plan, g, (i) => analyticRunTallies(plan.runs[i]!.model, { onDutyExact: plan.runs[i]!.onDutyExact }).byInterval);
  const loads = intervalLoads(model, run.onDutyExact);
  const poolChannels = (loads[0] ?? []).map((p) => p.channels);
  const need: number[][] = poolChannels.map(() => []);
  for (const i of g) {
    const r = plan.runs[i]!;
    intervalLoads(r.model, r.onDutyExact).forEach((pools, k) => pools.forEach((p, j) => {
      need[j]![k] = (need[j]![k] ?? 0) + r.weight * requiredOf(p, poolTarget(p));
    }));
  }
  // agents on duty per group and interval: the schedule follows the forecast, not the day's volume (the same in every variant)
  const duty = model.groups.map((grp, j) => run.onDutyExact[j] ?? grp.onDuty);
  const K = loads.length;
  const dutyOf = (groups: readonly number[]) => Array.from({ length: K }, (_, k) => groups.reduce((a, j) => a + (duty[j]![k] ?? 0), 0));
  // the simulated tallies per replication: [replication][channel][interval]
  const simulated = side.intervals?.map((rep) => weightedTallies(plan, g, (i) => rep[i]!));
  const series = (figure: IntradayGoal['figure'], exp: Tally[] | undefined, sim: Tally[][] | undefined): Omit<IntradaySeries, 'agents'> => {
    const out: Omit<IntradaySeries, 'agents'> = {};
    if (exp) {
      const f = exp.map(figuresOf);
      out.kernels = { offered: f.map((x) => x.offered), answered: f.map((x) => x.answered), abandoned: f.map((x) => x.abandoned), serviceLevel: f.map((x) => x[figure]) };
    }
    if (sim) {
      const perRep = sim.map((rep) => rep.map(figuresOf));
      out.offered = band(perRep, (x) => x.offered);
      out.answered = band(perRep, (x) => x.answered);
      out.abandoned = band(perRep, (x) => x.abandoned);
      out.serviceLevel = band(perRep, (x) => x[figure]);
    }
    return out;
  };
  const allGroups = model.groups.map((_, j) => j);
  const total = (rows: number[][]) => Array.from({ length: K }, (_, k) => rows.reduce((a, r) => a + (r[k] ?? 0), 0));
  const all: IntradaySeries = {
    ...series('serviceLevel', allChannels(expected), simulated?.map(allChannels)),
    agents: dutyOf(allGroups),
    requiredAgents: total(need),
  };
  if (poolChannels.length > 1) all.pools = poolChannels.map((channels, j) => ({ channels, agents: loads.map((pools) => pools[j]!.agents), requiredAgents: need[j]! }));
  const out: ChannelSeries<IntradaySeries>[] = [{ channel: 'all', data: all }];
  if (C < 2) return out;
  model.channels.forEach((ch, c) => {
    const goal = goals.find((x) => x.channel === ch.name);
    const figure = goal?.figure ?? 'serviceLevel';
    const pool = poolChannels.findIndex((p) => p.includes(ch.name));
    out.push({
      channel: ch.name,
      data: {
        ...series(figure, kernels[c]!.status === 'none' ? undefined : expected[c], simulated?.map((rep) => rep[c]!)),
        agents: dutyOf(allGroups.filter((x) => model.groups[x]!.skills.includes(ch.name))),
        ...(pool >= 0 && ch.kind !== 'deferred' ? { requiredAgents: need[pool]! } : {}),
      },
    });
  });
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

/**
 * The kernels' series already made, per plan (a plan is never changed once built) and per runs
 * and goals: plain data, shared by the documents that show them.
 */
const kernelSeries = new WeakMap<Plan, Map<string, ChannelSeries<IntradaySeries>[]>>();
