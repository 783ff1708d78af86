export { openPool, openInlinePool, checkWorkers } from './pool.js';
export type { PoolOptions, RunOptions, WorkerPool } from './pool.js';
export { TaskError, WorkerCrashError, AbortedError } from './errors.js';
export type { Task, TaskContext, Handler, HandlerModule } from './protocol.js';
export { compiledUrl, siblingUrl } from './paths.js';
export { runReplicationsParallel, combineReplications } from './replications.js';
export type { ParallelReplicationOptions } from './replications.js';
