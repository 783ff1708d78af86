/**
 * `ccsim simulate` quick mode with its replications on worker threads: the same model and
 * options as `runQuick` (cli/commands/simulate.ts), replications spread by
 * `runReplicationsParallel`, so every figure and CI equals the serial run's for any
 * `--workers`; `seconds` is the wall-clock time (so `callsPerSecond` is the throughput of all
 * workers together).
 */
import { defaultWarmupSeconds } from '../../engine/des/index.js';
import { runReplicationsParallel } from '../../engine/parallel/index.js';
import { analyticOf, quickModel, QUICK_KEYS, type QuickOptions, type QuickReport } from '../commands/simulate.js';

export async function runQuickParallel(o: QuickOptions, workers: number, signal?: AbortSignal): Promise<QuickReport> {
  const started = performance.now();
  const warmupSeconds = o.warmupSeconds ?? defaultWarmupSeconds(quickModel(o, 0));
  const model = quickModel(o, warmupSeconds);
  const result = await runReplicationsParallel(model, {
    seed: o.seed, replications: o.replications, warmupSeconds, maxArrivals: o.calls, workers, ...(signal ? { signal } : {}),
  });
  const figures = {} as QuickReport['figures'], ci95 = {} as QuickReport['ci95'];
  for (const k of QUICK_KEYS) { figures[k] = result.figures[k]; ci95[k] = result.ci95[k]; }
  const seconds = (performance.now() - started) / 1000;
  return {
    figures, ci95, analytic: analyticOf(o), replications: o.replications, calls: o.calls, warmupSeconds, seed: o.seed,
    seconds, callsPerSecond: result.arrivals / seconds,
  };
}
