/**
 * How a parallel run fails. Each error names the task (its label) so the caller can say which
 * sweep cell or replication failed; `index` is the task's position in the run.
 */
import type { ErrorData } from './protocol.js';

/** A handler threw: the task's label, then the handler's message. */
export class TaskError extends Error {
  override name = 'TaskError';
  constructor(
    readonly index: number,
    readonly label: string,
    readonly detail: ErrorData,
  ) {
    super(`${label}: ${detail.message}`);
  }
}

/** A worker died (process.exit, uncaught error, out of memory) while running a task, or before it could start. */
export class WorkerCrashError extends Error {
  override name = 'WorkerCrashError';
  constructor(
    readonly index: number | undefined,
    readonly label: string | undefined,
    readonly reason: string,
  ) {
    super(label === undefined ? `worker crashed: ${reason}` : `${label}: worker crashed: ${reason}`);
  }
}

/** The run was stopped (an AbortSignal, e.g. Ctrl-C) before all tasks finished. */
export class AbortedError extends Error {
  override name = 'AbortedError';
  constructor(readonly finished: number) {
    super(`stopped after ${finished} finished task(s)`);
  }
}
