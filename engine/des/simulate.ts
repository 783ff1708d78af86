import { figuresOf, groupFiguresOf, type Figures, type GroupFigures } from '../stats/figures.js';
import { Sim } from './engine.js';
import type { Model, RunOptions } from './model.js';
import { talliesOf, type RunTallies } from './tallies.js';
import { validateModel, validateRunOptions, validateWarmup } from './validate.js';

/** One replication's outcome. Figures use docs/figures.md's definitions (engine/stats `figuresOf`). */
export interface RunResult {
  /** the whole run (warm-up excluded), all channels */
  total: Figures;
  /** per channel, in model order */
  byChannel: Figures[];
  /** [cycle interval][channel]: every day (or week) of the run folded onto the cycle */
  byInterval: Figures[][];
  /** per agent group, in model order: occupancy, agents, contacts per busy agent */
  byGroup: GroupFigures[];
  /** the raw sums behind the figures, for merging runs (centres, workers) with `addTally` */
  tallies: RunTallies;
  /** external arrivals generated (before self-service; warm-up included; redials not counted) */
  arrivals: number;
  /** events handled */
  events: number;
  /** simulated time at which the run ended, seconds (the horizon, or earlier with `maxArrivals`) */
  endTime: number;
  /** wall-clock time of the run, seconds (not deterministic; everything else is) */
  seconds: number;
}

/**
 * Simulates one replication of `model`. Everything random comes from streams derived from
 * (seed, task, replication, purpose:channel), so the result depends only on the model and
 * those numbers: replication k run alone equals replication k in a batch, in any thread.
 *
 * Semantics (routing rules: routing.ts; kinds and figures: docs/channels.md): real-time
 * contacts are attributed to the interval in which they were offered to agents, deferred
 * items' handling figures to the interval in which handling started (self-service
 * completions to their arrival interval); busy and on-duty time to the interval in which
 * it was spent; backlogs are sampled at interval ends. The system starts empty with
 * interval 0's agents idle; work in progress and backlogs carry over intervals and days (a
 * representative day starts with its steady-state backlog when run after warm-up days:
 * `backlogWarmup`). Memory depends on the cycle length, the number of agents and the longest queue —
 * never on the number of contacts.
 * @throws {ModelError} (a RangeError) listing every problem of the model
 * @throws {RangeError} a bad run option
 * @example simulate(model, { seed: 1 }).total.answerRate
 */
export function simulate(model: Model, options: RunOptions): RunResult {
  validateModel(model);
  validateRunOptions(options);
  validateWarmup(model, options.warmupSeconds ?? 0);
  return simulateValid(model, options);
}

/** {@link simulate} without validation, for callers that validated the model once (runReplications). */
export function simulateValid(model: Model, options: RunOptions): RunResult {
  const started = performance.now();
  const sim = new Sim(model, {
    seed: options.seed,
    task: options.task ?? 0,
    replication: options.replication ?? 0,
    warmupSeconds: options.warmupSeconds ?? 0,
    warmupVolume: options.warmupVolume,
    maxArrivals: options.maxArrivals ?? Infinity,
    trace: options.trace,
  });
  sim.run();
  const tallies = talliesOf(sim);
  return {
    total: figuresOf(tallies.total),
    byChannel: tallies.byChannel.map(figuresOf),
    byInterval: tallies.byInterval.map((row) => row.map(figuresOf)),
    byGroup: tallies.byGroup.map(groupFiguresOf),
    tallies,
    arrivals: sim.arrivals,
    events: sim.events,
    endTime: sim.endTime,
    seconds: (performance.now() - started) / 1000,
  };
}
