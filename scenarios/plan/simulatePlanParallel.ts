/**
 * `simulatePlan` (simulatePlan.ts) on worker threads: the (replication, run, part)
 * triples become tasks — with the streams of the serial function (runParts.ts) — and their
 * tallies are merged and assembled by the same `mergeParts` and `combinePlanReplications`,
 * so the result equals `simulatePlan`'s for any worker count (a test compares
 * them byte for byte); only the wall-clock `seconds` differs.
 */
import { availableParallelism } from 'node:os';
import { openPool, TASK_MODULES, type Task } from '../../engine/parallel/index.js';
import type { DesTotalsInput, DesTotalsOutput } from '../../engine/parallel/tasks/simulation.js';
import type { RunTallies } from '../../engine/des/index.js';
import type { Plan } from './build.js';
import { addThinnedSelfService, runParts, mergeParts, warmupVolumesOf } from './runParts.js';
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
  // One task per (replication, run, part), in that order; a run's parts are merged when its last part is in.
  const parts = plan.runs.map((run, i) => runParts(run.model, i, n, { warmupSeconds: options.warmupSeconds ?? 0, backlogWarmupDays: plan.backlogWarmupDays, warmupVolumes: warmupVolumesOf(plan.runs, i) }));
  const tasks: Task<DesTotalsInput>[] = [];
  const owner: { replication: number; run: number; part: number }[] = [];
  for (let r = 0; r < R; r++) {
    plan.runs.forEach((run, i) => {
      parts[i]!.forEach((part, p) => {
        tasks.push({
          kind: 'des-totals',
          input: { model: part.model, seed: options.seed, runs: [{ task: part.task, replication: r }], warmupSeconds: part.warmupSeconds, ...(part.warmupVolume ? { warmupVolume: part.warmupVolume } : {}), intervals: true },
          label: `replication ${r}, ${run.centreClass} ${run.dayType}${parts[i]!.length > 1 ? `, part ${p + 1} of ${parts[i]!.length}` : ''}`,
        });
        owner.push({ replication: r, run: i, part: p });
      });
    });
  }
  const runTallies: RunTallies[][] = Array.from({ length: R }, () => new Array<RunTallies>(n));
  const pending: RunTallies[][][] = Array.from({ length: R }, () => plan.runs.map(() => []));
  let arrivals = 0;
  let done = 0;
  const pool = await openPool({ workers: Math.min(workers, tasks.length), modules: [TASK_MODULES.simulation] });
  try {
    await pool.run<DesTotalsOutput>(tasks, {
      ...(options.signal ? { signal: options.signal } : {}),
      onResult: (t, out) => {
        const { replication, run, part } = owner[t]!;
        const tallies = tallyOfTask(out);
        arrivals += out.arrivals + addThinnedSelfService(parts[run]![part]!, tallies, options.seed, replication);
        pending[replication]![run]![part] = tallies;
        const got = pending[replication]![run]!;
        if (got.filter((x) => x !== undefined).length === parts[run]!.length) {
          runTallies[replication]![run] = mergeParts(plan.runs[run]!.model, parts[run]!, got);
          options.onRun?.(++done, R * n);
        }
      },
    });
  } finally {
    await pool.close();
  }
  return combinePlanReplications(plan, runTallies, arrivals, (performance.now() - started) / 1000, options.intervals === true);
}

/** The RunTallies of a one-run `des-totals` task with `intervals`. */
function tallyOfTask(out: DesTotalsOutput): RunTallies {
  return {
    total: out.totals[0]!, byChannel: out.byChannel[0]!, byGroup: out.byGroup[0]!,
    byInterval: out.byInterval![0]!, byIntervalGroup: out.byIntervalGroup![0]!,
    startBacklog: out.startBacklog[0]!, endBacklog: out.endBacklog[0]!,
  };
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
