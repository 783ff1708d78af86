/**
 * A fixed set of long-lived worker threads that pull tasks and hand back results in task
 * order. `worker-threads-pool` caps how many workers exist at once; everything else (the task
 * queue, result routing, ordering, failure and shutdown) is here, because the package only
 * counts `new Worker` calls.
 *
 * Guarantees:
 * - **Order.** `onResult` is called in task order whatever the worker count or the order in
 *   which tasks finish (out-of-order results wait in a buffer of at most `maxAhead` tasks).
 * - **Failure.** A handler that throws, a worker that exits (`process.exit`), dies of an
 *   uncaught error or runs out of memory rejects `run` with an error naming the task
 *   (`TaskError`, `WorkerCrashError`); it never hangs and never drops a task silently. The
 *   other workers are stopped at once.
 * - **Stop.** Aborting `signal` (the CLI wires Ctrl-C to it) stops the workers and rejects with
 *   `AbortedError`. Results that had finished — including those waiting behind an unfinished
 *   earlier task — are still delivered to `onResult` (in increasing index order, with gaps)
 *   before `run` rejects, so a caller writing results keeps everything done.
 * - **No dangling threads.** Workers are `unref`'d while idle, so an open pool never keeps the
 *   process alive; `close()` terminates them (through `Worker.terminate()`'s Promise: the
 *   package's `destroy(cb)` uses the deprecated callback form, which warns on stderr).
 *
 * @example
 * const pool = await openPool({ workers: 2, modules: [new URL('./tasks/replication.js', import.meta.url)] });
 * try { await pool.run(tasks, { onResult: (i, tally) => merge(tally) }); } finally { await pool.close(); }
 */
import type { Worker, ResourceLimits } from 'node:worker_threads';
import Pool from 'worker-threads-pool';
import { AbortedError, TaskError, WorkerCrashError } from './errors.js';
import { compiledUrl, workerEntryUrl } from './paths.js';
import type { HandlerModule, Task, TaskMessage, WorkerInit, WorkerMessage } from './protocol.js';
import { transferablesOf } from './protocol.js';

export interface PoolOptions {
  /** Worker threads, a whole number ≥ 1 (typically `os.availableParallelism()`). */
  workers: number;
  /** Handler modules every worker imports (file URLs; `.ts` sources map to `dist/`). */
  modules: (URL | string)[];
  /** Per-worker V8 limits, e.g. `{ maxOldGenerationSizeMb: 200 }` (merged over DEFAULT_LIMITS): exceeding one is a crash naming the task. */
  resourceLimits?: ResourceLimits;
}

export interface RunOptions<R> {
  /** Called once per finished task, in task order (see the guarantees above). May return a Promise (awaited in order). */
  onResult?: (index: number, value: R, task: Task) => void | Promise<void>;
  /** Progress reported by a handler (`context.progress(units)`), in arrival order. */
  onProgress?: (index: number, units: number) => void;
  /** Abort to stop: workers are terminated, finished results delivered, `run` rejects with AbortedError. */
  signal?: AbortSignal;
  /** Most tasks dispatched beyond the oldest unfinished one (bounds the reorder buffer); default 4096. */
  maxAhead?: number;
}

/** A pool of workers (or the main thread, see `openInlinePool`) that runs tasks. */
export interface WorkerPool {
  /** Number of threads running tasks (0 for the inline pool). */
  readonly size: number;
  /**
   * Runs every task (pulled lazily from `tasks`, sync or async, so a generator of millions or
   * a file being read is fine; at most `maxAhead` tasks beyond the last delivered result) and
   * resolves with the number of tasks finished. One `run` at a time.
   * @throws {TaskError | WorkerCrashError | AbortedError} see the guarantees above
   */
  run<R = unknown>(tasks: Iterable<Task> | AsyncIterable<Task>, options?: RunOptions<R>): Promise<number>;
  /** Terminates the workers; safe to call twice and after a failure. */
  close(): Promise<void>;
}

interface Slot {
  worker: Worker;
  /** Index (in the current run) of the task this worker is running; undefined when idle. */
  index: number | undefined;
  task: Task | undefined;
}

/**
 * V8 limits of every worker unless the caller overrides them. A worker's default young
 * generation is small, so allocation-heavy tasks (parsing and printing JSON lines) spend a
 * third of their time in scavenges: 64 MB made `erlang --batch` on 2 workers 1.2× faster
 * (2.6 → 2.2 s for 1M lines) with 15% less CPU, and 1 worker as fast as the main thread.
 */
export const DEFAULT_LIMITS: ResourceLimits = { maxYoungGenerationSizeMb: 64 };

/** Checks a worker count from a flag or an option. @throws {RangeError} not a whole number ≥ 1 */
export function checkWorkers(workers: number): number {
  if (!Number.isInteger(workers) || workers < 1 || workers > 1024) {
    throw new RangeError(`workers must be a whole number in [1, 1024], got ${workers}`);
  }
  return workers;
}

/**
 * Starts `workers` threads, each importing the handler modules, and resolves once all are ready.
 * @throws {RangeError} a bad worker count; {Error} a handler module that fails to load (names it)
 */
export async function openPool(options: PoolOptions): Promise<WorkerPool> {
  const count = checkWorkers(options.workers);
  const init: WorkerInit = { modules: options.modules.map((m) => compiledUrl(m).href) };
  const entry = workerEntryUrl();
  const cap = new Pool({ max: count });
  // Workers inherit the parent's flags; `--input-type` (node -e scripts) is rejected by a file worker.
  const execArgv = process.execArgv.filter((arg) => !arg.startsWith('--input-type'));
  const acquire = (): Promise<Worker> =>
    new Promise((resolve, reject) => {
      cap.acquire(entry, { workerData: init, execArgv, resourceLimits: { ...DEFAULT_LIMITS, ...options.resourceLimits } },
        (err, worker) => (err ? reject(err) : resolve(worker)));
    });
  const workers = await Promise.all(Array.from({ length: count }, acquire));
  const pool = new ThreadPool(workers);
  try {
    await pool.ready();
  } catch (err) {
    await pool.close();
    throw err;
  }
  return pool;
}

/** A run in progress. */
interface Run {
  options: RunOptions<unknown>;
  fail(error: Error): void;
  onMessage(slot: Slot, message: WorkerMessage): void;
}

class ThreadPool implements WorkerPool {
  private readonly slots: Slot[];
  private current: Run | undefined;
  private broken: Error | undefined;
  private closing = false;
  private nextTaskId = 0;

  constructor(workers: Worker[]) {
    this.slots = workers.map((worker) => ({ worker, index: undefined, task: undefined }));
  }

  get size(): number {
    return this.slots.length;
  }

  /** Resolves when every worker has loaded its handler modules. */
  ready(): Promise<void> {
    return new Promise((resolve, reject) => {
      let waiting = this.slots.length;
      for (const slot of this.slots) {
        const { worker } = slot;
        worker.unref();
        const onStart = (message: WorkerMessage) => {
          if (message.type === 'ready') {
            worker.off('message', onStart);
            worker.on('message', (m: WorkerMessage) => this.current?.onMessage(slot, m));
            if (--waiting === 0) resolve();
          } else if (message.type === 'init-error') {
            reject(new Error(`worker could not load its handlers: ${message.error.message}`));
          }
        };
        worker.on('message', onStart);
        // A worker's death is judged one turn of the event loop later, not in its 'error' or
        // 'exit' callback: whatever the worker posted before it ended (a task's error, a
        // result) is handled first, so a handler that threw is always the TaskError it posted,
        // and a death after a failure the run already reported (the pool is closing) is no
        // second error. The task named is the one the worker held when it ended.
        const died = (reason: string) => {
          const { index, task } = slot;
          setImmediate(() => {
            if (this.closing) return;
            const crash = new WorkerCrashError(index, task?.label, reason);
            reject(crash);
            this.crashed(crash);
          });
        };
        worker.on('error', (err) => died(describeWorkerError(err)));
        worker.on('exit', (code) => {
          if (!this.closing) died(`exited with code ${code}`);
        });
      }
    });
  }

  private crashed(error: Error): void {
    if (this.closing) return;
    this.broken ??= error;
    this.current?.fail(error);
  }

  run<R = unknown>(tasks: Iterable<Task> | AsyncIterable<Task>, options: RunOptions<R> = {}): Promise<number> {
    if (this.current) return Promise.reject(new Error('WorkerPool.run: a run is already in progress'));
    if (this.broken) return Promise.reject(this.broken);
    if (this.closing) return Promise.reject(new Error('WorkerPool.run: the pool is closed'));
    const maxAhead = options.maxAhead ?? 4096;
    const source = taskSource(tasks);
    const ids = new Map<number, number>(); // message id → task index
    const pending = new Map<number, { value: unknown; task: Task }>();
    let nextIndex = 0; // tasks taken from the source
    let nextEmit = 0; // results handed to onResult
    let delivered = 0; // onResult calls settled (for output backpressure)
    let exhausted = false;
    let pulling = false;
    let finished = 0;
    let stopped = false;
    let emitting: Promise<void> = Promise.resolve();

    return new Promise<number>((resolve, reject) => {
      const idle = () => this.slots.every((s) => s.index === undefined);
      const deliver = (index: number, value: unknown, task: Task) => {
        const onResult = options.onResult;
        emitting = emitting.then(async () => {
          if (onResult) await onResult(index, value as R, task);
          delivered++;
          if (!stopped) dispatchAll();
        });
        emitting.catch((err: unknown) => finish(err instanceof Error ? err : new Error(String(err))));
      };
      const emitInOrder = () => {
        while (pending.has(nextEmit)) {
          const { value, task } = pending.get(nextEmit)!;
          pending.delete(nextEmit);
          deliver(nextEmit++, value, task);
        }
      };
      const finish = (error: Error | undefined) => {
        if (stopped) return;
        stopped = true;
        options.signal?.removeEventListener('abort', onAbort);
        for (const slot of this.slots) {
          slot.index = undefined;
          slot.task = undefined;
          slot.worker.unref();
        }
        this.current = undefined;
        if (error) {
          // Keep what finished: deliver results stuck behind the failed or unfinished task.
          for (const index of [...pending.keys()].sort((a, b) => a - b)) {
            const { value, task } = pending.get(index)!;
            deliver(index, value, task);
          }
          pending.clear();
          this.broken ??= error;
          void this.close();
        }
        emitting.then(
          () => (error ? reject(error) : resolve(finished)),
          (err: unknown) => reject(error ?? err),
        );
      };
      const send = (slot: Slot, task: Task) => {
        const index = nextIndex++;
        const id = this.nextTaskId++;
        ids.set(id, index);
        slot.index = index;
        slot.task = task;
        slot.worker.ref();
        const message: TaskMessage = { type: 'task', id, kind: task.kind, input: task.input };
        try {
          slot.worker.postMessage(message, transferablesOf(task.input));
        } catch (err) {
          finish(new TaskError(index, task.label, { name: 'DataCloneError', message: `input cannot be sent to a worker: ${(err as Error).message}` }));
        }
      };
      /** Gives free workers their next tasks, while the reorder window and the output allow. */
      const dispatchAll = () => {
        while (!stopped && !exhausted && !pulling && nextIndex - delivered < maxAhead) {
          const slot = this.slots.find((s) => s.index === undefined);
          if (!slot) return;
          let next: IteratorResult<Task> | Promise<IteratorResult<Task>>;
          try {
            next = source.next();
          } catch (err) {
            finish(err instanceof Error ? err : new Error(String(err)));
            return;
          }
          if (next instanceof Promise) {
            pulling = true;
            next.then(
              (result) => {
                pulling = false;
                if (stopped) return;
                if (result.done) {
                  exhausted = true;
                  if (idle()) finish(undefined);
                  return;
                }
                const free = this.slots.find((s) => s.index === undefined)!; // only we dispatch meanwhile
                send(free, result.value);
                dispatchAll();
              },
              (err: unknown) => finish(err instanceof Error ? err : new Error(String(err))),
            );
            return;
          }
          if (next.done) {
            exhausted = true;
            if (idle()) finish(undefined);
            return;
          }
          send(slot, next.value);
        }
      };
      const onAbort = () => finish(new AbortedError(finished));

      this.current = {
        options: options as RunOptions<unknown>,
        fail: (error) => finish(error),
        onMessage: (slot, message) => {
          if (stopped) return;
          if (message.type === 'progress') {
            const index = ids.get(message.id);
            if (index !== undefined) options.onProgress?.(index, message.units);
            return;
          }
          if (message.type !== 'result' && message.type !== 'error') return;
          const index = ids.get(message.id);
          const task = slot.task;
          if (index === undefined || task === undefined) return;
          ids.delete(message.id);
          if (message.type === 'error') {
            finish(new TaskError(index, task.label, message.error));
            return;
          }
          finished++;
          slot.index = undefined;
          slot.task = undefined;
          slot.worker.unref();
          pending.set(index, { value: message.value, task });
          emitInOrder();
          if (exhausted && idle()) finish(undefined);
          else dispatchAll();
        },
      };
      if (options.signal?.aborted) {
        onAbort();
        return;
      }
      options.signal?.addEventListener('abort', onAbort, { once: true });
      dispatchAll();
    });
  }

  async close(): Promise<void> {
    if (this.closing) return;
    this.closing = true;
    await Promise.all(this.slots.map((slot) => slot.worker.terminate().catch(() => undefined)));
  }
}

/** A pull interface over sync and async iterables: `next()` returns a result or a Promise of one. */
function taskSource(tasks: Iterable<Task> | AsyncIterable<Task>): { next(): IteratorResult<Task> | Promise<IteratorResult<Task>> } {
  if (Symbol.asyncIterator in tasks) {
    const it = (tasks as AsyncIterable<Task>)[Symbol.asyncIterator]();
    return { next: () => it.next() };
  }
  const it = (tasks as Iterable<Task>)[Symbol.iterator]();
  return { next: () => it.next() };
}

function describeWorkerError(err: unknown): string {
  const code = (err as { code?: string }).code;
  const message = err instanceof Error ? err.message : String(err);
  return code === 'ERR_WORKER_OUT_OF_MEMORY' ? `out of memory (${message})` : message;
}

/**
 * The same interface on the main thread, no workers: for inputs too small to be worth a
 * thread, and as the reference the threaded pool must match byte for byte. Tasks run one
 * after another; between tasks the event loop turns (signal handlers, timers) and the signal is checked.
 */
export async function openInlinePool(options: Pick<PoolOptions, 'modules'>): Promise<WorkerPool> {
  const handlers = new Map<string, (input: never, context: { progress(units: number): void }) => unknown>();
  for (const m of options.modules) {
    const mod = (await import(new URL(m).href)) as HandlerModule;
    for (const [kind, handler] of Object.entries(mod.handlers)) handlers.set(kind, handler);
  }
  return {
    size: 0,
    async run<R = unknown>(tasks: Iterable<Task> | AsyncIterable<Task>, opts: RunOptions<R> = {}): Promise<number> {
      let index = 0;
      for await (const task of tasks) {
        if (opts.signal?.aborted) throw new AbortedError(index);
        const handler = handlers.get(task.kind);
        if (!handler) throw new TaskError(index, task.label, { name: 'Error', message: `no handler for task kind '${task.kind}'` });
        const i = index;
        let value: unknown;
        try {
          value = await handler(task.input as never, { progress: (units) => opts.onProgress?.(i, units) });
        } catch (err) {
          throw new TaskError(index, task.label, { name: (err as Error).name ?? 'Error', message: (err as Error).message ?? String(err) });
        }
        await opts.onResult?.(index, value as R, task);
        index++;
        // a turn of the event loop between tasks, so that signals (Ctrl-C) and timers (the progress bar) are seen
        await new Promise<void>((resolve) => setImmediate(resolve));
      }
      return index;
    },
    async close() {},
  };
}
