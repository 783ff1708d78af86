/**
 * The parallel suite (issue 5): speed-up of the worker pool with 2 workers against 1 on this
 * 2-core machine, with the results checked byte-identical in setup, and analytic (kernel)
 * sweep throughput.
 *
 * - P1/P2 replications: `ccsim simulate` quick mode, 8 replications of
 *   M/M/100+M (95 erlangs, AHT 300 s, patience 120 s), 8 × 4,000,000 calls, spawned with --workers 1 (replications on
 *   the main thread) and --workers 2, end to end (process start, cold JIT everywhere).
 *   `speedup` = P1 / P2; the issue wants ≥ 1.7.
 * - P3/P4 a 100-cell sweep (staff × self-service, 2 replications per cell) of a small
 *   two-centre scenario, `runSweep` writing CSV to a temp file, 1 worker (on the main thread, as
 *   `ccsim sweep --workers 1` runs) and 2.
 * - P5/P6 an analytic sweep of the 2017 baseline (6,480 cells: staff −20…0% by 0.25% × AHT −10…+9.75% by 0.25%),
 *   its patience made exponential (mean 383.7 s, the mixture's) and its day volumes fixed
 *   (volumeCv 0), so the cells stay Erlang A over 6 runs as before (the M/M/N+G plan of the
 *   shipped baseline is timed per interval in the erlang suite),
 *   1 and 2 workers: `cellsPerSecond`, `intervalsPerSecondPerCore` (6 runs × 48 intervals per cell)
 *   and `erlangAPerSecondPerCore` (kernel evaluations: two per interval, at ⌊N⌋ and ⌊N⌋ + 1 agents,
 *   since the baseline's agents on duty are never whole); the issue's target is > 1,000,000
 *   interval-level kernel evaluations per second per core.
 * - P5b the same grid on the shipped baseline unchanged (M/M/N+G with its mixture patience, the chat
 *   pool and messages, three day volumes: 18 runs × 48 intervals a cell), one worker:
 *   `intervalsPerSecondPerCore` against issue 10's target of 500,000 (2 µs an interval).
 * - P7/P8 `erlang --batch`, 1,000,000 lines in memory, serial `runBatch` vs 2 workers.
 * - P9/P10 `staff`, a year of 15-minute intervals (350,400 (ten queues)), serial vs 2 workers.
 *
 * - W1 (gated, in --ci): the worker-pool path itself, `runReplicationsParallel` with 2 workers
 *   on a short batch (4 replications × 250,000 calls of P1's queue) on a pool opened in setup
 *   (the `pool` option), timed as CPU time of all threads (`clock: 'cpu'`): what the workers,
 *   the task protocol and the merge cost, without the time other processes take from the 2
 *   cores. Setup checks the result equals `runReplications` on the main thread, byte for byte.
 * - W0 (in --ci, reported, not gated): the same batch at 100,000 calls with the pool started in
 *   every sample. About 85% of its CPU is the threads' start and cold JIT (0.36 s against
 *   0.055 s warm here), and that cost moves with the host, not with the code: on 2026-12-07 CI
 *   measured it at 1.29–1.31× this machine's baseline ratio in 3 of 3 attempts on unchanged
 *   code, while the simulator cases sat at 0.91–1.03×. So W1 gates the path warm, and W0 shows
 *   the start.
 *
 * P1–P10 time wall-clock (work runs in worker threads or child processes) and are
 * `gate: false`: the ratios are reported, not gated, because other processes share the 2
 * cores. Not run by --ci.
 */
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Readable } from 'node:stream';
import type { Model } from '../../engine/des/index.js';
import { runReplications } from '../../engine/des/index.js';
import { openPool, runReplicationsParallel, TASK_MODULES, type WorkerPool } from '../../engine/parallel/index.js';
import { parseGrid } from '../../cli/io/vary.js';
import { runSweep, sweepFigureNames } from '../../scenarios/studies/sweep/run.js';
import { clearKernelMemos } from '../../scenarios/index.js';
import { defineSweep } from '../../scenarios/studies/sweep/define.js';
import { headerOf, rowsText } from '../../cli/io/results.js';
import type { SweepDefinition } from '../../scenarios/studies/sweep/cell.js';
import { runBatch } from '../../cli/batch/evaluate.js';
import { runBatchParallel } from '../../cli/batch/parallel.js';
import { staffIntervals, staffIntervalsParallel } from '../../scenarios/studies/staffDay.js';
import type { Forecast } from '../../cli/io/forecast.js';
import type { BenchCase, CaseTiming } from '../case.js';

const medians: Record<string, number> = {};
const keep = (name: string) => (t: CaseTiming): Record<string, number> => {
  medians[name] = t.medianNs;
  return {};
};
const speedup = (one: string, extra: (t: CaseTiming) => Record<string, number> = () => ({})) => (t: CaseTiming): Record<string, number> => ({
  speedup: (medians[one] ?? NaN) / t.medianNs,
  byteIdentical: 1, // checked in setup (throws otherwise)
  ...extra(t),
});

// P1/P2 ---------------------------------------------------------------------------------
const REPS = 8;
const CALLS = 4_000_000;
/** `ccsim simulate` quick mode, end to end in a fresh process (cold JIT for the main thread and the workers alike). */
const QUICK = ['simulate', '--agents', '100', '--erlangs', '95', '--aht', '300', '--patience', '120', '--calls-per-replication', String(CALLS), '--replications', String(REPS), '--seed', 'bench'];
const CLI = fileURLToPath(new URL('../../cli/main.js', import.meta.url));
function ccsim(args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(process.execPath, [CLI, ...args], { maxBuffer: 1 << 26 }, (err, stdout) => (err ? reject(err) : resolve(stdout)));
  });
}
const stripTimes = (json: string) => json.split('\n').filter((l) => !/"(seconds|callsPerSecond)"/.test(l)).join('\n');
function mmnModel(): Model {
  return {
    intervalSeconds: 1800, days: 100,
    channels: [{
      name: 'voice', kind: 'voice', targetSeconds: 20, arrivalRatePerSecond: new Array<number>(48).fill(95 / 300),
      handleTime: { kind: 'exponential', mean: 300 }, patience: { kind: 'exponential', mean: 120 },
    }],
    groups: [{ name: 'agents', skills: ['voice'], onDuty: new Array<number>(48).fill(100) }],
  };
}
const repOptions = { seed: 'bench', replications: REPS, maxArrivals: CALLS, warmupSeconds: 6000 };
const strip = (x: { seconds: number; runs: { seconds: number }[] }) => JSON.stringify({ ...x, seconds: 0, runs: x.runs.map((r) => ({ ...r, seconds: 0 })) });

// P3/P4 ---------------------------------------------------------------------------------
/** A small two-centre scenario (~0.03 s per replication of a cell); also the cluster suite's. */
export const SWEEP_YAML = `
name: bench-sweep
intervalSeconds: 1800
dayTypes: [{ name: day, days: 1, volumeWeight: 1, intradayProfile: "f(h) = 0.2 + exp(-(h - 11)^2 / 8) + 0.8 * exp(-(h - 16)^2 / 8)" }]
centreClasses: [{ name: only, centres: 2, staffPerCentre: 1000, volumeShare: 1 }]
channels:
  - { name: voice, kind: voice, callsPerDay: 400000, selfService: { share: 0.6 }, handleTimeSeconds: { kind: exponential, mean: 180 },
      patienceSeconds: { kind: exponential, mean: 90 }, targetSeconds: 20 }
groups:
  - { name: agents, skills: [voice], staffShare: 1, shrinkage: 0.3, paidHoursPerYear: 2000, schedule: { followLoad: { flatten: 0.2, minOnDuty: 1 } } }
`;
const definition = (text: string, specs: string[], file: string): Promise<SweepDefinition> => defineSweep(file, text, [], parseGrid(specs));
/** The baseline as an Erlang A plan (P5/P6): exponential patience of the mixture's mean, no day-volume spread. */
const ERLANG_A_BASELINE = ['channels[voice].patienceSeconds={kind: exponential, mean: 383.7}', 'dayTypes[weekday].volumeCv=0', 'dayTypes[weekend].volumeCv=0'];
let simDef: SweepDefinition;
let kernelDef: SweepDefinition;
let mmngDef: SweepDefinition;
/** 6,480 cells × 18 runs × 48 intervals */
const MMNG_SWEEP_INTERVALS = 6480 * 864;
/** P5/P5b's 6,480-cell grid (staff −20…0% × AHT −10…+9.75%, steps of 0.25%) on the 2017 baseline with `sets` applied. */
function baselineGrid(sets: string[]): Promise<SweepDefinition> {
  const file = fileURLToPath(new URL('../../scenarios/china-banking-2017.yaml', import.meta.url).href.replace('/dist/', '/'));
  return defineSweep(file, readFileSync(file, 'utf8'), sets, parseGrid(['staff=-20%:0%:0.25%', 'aht=-10%:9.75%:0.25%']));
}
let intervalEvaluations = 0;
let kernelEvaluations = 0;
async function sweep(def: SweepDefinition, model: 'simulation' | 'analytic', workers: number): Promise<string> {
  const names = sweepFigureNames(def);
  let text = headerOf('csv', def.axes, names);
  const s = await runSweep({ def, model, replications: 2, seed: 1, warmupSeconds: 0, workers, onCells: (cells) => (text += rowsText('csv', def.axes, names, cells)) });
  intervalEvaluations = s.evaluations;
  kernelEvaluations = s.kernelEvaluations;
  return text;
}

// P7/P8 ---------------------------------------------------------------------------------
let batchText = '';
const sink = { chunks: 0, write(chunk: string) { this.chunks += chunk.length; return true; }, once() { return this; } };
function collectSink(): { text: string; write(c: string): boolean; once(): unknown } {
  return { text: '', write(c: string) { this.text += c; return true; }, once() { return this; } };
}

// P9/P10 --------------------------------------------------------------------------------
let forecast: Forecast;
const staffOpts = { model: 'erlang-a' as const, targetSeconds: 20, slTarget: 0.8, patienceSeconds: 120 };

// W0/W1 ---------------------------------------------------------------------------------
const W0 = { seed: 'bench-w1', replications: 4, maxArrivals: 100_000, warmupSeconds: 6000 };
const W1 = { ...W0, maxArrivals: 250_000 };
let warmPool: WorkerPool | undefined;

export const cases: BenchCase[] = [
  {
    name: 'parallel worker pool 2 workers warm, 4 × 250k calls',
    async: true, clock: 'cpu', unit: 'call', opsPerCall: W1.replications * W1.maxArrivals, minSamples: 9,
    setup: async () => {
      warmPool = await openPool({ workers: 2, modules: [TASK_MODULES.simulation] });
      const serial = runReplications(mmnModel(), W1);
      const pooled = await runReplicationsParallel(mmnModel(), { ...W1, pool: warmPool });
      if (strip(serial) !== strip(pooled)) throw new Error('worker pool: 2 workers differ from runReplications on the main thread');
    },
    fn: async () => (await runReplicationsParallel(mmnModel(), { ...W1, pool: warmPool })).runs.length,
    metrics: ({ opsPerSecond }) => ({ callsPerCpuSecond: opsPerSecond }),
    teardown: async () => {
      await warmPool?.close();
      warmPool = undefined;
    },
  },
  {
    name: 'parallel worker pool 2 workers, 4 × 100k calls (pool start included)',
    async: true, clock: 'cpu', gate: false, unit: 'call', opsPerCall: W0.replications * W0.maxArrivals, minSamples: 9,
    setup: async () => {
      const serial = runReplications(mmnModel(), W0);
      const pooled = await runReplicationsParallel(mmnModel(), { ...W0, workers: 2 });
      if (strip(serial) !== strip(pooled)) throw new Error('worker pool: 2 workers differ from runReplications on the main thread');
    },
    fn: async () => (await runReplicationsParallel(mmnModel(), { ...W0, workers: 2 })).runs.length,
    metrics: ({ opsPerSecond }) => ({ callsPerCpuSecond: opsPerSecond }),
  },
  {
    name: 'parallel replications 1 worker',
    async: true, clock: 'wall', gate: false, ci: false, minSamples: 3, unit: 'run',
    setup: async () => {
      const a = await runReplicationsParallel(mmnModel(), { ...repOptions, maxArrivals: 20_000, workers: 1 });
      const b = await runReplicationsParallel(mmnModel(), { ...repOptions, maxArrivals: 20_000, workers: 2 });
      if (strip(a) !== strip(b)) throw new Error('replications differ between 1 and 2 workers');
      const one = await ccsim([...QUICK, '--workers', '1', '--json']);
      const two = await ccsim([...QUICK, '--workers', '2', '--json']);
      if (stripTimes(one) !== stripTimes(two)) throw new Error('ccsim simulate --json differs between 1 and 2 workers');
    },
    fn: async () => (await ccsim([...QUICK, '--workers', '1'])).length,
    metrics: (t) => ({ ...keep('rep1')(t), callsPerSecond: (REPS * CALLS) / (t.medianNs / 1e9) }),
  },
  {
    name: 'parallel replications 2 workers',
    async: true, clock: 'wall', gate: false, ci: false, minSamples: 3, unit: 'run',
    fn: async () => (await ccsim([...QUICK, '--workers', '2'])).length,
    metrics: speedup('rep1', (t) => ({ callsPerSecond: (REPS * CALLS) / (t.medianNs / 1e9) })),
  },
  {
    name: 'parallel sweep 100 cells 1 worker',
    async: true, clock: 'wall', gate: false, ci: false, minSamples: 3, unit: 'sweep',
    setup: async () => {
      simDef = await definition(SWEEP_YAML, ['staff=-18%:0%:2%', 'selfService=0.5:0.68:0.02'], 'bench-sweep.yaml');
      const a = await sweep(simDef, 'simulation', 1);
      const b = await sweep(simDef, 'simulation', 2);
      if (a !== b) throw new Error('sweep files differ between 1 and 2 workers');
      if (a.split('\n').length !== 102) throw new Error(`expected 100 rows, got ${a.split('\n').length - 2}`);
    },
    fn: async () => (await sweep(simDef, 'simulation', 1)).length,
    metrics: (t) => ({ ...keep('sweep1')(t), cellsPerSecond: 100 / (t.medianNs / 1e9) }),
  },
  {
    name: 'parallel sweep 100 cells 2 workers',
    async: true, clock: 'wall', gate: false, ci: false, minSamples: 3, unit: 'sweep',
    fn: async () => (await sweep(simDef, 'simulation', 2)).length,
    metrics: speedup('sweep1', (t) => ({ cellsPerSecond: 100 / (t.medianNs / 1e9) })),
  },
  {
    name: 'parallel analytic sweep baseline 1 worker',
    async: true, clock: 'wall', gate: false, ci: false, minSamples: 3, unit: 'sweep',
    setup: async () => {
      kernelDef = await baselineGrid(ERLANG_A_BASELINE);
      const a = await sweep(kernelDef, 'analytic', 1);
      const b = await sweep(kernelDef, 'analytic', 2);
      if (a !== b) throw new Error('analytic sweep files differ between 1 and 2 workers');
    },
    fn: async () => (await sweep(kernelDef, 'analytic', 1)).length,
    metrics: (t) => ({ ...keep('kernel1')(t), cellsPerSecond: 6480 / (t.medianNs / 1e9), intervalsPerSecondPerCore: intervalEvaluations / (t.medianNs / 1e9), erlangAPerSecondPerCore: kernelEvaluations / (t.medianNs / 1e9) }),
  },
  {
    name: 'parallel analytic sweep baseline 2 workers',
    async: true, clock: 'wall', gate: false, ci: false, minSamples: 3, unit: 'sweep',
    fn: async () => (await sweep(kernelDef, 'analytic', 2)).length,
    metrics: speedup('kernel1', (t) => ({ cellsPerSecond: 6480 / (t.medianNs / 1e9), intervalsPerSecondPerCore: intervalEvaluations / (t.medianNs / 1e9) / 2, erlangAPerSecondPerCore: kernelEvaluations / (t.medianNs / 1e9) / 2 })),
  },
  {
    // P5b: the shipped baseline itself (M/M/N+G with its mixture patience, the chat pool, messages;
    // three day volumes: 18 runs × 48 intervals a cell), what issue 10's 500,000 intervals/s is about.
    // The main thread's kernel results memos are emptied before each sample, as in a fresh `ccsim sweep`;
    // the patience curve's node memo stays (for this mixture of exponentials its values are cheap).
    name: 'parallel analytic sweep shipped baseline M/M/N+G 1 worker',
    async: true, clock: 'wall', gate: false, ci: false, minSamples: 2, unit: 'interval', opsPerCall: MMNG_SWEEP_INTERVALS, targetNs: 2000,
    setup: async () => {
      mmngDef = await baselineGrid([]);
    },
    fn: async () => {
      clearKernelMemos();
      const rows = (await sweep(mmngDef, 'analytic', 1)).split('\n').length - 2;
      if (rows !== 6480 || intervalEvaluations !== MMNG_SWEEP_INTERVALS) throw new Error(`expected 6,480 cells and ${MMNG_SWEEP_INTERVALS} intervals, got ${rows} and ${intervalEvaluations}`);
      return rows;
    },
    metrics: (t) => ({ intervalsPerSecondPerCore: 1e9 / t.medianNs, secondsPerSweep: (t.medianNs * MMNG_SWEEP_INTERVALS) / 1e9 }),
  },
  {
    name: 'parallel erlang batch 1M lines serial',
    async: true, clock: 'wall', gate: false, ci: false, minSamples: 3, unit: 'line', opsPerCall: 1_000_000,
    setup: async () => {
      const lines: string[] = [];
      let s = 7;
      const rnd = () => ((s = (s * 1103515245 + 12345) >>> 0) / 4294967296);
      for (let i = 0; i < 1_000_000; i++) {
        const a = 1 + Math.floor(rnd() * 60);
        const e = (0.5 + rnd() * a).toFixed(3);
        lines.push(i % 2 ? `{"id":${i},"model":"erlang-a","agents":${a},"erlangs":${e},"aht":300,"targetSeconds":20,"patience":120}` : `{"id":${i},"agents":${a},"erlangs":${e},"aht":180,"targetSeconds":20}`);
      }
      batchText = `${lines.join('\n')}\n`;
      const a = collectSink(), b = collectSink();
      await runBatch(Readable.from([batchText]), a);
      await runBatchParallel(Readable.from([batchText]), b, { workers: 2, minLines: 0 });
      if (a.text !== b.text) throw new Error('batch output differs between serial and 2 workers');
    },
    fn: async () => (await runBatch(Readable.from([batchText]), sink)).lines,
    metrics: keep('batch1'),
  },
  {
    name: 'parallel erlang batch 1M lines 2 workers',
    async: true, clock: 'wall', gate: false, ci: false, minSamples: 3, unit: 'line', opsPerCall: 1_000_000,
    fn: async () => (await runBatchParallel(Readable.from([batchText]), sink, { workers: 2, minLines: 0 })).lines,
    metrics: speedup('batch1'),
  },
  {
    name: 'parallel staff 350400 intervals serial',
    async: true, clock: 'wall', gate: false, ci: false, minSamples: 3, unit: 'interval', opsPerCall: 350_400,
    setup: async () => {
      const rows = Array.from({ length: 350_400 }, (_, i) => {
        const h = (i % 96) / 4;
        const p = h >= 7 && h <= 21 ? 0.1 + 0.9 * Math.sin((Math.PI * (h - 7)) / 14) ** 2 : 0.1;
        return { row: i + 1, line: i + 2, start: String(i), startSeconds: i * 900, calls: Math.round(2850 * p), aht: 180 };
      });
      forecast = { rows, intervalSeconds: 900, intervalSource: 'flag', hasPatience: false };
      const a = JSON.stringify(staffIntervals(forecast, staffOpts, 'bench'));
      const b = JSON.stringify(await staffIntervalsParallel(forecast, staffOpts, 'bench', { workers: 2, minRows: 0 }));
      if (a !== b) throw new Error('staff rows differ between serial and 2 workers');
    },
    fn: async () => staffIntervals(forecast, staffOpts, 'bench').length,
    metrics: keep('staff1'),
  },
  {
    name: 'parallel staff 350400 intervals 2 workers',
    async: true, clock: 'wall', gate: false, ci: false, minSamples: 3, unit: 'interval', opsPerCall: 350_400,
    fn: async () => (await staffIntervalsParallel(forecast, staffOpts, 'bench', { workers: 2, minRows: 0 })).length,
    metrics: speedup('staff1'),
  },
];
