/**
 * `ccsim simulate … --trace FILE`: the traced quick run. A trace is written whole or not at
 * all: rows go to `FILE.partial` (written by a worker thread, traceTask.ts, so Ctrl-C is
 * answered at once), renamed to FILE when the run is complete; an interrupted or failed run
 * removes the partial file and says so on stderr (FILE, if it existed, is untouched).
 * `FILE.lock` keeps a second writer out. Only a SIGKILL leaves `FILE.partial` (its name says
 * what it is) and a stale lock (taken over by pid).
 */
import { renameSync, unlinkSync } from 'node:fs';
import { AbortedError, openPool, siblingUrl } from '../../engine/parallel/index.js';
import type { QuickReport, QuickRunOptions } from '../../scenarios/index.js';
import { lockOutput } from './lock.js';
import { createProgress } from './progress.js';
import { withInterrupt } from './workers.js';
import type { TracedQuickInput } from './traceTask.js';

/**
 * Quick mode with a trace into `path`: on a worker thread (Ctrl-C stays responsive), through
 * `path.partial`, under `path.lock`. Resolves with the report, or undefined when interrupted
 * (exit code 130 set, the partial file removed, a line on stderr).
 * @throws {InputError} the trace is locked by another ccsim or cannot be written
 */
export async function runTracedQuick(o: QuickRunOptions, path: string, quiet: boolean): Promise<QuickReport | undefined> {
  const lock = lockOutput(path, '--trace');
  const partial = `${path}.partial`;
  const progress = createProgress({ total: o.replications, unit: 'replications', quiet });
  let report: QuickReport | undefined;
  let done = 0;
  try {
    const pool = await openPool({ workers: 1, modules: [siblingUrl(import.meta.url, './traceTask')] });
    try {
      await withInterrupt((signal) => pool.run<QuickReport>([{ kind: 'quick-trace', input: { options: o, path: partial } satisfies TracedQuickInput, label: `the traced run (${path})` }], {
        signal,
        onProgress: () => progress.update(++done),
        onResult: (_, r) => { report = r; },
      }));
    } finally {
      progress.stop();
      await pool.close();
    }
    renameSync(partial, path);
    return report;
  } catch (err) {
    removeQuietly(partial);
    if (err instanceof AbortedError) {
      process.stderr.write(`ccsim: interrupted after ${done} of ${o.replications} replications; no trace written (${path} is written only whole: run again to write it)\n`);
      process.exitCode = 130;
      return undefined;
    }
    throw err;
  } finally {
    lock.release();
  }
}

function removeQuietly(path: string): void {
  try {
    unlinkSync(path);
  } catch { /* not there */ }
}
