/**
 * The report of a sweep (`ccsim sweep --report`): every column of every cell (columns.ts: all
 * channels, each channel's `KEY[CHANNEL]`, each group's `groupKEY[GROUP]`), kept as cells
 * finish (`SweepCollector`), with the scenario's targets as contours — a target on one channel
 * (`channel: voice`) on that channel's figure (two axes: a heat map of any figure with its
 * target's contour; one axis: lines with 95% bands; more axes: slices).
 *
 * Size: the columns go to the page as 32-bit floats (document.ts), and a figure no cell has a
 * value for (the kernels give deferred work none; a voice channel has no deadline share) is
 * left out, so a 10,000-cell report of a blended scenario stays a few MB.
 */
import { ALL_FIGURE_KEYS, FIGURE_KEYS, GROUP_FIGURE_KEYS } from '../../../engine/stats/figures.js';
import type { Scenario } from '../../format/schema.js';
import { buildPlan } from '../../plan/build.js';
import { planKernels, reportChannels } from './channels.js';
import { cellCount } from '../sweep/grid.js';
import type { Axis } from '../sweep/grid.js';
import type { CellResult, SweepModel } from '../sweep/run.js';
import type { ChannelSeries, ReportBody, SweepSection, SweepTarget, SweepValues } from './document.js';

/** Collects a sweep's cells (any order, resumed ones too) into one array per column. */
export class SweepCollector {
  readonly values: Float64Array[];
  readonly ci95: Float64Array[];
  /** cells received */
  received = 0;
  /**
   * @param names the sweep's figure columns, in the order of a cell's `figures` (`sweepFigureNames`; default FIGURE_KEYS)
   */
  constructor(readonly axes: readonly Axis[], readonly names: readonly string[] = FIGURE_KEYS) {
    const n = cellCount(axes);
    this.values = names.map(() => new Float64Array(n).fill(NaN));
    this.ci95 = names.map(() => new Float64Array(n).fill(NaN));
  }

  /** Stores finished cells (figures and half-widths in `names` order). */
  add(cells: readonly Pick<CellResult, 'cell' | 'figures' | 'ci95'>[]): void {
    const K = this.names.length;
    for (const c of cells) {
      for (let k = 0; k < K; k++) {
        this.values[k]![c.cell] = c.figures[k] ?? NaN;
        this.ci95[k]![c.cell] = c.ci95 ? (c.ci95[k] ?? NaN) : NaN;
      }
      this.received++;
    }
  }
}

/** The group columns' keys (columns.ts: `groupOccupancy` → occupancy). */
const GROUP_COLUMNS = new Map<string, string>(GROUP_FIGURE_KEYS.map((k) => [`group${k[0]!.toUpperCase()}${k.slice(1)}`, k]));

/** A column's series and figure key: `answerRate` (all), `answerRate[voice]`, `groupOccupancy[agents]`. */
function parseColumn(name: string): { series: string; key: string; group: boolean } {
  const m = /^([A-Za-z0-9]+)\[(.+)\]$/.exec(name);
  if (!m) return { series: 'all', key: name, group: false };
  const g = GROUP_COLUMNS.get(m[1]!);
  return g ? { series: m[2]!, key: g, group: true } : { series: m[2]!, key: m[1]!, group: false };
}

/**
 * The targets a sweep draws: the scenario's targets on a figure of the sweep's columns — all
 * channels together (FIGURE_KEYS) or one channel's (`channel:`, ALL_FIGURE_KEYS).
 */
export function sweepTargets(s: Scenario | undefined): SweepTarget[] {
  const several = (s?.channels.length ?? 0) > 1;
  return (s?.targets ?? [])
    .filter((t) => (t.channel === undefined
      ? (FIGURE_KEYS as readonly string[]).includes(t.figure)
      : (ALL_FIGURE_KEYS as readonly string[]).includes(t.figure) && s!.channels.some((c) => c.name === t.channel)))
    // a one-channel scenario's sweep has the columns of all channels only: its channel's target is on them
    .map((t) => ({ key: t.figure, ...(t.channel !== undefined && several ? { channel: t.channel } : {}), value: t.value, source: t.source ?? `the scenario's ${t.kind} target` }));
}

/** Every finite value of a column as a 32-bit float, or undefined when no cell has a value. */
function column(values: Float64Array): Float32Array | undefined {
  return values.some((v) => !Number.isNaN(v)) ? Float32Array.from(values) : undefined;
}

/** The report body of a sweep. */
export function sweepReport(input: { scenario?: Scenario; scenarioName: string; axes: readonly Axis[]; model: SweepModel; replications: number; collected: SweepCollector }): ReportBody {
  const { axes, collected } = input;
  const sim = input.model === 'simulation';
  const series: ChannelSeries<SweepValues>[] = [];
  const groups: { group: string; data: SweepValues }[] = [];
  collected.names.forEach((name, i) => {
    const values = column(collected.values[i]!);
    if (!values) return;
    const c = parseColumn(name);
    const list: { data: SweepValues }[] = c.group ? groups : series;
    let entry = c.group ? groups.find((x) => x.group === c.series) : series.find((x) => x.channel === c.series);
    if (!entry) {
      entry = c.group ? { group: c.series, data: { values: {} } } : { channel: c.series, data: { values: {} } };
      list.push(entry);
    }
    entry.data.values[c.key] = values;
    if (sim) (entry.data.ci95 ??= {})[c.key] = Float32Array.from(collected.ci95[i]!);
  });
  const has = (t: { key: string; channel?: string }) => series.some((x) => x.channel === (t.channel ?? 'all') && t.key in x.data.values);
  const targets = sweepTargets(input.scenario).filter(has);
  const first = targets.find((t) => t.key === 'answerRate') ?? targets[0];
  const initial: SweepSection['initial'] = first
    ? { series: first.channel ?? 'all', key: first.key }
    : { series: series.find((x) => 'answerRate' in x.data.values)?.channel ?? series[0]?.channel ?? 'all', key: 'answerRate' };
  if (!series.find((x) => x.channel === initial.series)?.data.values[initial.key]) initial.key = Object.keys(series.find((x) => x.channel === initial.series)?.data.values ?? {})[0] ?? 'answerRate';
  const several = series.length > 1;
  return {
    kind: 'sweep',
    title: `Sweep of ${input.scenarioName} over ${axes.map((a) => a.name).join(' × ')}`,
    channels: input.scenario && input.scenario.channels.length > 1 ? reportChannels(input.scenario, planKernels(input.scenario, buildPlan(input.scenario))) : [],
    sections: [{
      kind: 'sweep', model: input.model,
      axes: axes.map((a) => ({ name: a.name, kind: a.kind, values: [...a.values] })),
      series, groups, targets, initial,
    }],
    figures: [...new Set([...FIGURE_KEYS, ...(several ? ALL_FIGURE_KEYS : []), ...(groups.length > 0 ? GROUP_FIGURE_KEYS : [])])].filter((k) => series.some((x) => k in x.data.values) || groups.some((x) => k in x.data.values)),
    notes: [
      `${cellCount(axes).toLocaleString('en-US')} cells (${axes.map((a) => `${a.name}: ${a.values.length} values`).join(', ')}); ` +
        (sim ? `${input.replications} replications per cell, the same random numbers in every cell; bands are 95% intervals.` : 'period-by-period kernels (Erlang A; M/M/N+G for non-exponential patience), no replications.'),
      'Lever values: staff, volume, aht and patience are relative changes (−0.08 = −8%); selfService is the new share (IVR / (IVR + offered)).',
      ...(several ? ['Figures of all channels together add up every channel; each channel\'s figures follow its own definitions (docs/channels.md); a figure no cell has a value for (the kernels give deferred work none) is not offered.'] : []),
    ],
  };
}
