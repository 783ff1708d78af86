/**
 * Simulation of a plan: replication r runs every (centre class, day type) model once, with
 * task = run index and replication = r (so each draws from its own streams and the result
 * does not depend on run order or threads), scales each tally by its run's scale factor and
 * adds them into the period's tally; figures come from that summed tally (never by averaging
 * ratios across centres). Confidence intervals are across replications (Student's t).
 */
import { simulate } from '../../engine/des/index.js';
import { figuresOf } from '../../engine/stats/figures.js';
import type { Figures, Tally } from '../../engine/stats/figures.js';
import { summarizeFigures } from '../../engine/stats/summarizeFigures.js';
import type { Plan } from './build.js';
import { scaleUp } from './analytic.js';

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

export interface PlanSimulation {
  /** means over replications of the period's figures */
  figures: Figures;
  /** 95% half-widths of those means */
  ci95: Figures;
  /** each replication's period figures */
  perReplication: Figures[];
  /** each replication's period tally (scaled, summed over runs) */
  tallies: Tally[];
  /** [replication][run]: each run's scaled tally (for per-class aggregates) */
  byRunTallies: Tally[][];
  /**
   * With `options.intervals`: [replication][run][interval][channel] tallies of one centre of
   * the run's class on one day of its type (unscaled), the day folded onto its intervals.
   */
  intervals?: Tally[][][][];
  /** per run (class × day type): mean figures and half-widths of the scaled run */
  byRun: { figures: Figures; ci95: Figures }[];
  replications: number;
  /** calls generated, all runs and replications (before self-service) */
  arrivals: number;
  /** wall-clock seconds of simulation */
  seconds: number;
}

/**
 * Simulates `replications` replications of every run of a plan and scales them up.
 * @throws {ModelError} a model the simulator rejects; {RangeError} a bad option
 */
export function simulatePlan(plan: Plan, options: SimulationOptions): PlanSimulation {
  const started = performance.now();
  const runTallies: Tally[][] = [];
  const intervals: Tally[][][][] = [];
  let arrivals = 0;
  for (let r = 0; r < options.replications; r++) {
    const byRun: Tally[][][] = [];
    runTallies.push(plan.runs.map((run, i) => {
      const res = simulate(run.model, {
        seed: options.seed,
        task: i,
        replication: r,
        warmupSeconds: options.warmupSeconds ?? 0,
      });
      arrivals += res.arrivals;
      byRun.push(res.tallies.byInterval);
      options.onRun?.(r * plan.runs.length + i + 1, options.replications * plan.runs.length);
      return res.tallies.total;
    }));
    if (options.intervals === true) intervals.push(byRun);
  }
  return combinePlanReplications(plan, runTallies, arrivals, (performance.now() - started) / 1000, options.intervals === true ? intervals : undefined);
}

/**
 * The `PlanSimulation` of unscaled run tallies `runTallies[replication][run]` (each run's
 * `tallies.total`, in plan order): scaled up per replication, figures from the summed tallies,
 * means and half-widths across replications. Runs simulated elsewhere (e.g. on worker threads)
 * combine to exactly what `simulatePlan` returns. `intervals`: the runs' per-interval tallies, kept as given.
 */
export function combinePlanReplications(
  plan: Plan, runTallies: readonly (readonly Tally[])[], arrivals: number, seconds: number, intervals?: Tally[][][][],
): PlanSimulation {
  const perReplication: Figures[] = [];
  const tallies: Tally[] = [];
  const perRun: Figures[][] = plan.runs.map(() => []);
  const byRunTallies: Tally[][] = [];
  for (const replication of runTallies) {
    const scaled = scaleUp(plan, replication);
    scaled.byRun.forEach((t, i) => perRun[i]!.push(figuresOf(t)));
    byRunTallies.push(scaled.byRun);
    tallies.push(scaled.total);
    perReplication.push(figuresOf(scaled.total));
  }
  const s = summarizeFigures(perReplication);
  return {
    figures: s.figures,
    ci95: s.ci95,
    perReplication,
    tallies,
    byRunTallies,
    byRun: perRun.map((f) => {
      const x = summarizeFigures(f);
      return { figures: x.figures, ci95: x.ci95 };
    }),
    ...(intervals ? { intervals } : {}),
    replications: runTallies.length,
    arrivals,
    seconds,
  };
}
