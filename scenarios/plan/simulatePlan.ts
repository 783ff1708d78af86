/**
 * Simulation of a plan: replication r runs every (centre class, day type) model once — in
 * independent parts with their warm-up (runParts.ts), part p of run i with task = i + p·runs
 * and replication = r (so each draws from its own streams and the result does not depend on
 * run order or threads) — scales each run's tallies by its scale factor and adds them into the
 * period's slices (planSlices: total, per channel, per group, per interval of the day);
 * figures come from those summed tallies (never by averaging ratios across centres).
 * Confidence intervals are across replications (Student's t).
 */
import { simulate, type RunTallies } from '../../engine/des/index.js';
import { figuresOf, GROUP_FIGURE_KEYS, groupFiguresOf } from '../../engine/stats/figures.js';
import type { Figures, GroupFigures, Tally } from '../../engine/stats/figures.js';
import { summarize } from '../../engine/stats/summarize.js';
import { summarizeFigures } from '../../engine/stats/summarizeFigures.js';
import type { Plan } from './build.js';
import { scaleUp } from './analytic.js';
import { addThinnedSelfService, mergeParts, runParts, warmupVolumesOf } from './runParts.js';
import { planSlices, type PlanSlices } from './slices.js';

export interface SimulationOptions {
  seed: string | number;
  replications: number;
  /** seconds discarded at the start of every one-day run (default 0: days start at midnight, nearly empty) */
  warmupSeconds?: number;
  /** also keep every run's per-interval tallies (`PlanSimulation.intervals`, for intraday charts) */
  intervals?: boolean;
  /** called after each (replication, run) pair, with the number done so far and the total (a progress bar) */
  onRun?: (done: number, total: number) => void;
}

/** Figures of one slice across replications: means, 95% half-widths and each replication's figures. */
export interface SliceSummary {
  figures: Figures;
  ci95: Figures;
  perReplication: Figures[];
}

export interface PlanSimulation {
  /** means over replications of the period's figures (all channels together) */
  figures: Figures;
  /** 95% half-widths of those means */
  ci95: Figures;
  /** each replication's period figures */
  perReplication: Figures[];
  /** each replication's period tally (scaled, summed over runs) */
  tallies: Tally[];
  /** [replication][run]: each run's scaled tally (for per-class aggregates) */
  byRunTallies: Tally[][];
  /** per run (class × day type): mean figures and half-widths of the scaled run */
  byRun: { figures: Figures; ci95: Figures }[];
  /** per channel, in scenario order: the period's figures across replications */
  byChannel: SliceSummary[];
  /** per agent group, in scenario order: occupancy, agents, contacts per busy agent across replications */
  byGroup: { figures: GroupFigures; ci95: GroupFigures }[];
  /** [interval of the day][channel]: the figures of every day's interval i, all centres, across replications */
  byInterval: { figures: Figures; ci95: Figures }[][];
  /** [replication]: the period's slices */
  slices: PlanSlices[];
  /**
   * With `options.intervals`: [replication][run][interval][channel] tallies of one centre of
   * the run's class on one day of its type (unscaled), the day folded onto its intervals.
   */
  intervals?: Tally[][][][];
  /**
   * Per channel, contacts waiting for an agent at the start of the measured day (after the
   * warm-up: the carried backlog) and at its end, per centre: the mean over the replications of
   * the runs' values weighted by their centre-days. In steady state the two agree.
   */
  carriedBacklog: { start: number[]; end: number[] };
  replications: number;
  /** contacts generated, all runs and replications (before self-service; warm-up days included) */
  arrivals: number;
  /** wall-clock seconds of simulation */
  seconds: number;
}

/** One replication of one run: its parts simulated on this thread and merged. */
export function simulateRun(plan: Plan, runIndex: number, replication: number, o: Omit<SimulationOptions, 'replications'>): { tallies: RunTallies; arrivals: number } {
  const run = plan.runs[runIndex]!;
  const parts = runParts(run.model, runIndex, plan.runs.length, { warmupSeconds: o.warmupSeconds ?? 0, backlogWarmupDays: plan.backlogWarmupDays, warmupVolumes: warmupVolumesOf(plan.runs, runIndex) });
  let arrivals = 0;
  const tallies = parts.map((part) => {
    const res = simulate(part.model, { seed: o.seed, task: part.task, replication, warmupSeconds: part.warmupSeconds, ...(part.warmupVolume ? { warmupVolume: part.warmupVolume } : {}) });
    arrivals += res.arrivals + addThinnedSelfService(part, res.tallies, o.seed, replication);
    return res.tallies;
  });
  return { tallies: mergeParts(run.model, parts, tallies), arrivals };
}

/**
 * Simulates `replications` replications of every run of a plan and scales them up.
 * @throws {ModelError} a model the simulator rejects; {RangeError} a bad option
 */
export function simulatePlan(plan: Plan, options: SimulationOptions): PlanSimulation {
  const started = performance.now();
  const runTallies: RunTallies[][] = [];
  let arrivals = 0;
  for (let r = 0; r < options.replications; r++) {
    runTallies.push(plan.runs.map((_, i) => {
      const res = simulateRun(plan, i, r, options);
      arrivals += res.arrivals;
      options.onRun?.(r * plan.runs.length + i + 1, options.replications * plan.runs.length);
      return res.tallies;
    }));
  }
  return combinePlanReplications(plan, runTallies, arrivals, (performance.now() - started) / 1000, options.intervals === true);
}

/**
 * The `PlanSimulation` of unscaled run tallies `runTallies[replication][run]` (in plan order):
 * scaled up per replication, figures from the summed tallies, means and half-widths across
 * replications. Runs simulated elsewhere (e.g. on worker threads) combine to exactly what
 * `simulatePlan` returns. `intervals`: keep the runs' per-interval tallies (`PlanSimulation.intervals`).
 */
export function combinePlanReplications(
  plan: Plan, runTallies: readonly (readonly RunTallies[])[], arrivals: number, seconds: number, intervals = false,
): PlanSimulation {
  const perReplication: Figures[] = [];
  const tallies: Tally[] = [];
  const perRun: Figures[][] = plan.runs.map(() => []);
  const byRunTallies: Tally[][] = [];
  const slices: PlanSlices[] = [];
  for (const replication of runTallies) {
    const scaled = scaleUp(plan, replication.map((t) => t.total));
    scaled.byRun.forEach((t, i) => perRun[i]!.push(figuresOf(t)));
    byRunTallies.push(scaled.byRun);
    tallies.push(scaled.total);
    perReplication.push(figuresOf(scaled.total));
    slices.push(planSlices(plan, replication));
  }
  const s = summarizeFigures(perReplication);
  const C = plan.runs[0]?.model.channels.length ?? 0;
  const G = plan.runs[0]?.model.groups.length ?? 0;
  const K = slices[0]?.byInterval.length ?? 0;
  const summary = (figures: Figures[]) => {
    const x = summarizeFigures(figures);
    return { figures: x.figures, ci95: x.ci95 };
  };
  const byChannel = Array.from({ length: C }, (_, c) => {
    const per = slices.map((sl) => figuresOf(sl.byChannel[c]!));
    return { ...summary(per), perReplication: per };
  });
  const byGroup = Array.from({ length: G }, (_, g) => {
    const per = slices.map((sl) => groupFiguresOf(sl.byGroup[g]!));
    const figures = {} as GroupFigures, ci95 = {} as GroupFigures;
    for (const key of GROUP_FIGURE_KEYS) {
      const x = summarize(per.map((f) => f[key]));
      figures[key] = x.mean; ci95[key] = x.halfWidth95;
    }
    return { figures, ci95 };
  });
  const byInterval = Array.from({ length: K }, (_, i) => Array.from({ length: C }, (__, c) => summary(slices.map((sl) => figuresOf(sl.byInterval[i]![c]!)))));
  const carriedBacklog = { start: new Array<number>(C).fill(0), end: new Array<number>(C).fill(0) };
  let weight = 0;
  plan.runs.forEach((run) => (weight += run.scale));
  for (const replication of runTallies) {
    replication.forEach((t, i) => {
      const w = plan.runs[i]!.scale / (weight * runTallies.length);
      for (let c = 0; c < C; c++) {
        carriedBacklog.start[c]! += t.startBacklog[c]! * w;
        carriedBacklog.end[c]! += t.endBacklog[c]! * w;
      }
    });
  }
  return {
    figures: s.figures,
    ci95: s.ci95,
    perReplication,
    tallies,
    byRunTallies,
    byRun: perRun.map(summary),
    byChannel,
    byGroup,
    byInterval,
    slices,
    ...(intervals ? { intervals: runTallies.map((rep) => rep.map((t) => t.byInterval)) } : {}),
    carriedBacklog,
    replications: runTallies.length,
    arrivals,
    seconds,
  };
}
