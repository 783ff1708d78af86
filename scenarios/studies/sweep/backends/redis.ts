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
import { addWork, NO_WORK, sweepFigureNames } from '../cellResult.js';
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
/** Seconds per expected call per replication (measured 0.13–0.42 µs on the shipped and test scenarios, machine busy), and per analytic interval. */
const SECONDS_PER_CALL = 0.3e-6;
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

function coordinate(ctx: Ctx, spec: SweepSpec, blocks: CellBlock[], run: BackendRun): Promise<void> {
  return new Coordination(ctx, spec, blocks, run).run();
}

/** One run of a sweep on Redis: enqueue, then collect in block order until done or stopped. */
class Coordination {
  private readonly sweep: string;
  private readonly keys: ReturnType<typeof sweepKeys>;
  /** blocks[head] is the first not yet delivered */
  private head = 0;
  private delivered = 0;
  /** results held for cells the caller already had (not counted as progress) */
  private heldElsewhere = 0;
  private seen = -1;
  private lastNews = Date.now();
  private lastHeadCheck = Date.now();
  private headUnknown = 0;

  constructor(private readonly ctx: Ctx, private readonly spec: SweepSpec, private readonly blocks: CellBlock[], private readonly out: BackendRun) {
    this.sweep = sweepIdentity(spec).hash;
    this.keys = sweepKeys(this.sweep);
  }

  async run(): Promise<void> {
    await this.enqueue();
    await noticeIfNoWorker(this.ctx);
    const { guard, client } = this.ctx;
    let exhausted = false; // the last look delivered its whole window: look again at once
    while (this.head < this.blocks.length) {
      if (this.out.signal?.aborted) await this.stop(new AbortedError(this.delivered), Infinity);
      const n = await guard(client.hlen(this.keys.results));
      this.out.onFinished?.(n - this.heldElsewhere);
      let moved = false;
      if (n !== this.seen || exhausted) {
        this.seen = n;
        ({ moved, exhausted } = await this.deliverReady());
      }
      if (this.head >= this.blocks.length) break;
      await this.checkFailures();
      if (Date.now() - this.lastNews > 60_000) {
        this.lastNews = Date.now();
        await noticeIfNoWorker(this.ctx);
      }
      if (!moved) await sleep(this.ctx.options.pollMs ?? 100, this.out.signal);
    }
    await guard(client.del(this.keys.def, this.keys.results, this.keys.errors));
  }

  private label(b: CellBlock): string {
    return b.count === 1 ? cellLabel(this.spec.def.axes, b.first) : `cells ${b.first}–${b.first + b.count - 1}`;
  }

  private job(b: CellBlock) {
    return { name: 'cells', data: { sweep: this.sweep, first: b.first, count: b.count, version: ENGINE_VERSION, label: this.label(b) }, opts: { jobId: jobIdOf(this.sweep, b) } };
  }

  /** The definition once; what Redis holds already; failed jobs of the sweep retried; a job per block still lacking a result. */
  private async enqueue(): Promise<void> {
    const { guard, client, queue } = this.ctx;
    await guard(client.set(this.keys.def, encodeDefinition(this.spec)));
    const held = new Set((await guard(client.hkeys(this.keys.results))).map(Number));
    const heldTodo = this.blocks.reduce((n, b) => n + cellsOf(b).filter((c) => held.has(c)).length, 0);
    this.heldElsewhere = held.size - heldTodo;
    await guard(client.del(this.keys.errors)); // an earlier run's failures: retried now
    const ours = new Set(this.blocks.map((b) => jobIdOf(this.sweep, b)));
    for (const job of await guard(queue.getFailed(0, -1))) {
      if (job?.id && ours.has(job.id)) await guard(job.retry('failed')).catch(() => undefined);
    }
    const missing = this.blocks.filter((b) => cellsOf(b).some((c) => !held.has(c)));
    for (let i = 0; i < missing.length; i += 500) await guard(queue.addBulk(missing.slice(i, i + 500).map((b) => this.job(b))));
  }

  /** Delivers the blocks from the head whose results are all in, looking at up to WINDOW cells. */
  private async deliverReady(): Promise<{ moved: boolean; exhausted: boolean }> {
    const window: CellBlock[] = [];
    let cells = 0;
    for (let i = this.head; i < this.blocks.length && cells + this.blocks[i]!.count <= Math.max(WINDOW, this.blocks[i]!.count); i++) {
      window.push(this.blocks[i]!);
      cells += this.blocks[i]!.count;
    }
    const values = await this.ctx.guard(this.ctx.client.hmgetBuffer(this.keys.results, ...window.flatMap(cellsOf).map(String)));
    let at = 0;
    let moved = false;
    for (const b of window) {
      const bytes = values.slice(at, at + b.count);
      at += b.count;
      if (bytes.some((v) => v === null)) return { moved, exhausted: false };
      const decoded = bytes.map((v, i) => decodeCell(this.spec.def.axes, b.first + i, v!, sweepFigureNames(this.spec.def).length));
      const work = { ...NO_WORK };
      for (const d of decoded) addWork(work, d.work);
      await this.out.onBlock({ block: b, cells: decoded.map((d) => d.result), work });
      this.head++;
      this.delivered += b.count;
      this.lastNews = Date.now();
      moved = true;
    }
    return { moved, exhausted: true };
  }

  /** Stops at a failure: a worker's report (errors hash), or a job BullMQ failed by itself (stalled too often). */
  private async checkFailures(): Promise<void> {
    const { guard, client, queue } = this.ctx;
    if ((await guard(client.hlen(this.keys.errors))) > 0) {
      const failures = Object.values(await guard(client.hgetall(this.keys.errors))).map((v) => JSON.parse(v) as CellFailure);
      const f = failures.sort((a, b) => a.cell - b.cell)[0]!;
      await this.stop(new TaskError(f.cell, f.label, { name: f.name, message: f.message }), f.cell);
    }
    if (Date.now() - this.lastHeadCheck < 2000) return;
    this.lastHeadCheck = Date.now();
    const b = this.blocks[this.head]!;
    const id = jobIdOf(this.sweep, b);
    const state = await guard(queue.getJobState(id));
    if (state === 'failed') {
      const job = await guard(queue.getJob(id));
      await this.stop(new TaskError(b.first, this.label(b), { name: 'Error', message: job?.failedReason ?? 'the job failed' }), b.first);
    }
    // A job gone without its result (removed by hand, or its result deleted by another run of the same
    // sweep): seen twice, 2 s apart (not the moment between a result's write and the job's removal), it is added again.
    this.headUnknown = state === 'unknown' ? this.headUnknown + 1 : 0;
    if (this.headUnknown >= 2) {
      this.headUnknown = 0;
      await guard(client.set(this.keys.def, encodeDefinition(this.spec)));
      const j = this.job(b);
      await guard(queue.add(j.name, j.data, j.opts));
    }
  }

  /** Hands over, cell by cell, the results present below cell `limit` (gaps allowed, order kept): on a failure or a stop, the file keeps all it can. */
  private async flushBelow(limit: number): Promise<void> {
    const cells: number[] = [];
    for (let i = this.head; i < this.blocks.length && cells.length < WINDOW; i++) for (const c of cellsOf(this.blocks[i]!)) if (c < limit) cells.push(c);
    if (cells.length === 0) return;
    const values = await this.ctx.guard(this.ctx.client.hmgetBuffer(this.keys.results, ...cells.map(String)));
    for (let i = 0; i < cells.length; i++) {
      if (values[i] === null) continue;
      const d = decodeCell(this.spec.def.axes, cells[i]!, values[i]!, sweepFigureNames(this.spec.def).length);
      await this.out.onBlock({ block: { first: cells[i]!, count: 1 }, cells: [d.result], work: d.work });
      this.delivered++;
    }
  }

  /** Keeps what is in, removes the sweep's waiting jobs (a running one cannot be: it finishes, its result waits in Redis), throws `error`. */
  private async stop(error: Error, limit: number): Promise<never> {
    if (!this.ctx.lost()) {
      await this.flushBelow(limit);
      const rest = this.blocks.slice(this.head).map((b) => jobIdOf(this.sweep, b));
      const removal = (async () => {
        for (let i = 0; i < rest.length; i += 200) await Promise.all(rest.slice(i, i + 200).map((id) => this.ctx.queue.remove(id).catch(() => 0)));
      })();
      await settleWithin(removal, 3000);
    }
    throw error;
  }
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
