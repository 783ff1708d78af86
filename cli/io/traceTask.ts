/**
 * The worker-thread handler of a traced quick run (`ccsim simulate … --trace FILE`): the run
 * and its per-contact rows are written by a worker, so the main thread stays free to answer
 * Ctrl-C (a synchronous run on the main thread could not be interrupted cleanly). Loaded by
 * URL through engine/parallel; lives in cli/ because it writes a file.
 */
import { runQuick, type QuickReport, type QuickRunOptions } from '../../scenarios/index.js';
import type { TaskContext } from '../../engine/parallel/index.js';
import { TraceFile } from './traceFile.js';

export interface TracedQuickInput {
  options: QuickRunOptions;
  /** where the rows go (the caller renames it once the run is complete) */
  path: string;
}

/** Runs quick mode with a trace into `path`; reports one progress unit per replication. */
export function tracedQuick({ options, path }: TracedQuickInput, context: TaskContext): QuickReport {
  const file = new TraceFile(path, ['voice'], ['agents']);
  try {
    return runQuick(options, (k) => {
      if (k > 0) context.progress(1);
      return file.sink(k);
    });
  } finally {
    file.close();
  }
}

export const handlers = {
  'quick-trace': tracedQuick,
};
