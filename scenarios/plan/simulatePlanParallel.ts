/**
 * `simulatePlan` (simulatePlan.ts) on worker threads: the (replication, run)
 * pairs become tasks — run i of replication r uses task = i, replication = r, exactly as the
 * serial function — and their tallies are assembled by the same `combinePlanReplications`,
 * so the result equals `simulatePlan`'s for any worker count (a test compares
 * them byte for byte); only the wall-clock `seconds` differs.
 */
import { availableParallelism } from 'node:os';
import { openPool, TASK_MODULES, type Task } from '../../engine/parallel/index.js';
import type { DesTotalsInput, DesTotalsOutput } from '../../engine/parallel/tasks/simulation.js';
import type { Tally } from '../../engine/stats/figures.js';
import type { Plan } from './build.js';
import { combinePlanReplications, simulatePlan, type PlanSimulation, type SimulationOptions } from './simulatePlan.js';

export interface ParallelSimulationOptions extends SimulationOptions {
  /** worker threads (default: the cores); 1 runs `simulatePlan` on this thread */
  workers?: number;
  signal?: AbortSignal;
}

/** The plan's replications on `workers` threads; the same result as `simulatePlan`. */
export async function simulatePlanParallel(plan: Plan, options: ParallelSimulationOptions): Promise<PlanSimulation> {
  const workers = options.workers ?? availableParallelism();
  const R = options.replications;
  const n = plan.runs.length;
  if (workers <= 1 || R * n <= 1) return simulatePlan(plan, options);
  const started = performance.now();
  const tasks: Task<DesTotalsInput>[] = [];
  for (let r = 0; r < R; r++) {
    plan.runs.forEach((run, i) => {
      tasks.push({
        kind: 'des-totals',
        input: { model: run.model, seed: options.seed, runs: [{ task: i, replication: r }], warmupSeconds: options.warmupSeconds ?? 0, ...(options.intervals === true ? { intervals: true } : {}) },
        label: `replication ${r}, ${run.centreClass} ${run.dayType}`,
      });
    });
  }
  const totals: Tally[] = [];
  const byInterval: Tally[][][] = [];
  let arrivals = 0;
  const pool = await openPool({ workers: Math.min(workers, tasks.length), modules: [TASK_MODULES.simulation] });
  try {
    await pool.run<DesTotalsOutput>(tasks, {
      ...(options.signal ? { signal: options.signal } : {}),
      onResult: (_, out) => {
        totals.push(out.totals[0]!);
        if (out.byInterval) byInterval.push(out.byInterval[0]!);
        arrivals += out.arrivals;
        options.onRun?.(totals.length, tasks.length);
      },
    });
  } finally {
    await pool.close();
  }
  const runTallies = Array.from({ length: R }, (_, r) => totals.slice(r * n, (r + 1) * n));
  const intervals = options.intervals === true ? Array.from({ length: R }, (_, r) => byInterval.slice(r * n, (r + 1) * n)) : undefined;
  return combinePlanReplications(plan, runTallies, arrivals, (performance.now() - started) / 1000, intervals);
}

/**
 * Simulates the plans of `scenarios` on worker threads ahead of a synchronous caller (e.g.
 * `runWhatif`), and returns a `simulatePlan` replacement that answers from those results when
 * asked for the same plan and options (compared by value; `intervals` not compared: the
 * prefetched answer keeps them when asked for), and simulates on this thread otherwise. The
 * answers are `simulatePlan`'s exactly, so the caller's output is unchanged.
 * @param onRun progress: (replication, run) pairs done and their total over every plan
 */
export async function prefetchSimulations(
  plans: Plan[], options: SimulationOptions, workers: number, signal?: AbortSignal, onRun?: (done: number, total: number) => void,
): Promise<(plan: Plan, options: SimulationOptions) => PlanSimulation> {
  const key = (plan: Plan, o: SimulationOptions) => JSON.stringify([plan, o.seed, o.replications, o.warmupSeconds ?? 0]);
  const ready = new Map<string, PlanSimulation>();
  const total = plans.reduce((a, p) => a + p.runs.length * options.replications, 0);
  let before = 0;
  for (const plan of plans) {
    const k = key(plan, options);
    const pairs = plan.runs.length * options.replications;
    const progress = onRun ? { onRun: (done: number) => onRun(before + done, total) } : {};
    if (!ready.has(k)) ready.set(k, await simulatePlanParallel(plan, { ...options, workers, ...(signal ? { signal } : {}), ...progress }));
    before += pairs;
    onRun?.(before, total);
  }
  return (plan, o) => ready.get(key(plan, o)) ?? simulatePlan(plan, o);
}
