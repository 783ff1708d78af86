/** Types for `worker-threads-pool` 2.0.0 (no types published): a cap on concurrent `new Worker` calls. */
declare module 'worker-threads-pool' {
  import type { Worker, WorkerOptions } from 'node:worker_threads';
  export default class Pool {
    constructor(options?: { max?: number; maxWaiting?: number });
    readonly size: number;
    acquire(filename: string | URL, options: WorkerOptions | undefined, cb: (err: Error | null, worker: Worker) => void): void;
    acquire(filename: string | URL, cb: (err: Error | null, worker: Worker) => void): void;
    /** Calls the deprecated `worker.terminate(cb)` (DEP0132 warning on stderr); not used by ccsim. */
    destroy(cb?: (err?: Error) => void): void;
  }
}
