/**
 * One finished sweep cell, and how it is made: from its replications' figures (simulation:
 * means and Student-t 95% half-widths column by column, as `simulatePlan`) or from a block of
 * analytic figures. Whoever computes the replications — a local worker thread, the calling
 * thread, a `ccsim worker` on another machine — the same figures give the same numbers. The
 * figures are the sweep's columns (columns.ts): all channels, then per channel and per group.
 */
import { summarize } from '../../../engine/stats/summarize.js';
import { cellValues } from './grid.js';
import { figureColumns, layoutOf } from './columns.js';
import type { SweepDefinition } from './cell.js';
import type { SweepSpec } from './spec.js';

/** One finished cell. */
export interface CellResult {
  cell: number;
  /** the cell's axis values, in axis order */
  values: readonly number[];
  /** replications behind the figures (0 for the analytic model) */
  replications: number;
  /** figures in the sweep's column order (columns.ts `figureColumns`) */
  figures: ArrayLike<number>;
  /** 95% half-widths in that order; undefined for the analytic model */
  ci95: ArrayLike<number> | undefined;
}

/** The work behind cells, for a sweep's summary line. */
export interface CellWork {
  /** calls generated (simulation) */
  arrivals: number;
  /** intervals evaluated (analytic: runs × intervals per cell) */
  evaluations: number;
  /** Erlang A/C evaluations (analytic: two per interval with fractional agents) */
  kernelEvaluations: number;
}

export const NO_WORK: Readonly<CellWork> = { arrivals: 0, evaluations: 0, kernelEvaluations: 0 };

/** Adds `b` into `a`. */
export function addWork(a: CellWork, b: Readonly<CellWork>): void {
  a.arrivals += b.arrivals;
  a.evaluations += b.evaluations;
  a.kernelEvaluations += b.kernelEvaluations;
}

/** The figure columns of a sweep, by definition (computed once per definition). */
const columnsOf = new WeakMap<SweepDefinition, string[]>();

/** The names of a sweep's figure columns, in order (its base scenario's channels and groups; columns.ts). */
export function sweepFigureNames(def: SweepDefinition): string[] {
  let names = columnsOf.get(def);
  if (!names) {
    if (!def.base) throw new Error('sweep definition without its base scenario (defineSweep sets it)');
    names = figureColumns(layoutOf(def.base));
    columnsOf.set(def, names);
  }
  return names;
}

/** A cell's result from its replications' figures (each in column order), in replication order. */
export function simResult(spec: SweepSpec, cell: number, perReplication: readonly ArrayLike<number>[]): CellResult {
  const width = perReplication[0]?.length ?? 0;
  const figures = new Array<number>(width), ci95 = new Array<number>(width);
  const column = new Float64Array(perReplication.length);
  for (let k = 0; k < width; k++) {
    for (let r = 0; r < perReplication.length; r++) column[r] = perReplication[r]![k]!;
    const s = summarize(column);
    figures[k] = s.mean; ci95[k] = s.halfWidth95;
  }
  return { cell, values: cellValues(spec.def.axes, cell), replications: perReplication.length, figures, ci95 };
}

/** A cell's result from a block's figures (one row of `sweepFigureNames` from `offset`). */
export function analyticResult(spec: SweepSpec, cell: number, figures: Float64Array, offset: number): CellResult {
  const width = sweepFigureNames(spec.def).length;
  return { cell, values: cellValues(spec.def.axes, cell), replications: 0, figures: figures.subarray(offset, offset + width), ci95: undefined };
}
