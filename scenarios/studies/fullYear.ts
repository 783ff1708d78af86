/**
 * The full year (`ccsim simulate FILE --full-year`): every call of the scenario's period, centre by centre,
 * day by day — every centre of every class (not one representative), every day of every day
 * type — spread over worker threads, summed into the year's tally, and printed beside the
 * report's figures (the scenario's targets) and the calibrated model's mean ± 95% CI.
 *
 * Work. Centre-day g (numbered class by class, day type by day type, centre by centre, day
 * by day) is the one-day model of its (class, day type) run with stream task = g,
 * replication 0, so the year depends only on the seed; blocks of consecutive days of one
 * centre (~1 million agent calls each) are the tasks, merged in task order (the same bytes
 * for any worker count). Days start empty at midnight, as in the plan's representative runs —
 * except that a model's independent parts (channels sharing no agent, scenarios/plan/runParts.ts)
 * run separately (part p of centre-day g with task g + p·D, D the centre-days of the year), and
 * a part with deferred work runs `backlogWarmupDays` days in front of each day and discards
 * them, so each day starts with its carried backlog (as the representative runs do, warm-up
 * days of random volume when the day type has several, scenarios/plan/runParts.ts).
 * Agent-directed calls are simulated one by one; self-service completions are drawn as one
 * exact Poisson count per centre-day (engine/parallel/tasks/fullYear.ts explains why that is
 * exact).
 */
import { availableParallelism } from 'node:os';
import { openPool, TASK_MODULES, type Task } from '../../engine/parallel/index.js';
import { thinSelfService, type FullYearDaysInput, type FullYearDaysOutput } from '../../engine/parallel/tasks/fullYear.js';
import { addTally, emptyTally, figuresOf, type Figures, type Tally } from '../../engine/stats/figures.js';
import { buildPlan, totalStaff, wholeDays } from '../plan/build.js';
import { componentsOf, warmupVolumesOf } from '../plan/runParts.js';
import { backlogWarmup, type Model } from '../../engine/des/index.js';
import type { Scenario } from '../format/schema.js';
import type { ProgressSink } from './progress.js';
import { simulatePlan } from '../plan/simulatePlan.js';
import { modelCalls, planWork, type WorkEstimate } from '../plan/work.js';

/** Where the run reports centre-days done (the CLI's progress bar). */
export type FullYearProgress = ProgressSink;

export interface FullYearOptions {
  scenario: Scenario;
  seed: string | number;
  workers?: number;
  signal?: AbortSignal;
  /** makes the progress display (unit: centre-days; a model in independent parts counts each part's days) */
  progress?: (total: number) => FullYearProgress;
  /** agent calls per task (default 1e6) */
  callsPerTask?: number;
  /** also run the representative-day model's replications for its CI (default true) */
  withModel?: boolean;
}

/** One channel's figures (a slice of a full-year result). */
export interface ChannelFigures {
  channel: string;
  figures: Figures;
}

export interface FullYearResult {
  /** the year's figures, all channels together */
  figures: Figures;
  tally: Tally;
  /** per channel, in scenario order: the year's figures of that channel's contacts */
  byChannel: ChannelFigures[];
  /** per centre class: figures of all its centres over the year, all channels together and per channel */
  byClass: { centreClass: string; centres: number; figures: Figures; byChannel: ChannelFigures[] }[];
  centreDays: number;
  /** calls generated: agent-directed (simulated) + self-service (drawn) */
  calls: number;
  /** agent-directed arrivals simulated call by call */
  simulatedCalls: number;
  events: number;
  staff: number;
  seconds: number;
  workers: number;
  /** the representative-day model: mean ± 95% half-width over the scenario's replications, all channels and per channel (scenario order) */
  model?: { figures: Figures; ci95: Figures; replications: number; byChannel: { channel: string; figures: Figures; ci95: Figures }[] };
}

/**
 * The full year's work before it starts (plan/work.ts): every centre-day's calls (each run's
 * calls × centres × days), plus the representative-day replications of the model beside it.
 */
export function fullYearWork(scenario: Scenario, workers: number): WorkEstimate {
  const plan = buildPlan(scenario);
  const model = planWork(plan, scenario.simulation?.replications ?? 4, 1);
  let calls = 0;
  let centreDays = 0;
  // the days runFullYear simulates: a day type's days shared among its volume variants
  const daysOf = wholeDays(plan);
  plan.runs.forEach((run, r) => {
    calls += modelCalls(run.model) * run.centres * daysOf[r]!;
    centreDays += run.centres * daysOf[r]!;
  });
  const year = planWork(plan, 1, workers);
  return {
    calls: calls + model.calls,
    kernelIntervals: 0,
    runs: centreDays + model.runs,
    memoryBytes: Math.max(year.memoryBytes, model.memoryBytes),
    what: `${centreDays} centre-days and ${model.what} of the model`,
    ...(year.memoryWhy ? { memoryWhy: year.memoryWhy } : {}),
  };
}

/**
 * Runs the full year.
 * @throws {RangeError} a day type with a fractional number of days
 * @throws {TaskError | WorkerCrashError | AbortedError} see engine/parallel/pool.ts
 */
export async function runFullYear(o: FullYearOptions): Promise<FullYearResult> {
  const started = performance.now();
  const plan = buildPlan(o.scenario);
  const workers = o.workers ?? availableParallelism();
  const perTask = o.callsPerTask ?? 1e6;
  const tasks: Task<FullYearDaysInput>[] = [];
  const classOfTask: string[] = [];
  /** per task: the scenario index of each channel of its part (a part's tallies list only its own channels) */
  const channelsOfTask: number[][] = [];
  for (const run of plan.runs) {
    if (!Number.isInteger(run.days)) throw new RangeError(`--full-year needs whole days: day type ${run.dayType} has ${run.days} days`);
  }
  // a volume variant (dayTypes[].volumeCv) stands for its share of the day type's days
  const daysOf = wholeDays(plan);
  const runs = plan.runs.map((base, r) => ({ ...base, days: daysOf[r]! }));
  const centreDays = runs.reduce((a, r) => a + r.centres * r.days, 0);
  let ticks = 0;
  let g = 0;
  for (const run of runs) {
    const components = componentsOf(run.model);
    components.forEach((comp, p) => {
      const part: Model = components.length === 1 ? run.model : { ...run.model, channels: comp.channels.map((c) => run.model.channels[c]!), groups: comp.groups.map((x) => run.model.groups[x]!) };
      const lean = thinSelfService(part);
      const deferred = part.channels.some((c) => c.kind === 'deferred') && plan.backlogWarmupDays > 0;
      const warmed = deferred ? backlogWarmup(lean.model, plan.backlogWarmupDays) : { model: lean.model, warmupSeconds: 0 };
      const thinned = { model: warmed.model, selfServiceMean: lean.selfServiceMean };
      // the warm-up days' volumes drawn from the day type's (scenarios/plan/runParts.ts)
      const volumes = warmupVolumesOf(runs, runs.indexOf(run));
      const warmupVolume = warmed.warmupSeconds > 0 && volumes ? { warmupVolume: { untilSeconds: warmed.warmupSeconds, ...volumes } } : {};
      let agentCalls = 0;
      for (const ch of lean.model.channels) for (const r of ch.arrivalRatePerSecond) agentCalls += r * run.model.intervalSeconds;
      const block = Math.max(1, Math.min(run.days, Math.ceil(perTask / Math.max(1, agentCalls))));
      let id = g;
      for (let centre = 0; centre < run.centres; centre++) {
        for (let d = 0; d < run.days; d += block) {
          const n = Math.min(block, run.days - d);
          const ids = Array.from({ length: n }, (_, i) => id + i + p * centreDays);
          tasks.push({
            kind: 'full-year-days',
            input: { thinned, seed: o.seed, tasks: ids, ...(warmed.warmupSeconds > 0 ? { warmupSeconds: warmed.warmupSeconds } : {}), ...warmupVolume },
            label: `${run.centreClass} centre ${centre + 1} of ${run.centres}, ${run.dayType} days ${d + 1}–${d + n} of ${run.days} (centre-days ${id}–${id + n - 1}${components.length > 1 ? `, part ${p + 1} of ${components.length}` : ''})`,
          });
          classOfTask.push(run.centreClass);
          channelsOfTask.push(components.length === 1 ? run.model.channels.map((_, c) => c) : comp.channels);
          id += n;
          ticks += n;
        }
      }
    });
    g += run.centres * run.days;
  }
  const total = emptyTally();
  const byClass = new Map<string, Tally>();
  const channelCount = plan.runs[0]?.model.channels.length ?? 0;
  const emptyTallies = (): Tally[] => Array.from({ length: channelCount }, () => emptyTally());
  const byChannel = emptyTallies();
  const byClassChannel = new Map<string, Tally[]>();
  let calls = 0;
  let simulatedCalls = 0;
  let events = 0;
  let done = 0;
  const progress = o.progress?.(ticks);
  const pool = await openPool({ workers, modules: [TASK_MODULES.fullYear] });
  try {
    await pool.run<FullYearDaysOutput>(tasks, {
      maxAhead: 8 * workers,
      ...(o.signal ? { signal: o.signal } : {}),
      onProgress: () => progress?.update(++done),
      onResult: (i, r) => {
        addTally(total, r.sum);
        const cls = classOfTask[i]!;
        if (!byClass.has(cls)) byClass.set(cls, emptyTally());
        addTally(byClass.get(cls)!, r.sum);
        if (!byClassChannel.has(cls)) byClassChannel.set(cls, emptyTallies());
        const classChannels = byClassChannel.get(cls)!;
        channelsOfTask[i]!.forEach((c, k) => {
          addTally(byChannel[c]!, r.byChannel[k]!);
          addTally(classChannels[c]!, r.byChannel[k]!);
        });
        calls += r.arrivals;
        simulatedCalls += r.simulated;
        events += r.events;
      },
    });
  } finally {
    progress?.stop();
    await pool.close();
  }
  // Centres run side by side: the year's duration is the period, so `agents` is the mean on duty at any moment.
  total.durationSeconds = plan.periodDays * 86_400;
  for (const t of [...byClass.values(), ...byChannel, ...[...byClassChannel.values()].flat()]) t.durationSeconds = plan.periodDays * 86_400;
  const names = o.scenario.channels.map((c) => c.name);
  const channelFigures = (ts: Tally[] | undefined): ChannelFigures[] => names.map((channel, c) => ({ channel, figures: figuresOf(ts?.[c] ?? emptyTally()) }));
  const result: FullYearResult = {
    figures: figuresOf(total),
    tally: total,
    byChannel: channelFigures(byChannel),
    byClass: o.scenario.centreClasses.map((c) => ({
      centreClass: c.name,
      centres: c.centres,
      figures: figuresOf(byClass.get(c.name) ?? emptyTally()),
      byChannel: channelFigures(byClassChannel.get(c.name)),
    })),
    centreDays,
    calls,
    simulatedCalls,
    events,
    staff: totalStaff(o.scenario),
    seconds: (performance.now() - started) / 1000,
    workers,
  };
  if (o.withModel ?? true) {
    const replications = o.scenario.simulation?.replications ?? 4;
    const m = simulatePlan(plan, { seed: o.seed, replications, warmupSeconds: o.scenario.simulation?.warmupSeconds ?? 0 });
    result.model = { figures: m.figures, ci95: m.ci95, replications, byChannel: m.byChannel.map((x, c) => ({ channel: names[c]!, figures: x.figures, ci95: x.ci95 })) };
  }
  return result;
}
