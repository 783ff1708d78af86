/**
 * The `--workers N` flag shared by the commands that run on worker threads, and Ctrl-C
 * handling: the first SIGINT aborts the run (workers stop, finished results are kept), a
 * second one exits at once.
 */
import { availableParallelism } from 'node:os';
import type { Options } from 'yargs';
import { numberFlag, numericOption } from './flags.js';

/** yargs option for `--workers`. */
export const workersOption: Options = numericOption('worker threads (default: the number of cores); results do not depend on it');

/** The worker count: `--workers` (a whole number in [1, 1024]) or the number of cores. */
export function workersFlag(argv: Record<string, unknown>): number {
  return numberFlag(argv, 'workers', { min: 1, max: 1024, integer: true }) ?? availableParallelism();
}

/**
 * Runs `fn` with a signal that Ctrl-C aborts. The handler is removed afterwards, so the
 * process keeps its default behaviour outside the run.
 */
export async function withInterrupt<T>(fn: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const controller = new AbortController();
  const onSigint = () => {
    if (controller.signal.aborted) process.exit(130);
    controller.abort();
  };
  process.on('SIGINT', onSigint);
  try {
    return await fn(controller.signal);
  } finally {
    process.off('SIGINT', onSigint);
  }
}
