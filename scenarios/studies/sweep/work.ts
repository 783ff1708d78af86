/**
 * A sweep's work before it starts (plan/work.ts): every unfinished cell's replications (the
 * simulation model) or its intervals (the analytic model). The cost of a cell is taken as the
 * larger of the grid's first and last cells (all axes at their first values, all at their
 * last: the corners where levers such as volume are smallest and largest); a corner that
 * cannot be built is left out (the run reports it).
 */
import { cellPlan } from './cell.js';
import { cellCount } from './grid.js';
import type { SweepSpec } from './spec.js';
import { planWork, type WorkEstimate } from '../../plan/work.js';

/** The work of `cells` unfinished cells of a sweep on `workers` threads. */
export async function sweepWork(spec: SweepSpec, unfinished: number, workers: number): Promise<WorkEstimate> {
  const last = cellCount(spec.def.axes) - 1;
  // A corner that cannot be built (an invalid cell) fails in the run, naming itself; the other corner estimates.
  const built = await Promise.all([...new Set([0, last])].map((c) => cellPlan(spec.def, c).catch(() => undefined)));
  const corners = built.filter((p) => p !== undefined);
  if (corners.length === 0) return { calls: 0, kernelIntervals: 0, runs: 0, memoryBytes: 0, what: `${unfinished} cells` };
  const what = `${unfinished} cells`;
  if (spec.model === 'analytic') {
    const intervals = Math.max(...corners.map((p) => p.runs.reduce((a, r) => a + (r.model.channels[0]?.arrivalRatePerSecond.length ?? 0), 0)));
    return { calls: 0, kernelIntervals: intervals * unfinished, runs: 0, memoryBytes: 0, what: `${what} × ${intervals} intervals` };
  }
  const per = corners.map((p) => planWork(p, spec.replications, workers));
  const worst = per.reduce((a, b) => (b.calls > a.calls ? b : a));
  const memory = per.reduce((a, b) => (b.memoryBytes > a.memoryBytes ? b : a));
  return {
    calls: worst.calls * unfinished,
    kernelIntervals: 0,
    runs: worst.runs * unfinished,
    memoryBytes: memory.memoryBytes,
    what: `${what} × ${worst.what}`,
    ...(memory.memoryWhy ? { memoryWhy: memory.memoryWhy } : {}),
  };
}
