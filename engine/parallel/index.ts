/**
 * engine/parallel: the one place that knows about threads.
 *
 * - `openPool({ workers, modules })`: long-lived worker threads (capped by `worker-threads-pool`)
 *   that pull tasks; `pool.run(tasks, { onResult, onProgress, signal, maxAhead })` delivers
 *   results in task order; failures name the task (TaskError, WorkerCrashError); abort
 *   (Ctrl-C) stops the workers and still delivers what finished (AbortedError); idle workers
 *   never keep the process alive; `close()` terminates them.
 * - Protocol (protocol.ts): a task is `{ kind, input, label }` of plain data; a handler module
 *   exports `handlers: { [kind]: (input, context) => result }`; typed arrays that own their
 *   buffer are transferred, not copied, both ways.
 * - Engine tasks (TASK_MODULES): `des-run`, `des-totals` (simulation), `full-year-days`,
 *   `staff-chunk`; `runReplicationsParallel` equals `runReplications` for any worker count.
 */
export { openPool, openInlinePool, checkWorkers } from './pool.js';
export type { PoolOptions, RunOptions, WorkerPool } from './pool.js';
export { TaskError, WorkerCrashError, AbortedError } from './errors.js';
export type { Task, TaskContext, Handler, HandlerModule } from './protocol.js';
export { compiledUrl, siblingUrl } from './paths.js';
export { runReplicationsParallel } from './replications.js';
export type { ParallelReplicationOptions } from './replications.js';
export { TASK_MODULES } from './modules.js';
export { poisson } from './poisson.js';
export { thinSelfService, fullYearDays } from './tasks/fullYear.js';
export type { ThinnedModel, FullYearDaysInput, FullYearDaysOutput } from './tasks/fullYear.js';
