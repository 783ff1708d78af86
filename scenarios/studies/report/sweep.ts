/**
 * The report of a sweep (`ccsim sweep --report`): every figure of every cell, kept as cells
 * finish (`SweepCollector`), with the scenario's targets as contours (two axes: a heat map of
 * any figure with its target's contour; one axis: lines with 95% bands; more axes: slices).
 */
import { FIGURE_KEYS } from '../../../engine/stats/figures.js';
import type { Scenario } from '../../format/schema.js';
import { cellCount } from '../sweep/grid.js';
import type { Axis } from '../sweep/grid.js';
import type { CellResult, SweepModel } from '../sweep/run.js';
import type { ReportBody, SweepTarget } from './document.js';

/** Collects a sweep's cells (any order, resumed ones too) into one array per figure. */
export class SweepCollector {
  readonly values: Float64Array[];
  readonly ci95: Float64Array[];
  /** cells received */
  received = 0;
  constructor(readonly axes: readonly Axis[]) {
    const n = cellCount(axes);
    this.values = FIGURE_KEYS.map(() => new Float64Array(n).fill(NaN));
    this.ci95 = FIGURE_KEYS.map(() => new Float64Array(n).fill(NaN));
  }

  /** Stores finished cells (figures and half-widths in FIGURE_KEYS order). */
  add(cells: readonly Pick<CellResult, 'cell' | 'figures' | 'ci95'>[]): void {
    for (const c of cells) {
      for (let k = 0; k < FIGURE_KEYS.length; k++) {
        this.values[k]![c.cell] = c.figures[k]!;
        this.ci95[k]![c.cell] = c.ci95 ? c.ci95[k]! : NaN;
      }
      this.received++;
    }
  }
}

/**
 * The targets a sweep draws: the scenario's targets on a figure of the sweep's rows of all
 * channels together (a target on one channel, `answerRate[voice]`, is not that row's figure).
 */
export function sweepTargets(s: Scenario | undefined): SweepTarget[] {
  return (s?.targets ?? [])
    .filter((t) => t.channel === undefined && (FIGURE_KEYS as readonly string[]).includes(t.figure))
    .map((t) => ({ key: t.figure, value: t.value, source: t.source ?? `the scenario's ${t.kind} target` }));
}

/** The report body of a sweep. */
export function sweepReport(input: { scenario?: Scenario; scenarioName: string; axes: readonly Axis[]; model: SweepModel; replications: number; collected: SweepCollector }): ReportBody {
  const { axes, collected } = input;
  const targets = sweepTargets(input.scenario);
  const sim = input.model === 'simulation';
  const values: Record<string, number[]> = {};
  const ci95: Record<string, number[]> = {};
  FIGURE_KEYS.forEach((k, i) => {
    values[k] = Array.from(collected.values[i]!);
    if (sim) ci95[k] = Array.from(collected.ci95[i]!);
  });
  const initialKey = targets.find((t) => t.key === 'answerRate')?.key ?? targets[0]?.key ?? 'answerRate';
  return {
    kind: 'sweep',
    title: `Sweep of ${input.scenarioName} over ${axes.map((a) => a.name).join(' × ')}`,
    sections: [{
      kind: 'sweep', model: input.model,
      axes: axes.map((a) => ({ name: a.name, kind: a.kind, values: [...a.values] })),
      keys: [...FIGURE_KEYS],
      series: [{ channel: 'all', data: sim ? { values, ci95 } : { values } }],
      targets, initialKey,
    }],
    figures: [...FIGURE_KEYS],
    notes: [
      `${cellCount(axes).toLocaleString('en-US')} cells (${axes.map((a) => `${a.name}: ${a.values.length} values`).join(', ')}); ` +
        (sim ? `${input.replications} replications per cell, the same random numbers in every cell; bands are 95% intervals.` : 'period-by-period kernels (Erlang A; M/M/N+G for non-exponential patience), no replications.'),
      'Lever values: staff, volume, aht and patience are relative changes (−0.08 = −8%); selfService is the new share (IVR / (IVR + offered)).',
    ],
  };
}
