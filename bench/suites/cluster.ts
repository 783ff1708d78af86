/**
 * The cluster suite (issue 13): a 200-cell simulation sweep (staff × self-service, 2
 * replications per cell, ~0.1 s per cell) on two `ccsim worker --concurrency 1` processes
 * through a Redis on 127.0.0.1, against the local 2-thread sweep of the same cells (the ideal:
 * the same two cores, no queue). The issue wants the cluster above 90% of the ideal throughput.
 *
 * One sample runs the three sweeps back to back — local on a pool kept warm across samples
 * (threads as warm as the long-lived workers'), on the cluster, and local as
 * `ccsim sweep --workers 2` runs (a new pool per sweep) — so that the load of a shared machine
 * weighs on all three alike; `ofIdealWarm` and `ofIdealCold` are the medians over samples of
 * local time / cluster time. Each sweep runs from the coordinator's start (connect, store the
 * definition, add 200 jobs, collect in cell order) to its end; the workers start once in
 * setup. Results checked byte-identical in setup. Needs Debian's redis-server (the case
 * errors without it). `gate: false`, `ci: false`: a minute per sample.
 *
 *   node dist/bench/run.js --suite cluster --quick
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { parseGrid } from '../../cli/io/vary.js';
import { headerOf, rowsText } from '../../cli/io/results.js';
import { openPool, type WorkerPool } from '../../engine/parallel/index.js';
import { SWEEP_TASK_MODULES } from '../../scenarios/studies/sweep/backend.js';
import { openRedisBackend } from '../../scenarios/studies/sweep/backends/redis.js';
import type { SweepDefinition } from '../../scenarios/studies/sweep/cell.js';
import { defineSweep } from '../../scenarios/studies/sweep/define.js';
import { runSweep, sweepFigureNames } from '../../scenarios/studies/sweep/run.js';
import type { BenchCase } from '../case.js';
import { median } from '../gate.js';
import { freePort, redisServerBinary, RedisServer } from '../redisServer.js';
import { SWEEP_YAML } from './parallel.js';

const CELLS = 200;
const CLI = fileURLToPath(new URL('../../cli/main.js', import.meta.url));

let def: SweepDefinition;
let redis: RedisServer | undefined;
let workers: ChildProcess[] = [];
let warm: WorkerPool | undefined;
/** seconds per sweep, one entry per sample */
const times = { warm: [] as number[], cluster: [] as number[], cold: [] as number[] };

type Where = 'cluster' | 'warm' | 'cold';

/** One sweep (its CSV text): on the cluster, on the warm pool, or on a new local pool of 2 threads. */
async function sweep(where: Where): Promise<string> {
  const names = sweepFigureNames(def);
  let text = headerOf('csv', def.axes, names);
  const pool = warm!;
  const backend = where === 'cluster'
    ? { backend: await openRedisBackend({ url: redis!.url() }) }
    : { workers: 2, ...(where === 'warm' ? { openRunner: async () => ({ run: pool.run.bind(pool), close: async () => {} }) } : {}) };
  await runSweep({ def, model: 'simulation', replications: 2, seed: 1, warmupSeconds: 0, ...backend, onCells: (cells) => (text += rowsText('csv', def.axes, names, cells)) });
  return text;
}

async function timed(where: Where): Promise<number> {
  const started = performance.now();
  const n = (await sweep(where)).length;
  times[where].push((performance.now() - started) / 1000);
  return n;
}

function startWorker(url: string): Promise<ChildProcess> {
  const child = spawn(process.execPath, [CLI, 'worker', '--backend', url, '--concurrency', '1'], { stdio: ['ignore', 'ignore', 'pipe'] });
  return new Promise((resolve, reject) => {
    let err = '';
    child.stderr!.on('data', (d: Buffer) => {
      err += d.toString();
      if (err.includes('serving')) resolve(child);
    });
    child.once('exit', (code) => reject(new Error(`ccsim worker exited (${code}): ${err}`)));
  });
}

const ratios = (local: number[]) => median(local.map((t, i) => t / times.cluster[i]!));

export const cases: BenchCase[] = [
  {
    name: 'cluster sweep 200 cells: local 2 workers warm, 2 ccsim workers on redis, local 2 workers',
    async: true, clock: 'wall', gate: false, ci: false, minSamples: 3, unit: 'three sweeps',
    setup: async () => {
      const bin = redisServerBinary();
      if (!bin) throw new Error('redis-server is not installed (apt-get install redis-server)');
      def = await defineSweep('bench-sweep.yaml', SWEEP_YAML, [], parseGrid(['staff=-18%:0%:2%', 'selfService=0.5:0.88:0.02']));
      redis = new RedisServer(bin, await freePort());
      await redis.start();
      workers = await Promise.all([startWorker(redis.url()), startWorker(redis.url())]);
      warm = await openPool({ workers: 2, modules: [...SWEEP_TASK_MODULES] });
      const local = await sweep('cold');
      if (local.split('\n').length - 2 !== CELLS) throw new Error(`expected ${CELLS} rows`);
      if ((await sweep('cluster')) !== local || (await sweep('warm')) !== local) throw new Error('the cluster or warm-pool sweep differs from the local one');
      times.warm.length = times.cluster.length = times.cold.length = 0; // every call of fn after this is a sample (the harness's warm-up calls too)
    },
    fn: async () => (await timed('warm')) + (await timed('cluster')) + (await timed('cold')),
    metrics: () => ({
      warmSeconds: median(times.warm), clusterSeconds: median(times.cluster), coldSeconds: median(times.cold),
      clusterCellsPerSecond: CELLS / median(times.cluster),
      ofIdealWarm: ratios(times.warm), ofIdealCold: ratios(times.cold), samples: times.cluster.length, byteIdentical: 1,
    }),
    teardown: async () => {
      await warm?.close();
      await Promise.all(workers.map((w) => new Promise((resolve) => (w.once('exit', resolve), w.kill('SIGTERM')))));
      await redis?.stop();
    },
  },
];
