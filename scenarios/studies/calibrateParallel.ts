/**
 * `calibrate`'s range scan on worker threads: one `calibrate-range` task (calibrateTasks.ts) per
 * combination of `calibration.ranges`, the points back in combination order — the same points as
 * refitting them on this thread, whatever the worker count.
 */
import { openPool, siblingUrl, TaskError, type Task } from '../../engine/parallel/index.js';
import { rangePoint, type RangePoint, type RangePointInput } from './calibrateRanges.js';

/**
 * The combinations refitted on `workers` threads (one task each), in input order: the same
 * points as `inputs.map(rangePoint)`. `signal` (Ctrl-C) stops the workers.
 * @throws {RangeError} a combination that makes the scenario invalid (the worker's message)
 */
export async function rangePointsParallel(inputs: RangePointInput[], workers: number, signal?: AbortSignal): Promise<RangePoint[]> {
  if (workers <= 1 || inputs.length <= 1) return inputs.map(rangePoint);
  const tasks: Task<RangePointInput>[] = inputs.map((input, n) => ({ kind: 'calibrate-range', input, label: `calibration.ranges combination ${n + 1} of ${inputs.length}` }));
  const points = new Array<RangePoint>(inputs.length);
  const pool = await openPool({ workers: Math.min(workers, tasks.length), modules: [siblingUrl(import.meta.url, './calibrateTasks')] });
  try {
    await pool.run<RangePoint>(tasks, { ...(signal ? { signal } : {}), onResult: (t, point) => { points[t] = point; } });
  } catch (err) {
    // an invalid combination is the file's problem, reported as on the main thread
    if (err instanceof TaskError && err.detail.name === 'RangeError') throw new RangeError(err.detail.message);
    throw err;
  } finally {
    await pool.close();
  }
  return points;
}
