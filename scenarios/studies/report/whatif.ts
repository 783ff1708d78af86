/**
 * The report of a what-if (`ccsim whatif --report`, the page of `ccsim serve`): each figure
 * of the period, baseline against variant (kernels, and simulated means with 95% intervals
 * and the paired difference) — all channels together and, with several channels, each channel
 * with its own definitions (kernel values only where the kernels treat the channel) — the staff
 * to hold a figure when asked, and the intraday series of both sides.
 */
import { ALL_FIGURE_KEYS, CHANNEL_FIGURE_KEYS, type Figures } from '../../../engine/stats/figures.js';
import { buildPlan, type Plan } from '../../plan/build.js';
import type { Scenario } from '../../format/schema.js';
import type { WhatifResult } from '../whatif.js';
import { planKernels } from './channels.js';
import type { ChannelSeries, ComparisonRow, ComparisonSection, ReportBody, ReportSection } from './document.js';
import { intradaySection } from './intraday.js';

/** The period's figures a what-if and a scenario run report, in table order ('staff' is the head count). */
export const PERIOD_KEYS = [
  'staff', 'agents', 'answerRate', 'serviceLevel', 'asa', 'pAbandon', 'occupancy', 'offered', 'answered',
  'selfServiceCompleted', 'selfServiceShare', 'selfServiceShareAnswered',
] as const satisfies readonly (keyof Figures | 'staff')[];

/** Figures the intraday section shows (besides agents on duty and required agents). */
export const INTRADAY_KEYS = ['offered', 'answered', 'abandoned', 'serviceLevel', 'agents', 'requiredAgents'] as const;

/** The figures of a what-if or scenario report: the period's and the intraday ones, and with several channels those of the channel kinds. */
export function reportFigures(channels: number): string[] {
  const keys: string[] = [...PERIOD_KEYS, ...INTRADAY_KEYS, ...(channels > 1 ? CHANNEL_FIGURE_KEYS : [])];
  return [...new Set(keys)];
}

/** What a what-if report is made of. */
export interface WhatifReportInput {
  baseline: Scenario;
  variant: Scenario;
  result: WhatifResult;
  /** the variant's change in words (e.g. 'staff -8%, self-service 0.75') */
  change: string;
  /** with the intraday section (default true); `serve` leaves it out of the figures it shows at every lever change */
  intraday?: boolean;
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

/**
 * The comparison rows of channel `i` of a what-if result: every figure of ALL_FIGURE_KEYS (the
 * pages show those of the channel's kind), simulated with the paired difference per channel;
 * kernel values only when `kernels` (some side's kernels treat the channel).
 */
export function channelComparisonRows(r: WhatifResult, i: number, kernels: boolean): ComparisonRow[] {
  const b = r.baseline.simulated?.byChannel[i];
  const v = r.variant.simulated?.byChannel[i];
  const d = r.differenceByChannel?.[i];
  return ALL_FIGURE_KEYS.map((key) => {
    const row: ComparisonRow = { key };
    if (kernels) row.kernels = { baseline: r.baseline.analyticByChannel[i]![key], variant: r.variant.analyticByChannel[i]![key] };
    if (b && v) {
      row.simulated = {
        baseline: { mean: b.figures[key], ci95: b.ci95[key] },
        variant: { mean: v.figures[key], ci95: v.ci95[key] },
        difference: { mean: d?.figures[key] ?? NaN, ci95: d?.ci95[key] ?? NaN },
      };
    }
    return row;
  });
}

/**
 * Plans of scenarios already built: a scenario is never changed once loaded or made (levers
 * make copies), and `serve` reports the same baseline change after change (its intraday series
 * are then made once: intraday.ts).
 */
const plans = new WeakMap<Scenario, Plan>();
function planOf(s: Scenario): Plan {
  let p = plans.get(s);
  if (!p) plans.set(s, (p = buildPlan(s)));
  return p;
}

/** The report body of a what-if. */
export function whatifReport(input: WhatifReportInput): ReportBody {
  const { result: r } = input;
  const basePlan = planOf(input.baseline);
  const baseKernels = planKernels(input.baseline, basePlan);
  const series: ChannelSeries<ComparisonRow[]>[] = [{ channel: 'all', data: comparisonRows(r) }];
  if (r.channels.length > 1) {
    r.channels.forEach((c, i) => series.push({ channel: c.name, data: channelComparisonRows(r, i, c.kernel.status !== 'none' || baseKernels[i]?.status !== 'none') }));
  }
  const comparison: ComparisonSection = { kind: 'comparison', change: input.change, series };
  if (r.hold) {
    const h = r.hold;
    comparison.hold = {
        key: h.hold.key, ...(h.hold.channel !== undefined ? { channel: h.hold.channel } : {}), value: h.hold.value, better: h.hold.better, found: h.found, staff: h.staff, baselineStaff: r.baseline.staff, variantStaff: r.variant.staff,
        kernels: h.analytic[h.hold.key],
        ...(h.simulated ? { simulated: { mean: h.simulated.figures[h.hold.key], ci95: h.simulated.ci95[h.hold.key] }, meetsWithinCi: h.simulated.meetsWithinCi } : {}),
    };
  }
  const sections: ReportSection[] = [comparison];
  if (input.intraday !== false) sections.push(intradaySection(input.baseline, [
    { name: 'baseline', plan: basePlan, ...(r.baseline.simulated?.intervals ? { intervals: r.baseline.simulated.intervals } : {}) },
    { name: 'variant', plan: planOf(input.variant), ...(r.variant.simulated?.intervals ? { intervals: r.variant.simulated.intervals } : {}) },
  ]));
  return {
    kind: 'whatif',
    title: `What-if on ${input.baseline.name}: ${input.change}`,
    sections,
    channels: r.channels.map((c) => ({ ...c })),
    figures: reportFigures(r.channels.length),
    notes: [
      `Scale: each one-day run of one centre × centres × days gives the period: ${r.scale.map((s) => `${s.centreClass}/${s.dayType} × ${s.centres} × ${s.days}`).join('; ')}.`,
      ...(r.simulation ? [`Simulation: ${r.simulation.replications} replications per side, seed ${r.simulation.seed}, the same random numbers on both sides (the difference is paired); ± and bands are 95% intervals.`] : ['Kernels only (no simulation).']),
    ],
  };
}
