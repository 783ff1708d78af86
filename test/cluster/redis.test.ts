/**
 * `ccsim sweep --backend redis://…` and `ccsim worker` with a real Redis on 127.0.0.1 (the
 * compiled CLI in dist/: `npm run build` first). Every process is a real one, killed for real:
 * - two workers give the same bytes as the local `--workers 2` sweep, each doing part of the work;
 * - a worker SIGKILLed mid-cell: its cell runs again on the other worker; no row lost or doubled;
 * - the coordinator SIGKILLed and restarted: the workers went on; no finished cell recomputed;
 * - a cell that throws: its error reaches the coordinator, named by cell; the cells before it are kept;
 * - Redis stopped mid-sweep: coordinator and workers say so in one line and exit 1; restarting
 *   all three resumes to the same bytes;
 * - Redis down or not answering: one line, exit 1, within 10 s; a job of another engine version refused.
 * Skipped, with a warning, only when redis-server is not installed (.ci/run installs it).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer, type Server, type Socket } from 'node:net';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { freePort, redisServerBinary, RedisServer } from '../../bench/redisServer.js';
import { encodeDefinition, PREFIX, QUEUE, sweepKeys } from '../../scenarios/studies/sweep/cluster/protocol.js';
import { parseGrid } from '../../cli/io/vary.js';
import { ENGINE_VERSION } from '../../engine/version.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const cli = join(root, 'dist/cli/main.js');
const tiny = join(root, 'test/parallel/fixtures/tiny.yaml');
const bin = redisServerBinary();
if (!bin) {
  process.stderr.write('\n*** test/cluster/redis.test.ts: redis-server is not installed (apt-get install redis-server; .ci/run installs it): the Redis tests are SKIPPED ***\n\n');
}

/** A spawned ccsim process with its stderr kept. */
interface Proc {
  child: ChildProcess;
  stderr(): string;
  exited: Promise<number | null>;
  /** resolves when stderr matches `re` (rejects after `ms`) */
  waitFor(re: RegExp, ms?: number): Promise<void>;
}

const running = new Set<ChildProcess>();

function ccsim(args: string[]): Proc {
  const child = spawn(process.execPath, [cli, ...args], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
  running.add(child);
  let err = '';
  child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
  child.stdout!.resume();
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => (running.delete(child), resolve(code))));
  return {
    child,
    stderr: () => err,
    exited,
    waitFor: (re, ms = 60_000) =>
      new Promise<void>((resolve, reject) => {
        const started = Date.now();
        const look = () => {
          if (re.test(err)) return resolve();
          if (child.exitCode !== null) return reject(new Error(`process exited (${child.exitCode}) before ${re}: ${err}`));
          if (Date.now() - started > ms) return reject(new Error(`no ${re} within ${ms} ms: ${err}`));
          setTimeout(look, 20);
        };
        look();
      }),
  };
}

/** Runs ccsim to its end. */
async function ccsimDone(args: string[]): Promise<{ code: number | null; stderr: string }> {
  const p = ccsim(args);
  const code = await p.exited;
  return { code, stderr: p.stderr() };
}

/** A worker with short locks (a killed worker's job is back within ~3 s) and a line per job. */
const worker = (url: string, extra: string[] = []) =>
  ccsim(['worker', '--backend', url, '--concurrency', '1', '--verbose', '--lock-seconds', '2', '--stalled-seconds', '1', '--reconnect-seconds', '2', ...extra]);

/** Two workers, once both serve. */
async function twoWorkers(url: string): Promise<[Proc, Proc]> {
  const pair: [Proc, Proc] = [worker(url), worker(url)];
  await Promise.all(pair.map((w) => w.waitFor(/serving/)));
  return pair;
}

/** Waits until `path` holds at least `n` rows. */
async function rowsAtLeast(path: string, n: number): Promise<void> {
  for (let i = 0; i < 3000 && !(existsSync(path) && rowsOf(path).length >= n); i++) await new Promise((r) => setTimeout(r, 10));
}

async function stop(...procs: Proc[]): Promise<void> {
  for (const p of procs) if (p.child.exitCode === null) p.child.kill('SIGTERM');
  await Promise.all(procs.map((p) => p.exited));
}

/** Jobs a worker's log says it started and finished, by label. */
function jobsOf(log: string): { started: string[]; done: string[] } {
  const lines = log.split('\n');
  const pick = (suffix: RegExp) => lines.flatMap((l) => { const m = /^worker: (.*?): (started|done.*)$/.exec(l); return m && suffix.test(m[2]!) ? [m[1]!] : []; });
  return { started: pick(/^started$/), done: pick(/^done/) };
}

const rowsOf = (path: string) => readFileSync(path, 'utf8').split('\n').slice(1, -1);

let dir: string;
let redis: RedisServer;
let db = 0;
/** A fresh database of the shared server for each test (a Redis has 16). */
const nextUrl = () => redis.url(++db);

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'ccsim-cluster-'));
  if (!bin) return;
  redis = new RedisServer(bin, await freePort());
  await redis.start();
});
afterAll(async () => {
  for (const child of running) child.kill('SIGKILL');
  await redis?.stop();
  rmSync(dir, { recursive: true, force: true });
});

// 48 cells of ~20 ms per replication: one job per cell (blocks start below ~50 ms per cell).
const GRID = ['--set', 'channels[voice].callsPerDay=240000', '--vary', 'staff=-30%:0%:2%', '--vary', 'selfService=0.5:0.7:0.1', '--replications', '2', '--seed', '11', '--quiet'];
// 8 cells of ~0.4 s: long enough to kill a worker in the middle of one.
const SLOW = ['--set', 'channels[voice].callsPerDay=1000000', '--vary', 'staff=-14%:0%:2%', '--replications', '2', '--seed', '5', '--quiet'];

const local = new Map<string, string>();
/** The local `--workers 2` sweep's bytes: the reference. */
async function reference(name: string, grid: string[]): Promise<string> {
  if (!local.has(name)) {
    const out = join(dir, `local-${name}.csv`);
    const r = await ccsimDone(['sweep', tiny, ...grid, '--workers', '2', '--out', out]);
    expect(r.code, r.stderr).toBe(0);
    local.set(name, readFileSync(out, 'utf8'));
  }
  return local.get(name)!;
}

describe.skipIf(!bin)('ccsim sweep --backend redis:// with ccsim worker processes', () => {
  it('two workers: the same bytes as the local --workers 2 sweep, both workers working, each cell once', async () => {
    const url = nextUrl();
    const [a, b] = await twoWorkers(url);
    const out = join(dir, 'two.csv');
    const r = await ccsimDone(['sweep', tiny, ...GRID, '--backend', url, '--out', out]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(readFileSync(out, 'utf8')).toBe(await reference('grid', GRID));
    await stop(a, b);
    const ja = jobsOf(a.stderr());
    const jb = jobsOf(b.stderr());
    expect(ja.done.length).toBeGreaterThan(0);
    expect(jb.done.length).toBeGreaterThan(0);
    const done = [...ja.done, ...jb.done];
    expect(done).toHaveLength(48); // 48 cells (one job each), each computed once
    expect(new Set(done).size).toBe(48);
    expect(await a.exited).toBe(0);
    // Redis keeps nothing of a finished sweep but BullMQ's queue bookkeeping.
    const client = new Redis(url);
    expect((await client.keys(`${PREFIX}:sweep:*`)).length).toBe(0);
    client.disconnect();
  });

  it('the analytic model: blocks of cells per job, the same bytes as the local sweep', async () => {
    const url = nextUrl();
    const a = worker(url);
    await a.waitFor(/serving/);
    const grid = ['--model', 'analytic', '--vary', 'staff=-30%:0%:1%', '--vary', 'aht=-10%:10%:5%', '--quiet'];
    const out = join(dir, 'analytic.csv');
    const r = await ccsimDone(['sweep', tiny, ...grid, '--backend', url, '--out', out]);
    expect(r.code, r.stderr).toBe(0);
    expect(readFileSync(out, 'utf8')).toBe(await reference('analytic', grid));
    await stop(a);
    const jobs = jobsOf(a.stderr()).done;
    expect(jobs.length).toBeLessThan(155 / 10); // 155 cells of microseconds: a few blocks, not a job per cell
    expect(jobs.every((label) => /^cells \d+–\d+$/.test(label))).toBe(true);
  });

  it('Ctrl-C on the coordinator: exit 130, finished cells written, waiting jobs removed; --resume finishes the same bytes', async () => {
    const url = nextUrl();
    const a = worker(url);
    await a.waitFor(/serving/);
    const out = join(dir, 'interrupted.csv');
    const first = ccsim(['sweep', tiny, ...GRID, '--backend', url, '--out', out]);
    await rowsAtLeast(out, 3);
    first.child.kill('SIGINT');
    expect(await first.exited).toBe(130);
    expect(first.stderr()).toMatch(/^ccsim: interrupted; \d+ of 48 cells are in .*interrupted\.csv \(incomplete: .*interrupted\.csv\.sweep\.json says interrupted\); --resume continues\n$/);
    const client = new Redis(url, { maxRetriesPerRequest: null });
    const queue = new Queue(QUEUE, { connection: client, prefix: PREFIX });
    expect(await queue.getWaitingCount()).toBe(0); // the worker takes no more cells of this sweep
    await queue.close();
    client.disconnect();
    const r = await ccsimDone(['sweep', tiny, ...GRID, '--backend', url, '--out', out, '--resume']);
    expect(r.code, r.stderr).toBe(0);
    expect(readFileSync(out, 'utf8')).toBe(await reference('grid', GRID));
    await stop(a);
    const done = jobsOf(a.stderr()).done;
    expect(new Set(done).size).toBe(done.length); // no cell computed twice
  });

  it('a worker SIGKILLed mid-cell: its cell runs again on the other worker; no row lost or doubled', async () => {
    const url = nextUrl();
    const [a, b] = await twoWorkers(url);
    const out = join(dir, 'killed-worker.csv');
    const sweep = ccsim(['sweep', tiny, ...SLOW, '--backend', url, '--out', out]);
    await a.waitFor(/: started\n/);
    const victim = jobsOf(a.stderr()).started.at(-1)!;
    expect(jobsOf(a.stderr()).done).not.toContain(victim); // mid-cell
    a.child.kill('SIGKILL');
    expect(await sweep.exited, sweep.stderr()).toBe(0);
    expect(readFileSync(out, 'utf8')).toBe(await reference('slow', SLOW));
    await stop(b);
    expect(jobsOf(b.stderr()).done).toContain(victim); // ran again elsewhere
    expect(jobsOf(a.stderr()).done).not.toContain(victim);
  });

  it('the coordinator SIGKILLed and restarted: the workers went on, no finished cell recomputed, the same bytes', async () => {
    const url = nextUrl();
    const [a, b] = await twoWorkers(url);
    const out = join(dir, 'killed-coordinator.csv');
    const first = ccsim(['sweep', tiny, ...GRID, '--backend', url, '--out', out]);
    await rowsAtLeast(out, 5);
    first.child.kill('SIGKILL');
    await first.exited;
    const before = rowsOf(out).length;
    expect(before).toBeGreaterThanOrEqual(5);
    expect(before).toBeLessThan(48);
    await new Promise((r) => setTimeout(r, 500)); // the workers go on meanwhile
    const r = await ccsimDone(['sweep', tiny, ...GRID, '--backend', url, '--out', out, '--resume']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(readFileSync(out, 'utf8')).toBe(await reference('grid', GRID));
    await stop(a, b);
    const done = [...jobsOf(a.stderr()).done, ...jobsOf(b.stderr()).done];
    expect(done).toHaveLength(48); // each cell computed exactly once across both runs
    expect(new Set(done).size).toBe(48);
  });

  it('a cell that throws: one line naming the cell, exit 1, the cells before it in the file; workers keep serving', async () => {
    const url = nextUrl();
    const a = worker(url);
    await a.waitFor(/serving/);
    const out = join(dir, 'bad-cell.csv');
    const r = await ccsimDone(['sweep', tiny, '--vary', 'groups[agents].staffShare=0.5:1.5:0.25', '--replications', '2', '--backend', url, '--out', out, '--quiet']);
    expect(r.code).toBe(1);
    const lines = r.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^ccsim: cell 3 \(groups\[agents\]\.staffShare=1\.25\): .*tiny\.yaml: groups\[agents\]\.staffShare must be ≤ 1.*, got 1\.25; 3 of 5 cells are in .*bad-cell\.csv \(incomplete: .*bad-cell\.csv\.sweep\.json says failed\)$/); // a failed cell fails again: no resume hint
    expect(rowsOf(out).map((row) => row.split(',')[0])).toEqual(['0', '1', '2']);
    expect(a.stderr()).toMatch(/worker: cell 3 \(groups\[agents\]\.staffShare=1\.25\): .*must be ≤ 1/);
    expect(a.child.exitCode).toBe(null); // a failed job does not stop the worker
    // Re-running retries the failed job (job.retry()): the same error again, nothing recomputed before it.
    const again = await ccsimDone(['sweep', tiny, '--vary', 'groups[agents].staffShare=0.5:1.5:0.25', '--replications', '2', '--backend', url, '--out', out, '--resume', '--quiet']);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/^ccsim: cell 3 \(groups\[agents\]\.staffShare=1\.25\): .*; 3 of 5 cells are in/);
    await stop(a);
  });

  it('Redis stopped mid-sweep: coordinator and workers say so in one line and exit 1; restarting all resumes to the same bytes', async () => {
    const own = new RedisServer(bin!, await freePort());
    await own.start();
    try {
      const url = own.url(0);
      const [a, b] = await twoWorkers(url);
      const out = join(dir, 'redis-lost.csv');
      const sweep = ccsim(['sweep', tiny, ...GRID, '--backend', url, '--reconnect-seconds', '2', '--out', out]);
      await rowsAtLeast(out, 3);
      const killed = Date.now();
      await own.kill();
      const codes = await Promise.all([sweep.exited, a.exited, b.exited]);
      expect(Date.now() - killed).toBeLessThan(10_000);
      expect(codes).toEqual([1, 1, 1]);
      const lost = /lost the connection to Redis at redis:\/\/127\.0\.0\.1:\d+\/0 \(connection refused\) for more than 2 s/;
      const last = (p: Proc) => p.stderr().trim().split('\n').at(-1)!;
      expect(last(sweep)).toMatch(new RegExp(`^ccsim: ${lost.source}; \\d+ of 48 cells are in .*redis-lost\\.csv \\(incomplete: .*says failed\\); --resume continues$`));
      expect(sweep.stderr().trim().split('\n')).toHaveLength(1);
      for (const w of [a, b]) expect(last(w)).toMatch(new RegExp(`^ccsim: ${lost.source}$`));

      await own.start(); // empty: no persistence
      const [c, d] = await twoWorkers(url);
      const r = await ccsimDone(['sweep', tiny, ...GRID, '--backend', url, '--out', out, '--resume']);
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
      expect(readFileSync(out, 'utf8')).toBe(await reference('grid', GRID));
      await stop(c, d);
    } finally {
      await own.stop();
    }
  });

  it('a job made by another engine version is refused with a message naming the cell and both versions', async () => {
    const url = nextUrl();
    const a = worker(url);
    await a.waitFor(/serving/);
    const client = new Redis(url, { maxRetriesPerRequest: null });
    const queue = new Queue(QUEUE, { connection: client, prefix: PREFIX });
    const sweep = 'feedfacefeedface';
    await client.set(sweepKeys(sweep).def, encodeDefinition({ def: { file: 'x.yaml', raw: {}, sets: [], axes: parseGrid(['staff=0:0.1:0.1']) }, model: 'simulation', replications: 1, seed: 1, warmupSeconds: 0 }));
    await queue.add('cells', { sweep, first: 1, count: 1, version: '0.0.0-other', label: 'cell 1 (staff=0.1)' }, { jobId: `${sweep}-1` });
    for (let i = 0; i < 500 && (await queue.getJobState(`${sweep}-1`)) !== 'failed'; i++) await new Promise((r) => setTimeout(r, 20));
    const job = await queue.getJob(`${sweep}-1`);
    const message = `cell 1 \\(staff=0\\.1\\): refused by the worker [^:]+:\\d+: the job was made by ccsim 0\\.0\\.0-other and this worker runs ccsim ${ENGINE_VERSION.replace(/\./g, '\\.')}; run one ccsim version on every machine`;
    expect(job?.failedReason).toMatch(new RegExp(`^${message}$`));
    expect(JSON.parse((await client.hget(sweepKeys(sweep).errors, '1'))!)).toMatchObject({ cell: 1, label: 'cell 1 (staff=0.1)', name: 'VersionError' });
    expect(a.stderr()).toMatch(new RegExp(`worker: ${message}`));
    await queue.close();
    client.disconnect();
    await stop(a);
  });
});

describe.skipIf(!bin)('Redis down or unreachable: one line, exit 1, within 10 s', () => {
  let hole: Server;
  const held: Socket[] = [];
  beforeAll(async () => {
    // accepts connections and never answers: a firewall that drops, a stuck host
    hole = createServer((s) => void held.push(s));
    await new Promise<void>((r) => hole.listen(0, '127.0.0.1', r));
  });
  afterAll(() => {
    for (const s of held) s.destroy();
    hole.close();
  });

  it('sweep and worker against a port nothing listens on, and against one that never answers', async () => {
    const closed = `redis://127.0.0.1:${await freePort()}/0`;
    const silent = `redis://127.0.0.1:${(hole.address() as { port: number }).port}/0`;
    for (const [url, why] of [[closed, 'connection refused'], [silent, 'no answer within 3 s']] as const) {
      const out = join(dir, 'never.csv');
      for (const args of [['sweep', tiny, '--vary', 'staff=-10%:0%:10%', '--backend', url, '--out', out], ['worker', '--backend', url]]) {
        const started = Date.now();
        const r = await ccsimDone(args);
        expect(Date.now() - started, args[0]).toBeLessThan(10_000);
        expect(r.code, r.stderr).toBe(1);
        expect(r.stderr).toBe(`ccsim: cannot reach Redis at ${url}: ${why}; is redis-server running there and reachable from this machine?\n`);
      }
      expect(existsSync(out)).toBe(false);
    }
  });

  it('a malformed --backend, or --workers with --backend: one usage line, exit 2', async () => {
    const bad = await ccsimDone(['worker', '--backend', '127.0.0.1:6379']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/^ccsim: --backend '127\.0\.0\.1:6379' is not a Redis address \(.*\); write redis:\/\/HOST:PORT\[\/DB\], e\.g\. redis:\/\/127\.0\.0\.1:6379\/0\n$/);
    const both = await ccsimDone(['sweep', tiny, '--vary', 'staff=-10%:0%:10%', '--backend', 'redis://127.0.0.1:1/0', '--workers', '2', '--out', join(dir, 'x.csv')]);
    expect(both.code).toBe(2);
    expect(both.stderr).toMatch(/^ccsim: --workers sets the threads of this machine; with --backend/);
  });
});
