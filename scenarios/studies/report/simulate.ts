/**
 * The report of a scenario run (`ccsim simulate FILE --report`): the period's figures (kernels
 * and simulated with 95% intervals) — all channels together and, with several channels, each
 * channel (kernel values only where the kernels treat it) — the scenario's targets against
 * them, each centre class, and the intraday series of every run.
 */
import { ALL_FIGURE_KEYS, type Figures } from '../../../engine/stats/figures.js';
import type { ChannelKernel } from '../../plan/analytic.js';
import type { Plan } from '../../plan/build.js';
import type { PlanSimulation } from '../../plan/simulatePlan.js';
import type { ClassFigures } from '../../plan/classFigures.js';
import type { Scenario } from '../../format/schema.js';
import { reportChannels } from './channels.js';
import type { ChannelSeries, ReportBody, SummaryRow, TargetRow } from './document.js';
import { intradaySection } from './intraday.js';
import { PERIOD_KEYS, reportFigures } from './whatif.js';

/** Figures of the per-class rows. */
export const CLASS_KEYS = ['answerRate', 'serviceLevel', 'asa', 'occupancy', 'answered'] as const satisfies readonly (keyof Figures)[];

export interface SimulateReportInput {
  scenario: Scenario;
  plan: Plan;
  analytic: Figures;
  /** the kernels per channel (scenario order) and how they treat each channel */
  analyticByChannel: readonly Figures[];
  kernels: readonly ChannelKernel[];
  /** simulated with `intervals: true` for the intraday bands (else kernels only there) */
  simulation: PlanSimulation;
  targets: TargetRow[];
  classes: ClassFigures[];
}

const row = (key: (typeof PERIOD_KEYS)[number], staff: number, kernels: Figures, sim?: { figures: Figures; ci95: Figures }): SummaryRow => ({
  key,
  kernels: key === 'staff' ? staff : kernels[key],
  ...(sim ? { simulated: key === 'staff' ? { mean: staff, ci95: 0 } : { mean: sim.figures[key], ci95: sim.ci95[key] } } : {}),
});

/** The report body of a scenario run. */
export function simulateReport(input: SimulateReportInput): ReportBody {
  const { scenario, plan, simulation: sim } = input;
  const channels = reportChannels(scenario, input.kernels);
  const series: ChannelSeries<SummaryRow[]>[] = [{ channel: 'all', data: PERIOD_KEYS.map((k) => row(k, plan.staff, input.analytic, sim)) }];
  if (channels.length > 1) {
    channels.forEach((c, i) => {
      const k = c.kernel.status === 'none' ? undefined : input.analyticByChannel[i]!;
      const s = sim.byChannel[i]!;
      series.push({ channel: c.name, data: ALL_FIGURE_KEYS.map((key) => ({ key, ...(k ? { kernels: k[key] } : {}), simulated: { mean: s.figures[key], ci95: s.ci95[key] } })) });
    });
  }
  return {
    kind: 'simulate',
    title: `Scenario ${scenario.name}`,
    channels,
    sections: [
      {
        kind: 'summary',
        series,
        targets: input.targets,
        classes: input.classes.map((c) => ({
          centreClass: c.centreClass, centres: c.centres, staffPerCentre: c.staffPerCentre,
          rows: CLASS_KEYS.map((k) => ({ key: k, kernels: c.analytic[k], simulated: { mean: c.simulated.figures[k], ci95: c.simulated.ci95[k] } })),
        })),
      },
      intradaySection(scenario, [{ name: 'scenario', plan, ...(sim.intervals ? { intervals: sim.intervals } : {}) }]),
    ],
    figures: reportFigures(channels.length),
    notes: [
      `${plan.runs.length} one-day runs (one centre per class × day type) scaled to the ${plan.periodDays}-day period: ${plan.runs.map((r) => `${r.centreClass}/${r.dayType} × ${r.centres} centres × ${r.days} days`).join('; ')}.`,
      `Simulation: ${sim.replications} replications; ± and bands are 95% intervals across replications. Figures of aggregates come from summed counts, never averaged ratios.`,
    ],
  };
}
