import {
  addGroupTally, addTally, emptyGroupTally, emptyTally, GROUP_FIGURE_KEYS, type Figures, type GroupFigures, type GroupTally, type Tally,
} from '../stats/figures.js';
import { summarize } from '../stats/summarize.js';
import { appendFigureRow, summarizeFigureRows } from '../stats/summarizeFigures.js';
import type { Model, TraceSink } from './model.js';
import { simulateValid, type RunResult } from './simulate.js';
import { validateModel, validateRunOptions, validateWarmup } from './validate.js';
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
  /**
   * Keep each replication's whole `RunResult` in `runs` (default true). With false, `runs` is
   * empty and a replication costs 8 bytes per figure for its total, each channel and each group
   * (for the confidence intervals: ~250 bytes with one channel and one group) whatever the
   * model's intervals, so 100,000 replications need ~50 MB instead of gigabytes.
   */
  keepRuns?: boolean;
  /** Called as each replication finishes, in replication order (e.g. to tick a progress bar). */
  onReplication?: (replication: number, result: RunResult) => void;
}

/** A batch of replications: each one's result, the means with 95% half-widths, and the pooled tallies. */
export interface ReplicationsResult {
  /** each replication's result, in replication order (empty when `keepRuns` is false) */
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
  validateWarmup(model, warmupSeconds);
  const acc = new ReplicationAccumulator(model, warmupSeconds, options.keepRuns ?? true);
  for (let k = first; k < first + n; k++) {
    const r = simulateValid(model, { ...base, replication: k, trace: options.trace?.(k) });
    acc.add(r);
    options.onReplication?.(k, r);
  }
  return acc.result();
}

/** Appends one group's figures as a row of `rows` (grown by doubling); returns the array to keep. */
function appendGroupRow(rows: Float64Array, count: number, f: GroupFigures): Float64Array {
  const G = GROUP_FIGURE_KEYS.length;
  let out = rows;
  if ((count + 1) * G > rows.length) {
    out = new Float64Array(Math.max(G * 8, rows.length * 2));
    out.set(rows);
  }
  GROUP_FIGURE_KEYS.forEach((key, k) => { out[count * G + k] = f[key]; });
  return out;
}

/**
 * Folds replications, in replication order, into a `ReplicationsResult` as they come: pooled
 * tallies (total, per channel, per group), arrivals and seconds summed; each replication's
 * total, per-channel and per-group figures kept as rows of flat arrays (8 bytes per figure) for
 * the confidence intervals; the whole `RunResult` kept only with `keepRuns`. The result equals
 * `combineReplications` of the same runs, bit for bit (the same values summarised in the same order).
 */
export class ReplicationAccumulator {
  private readonly pooled = emptyTally();
  private readonly pooledByChannel: Tally[];
  private readonly pooledByGroup: GroupTally[];
  private arrivals = 0;
  private seconds = 0;
  private count = 0;
  private totals: Float64Array = new Float64Array(0);
  private readonly channels: Float64Array[];
  private readonly groups: Float64Array[];
  private readonly runs: RunResult[] = [];

  constructor(private readonly model: Model, private readonly warmupSeconds: number, private readonly keepRuns: boolean) {
    this.channels = model.channels.map(() => new Float64Array(0));
    this.groups = model.groups.map(() => new Float64Array(0));
    this.pooledByChannel = model.channels.map(() => emptyTally());
    this.pooledByGroup = model.groups.map(() => emptyGroupTally());
  }

  /** Adds the next replication. */
  add(r: RunResult): void {
    addTally(this.pooled, r.tallies.total);
    this.arrivals += r.arrivals;
    this.seconds += r.seconds;
    this.totals = appendFigureRow(this.totals, this.count, r.total);
    for (let c = 0; c < this.channels.length; c++) {
      this.channels[c] = appendFigureRow(this.channels[c]!, this.count, r.byChannel[c]!);
      addTally(this.pooledByChannel[c]!, r.tallies.byChannel[c]!);
    }
    for (let g = 0; g < this.groups.length; g++) {
      this.groups[g] = appendGroupRow(this.groups[g]!, this.count, r.byGroup[g]!);
      addGroupTally(this.pooledByGroup[g]!, r.tallies.byGroup[g]!);
    }
    this.count++;
    if (this.keepRuns) this.runs.push(r);
  }

  /** The batch so far. */
  result(): ReplicationsResult {
    const n = this.count;
    const total = summarizeFigureRows(this.totals, n);
    const byChannel = this.channels.map((rows) => {
      const s = summarizeFigureRows(rows, n);
      return { figures: s.figures, ci95: s.ci95 };
    });
    const G = GROUP_FIGURE_KEYS.length;
    const column = new Float64Array(n);
    const byGroup = this.groups.map((rows) => {
      const figures = {} as GroupFigures, ci95 = {} as GroupFigures;
      GROUP_FIGURE_KEYS.forEach((key, k) => {
        for (let r = 0; r < n; r++) column[r] = rows[r * G + k]!;
        const s = summarize(column);
        figures[key] = s.mean; ci95[key] = s.halfWidth95;
      });
      return { figures, ci95 };
    });
    return {
      runs: this.runs, figures: total.figures, ci95: total.ci95, byChannel, byGroup,
      pooled: this.pooled, pooledByChannel: this.pooledByChannel, pooledByGroup: this.pooledByGroup,
      warmupSeconds: this.warmupSeconds, arrivals: this.arrivals, seconds: this.seconds,
    };
  }
}

/**
 * The `ReplicationsResult` of runs of `model` given in replication order: pooled tallies,
 * summed arrivals and seconds, means and 95% half-widths across the runs. Runs made
 * elsewhere (e.g. on worker threads) combine to exactly what `runReplications` returns.
 */
export function combineReplications(model: Model, runs: RunResult[], warmupSeconds: number): ReplicationsResult {
  const acc = new ReplicationAccumulator(model, warmupSeconds, true);
  for (const r of runs) acc.add(r);
  return acc.result();
}
