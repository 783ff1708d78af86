import {
  addGroupTally, addTally, emptyGroupTally, emptyTally, GROUP_FIGURE_KEYS, type Figures, type GroupFigures, type GroupTally, type Tally,
} from '../stats/figures.js';
import { summarize } from '../stats/summarize.js';
import { summarizeFigures } from '../stats/summarizeFigures.js';
import type { Model, TraceSink } from './model.js';
import { simulateValid, type RunResult } from './simulate.js';
import { validateModel, validateRunOptions } from './validate.js';
import { defaultWarmupSeconds } from './warmup.js';

/** How a batch of replications is run. */
export interface ReplicationOptions {
  /** master seed (any string or integer) */
  seed: string | number;
  /** replications to run, ≥ 1 (≥ 2 for confidence intervals) */
  replications: number;
  /** index of the first replication (default 0): replications first … first + n − 1 */
  firstReplication?: number;
  /** task index (a sweep cell); default 0 */
  task?: number;
  /** seconds discarded at the start of each replication; 'auto': `defaultWarmupSeconds(model)`; default 0 */
  warmupSeconds?: number | 'auto';
  /** arrivals per replication (see RunOptions.maxArrivals) */
  maxArrivals?: number;
  /** a per-contact trace: called once per replication for its sink (see RunOptions.trace) */
  trace?: (replication: number) => TraceSink;
}

/** A batch of replications: each one's result, the means with 95% half-widths, and the pooled tallies. */
export interface ReplicationsResult {
  /** each replication's result, in replication order */
  runs: RunResult[];
  /** mean over replications of each total figure */
  figures: Figures;
  /** 95% confidence half-width of each mean (Student's t across replications; NaN with one replication) */
  ci95: Figures;
  /** per channel: means and half-widths across replications */
  byChannel: { figures: Figures; ci95: Figures }[];
  /** per agent group: means and half-widths across replications */
  byGroup: { figures: GroupFigures; ci95: GroupFigures }[];
  /** total tallies summed over the replications (figuresOf gives the pooled ratio estimate) */
  pooled: Tally;
  /** per channel, tallies summed over the replications */
  pooledByChannel: Tally[];
  /** per group, tallies summed over the replications */
  pooledByGroup: GroupTally[];
  /** the warm-up applied, seconds */
  warmupSeconds: number;
  /** arrivals summed over replications */
  arrivals: number;
  /** wall-clock seconds summed over replications */
  seconds: number;
}

/**
 * Runs replications first … first + n − 1 of `model`. Replication k draws only from streams
 * derived from (seed, task, k, purpose), so it equals replication k of any other batch
 * (and `simulate(model, { seed, task, replication: k, … })`). Confidence intervals are
 * across replications (each replication one observation of each figure).
 * @throws {ModelError} the model's problems; {RangeError} a bad option
 * @example runReplications(model, { seed: 1, replications: 8, warmupSeconds: 'auto', maxArrivals: 1e6 }).ci95.answerRate
 */
export function runReplications(model: Model, options: ReplicationOptions): ReplicationsResult {
  validateModel(model);
  const n = options.replications;
  if (!(Number.isInteger(n) && n >= 1)) throw new RangeError(`replications must be an integer >= 1, got ${n}`);
  const first = options.firstReplication ?? 0;
  if (!(Number.isInteger(first) && first >= 0)) throw new RangeError(`firstReplication must be an integer >= 0, got ${first}`);
  const warmupSeconds = options.warmupSeconds === 'auto' ? defaultWarmupSeconds(model) : options.warmupSeconds ?? 0;
  const base = { seed: options.seed, task: options.task ?? 0, warmupSeconds, maxArrivals: options.maxArrivals };
  validateRunOptions({ ...base, replication: first });
  const runs: RunResult[] = [];
  for (let k = first; k < first + n; k++) runs.push(simulateValid(model, { ...base, replication: k, trace: options.trace?.(k) }));
  return combineReplications(model, runs, warmupSeconds);
}

/**
 * The `ReplicationsResult` of runs of `model` given in replication order: pooled tallies,
 * summed arrivals and seconds, means and 95% half-widths across the runs. Runs made
 * elsewhere (e.g. on worker threads) combine to exactly what `runReplications` returns.
 */
export function combineReplications(model: Model, runs: RunResult[], warmupSeconds: number): ReplicationsResult {
  const pooled = emptyTally();
  let arrivals = 0, seconds = 0;
  for (const r of runs) {
    addTally(pooled, r.tallies.total);
    arrivals += r.arrivals;
    seconds += r.seconds;
  }
  const total = summarizeFigures(runs.map((r) => r.total));
  const byChannel = model.channels.map((_, c) => {
    const s = summarizeFigures(runs.map((r) => r.byChannel[c]!));
    return { figures: s.figures, ci95: s.ci95 };
  });
  const byGroup = model.groups.map((_, g) => {
    const figures = {} as GroupFigures, ci95 = {} as GroupFigures;
    for (const key of GROUP_FIGURE_KEYS) {
      const s = summarize(runs.map((r) => r.byGroup[g]![key]));
      figures[key] = s.mean; ci95[key] = s.halfWidth95;
    }
    return { figures, ci95 };
  });
  const pooledByChannel = model.channels.map((_, c) => runs.reduce((a, r) => addTally(a, r.tallies.byChannel[c]!), emptyTally()));
  const pooledByGroup = model.groups.map((_, g) => runs.reduce((a, r) => addGroupTally(a, r.tallies.byGroup[g]!), emptyGroupTally()));
  return {
    runs, figures: total.figures, ci95: total.ci95, byChannel, byGroup, pooled, pooledByChannel, pooledByGroup,
    warmupSeconds, arrivals, seconds,
  };
}

