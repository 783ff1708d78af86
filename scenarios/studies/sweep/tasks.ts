/**
 * Worker handlers of `ccsim sweep` (a handler module for engine/parallel's pool: `handlers`).
 *
 * `sweep-sim` — one replication of one cell: every run (centre class × day type) of the cell's
 * plan simulated as `simulatePlan` does (its parts, warm-up days for carried backlogs, stream
 * tasks: simulatePlan.ts `simulateRun`), scaled up and summed, its figures in the sweep's
 * columns (columns.ts). The streams do not depend on the cell: replication r of every cell
 * draws from the same streams (common random numbers, as the two sides of `ccsim whatif`), and
 * a cell equal to the scenario gives exactly `ccsim simulate FILE`'s figures.
 *
 * `sweep-analytic` — a block of cells with the period-by-period kernels (M/M/N+G for the channels'
 * patience, Erlang A when exponential, chat kernels): the figures of each cell (the sweep's
 * columns) in one Float64Array, transferred back.
 *
 * `sweep-cells` — whole cells, first … first + count − 1: every replication of each, merged
 * into its CellResult (the same numbers as the local pool's per-replication tasks), or the
 * block's analytic figures; a failing cell ends the block and is reported as data. What one
 * job of a `ccsim worker` runs, and `--only-cell K`.
 */
import { figuresOf, groupFiguresOf, type Tally } from '../../../engine/stats/figures.js';
import { analyticPlan, definedFigures } from '../../plan/analytic.js';
import { planSlices } from '../../plan/slices.js';
import { figureValues, layoutOf } from './columns.js';
import { cellPlan, cellPlanner, type SweepDefinition } from './cell.js';
import { analyticResult, NO_WORK, simResult, sweepFigureNames, type CellResult, type CellWork } from './cellResult.js';
import { errorData, type ErrorData } from '../../../engine/parallel/protocol.js';
import type { SweepSpec } from './spec.js';
import type { Axis } from './grid.js';

export interface SweepSimInput {
  def: SweepDefinition;
  cell: number;
  replication: number;
  seed: string | number;
  warmupSeconds: number;
}

export interface SweepSimOutput {
  /** the period's tally of this replication (scaled, summed over runs), all channels */
  total: Tally;
  /** this replication's figures in the sweep's column order (columns.ts) */
  figures: Float64Array;
  arrivals: number;
}

export async function sweepSim(input: SweepSimInput): Promise<SweepSimOutput> {
  // loaded on first use: a worker running only analytic blocks never needs the simulator
  const { simulateRun } = await import('../../plan/simulatePlan.js');
  const plan = await cellPlan(input.def, input.cell);
  let arrivals = 0;
  const runs = plan.runs.map((_, i) => {
    const r = simulateRun(plan, i, input.replication, { seed: input.seed, warmupSeconds: input.warmupSeconds });
    arrivals += r.arrivals;
    return { ...r.tallies, byInterval: [], byIntervalGroup: [] };
  });
  const slices = planSlices(plan, runs);
  const figures = new Float64Array(sweepFigureNames(input.def).length);
  figureValues(layoutOf(input.def.base!), figuresOf(slices.total), slices.byChannel.map(figuresOf), slices.byGroup.map(groupFiguresOf), figures);
  return { total: slices.total, figures, arrivals };
}

export interface SweepAnalyticInput {
  def: SweepDefinition;
  /** cells first … first + count − 1 */
  first: number;
  count: number;
}

export interface SweepAnalyticOutput {
  /** count × (figure columns) figures, cell-major (the sweep's columns) */
  figures: Float64Array;
  /** intervals evaluated (runs × intervals per cell) */
  evaluations: number;
  /** Erlang A (or C) evaluations made: two per interval whose agents on duty are fractional (⌊N⌋ and ⌊N⌋ + 1) */
  kernelEvaluations: number;
}

export async function sweepAnalytic(input: SweepAnalyticInput): Promise<SweepAnalyticOutput> {
  const layout = layoutOf(input.def.base!);
  const width = sweepFigureNames(input.def).length;
  const figures = new Float64Array(input.count * width);
  let evaluations = 0;
  const count = { kernelEvaluations: 0 };
  const planOf = await cellPlanner(input.def);
  const cell = async (c: number) => {
    const plan = await planOf(input.first + c);
    const a = analyticPlan(plan, count, false);
    // an overloaded cell without patience: its queue figures are empty
    figureValues(layout, definedFigures(a), a.slices.byChannel.map(figuresOf), a.slices.byGroup.map(groupFiguresOf), figures, c * width);
    for (const run of plan.runs) evaluations += run.model.channels[0]?.arrivalRatePerSecond.length ?? 0;
  };
  try {
    for (const c of kernelFriendlyOrder(input.def.axes, input.first, input.count)) await cell(c);
  } catch (err) {
    // name the block's first failing cell in cell order, as every backend does, whatever the order that met one
    for (let c = 0; c < input.count; c++) await cell(c);
    throw err;
  }
  return { figures, evaluations, kernelEvaluations: count.kernelEvaluations };
}

/**
 * The order in which an analytic block evaluates its cells (offsets 0 … count − 1 from `first`):
 * the `staff` axis fastest, the other axes in their own order. Neighbouring staff levels share
 * most whole agent counts at the same handle time and volume, so the kernels' results memos
 * (poolKernel.ts, analytic.ts) find the pairs the cell before computed; in the grid's own order
 * (e.g. staff × AHT, AHT fastest) every cell changes the service rate and a pair recurs only a
 * row later, by then often overwritten. The memos return exactly what the kernels would
 * compute, so the order changes the speed only, never a figure.
 * @example kernelFriendlyOrder([staff (3 values), aht (2 values)], 0, 6) // [0, 2, 4, 1, 3, 5]
 */
export function kernelFriendlyOrder(axes: readonly Axis[], first: number, count: number): number[] {
  const offsets = Array.from({ length: count }, (_, c) => c);
  const s = axes.findIndex((a) => a.kind === 'lever' && a.name === 'staff');
  if (s < 0 || s === axes.length - 1) return offsets;
  // cell = hi·(n_s·inner) + i_s·inner + lo, with lo < inner (the axes after staff) and hi the axes before it
  const inner = axes.slice(s + 1).reduce((n, a) => n * a.values.length, 1);
  const ns = axes[s]!.values.length;
  const key = offsets.map((c) => {
    const cell = first + c;
    const lo = cell % inner;
    const is = Math.floor(cell / inner) % ns;
    const hi = Math.floor(cell / (inner * ns));
    return (hi * inner + lo) * ns + is;
  });
  return offsets.sort((a, b) => key[a]! - key[b]!);
}

export interface SweepCellsInput {
  spec: SweepSpec;
  /** cells first … first + count − 1 */
  first: number;
  count: number;
}

export interface SweepCellsOutput {
  /** the cells computed, in cell order: all of them, or those before the failed one */
  cells: CellResult[];
  /** the work charged to each cell, in cell order (an analytic block's all to its first cell) */
  work: CellWork[];
  /** the cell that failed (the block stops there) and its error */
  failed?: { cell: number; error: ErrorData };
}

/** Whole cells on this thread, up to the first that fails (a failure is data, not a throw: the cells before it are kept). */
export async function sweepCells({ spec, first, count }: SweepCellsInput): Promise<SweepCellsOutput> {
  const out: SweepCellsOutput = { cells: [], work: [] };
  if (spec.model === 'analytic') {
    try {
      const r = await sweepAnalytic({ def: spec.def, first, count });
      for (let c = 0; c < count; c++) {
        out.cells.push(analyticResult(spec, first + c, r.figures, c * sweepFigureNames(spec.def).length));
        out.work.push(c === 0 ? { arrivals: 0, evaluations: r.evaluations, kernelEvaluations: r.kernelEvaluations } : { ...NO_WORK });
      }
      return out;
    } catch {
      // cell by cell, to keep the cells before the failing one and name it
    }
  }
  for (let cell = first; cell < first + count; cell++) {
    try {
      if (spec.model === 'analytic') {
        const r = await sweepAnalytic({ def: spec.def, first: cell, count: 1 });
        out.cells.push(analyticResult(spec, cell, r.figures, 0));
        out.work.push({ arrivals: 0, evaluations: r.evaluations, kernelEvaluations: r.kernelEvaluations });
        continue;
      }
      const totals: Float64Array[] = [];
      let arrivals = 0;
      for (let r = 0; r < spec.replications; r++) {
        const o = await sweepSim({ def: spec.def, cell, replication: r, seed: spec.seed, warmupSeconds: spec.warmupSeconds });
        totals.push(o.figures);
        arrivals += o.arrivals;
      }
      out.cells.push(simResult(spec, cell, totals));
      out.work.push({ ...NO_WORK, arrivals });
    } catch (err) {
      out.failed = { cell, error: errorData(err) };
      return out;
    }
  }
  return out;
}

export const handlers = {
  'sweep-sim': sweepSim,
  'sweep-analytic': sweepAnalytic,
  'sweep-cells': sweepCells,
};
