/**
 * Values of target figures from a plan's figures: the figure keys (docs/figures.md), plus `staff` (the
 * plan's head count, an input). Counts are over the scenario's period (a year for the
 * baseline), fractions in [0, 1], times in seconds.
 */
import type { Figures } from '../../engine/stats/figures.js';
import { summarize } from '../../engine/stats/summarize.js';
import type { TargetFigure } from '../format/schema.js';

/** The value of one target figure. */
export function targetValue(figure: TargetFigure, figures: Figures, staff: number): number {
  return figure === 'staff' ? staff : figures[figure];
}

/** Mean and 95% half-width of a target figure across replications. */
export function targetSummary(figure: TargetFigure, perReplication: readonly Figures[], staff: number): { mean: number; ci95: number } {
  if (figure === 'staff') return { mean: staff, ci95: 0 };
  const s = summarize(perReplication.map((f) => f[figure]));
  return { mean: s.mean, ci95: s.halfWidth95 };
}

/**
 * A simulated target against its reported value: the relative residual (mean − reported) / |reported|
 * (÷ 1 when the reported value is 0) and whether the reported value lies inside the simulated 95% interval.
 */
export function againstReported(s: { mean: number; ci95: number }, reported: number): { residual: number; withinCi: boolean } {
  return { residual: (s.mean - reported) / (Math.abs(reported) || 1), withinCi: Math.abs(s.mean - reported) <= s.ci95 };
}
