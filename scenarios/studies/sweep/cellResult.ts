/**
 * One finished sweep cell, and how it is made: from its replications' period tallies
 * (simulation: means and Student-t 95% half-widths, as `simulatePlan`) or from a block of
 * analytic figures. Whoever computes the replications — a local worker thread, the calling
 * thread, a `ccsim worker` on another machine — the same tallies give the same numbers.
 */
import { FIGURE_KEYS, figuresOf, type Tally } from '../../../engine/stats/figures.js';
import { summarizeFigures } from '../../../engine/stats/summarizeFigures.js';
import { cellValues } from './grid.js';
import type { SweepSpec } from './spec.js';

/** One finished cell. */
export interface CellResult {
  cell: number;
  /** the cell's axis values, in axis order */
  values: readonly number[];
  /** replications behind the figures (0 for the analytic model) */
  replications: number;
  /** figures in FIGURE_KEYS order */
  figures: ArrayLike<number>;
  /** 95% half-widths in FIGURE_KEYS order; undefined for the analytic model */
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

/** A cell's result from its replications' period tallies, in replication order. */
export function simResult(spec: SweepSpec, cell: number, totals: readonly Tally[]): CellResult {
  const s = summarizeFigures(totals.map(figuresOf));
  return {
    cell,
    values: cellValues(spec.def.axes, cell),
    replications: totals.length,
    figures: FIGURE_KEYS.map((k) => s.figures[k]),
    ci95: FIGURE_KEYS.map((k) => s.ci95[k]),
  };
}

/** A cell's result from a block's figures (FIGURE_KEYS.length numbers from `offset`). */
export function analyticResult(spec: SweepSpec, cell: number, figures: Float64Array, offset: number): CellResult {
  return { cell, values: cellValues(spec.def.axes, cell), replications: 0, figures: figures.subarray(offset, offset + FIGURE_KEYS.length), ci95: undefined };
}
