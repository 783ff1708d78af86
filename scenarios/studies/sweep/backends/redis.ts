/**
 * The Redis sweep backend: this process is the coordinator; `ccsim worker` processes on any
 * number of machines compute the cells (cluster/worker.ts). Protocol and keys: cluster/protocol.ts.
 *
 * A run: the spec is stored once under its content hash; the results Redis already holds for
 * this sweep are taken as they are (a coordinator killed and restarted recomputes nothing);
 * failed jobs of the sweep are retried (`job.retry()`); one job is added per block that still
 * lacks a result, with an id made of the sweep hash and the block (adding an existing job is a
 * no-op). Then the coordinator polls the results hash: it delivers blocks in block order as
 * their cells appear, reports the count of finished cells for the progress bar, and stops at
 * the first failed cell (workers write failures to the errors hash; a job BullMQ failed —
 * stalled too often — is read from the queue). When every block is delivered, the sweep's
 * keys are deleted: the caller's file is the record. On a failure or Ctrl-C the sweep's
 * waiting jobs are removed (running ones finish; their results wait in Redis for `--resume`).
 */
import type { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { AbortedError, TaskError } from '../../../../engine/parallel/index.js';
import { ENGINE_VERSION } from '../../../../engine/version.js';
import type { BackendRun, CellBlock, SweepBackend } from '../backend.js';
import { cellPlan } from '../cell.js';
import { cellLabel } from '../grid.js';
import { sweepIdentity } from '../identity.js';
import type { SweepSpec } from '../spec.js';
import { ClusterError, connectRedis, settleWithin, watchConnection } from '../cluster/connection.js';
import { parseRedisUrl, type RedisAddress } from '../cluster/address.js';
import { decodeCell, encodeDefinition, jobIdOf, PREFIX, QUEUE, sweepKeys, type CellFailure, type JobData } from '../cluster/protocol.js';

export interface RedisBackendOptions {
  /** `redis://HOST:PORT[/DB]` */
  url: string;
  /** seconds Redis may stay unreachable before the sweep stops (default 10) */
  reconnectSeconds?: number;
  /** milliseconds between looks at the results hash when nothing new came (default 100) */
  pollMs?: number;
  /** one-line notices while waiting (no worker connected) */
  notice?: (line: string) => void;
}

/** Jobs: one attempt (a cell fails the same way twice), removed once complete (results live in the hash), failed ones kept a week for `retry()`. */
export const JOB_OPTIONS = { attempts: 1, removeOnComplete: true, removeOnFail: { age: 7 * 24 * 3600 } } as const;

/** A job should take about this long at least: shorter cells are grouped into blocks. */
export const JOB_SECONDS = 0.05;
/** Seconds per expected call per replication (measured 0.16–1.1 µs on the shipped scenarios), and per analytic interval. */
const SECONDS_PER_CALL = 0.5e-6;
const SECONDS_PER_INTERVAL = 1e-6;
/** Cells fetched from the results hash per look. */
const WINDOW = 2048;

/**
 * Cells per job: JOB_SECONDS over a cell's expected time, from cell 0's plan (calls expected
 * per replication, or intervals for the analytic model), in [1, 1024]. Deterministic: the same
 * sweep cuts the same blocks on every run, so its job ids are found again.
 */
export async function clusterBlockSize(spec: SweepSpec): Promise<number> {
  const plan = await cellPlan(spec.def, 0);
  let calls = 0;
  let intervals = 0;
  for (const run of plan.runs) {
    const m = run.model;
    intervals += m.channels[0]?.arrivalRatePerSecond.length ?? 0;
    for (const ch of m.channels) calls += ch.arrivalRatePerSecond.reduce((s, r) => s + r, 0) * m.intervalSeconds * m.days;
  }
  const seconds = spec.model === 'analytic' ? intervals * SECONDS_PER_INTERVAL : spec.replications * calls * SECONDS_PER_CALL;
  return Math.max(1, Math.min(1024, Math.ceil(JOB_SECONDS / Math.max(seconds, 1e-9))));
}

/**
 * Connects to Redis and returns the backend.
 * @throws {RangeError} a malformed URL; {ClusterError} Redis cannot be reached (within a few seconds)
 */
export async function openRedisBackend(o: RedisBackendOptions): Promise<SweepBackend> {
  const address = parseRedisUrl(o.url);
  const client = await connectRedis(address);
  const { Queue } = await import('bullmq'); // after the first contact: a Redis that is down is reported without waiting for it
  const queue = new Queue<JobData>(QUEUE, { connection: client, prefix: PREFIX, defaultJobOptions: JOB_OPTIONS });
  queue.on('error', () => {}); // connection errors: reported by the watch when they last
  let lost: ClusterError | undefined;
  const waiting = new Set<(e: Error) => void>();
  const unwatch = watchConnection(client, address, o.reconnectSeconds ?? 10, (e) => {
    lost = e;
    for (const reject of waiting) reject(e);
  });
  /** `p`, or the connection's loss, whichever comes first (commands wait while ioredis reconnects). */
  const guard = <T>(p: Promise<T>): Promise<T> => {
    if (lost) return Promise.reject(lost);
    return new Promise<T>((resolve, reject) => {
      waiting.add(reject);
      p.then(resolve, reject).finally(() => waiting.delete(reject));
    });
  };
  let closed = false;
  return {
    where: `on ${address.text}`,
    blockSize: (spec) => clusterBlockSize(spec),
    run: (spec, blocks, run) => coordinate({ client, queue, address, guard, options: o, lost: () => lost }, spec, [...blocks], run),
    async close() {
      if (closed) return;
      closed = true;
      unwatch();
      await settleWithin(queue.close(), 2000);
      client.disconnect();
    },
  };
}

interface Ctx {
  client: Redis;
  queue: Queue<JobData>;
  address: RedisAddress;
  guard: <T>(p: Promise<T>) => Promise<T>;
  options: RedisBackendOptions;
  lost: () => ClusterError | undefined;
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal?.addEventListener('abort', done, { once: true });
  });
}

const cellsOf = (b: CellBlock): number[] => Array.from({ length: b.count }, (_, i) => b.first + i);

async function coordinate(ctx: Ctx, spec: SweepSpec, blocks: CellBlock[], run: BackendRun): Promise<void> {
  const { client, queue, guard } = ctx;
  const sweep = sweepIdentity(spec).hash;
  const keys = sweepKeys(sweep);
  const axes = spec.def.axes;
  const label = (b: CellBlock) => (b.count === 1 ? cellLabel(axes, b.first) : `cells ${b.first}–${b.first + b.count - 1}`);

  // The definition once; what Redis holds already; failures of an earlier run forgotten (retried below).
  await guard(client.set(keys.def, encodeDefinition(spec)));
  const held = new Set((await guard(client.hkeys(keys.results))).map(Number));
  const heldTodo = blocks.reduce((n, b) => n + cellsOf(b).filter((c) => held.has(c)).length, 0);
  const heldElsewhere = held.size - heldTodo; // results of cells the caller has already
  await guard(client.del(keys.errors));
  const ours = new Set(blocks.map((b) => jobIdOf(sweep, b)));
  for (const job of await guard(queue.getFailed(0, -1))) {
    if (job?.id && ours.has(job.id)) await guard(job.retry('failed')).catch(() => undefined);
  }
  const missing = blocks.filter((b) => cellsOf(b).some((c) => !held.has(c)));
  for (let i = 0; i < missing.length; i += 500) {
    await guard(queue.addBulk(missing.slice(i, i + 500).map((b) => ({
      name: 'cells',
      data: { sweep, first: b.first, count: b.count, version: ENGINE_VERSION, label: label(b) },
      opts: { jobId: jobIdOf(sweep, b) },
    }))));
  }

  let head = 0;
  let seen = -1;
  let exhausted = false; // the last look delivered its whole window: look again at once
  let lastNews = Date.now();
  let lastHeadCheck = Date.now();
  let headUnknown = 0;
  let delivered = 0;
  /** Hands over, cell by cell, the results present below cell `limit` (gaps allowed, order kept): on a failure or a stop, the file keeps all it can. */
  const flushBelow = async (limit: number) => {
    const cells: number[] = [];
    for (let i = head; i < blocks.length && cells.length < WINDOW; i++) for (const c of cellsOf(blocks[i]!)) if (c < limit) cells.push(c);
    if (cells.length === 0) return;
    const values = await guard(client.hmgetBuffer(keys.results, ...cells.map(String)));
    for (let i = 0; i < cells.length; i++) {
      if (values[i] === null) continue;
      const d = decodeCell(axes, cells[i]!, values[i]!);
      await run.onBlock({ block: { first: cells[i]!, count: 1 }, cells: [d.result], work: d.work });
      delivered++;
    }
  };
  const stop = async (error: Error, limit: number): Promise<never> => {
    if (!ctx.lost()) await flushBelow(limit);
    // Remove the sweep's waiting jobs (a running job cannot be removed: it finishes, its result waits in Redis).
    const rest = blocks.slice(head).map((b) => jobIdOf(sweep, b));
    if (!ctx.lost()) {
      const removal = (async () => {
        for (let i = 0; i < rest.length; i += 200) await Promise.all(rest.slice(i, i + 200).map((id) => queue.remove(id).catch(() => 0)));
      })();
      await settleWithin(removal, 3000);
    }
    throw error;
  };
  await noticeIfNoWorker(ctx);

  while (head < blocks.length) {
    if (run.signal?.aborted) await stop(new AbortedError(delivered), Infinity);
    const n = await guard(client.hlen(keys.results));
    run.onFinished?.(n - heldElsewhere);
    let moved = false;
    if (n !== seen || exhausted) {
      seen = n;
      const window: CellBlock[] = [];
      let cells = 0;
      for (let i = head; i < blocks.length && cells + blocks[i]!.count <= Math.max(WINDOW, blocks[i]!.count); i++) {
        window.push(blocks[i]!);
        cells += blocks[i]!.count;
      }
      const fields = window.flatMap(cellsOf).map(String);
      const values = await guard(client.hmgetBuffer(keys.results, ...fields));
      let at = 0;
      exhausted = true;
      for (const b of window) {
        const bytes = values.slice(at, at + b.count);
        at += b.count;
        if (bytes.some((v) => v === null)) {
          exhausted = false;
          break;
        }
        const decoded = bytes.map((v, i) => decodeCell(axes, b.first + i, v!));
        const work = { arrivals: 0, evaluations: 0, kernelEvaluations: 0 };
        for (const d of decoded) {
          work.arrivals += d.work.arrivals;
          work.evaluations += d.work.evaluations;
          work.kernelEvaluations += d.work.kernelEvaluations;
        }
        await run.onBlock({ block: b, cells: decoded.map((d) => d.result), work });
        head++;
        delivered += b.count;
        moved = true;
      }
      if (moved) lastNews = Date.now();
    }
    if (head >= blocks.length) break;

    // Failures: a worker's report, or a job BullMQ failed by itself (stalled too often).
    if ((await guard(client.hlen(keys.errors))) > 0) {
      const failures = Object.values(await guard(client.hgetall(keys.errors))).map((v) => JSON.parse(v) as CellFailure);
      const f = failures.sort((a, b) => a.cell - b.cell)[0]!;
      await stop(new TaskError(f.cell, f.label, { name: f.name, message: f.message }), f.cell);
    }
    if (Date.now() - lastHeadCheck > 2000) {
      lastHeadCheck = Date.now();
      const b = blocks[head]!;
      const id = jobIdOf(sweep, b);
      const state = await guard(queue.getJobState(id));
      if (state === 'failed') {
        const job = await guard(queue.getJob(id));
        await stop(new TaskError(b.first, label(b), { name: 'Error', message: job?.failedReason ?? 'the job failed' }), b.first);
      }
      // A job gone without its result (removed by hand, or its result deleted by another run of the
      // same sweep): seen twice, 2 s apart (not the moment between a result's write and the job's removal), it is added again.
      headUnknown = state === 'unknown' ? headUnknown + 1 : 0;
      if (headUnknown >= 2) {
        headUnknown = 0;
        await guard(client.set(keys.def, encodeDefinition(spec)));
        await guard(queue.add('cells', { sweep, first: b.first, count: b.count, version: ENGINE_VERSION, label: label(b) }, { jobId: id }));
      }
    }
    if (Date.now() - lastNews > 60_000) {
      lastNews = Date.now();
      await noticeIfNoWorker(ctx);
    }
    if (!moved) await sleep(ctx.options.pollMs ?? 100, run.signal);
  }
  await guard(client.del(keys.def, keys.results, keys.errors));
}

/** A notice when no `ccsim worker` is connected (the sweep waits for one). */
async function noticeIfNoWorker(ctx: Ctx): Promise<void> {
  if (!ctx.options.notice) return;
  let workers: number;
  try {
    workers = await ctx.guard(ctx.queue.getWorkersCount());
  } catch (err) {
    if (err instanceof ClusterError) throw err;
    return; // CLIENT LIST may be disabled (managed Redis): no notice
  }
  if (workers === 0) ctx.options.notice(`no ccsim worker is connected to ${ctx.address.text}; start \`ccsim worker --backend ${ctx.address.text}\` on each machine (the sweep waits)`);
}
