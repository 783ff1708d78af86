/**
 * `ccsim worker`: serves sweep jobs from Redis (BullMQ) until stopped. Each job — a block of
 * cells — runs on a thread of engine/parallel's pool, one single-thread pool per concurrency
 * slot, never on this process's main thread: the main thread stays free to renew the job's
 * lock (a CPU-bound main thread cannot; the job would be declared stalled and run twice).
 *
 * A job: refused when made by another engine version (the coordinator hears why, named by
 * cell); skipped when its sweep's definition is gone (the sweep is over); cells whose results
 * Redis already holds (a job run twice) are not recomputed; the others run and their results
 * go to the sweep's results hash; a failing cell goes to the errors hash (the cells before it
 * are kept) and fails the job. Protocol: protocol.ts.
 */
import { hostname } from 'node:os';
import { UnrecoverableError, Worker, type Job } from 'bullmq';
import { openPool, TaskError, WorkerCrashError, type WorkerPool } from '../../../../engine/parallel/index.js';
import { ENGINE_VERSION } from '../../../../engine/version.js';
import { SWEEP_TASK_MODULES } from '../backend.js';
import { cellLabel } from '../grid.js';
import type { SweepSpec } from '../spec.js';
import type { SweepCellsInput, SweepCellsOutput } from '../tasks.js';
import { ClusterError, connectRedis, settleWithin, watchConnection } from './connection.js';
import { parseRedisUrl } from './address.js';
import { decodeDefinition, encodeCell, PREFIX, QUEUE, sweepKeys, type CellFailure, type JobData } from './protocol.js';

export interface ClusterWorkerOptions {
  /** `redis://HOST:PORT[/DB]` */
  url: string;
  /** jobs at once, each on its own thread (typically the number of cores) */
  concurrency: number;
  /** a job's lock, renewed every half of it while the job runs (default 30 s) */
  lockSeconds?: number;
  /** how often this worker looks for jobs whose lock expired (their worker died) and puts them back (default 30 s) */
  stalledSeconds?: number;
  /** seconds Redis may stay unreachable before the worker stops (default 10) */
  reconnectSeconds?: number;
  /** aborting stops the worker once its running jobs finish */
  signal?: AbortSignal;
  /** one line per refused or failed job; with `verbose` also when a job starts and ends */
  log?: (line: string) => void;
  verbose?: boolean;
  /** called once the worker takes jobs */
  onReady?: (name: string) => void;
}

export interface ClusterWorkerSummary {
  /** jobs completed (computed, or skipped as already done) */
  jobs: number;
  /** cells computed */
  cells: number;
  /** jobs failed (a cell failed, or refused) */
  failed: number;
}

/** Jobs a worker may put back after their worker died, before failing them: two machine losses per job. */
export const MAX_STALLED = 2;

/**
 * Serves jobs until `signal` aborts (resolves after the running jobs finish).
 * @throws {RangeError} a malformed URL or concurrency
 * @throws {ClusterError} Redis cannot be reached, or stays lost longer than `reconnectSeconds`
 */
export async function runClusterWorker(o: ClusterWorkerOptions): Promise<ClusterWorkerSummary> {
  if (!(Number.isInteger(o.concurrency) && o.concurrency >= 1 && o.concurrency <= 1024)) {
    throw new RangeError(`concurrency must be a whole number in [1, 1024], got ${o.concurrency}`);
  }
  const address = parseRedisUrl(o.url);
  const client = await connectRedis(address);
  const name = `${hostname()}:${process.pid}`;
  const log = o.log ?? (() => {});
  const summary: ClusterWorkerSummary = { jobs: 0, cells: 0, failed: 0 };

  // One single-thread pool per slot; a slot whose thread crashed gets a new pool on its next job.
  const open = () => openPool({ workers: 1, modules: [...SWEEP_TASK_MODULES] });
  let pools: (WorkerPool | undefined)[];
  try {
    pools = await Promise.all(Array.from({ length: o.concurrency }, open));
  } catch (err) {
    client.disconnect();
    throw err;
  }
  const free = pools.map((_, i) => i);

  const specs = new Map<string, SweepSpec>(); // decoded definitions by sweep hash, the last few
  /**
   * The job's sweep and which of its cells Redis already holds, in one round trip; undefined
   * when the sweep's definition is gone (the sweep completed: nothing to write any more).
   */
  async function lookUp(d: JobData): Promise<{ spec: SweepSpec; held: (Buffer | null)[] } | undefined> {
    const keys = sweepKeys(d.sweep);
    const cells = Array.from({ length: d.count }, (_, i) => String(d.first + i));
    const known = specs.get(d.sweep);
    const replies = await client.pipeline().exists(keys.def).hmgetBuffer(keys.results, ...cells).exec();
    const [exists, held] = (replies ?? []).map(([err, value]) => {
      if (err) throw err;
      return value;
    }) as [number, (Buffer | null)[]];
    if (!exists) return undefined;
    if (known) return { spec: known, held };
    const text = await client.get(keys.def);
    if (text === null) return undefined;
    const { spec } = decodeDefinition(text);
    specs.set(d.sweep, spec);
    if (specs.size > 8) specs.delete(specs.keys().next().value!);
    return { spec, held };
  }

  async function fail(d: JobData, f: CellFailure): Promise<never> {
    summary.failed++;
    await client.hset(sweepKeys(d.sweep).errors, String(f.cell), JSON.stringify(f));
    log(`${f.label}: ${f.message}`);
    throw new UnrecoverableError(`${f.label}: ${f.message}`);
  }

  async function processJob(job: Job<JobData>): Promise<void> {
    const d = job.data;
    if (d.version !== ENGINE_VERSION) {
      await fail(d, {
        cell: d.first, label: d.label, name: 'VersionError',
        message: `refused by the worker ${name}: the job was made by ccsim ${d.version} and this worker runs ccsim ${ENGINE_VERSION}; run one ccsim version on every machine`,
      });
    }
    const found = await lookUp(d);
    if (!found) {
      summary.jobs++;
      if (o.verbose) log(`${d.label}: skipped, its sweep is over (no definition in Redis)`);
      return;
    }
    const { spec, held } = found;
    const keys = sweepKeys(d.sweep);
    const lo = held.findIndex((v) => v === null);
    if (lo === -1) {
      summary.jobs++;
      if (o.verbose) log(`${d.label}: skipped, already computed`);
      return;
    }
    const hi = held.length - 1 - [...held].reverse().findIndex((v) => v === null);
    const input: SweepCellsInput = { spec, first: d.first + lo, count: hi - lo + 1 };
    const started = performance.now();
    if (o.verbose) log(`${d.label}: started`);
    const slot = free.pop()!;
    let out: SweepCellsOutput | undefined;
    try {
      const pool = (pools[slot] ??= await open());
      await pool.run<SweepCellsOutput>([{ kind: 'sweep-cells', input, label: d.label }], { onResult: (_, value) => void (out = value) });
    } catch (err) {
      if (err instanceof WorkerCrashError) {
        void pools[slot]?.close();
        pools[slot] = undefined;
      }
      const message = err instanceof WorkerCrashError ? `worker crashed: ${err.reason}` : err instanceof TaskError ? err.detail.message : (err as Error).message;
      await fail(d, { cell: input.first, label: d.label, name: (err as Error).name, message });
    } finally {
      free.push(slot);
    }
    const fields: (string | Buffer)[] = [];
    out!.cells.forEach((cell, i) => fields.push(String(cell.cell), encodeCell(cell, out!.work[i]!)));
    if (fields.length > 0) await client.hset(keys.results, ...fields);
    summary.cells += out!.cells.length;
    if (out!.failed) {
      const { cell, error } = out!.failed;
      await fail(d, { cell, label: cellLabel(spec.def.axes, cell), name: error.name, message: error.message });
    }
    summary.jobs++;
    if (o.verbose) log(`${d.label}: done, ${out!.cells.length} cell(s) in ${((performance.now() - started) / 1000).toFixed(2)} s`);
  }

  const worker = new Worker<JobData>(QUEUE, processJob, {
    connection: client,
    prefix: PREFIX,
    name,
    concurrency: o.concurrency,
    autorun: false,
    lockDuration: (o.lockSeconds ?? 30) * 1000,
    stalledInterval: (o.stalledSeconds ?? 30) * 1000,
    maxStalledCount: MAX_STALLED,
  });
  worker.on('error', () => {}); // connection errors: reported by the watch when they last

  let lostError: ClusterError | undefined;
  let onLost: (e: ClusterError) => void = () => {};
  const lost = new Promise<never>((_, reject) => (onLost = reject));
  lost.catch(() => {});
  const unwatch = watchConnection(client, address, o.reconnectSeconds ?? 10, (e) => {
    lostError = e;
    onLost(e);
  });
  const stopped = new Promise<void>((resolve) => {
    if (o.signal?.aborted) resolve();
    o.signal?.addEventListener('abort', () => resolve(), { once: true });
  });
  try {
    await Promise.race([worker.waitUntilReady(), lost]);
    const running = worker.run();
    o.onReady?.(name);
    // a stop waits for the running jobs; a loss of Redis ends everything at once
    await Promise.race([stopped.then(() => worker.close()), running, lost]);
  } finally {
    unwatch();
    if (lostError) {
      // running jobs are abandoned: they run again elsewhere once their lock expires
      await settleWithin(worker.close(true), 1000);
    } else {
      await worker.close();
    }
    await Promise.all(pools.map((p) => p?.close()));
    client.disconnect();
  }
  return summary;
}
