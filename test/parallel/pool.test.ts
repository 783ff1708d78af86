/**
 * The worker pool's guarantees (engine/parallel/pool.ts): results in task order whatever the
 * worker count, typed arrays moved not copied, every failure (throw, process.exit, uncaught
 * error, out of memory) reported with the task's label instead of a hang, abort keeps what
 * finished, and no thread keeps the process alive. Workers run the compiled dist/ files:
 * `npx tsc -p tsconfig.json` first (npm test does).
 */
import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { AbortedError, openInlinePool, openPool, TaskError, WorkerCrashError } from '../../engine/parallel/index.js';
import type { Task } from '../../engine/parallel/index.js';

const fixtures = new URL('./fixtures/handlers.mjs', import.meta.url);
const modules = [fixtures];

/** Tasks whose finishing order differs from their order: later tasks sleep less. */
function squares(n: number): Task[] {
  return Array.from({ length: n }, (_, i) => ({ kind: 'square', input: { n: i, ms: (n - i) % 7 }, label: `square ${i}` }));
}

async function collect(workers: number, tasks: Task[]): Promise<[number, number][]> {
  const pool = workers === 0 ? await openInlinePool({ modules }) : await openPool({ workers, modules });
  const seen: [number, number][] = [];
  try {
    const finished = await pool.run<number>(tasks, { onResult: (i, v) => void seen.push([i, v]) });
    expect(finished).toBe(tasks.length);
  } finally {
    await pool.close();
  }
  return seen;
}

describe('openPool', () => {
  it('delivers results in task order, identical for the main thread and 1, 2, 3 workers', async () => {
    const tasks = squares(40);
    const expected = tasks.map((_, i) => [i, i * i]);
    for (const workers of [0, 1, 2, 3]) expect(await collect(workers, tasks)).toEqual(expected);
  });

  it('moves typed arrays (the sender’s buffer is detached) and returns typed arrays', async () => {
    const pool = await openPool({ workers: 2, modules });
    try {
      const values = Float64Array.from({ length: 1000 }, (_, i) => i);
      let out: { out: Float64Array; isFloat64: boolean } | undefined;
      await pool.run<{ out: Float64Array; isFloat64: boolean }>([{ kind: 'double', input: { values }, label: 'double' }], { onResult: (_, v) => void (out = v) });
      expect(values.byteLength).toBe(0); // transferred, not copied
      expect(out!.isFloat64).toBe(true);
      expect(out!.out).toBeInstanceOf(Float64Array);
      expect(out!.out[999]).toBe(1998);
    } finally {
      await pool.close();
    }
  });

  it('runs a lazy stream of many tasks with a bounded reorder window', async () => {
    const pool = await openPool({ workers: 2, modules });
    let sum = 0;
    let expectedIndex = 0;
    function* tasks(): Generator<Task> {
      for (let i = 0; i < 5000; i++) yield { kind: 'square', input: { n: i }, label: `t${i}` };
    }
    try {
      await pool.run<number>(tasks(), { maxAhead: 16, onResult: (i, v) => { expect(i).toBe(expectedIndex++); sum += v; } });
    } finally {
      await pool.close();
    }
    expect(sum).toBe((4999 * 5000 * 9999) / 6); // Σ i² for i < 5000
  });

  it('a handler that throws rejects with a TaskError naming the task; finished tasks are delivered first', async () => {
    const pool = await openPool({ workers: 2, modules });
    const tasks: Task[] = [
      { kind: 'square', input: { n: 1 }, label: 'cell 0' },
      { kind: 'square', input: { n: 2 }, label: 'cell 1' },
      { kind: 'fail', input: { message: 'selfService must be in [0, 1], got 1.2', ms: 30 }, label: 'cell 2 (selfService=1.2)' },
      { kind: 'square', input: { n: 3 }, label: 'cell 3' },
    ];
    const delivered: number[] = [];
    const error = await pool.run(tasks, { onResult: (i) => void delivered.push(i) }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TaskError);
    expect((error as TaskError).message).toBe('cell 2 (selfService=1.2): selfService must be in [0, 1], got 1.2');
    expect((error as TaskError).index).toBe(2);
    expect(delivered.slice(0, 2)).toEqual([0, 1]); // cell 3 may also have finished (delivered after the gap)
    expect(delivered).not.toContain(2);
    // The pool is unusable afterwards, and says so instead of hanging.
    await expect(pool.run(squares(2))).rejects.toBeInstanceOf(TaskError);
    await pool.close();
  });

  it('process.exit inside a worker is reported as a crash of that task, not a hang', async () => {
    const pool = await openPool({ workers: 2, modules });
    const tasks: Task[] = [...squares(3), { kind: 'exit', input: { code: 7 }, label: 'cell 3' }, ...squares(3)];
    const error = await pool.run(tasks).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WorkerCrashError);
    expect((error as Error).message).toBe('cell 3: worker crashed: exited with code 7');
    await pool.close();
  });

  it('an uncaught error in a worker is reported with its message', async () => {
    const pool = await openPool({ workers: 1, modules });
    const error = await pool.run([{ kind: 'uncaught', input: {}, label: 'replication 5' }]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WorkerCrashError);
    expect((error as Error).message).toBe('replication 5: worker crashed: boom from a timer');
    await pool.close();
  });

  it('a worker out of memory is reported as a crash naming the task', async () => {
    const pool = await openPool({ workers: 1, modules, resourceLimits: { maxOldGenerationSizeMb: 24, maxYoungGenerationSizeMb: 4 } });
    const error = await pool.run([{ kind: 'oom', input: {}, label: 'centre 12' }]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WorkerCrashError);
    expect((error as Error).message).toMatch(/^centre 12: worker crashed: out of memory/);
    await pool.close();
  });

  it('abort stops the workers, keeps finished results, and rejects with AbortedError', async () => {
    const pool = await openPool({ workers: 2, modules });
    const controller = new AbortController();
    const tasks: Task[] = [
      { kind: 'square', input: { n: 4 }, label: 'a' },
      { kind: 'hang', input: {}, label: 'b' },
      { kind: 'square', input: { n: 5 }, label: 'c' },
      { kind: 'hang', input: {}, label: 'd' },
    ];
    const delivered: [number, number][] = [];
    setTimeout(() => controller.abort(), 200);
    const error = await pool.run<number>(tasks, { signal: controller.signal, onResult: (i, v) => void delivered.push([i, v]) }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AbortedError);
    expect(delivered).toEqual([[0, 16], [2, 25]]); // c finished behind the hung b: still kept
    await pool.close();
  });

  it('a missing handler kind is an error naming the task and the known kinds', async () => {
    const pool = await openPool({ workers: 1, modules });
    await expect(pool.run([{ kind: 'nope', input: {}, label: 'cell 9' }])).rejects.toThrow(/^cell 9: no handler for task kind 'nope' \(known: square/);
    await pool.close();
  });
});

describe('shutdown', () => {
  // A child process opens a pool, runs tasks and never calls close(): idle workers are
  // unref'd, so it must exit by itself (execFileSync would time out otherwise).
  it('an open, idle pool does not keep the process alive', () => {
    const index = new URL('../../dist/engine/parallel/index.js', import.meta.url).href;
    const script = `
      import { openPool } from ${JSON.stringify(index)};
      const pool = await openPool({ workers: 2, modules: [${JSON.stringify(fixtures.href)}] });
      let s = 0;
      await pool.run([0, 1, 2, 3].map((n) => ({ kind: 'square', input: { n, ms: 5 }, label: 't' + n })), { onResult: (i, v) => { s += v; } });
      console.log('sum', s);`;
    const out = execFileSync(process.execPath, ['--input-type=module', '-e', script], { timeout: 20_000, encoding: 'utf8', cwd: fileURLToPath(new URL('../..', import.meta.url)) });
    expect(out.trim()).toBe('sum 14');
  });
});

describe('async sources and slow consumers', () => {
  it('pulls tasks from an async iterable and waits for an async onResult (backpressure)', async () => {
    const pool = await openPool({ workers: 2, modules });
    async function* tasks(): AsyncGenerator<Task> {
      for (let i = 0; i < 200; i++) {
        if (i % 50 === 0) await new Promise((r) => setTimeout(r, 1));
        yield { kind: 'square', input: { n: i }, label: `t${i}` };
      }
    }
    const seen: number[] = [];
    try {
      await pool.run<number>(tasks(), {
        maxAhead: 8,
        onResult: async (i, v) => {
          if (i % 40 === 0) await new Promise((r) => setTimeout(r, 2));
          seen.push(v);
        },
      });
    } finally {
      await pool.close();
    }
    expect(seen).toEqual(Array.from({ length: 200 }, (_, i) => i * i));
  });

  it('a source that throws fails the run with its error', async () => {
    const pool = await openPool({ workers: 1, modules });
    function* tasks(): Generator<Task> {
      yield { kind: 'square', input: { n: 1 }, label: 't0' };
      throw new RangeError('--vary staff: step must not be 0');
    }
    await expect(pool.run(tasks())).rejects.toThrow('--vary staff: step must not be 0');
    await pool.close();
  });
});
