/**
 * Work budgets on the command line: every command that runs the simulator or many kernel
 * evaluations estimates the work before it starts (scenarios/plan/work.ts) and refuses, with
 * one line naming the estimate and the limit, a run over the default ceilings unless
 * `--allow-large` is given; warnings about a run that cannot reach a steady state come before
 * the run, on stderr; a progress bar is shown for runs expected to take more than a few seconds.
 */
import type { Options } from 'yargs';
import { checkWork, estimatedSeconds, WorkLimitError, type WorkEstimate } from '../../scenarios/plan/work.js';
import { InputError } from '../errors.js';

/** yargs option for `--allow-large`. */
export const allowLargeOption: Options = {
  type: 'boolean',
  describe: 'run even when the estimated work is over the default limits (1e10 calls, 2 GB of growing data, 1e9 kernel intervals)',
};

/** A run expected to take longer than this (seconds) shows a progress bar (on a terminal). */
export const PROGRESS_AFTER_SECONDS = 2;

/**
 * Refuses work over the ceilings unless `--allow-large`.
 * @throws {InputError} one line: the estimate, the limit, and the flag
 */
export function enforceWork(e: WorkEstimate, argv: Record<string, unknown>, command: string): void {
  if (argv['allow-large'] === true) return;
  try {
    checkWork(e);
  } catch (err) {
    if (err instanceof WorkLimitError) throw new InputError(`${command}: ${err.message}; add --allow-large to run it anyway, or make it smaller`);
    throw err;
  }
}

/** Whether a run of this estimate deserves a progress bar. */
export function wantsProgress(e: WorkEstimate, workers: number): boolean {
  return estimatedSeconds(e, workers) > PROGRESS_AFTER_SECONDS;
}

/** A warning before a run, one line on stderr. */
export function warnBefore(message: string): void {
  process.stderr.write(`ccsim: warning: ${message}\n`);
}
