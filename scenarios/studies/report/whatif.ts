/**
 * The report of a what-if (`ccsim whatif --report`, the page of `ccsim serve`): each figure
 * of the period, baseline against variant (kernels, and simulated means with 95% intervals
 * and the paired difference), the staff to hold a figure when asked, and the intraday series
 * of both sides.
 */
import type { Figures } from '../../../engine/stats/figures.js';
import { buildPlan } from '../../plan/build.js';
import type { Scenario } from '../../format/schema.js';
import type { WhatifResult } from '../whatif.js';
import type { ComparisonRow, ComparisonSection, ReportBody, ReportSection } from './document.js';
import { intradaySection } from './intraday.js';

/** The period's figures a what-if and a scenario run report, in table order ('staff' is the head count). */
export const PERIOD_KEYS = [
  'staff', 'agents', 'answerRate', 'serviceLevel', 'asa', 'pAbandon', 'occupancy', 'offered', 'answered',
  'selfServiceCompleted', 'selfServiceShare', 'selfServiceShareAnswered',
] as const satisfies readonly (keyof Figures | 'staff')[];

/** Figures the intraday section shows (besides agents on duty and required agents). */
export const INTRADAY_KEYS = ['offered', 'answered', 'abandoned', 'serviceLevel', 'agents', 'requiredAgents'] as const;

/** What a what-if report is made of. */
export interface WhatifReportInput {
  baseline: Scenario;
  variant: Scenario;
  result: WhatifResult;
  /** the variant's change in words (e.g. 'staff -8%, self-service 0.75') */
  change: string;
}

/** The comparison rows of a what-if result. */
export function comparisonRows(r: WhatifResult): ComparisonRow[] {
  return PERIOD_KEYS.map((key) => {
    const pick = (side: WhatifResult['baseline'], f: Figures | undefined) => (key === 'staff' ? side.staff : (f?.[key] ?? NaN));
    const row: ComparisonRow = { key, kernels: { baseline: pick(r.baseline, r.baseline.analytic), variant: pick(r.variant, r.variant.analytic) } };
    const b = r.baseline.simulated;
    const v = r.variant.simulated;
    if (b && v) {
      const est = (side: WhatifResult['baseline'], s: NonNullable<WhatifResult['baseline']['simulated']>) =>
        key === 'staff' ? { mean: side.staff, ci95: 0 } : { mean: s.figures[key], ci95: s.ci95[key] };
      row.simulated = {
        baseline: est(r.baseline, b),
        variant: est(r.variant, v),
        difference: key === 'staff' ? { mean: r.variant.staff - r.baseline.staff, ci95: 0 } : { mean: r.difference?.figures[key] ?? NaN, ci95: r.difference?.ci95[key] ?? NaN },
      };
    }
    return row;
  });
}

/** The report body of a what-if. */
export function whatifReport(input: WhatifReportInput): ReportBody {
  const { result: r } = input;
  const comparison: ComparisonSection = { kind: 'comparison', change: input.change, series: [{ channel: 'all', data: comparisonRows(r) }] };
  if (r.hold) {
    const h = r.hold;
    comparison.hold = {
        key: h.hold.key, value: h.hold.value, better: h.hold.better, found: h.found, staff: h.staff, baselineStaff: r.baseline.staff, variantStaff: r.variant.staff,
        kernels: h.analytic[h.hold.key],
        ...(h.simulated ? { simulated: { mean: h.simulated.figures[h.hold.key], ci95: h.simulated.ci95[h.hold.key] }, meetsWithinCi: h.simulated.meetsWithinCi } : {}),
    };
  }
  const sections: ReportSection[] = [comparison];
  sections.push(intradaySection(input.baseline, [
    { name: 'baseline', plan: buildPlan(input.baseline), ...(r.baseline.simulated?.intervals ? { intervals: r.baseline.simulated.intervals } : {}) },
    { name: 'variant', plan: buildPlan(input.variant), ...(r.variant.simulated?.intervals ? { intervals: r.variant.simulated.intervals } : {}) },
  ]));
  return {
    kind: 'whatif',
    title: `What-if on ${input.baseline.name}: ${input.change}`,
    sections,
    figures: [...PERIOD_KEYS, ...INTRADAY_KEYS.filter((k) => !(PERIOD_KEYS as readonly string[]).includes(k))],
    notes: [
      `Scale: each one-day run of one centre × centres × days gives the period: ${r.scale.map((s) => `${s.centreClass}/${s.dayType} × ${s.centres} × ${s.days}`).join('; ')}.`,
      ...(r.simulation ? [`Simulation: ${r.simulation.replications} replications per side, seed ${r.simulation.seed}, the same random numbers on both sides (the difference is paired); ± and bands are 95% intervals.`] : ['Kernels only (no simulation).']),
    ],
  };
}
