/**
 * The registry of benchmark suites. To add a suite:
 *
 * 1. Write `bench/suites/<name>.ts` exporting `cases: BenchCase[]` (type from `../case.js`):
 *
 * ```ts
 * import type { BenchCase } from '../case.js';
 * import { simulate } from '../../engine/des/index.js';
 *
 * let model: Model;                    // built in setup, outside the timed region
 * let calls = 0;
 * export const cases: BenchCase[] = [{
 *   name: 'des day 10k calls',         // unique; the key in bench/baseline.json (renaming drops the baseline)
 *   setup: () => { model = buildModel(); },           // untimed; throw here if the answer is wrong
 *   fn: () => { const r = simulate(model, rng(1)); calls = r.offered; return r.answered; }, // return a sink value
 *   opsPerCall: 1,                     // operations per fn call: medianNs = median call time / opsPerCall
 *   unit: 'day',                       // what one operation is
 *   targetNs: 50e6,                    // informational target for one op (✓/✗ column), never gated
 *   gate: true,                        // false: reported only; default true
 *   ci: true,                          // false: skipped by --ci (for cases taking seconds per sample)
 *   minSamples: 5,                     // raise for noisy cases, lower never below 3
 *   metrics: ({ medianNs }) => ({      // extra figures, shown in the table and written to the JSON
 *     callsPerSecond: calls / (medianNs / 1e9),
 *     peakRssMB: process.resourceUsage().maxRSS / 1024,
 *   }),
 *   teardown: () => {},                // untimed: close pools, delete temp files
 *   // async: true,                    // fn returns a Promise (worker pools): it is awaited inside the timing
 *   // clock: 'wall',                  // REQUIRED if the work runs in workers/child processes or waits on I/O
 *                                      // (default for sync cases: min(wall, process CPU) per sample, so
 *                                      // preemption by other processes is not counted; async default: wall)
 * }];
 * ```
 *
 * 2. Add one line to `suites` below. Suites load lazily: one that fails to import is reported
 *    as an error (and fails `bench:ci`) without stopping the others.
 *
 * Rules of honest measurement (STYLE §12): build inputs in `setup`; make `fn` do enough work
 * per call that per-call overhead is negligible (loop over a few hundred varied inputs for
 * sub-microsecond kernels, and say so in `opsPerCall`); return a value derived from every
 * result; sweep sizes; assert the answer in setup so a wrong kernel cannot look fast.
 * The harness warms up, batches calls into samples of ≥ 0.1 ms, takes medians, and divides
 * by a reference loop timed beside each case (`bench/reference.ts`).
 *
 * Run: `npm run bench [-- --suite des --filter "day" --json out.json]`, gate: `npm run bench:ci`.
 */
import type { BenchCase } from '../case.js';

export type { BenchCase } from '../case.js';

/** A suite module: a list of cases. */
export interface SuiteModule {
  cases: BenchCase[];
}

/** Every suite, by name, in the order they run. Add a suite here. */
export const suites: Record<string, () => Promise<SuiteModule>> = {
  erlang: () => import('./erlang.js'),
  rng: () => import('./rng.js'),
  des: () => import('./des.js'),
  parallel: () => import('./parallel.js'),
  cluster: () => import('./cluster.js'),
  browser: () => import('./browser.js'),
};
