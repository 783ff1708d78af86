/**
 * What the full-year run is compared with: for each figure, the year's value from every
 * simulated call, the calibrated model's mean ± 95% half-width (representative days,
 * replications), and the report's value (the scenario's target of that figure, with its
 * source) with the year's relative difference (year − report) / report. Plain data: the CLI
 * prints it as a table, `fullYearDocument` is its JSON form.
 */
import type { Figures } from '../../engine/stats/figures.js';
import type { Scenario } from '../format/schema.js';
import type { FullYearResult } from './fullYear.js';

/** The figures compared, in order. */
export const FULL_YEAR_KEYS = [
  'offered', 'answered', 'abandoned', 'answerRate', 'pAbandon', 'serviceLevel', 'slAnswered', 'asa', 'meanWait',
  'occupancy', 'agents', 'selfServiceCompleted', 'selfServiceShare', 'selfServiceShareAnswered',
] as const satisfies readonly (keyof Figures)[];

/** One compared figure (`staff` is the head count, an input). */
export interface FullYearRow {
  key: (typeof FULL_YEAR_KEYS)[number] | 'staff';
  year: number;
  /** the model's mean and 95% half-width, when the model was run */
  model?: { mean: number; ci95: number };
  /** the scenario's target of this figure */
  reported?: { value: number; source: string };
  /** (year − reported) / reported */
  relativeDifference?: number;
}

function reported(s: Scenario, key: string): { value: number; source: string } | undefined {
  const t = s.targets?.find((x) => x.figure === key);
  return t ? { value: t.value, source: t.source } : undefined;
}

function row(key: FullYearRow['key'], year: number, model: FullYearRow['model'], rep: FullYearRow['reported']): FullYearRow {
  return { key, year, ...(model ? { model } : {}), ...(rep ? { reported: rep, relativeDifference: (year - rep.value) / rep.value } : {}) };
}

/** Every compared figure of a full-year run, then the head count. */
export function fullYearComparison(r: FullYearResult, s: Scenario): FullYearRow[] {
  const rows = FULL_YEAR_KEYS.map((key) => row(key, r.figures[key], r.model ? { mean: r.model.figures[key], ci95: r.model.ci95[key] } : undefined, reported(s, key)));
  rows.push(row('staff', r.staff, undefined, reported(s, 'staff')));
  return rows;
}

/** The full-year run as one JSON-ready document. */
export function fullYearDocument(r: FullYearResult, s: Scenario): Record<string, unknown> {
  return {
    figures: r.figures,
    model: r.model,
    report: Object.fromEntries((s.targets ?? []).map((t) => [t.figure, t.value])),
    byClass: r.byClass,
    tally: r.tally,
    centreDays: r.centreDays,
    calls: r.calls,
    simulatedCalls: r.simulatedCalls,
    selfServiceDrawn: r.calls - r.simulatedCalls,
    events: r.events,
    staff: r.staff,
    seconds: r.seconds,
    workers: r.workers,
  };
}
