/**
 * Values of target figures from a plan's figures: the figure keys (docs/figures.md), plus `staff` (the
 * plan's head count, an input), of one channel (`channel`) or of all channels together.
 * Counts are over the scenario's period (a year for the baseline), fractions in [0, 1], times
 * in seconds.
 */
import type { Figures } from '../../engine/stats/figures.js';
import { summarize } from '../../engine/stats/summarize.js';
import type { Scenario, TargetFigure } from '../format/schema.js';
import type { PlanSimulation } from './simulatePlan.js';

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

/** A target as named in tables and `--hold`: `answered[voice]`, or `answered` for all channels together. */
export function targetName(t: { figure: string; channel?: string | undefined }): string {
  return t.channel === undefined ? t.figure : `${t.figure}[${t.channel}]`;
}

/** The figures a target reads: its channel's, or all channels together. */
export function targetFigures(s: Pick<Scenario, 'channels'>, t: { channel?: string | undefined }, total: Figures, byChannel: readonly Figures[]): Figures {
  if (t.channel === undefined) return total;
  return byChannel[s.channels.findIndex((c) => c.name === t.channel)]!;
}

/** Each replication's figures of a target's slice, from a plan's simulation. */
export function targetReplications(s: Pick<Scenario, 'channels'>, t: { channel?: string | undefined }, sim: Pick<PlanSimulation, 'perReplication' | 'byChannel'>): Figures[] {
  if (t.channel === undefined) return sim.perReplication;
  return sim.byChannel[s.channels.findIndex((c) => c.name === t.channel)]!.perReplication;
}
