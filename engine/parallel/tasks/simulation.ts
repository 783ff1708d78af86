/**
 * Worker handlers for the simulator: one replication of one model (`des-run`), or several
 * one-day runs whose tallies are summed (`des-runs`). Inputs are plain data (a Model and the
 * stream coordinates); the result depends only on them, so any worker gives the same bytes.
 */
import { simulate, type Model, type RunResult, type WarmupVolume } from '../../des/index.js';
import { addTally, emptyTally, type GroupTally, type Tally } from '../../stats/figures.js';

export interface DesRunInput {
  model: Model;
  seed: string | number;
  task: number;
  replication: number;
  warmupSeconds?: number;
  maxArrivals?: number;
}

/** One replication: the simulator's whole result (figures, per-channel, per-interval, tallies). */
export function desRun(input: DesRunInput): RunResult {
  return simulate(input.model, {
    seed: input.seed,
    task: input.task,
    replication: input.replication,
    ...(input.warmupSeconds !== undefined ? { warmupSeconds: input.warmupSeconds } : {}),
    ...(input.maxArrivals !== undefined ? { maxArrivals: input.maxArrivals } : {}),
  });
}

export interface DesTotalsInput {
  model: Model;
  seed: string | number;
  /** (task, replication) of each run, simulated in order. */
  runs: { task: number; replication: number }[];
  warmupSeconds?: number;
  /** RunOptions.warmupVolume: the warm-up days' arrival volume */
  warmupVolume?: WarmupVolume;
  /** also return each run's per-interval tallies (`byInterval`, `byIntervalGroup`) */
  intervals?: boolean;
}

export interface DesTotalsOutput {
  /** tallies.total of each run, in order */
  totals: Tally[];
  /** tallies.byChannel of each run, in order ([run][channel]) */
  byChannel: Tally[][];
  /** tallies.byGroup of each run, in order ([run][group]) */
  byGroup: GroupTally[][];
  /** with `intervals`: tallies.byInterval of each run, in order ([run][cycle interval][channel]) */
  byInterval?: Tally[][][];
  /** with `intervals`: tallies.byIntervalGroup of each run, in order ([run][cycle interval][group]) */
  byIntervalGroup?: GroupTally[][][];
  /** per run, per channel: contacts waiting when counting started (after the warm-up) and at the end */
  startBacklog: number[][];
  endBacklog: number[][];
  /** their sum */
  sum: Tally;
  arrivals: number;
  events: number;
}

/** Several runs of one model (e.g. one centre, every day of a week): their tallies, total, per channel and per group. */
export function desTotals(input: DesTotalsInput, context?: { progress(units: number): void }): DesTotalsOutput {
  const totals: Tally[] = [];
  const byChannel: Tally[][] = [], byGroup: GroupTally[][] = [], startBacklog: number[][] = [], endBacklog: number[][] = [];
  const byInterval: Tally[][][] = [], byIntervalGroup: GroupTally[][][] = [];
  const sum = emptyTally();
  let arrivals = 0;
  let events = 0;
  for (const { task, replication } of input.runs) {
    const r = simulate(input.model, { seed: input.seed, task, replication, warmupSeconds: input.warmupSeconds ?? 0, ...(input.warmupVolume ? { warmupVolume: input.warmupVolume } : {}) });
    totals.push(r.tallies.total);
    byChannel.push(r.tallies.byChannel);
    byGroup.push(r.tallies.byGroup);
    startBacklog.push(r.tallies.startBacklog);
    endBacklog.push(r.tallies.endBacklog);
    if (input.intervals === true) {
      byInterval.push(r.tallies.byInterval);
      byIntervalGroup.push(r.tallies.byIntervalGroup);
    }
    addTally(sum, r.tallies.total);
    arrivals += r.arrivals;
    events += r.events;
    context?.progress(r.arrivals);
  }
  return {
    totals, byChannel, byGroup, ...(input.intervals === true ? { byInterval, byIntervalGroup } : {}), startBacklog, endBacklog, sum, arrivals, events,
  };
}

export const handlers = {
  'des-run': desRun,
  'des-totals': desTotals,
};
