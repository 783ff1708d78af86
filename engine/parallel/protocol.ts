/**
 * The messages between the main thread and a worker. Everything is plain data (structured
 * clone); large numeric arrays travel as transferred typed arrays (moved, not copied).
 *
 * A task names a handler by `kind`; the handler lives in a *handler module* that every worker
 * imports once at start-up (`WorkerInit.modules`), so a task message carries only data, never
 * code. A handler is a pure function of its input: the same task gives the same result on
 * any worker, which is what makes output independent of the worker count.
 *
 * main → worker: `{ type: 'task', id, kind, input }`
 * worker → main: `{ type: 'ready' }` once, then per task `{ type: 'progress', id, units }`*,
 *                and `{ type: 'result', id, value }` or `{ type: 'error', id, error }`.
 */

/** One unit of work: plain data in, plain data out. */
export interface Task<I = unknown> {
  /** The handler's name in a handler module's `handlers` table. */
  kind: string;
  /** The handler's input: plain data (typed arrays allowed; transferred when they own their buffer). */
  input: I;
  /** Names the task in errors and progress, e.g. `cell 17 (staff=-4%), replication 3`. */
  label: string;
}

/** What a handler may do besides computing: report progress (any units the caller understands). */
export interface TaskContext {
  progress(units: number): void;
}

/** A task handler: pure, synchronous or async; throws to fail the task. */
export type Handler = (input: never, context: TaskContext) => unknown;

/** A handler module exports `handlers`: kind → handler. */
export interface HandlerModule {
  handlers: Record<string, Handler>;
}

/** `workerData` of every worker: the handler modules to import (file URLs of compiled JS). */
export interface WorkerInit {
  modules: string[];
}

export interface TaskMessage {
  type: 'task';
  id: number;
  kind: string;
  input: unknown;
}

/** An error as plain data (Error objects lose their class crossing threads). */
export interface ErrorData {
  name: string;
  message: string;
  stack?: string;
}

export type WorkerMessage =
  | { type: 'ready' }
  | { type: 'init-error'; error: ErrorData }
  | { type: 'progress'; id: number; units: number }
  | { type: 'result'; id: number; value: unknown }
  | { type: 'error'; id: number; error: ErrorData };

/** Plain-data copy of any thrown value. */
export function errorData(err: unknown): ErrorData {
  if (err instanceof Error) return { name: err.name, message: err.message, ...(err.stack ? { stack: err.stack } : {}) };
  return { name: 'Error', message: String(err) };
}

/**
 * The buffers to transfer with a message: typed arrays (and ArrayBuffers) found in `value`
 * itself, its own fields and the fields of those (two levels: `{ rates: Float64Array }`,
 * `{ out: { sl: Float64Array } }`). A view is transferred only when it spans its whole buffer,
 * so a `subarray` of a larger buffer is copied instead of detaching its neighbours.
 */
export function transferablesOf(value: unknown): ArrayBuffer[] {
  const found = new Set<ArrayBuffer>();
  const visit = (v: unknown, depth: number): void => {
    if (v === null || typeof v !== 'object') return;
    if (v instanceof ArrayBuffer) {
      found.add(v);
      return;
    }
    if (ArrayBuffer.isView(v)) {
      const buffer = v.buffer;
      if (buffer instanceof ArrayBuffer && v.byteOffset === 0 && v.byteLength === buffer.byteLength) found.add(buffer);
      return;
    }
    if (depth >= 2) return;
    if (Array.isArray(v)) {
      for (const item of v) visit(item, depth + 1);
      return;
    }
    for (const key of Object.keys(v)) visit((v as Record<string, unknown>)[key], depth + 1);
  };
  visit(value, 0);
  return [...found];
}
