/**
 * Replications of one model spread over worker threads. Replication k draws only from
 * streams derived from (seed, task, k, purpose), so it is the same number wherever it runs;
 * results are merged in replication order, so `runReplicationsParallel` returns exactly what
 * `runReplications` (engine/des) returns, for any worker count — only the wall-clock
 * `seconds` differs.
 */
import { availableParallelism } from 'node:os';
import { defaultWarmupSeconds, ReplicationAccumulator, runReplications, validateModel } from '../des/index.js';
import type { Model, ReplicationOptions, ReplicationsResult, RunResult } from '../des/index.js';
import { checkWorkers, openPool } from './pool.js';
import type { WorkerPool } from './pool.js';
import { TASK_MODULES } from './modules.js';
import type { Task } from './protocol.js';
import type { DesRunInput } from './tasks/simulation.js';

export interface ParallelReplicationOptions extends ReplicationOptions {
  /** Worker threads; default the number of cores. 1 (or a single replication) runs on the calling thread. */
  workers?: number;
  /** Abort (Ctrl-C) to stop: rejects with AbortedError. */
  signal?: AbortSignal;
  /**
   * An open pool whose workers loaded `TASK_MODULES.simulation`, to run on instead of starting
   * one: it is left open, so a caller running many models pays the threads' start (about 0.1 s
   * of CPU for 2 workers, and their cold JIT) once. `workers` is then ignored.
   * @example const pool = await openPool({ workers: 2, modules: [TASK_MODULES.simulation] })
   */
  pool?: WorkerPool;
}

/**
 * Replications first … first + n − 1 of `model` on up to `workers` threads.
 * @throws {ModelError} the model's problems (checked here, before any thread starts)
 * @throws {TaskError | WorkerCrashError | AbortedError} see engine/parallel/pool.ts
 * @example await runReplicationsParallel(model, { seed: 1, replications: 8, workers: 2 })
 */
export async function runReplicationsParallel(model: Model, options: ParallelReplicationOptions): Promise<ReplicationsResult> {
  validateModel(model);
  const n = options.replications;
  const workers = Math.min(checkWorkers(options.workers ?? availableParallelism()), Number.isInteger(n) && n > 0 ? n : 1);
  if (workers <= 1 && !options.pool) return runReplications(model, options);
  if (!(Number.isInteger(n) && n >= 1)) throw new RangeError(`replications must be an integer >= 1, got ${n}`);
  const first = options.firstReplication ?? 0;
  if (!(Number.isInteger(first) && first >= 0)) throw new RangeError(`firstReplication must be an integer >= 0, got ${first}`);
  const warmupSeconds = options.warmupSeconds === 'auto' ? defaultWarmupSeconds(model) : options.warmupSeconds ?? 0;
  const task = options.task ?? 0;
  function* tasks(): Generator<Task<DesRunInput>> {
    for (let k = first; k < first + n; k++) {
      yield {
        kind: 'des-run',
        input: { model, seed: options.seed, task, replication: k, warmupSeconds, ...(options.maxArrivals !== undefined ? { maxArrivals: options.maxArrivals } : {}) },
        label: `replication ${k}`,
      };
    }
  }
  // Results are folded as they come (in replication order): with keepRuns false, memory does not grow with whole runs.
  const acc = new ReplicationAccumulator(model, warmupSeconds, options.keepRuns ?? true);
  const pool = options.pool ?? (await openPool({ workers, modules: [TASK_MODULES.simulation] }));
  try {
    await pool.run<RunResult>(tasks(), {
      maxAhead: 4 * Math.max(1, options.pool ? options.pool.size : workers),
      ...(options.signal ? { signal: options.signal } : {}),
      onResult: (i, r) => {
        acc.add(r);
        options.onReplication?.(first + i, r);
      },
    });
  } finally {
    if (!options.pool) await pool.close();
  }
  return acc.result();
}

