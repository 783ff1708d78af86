/**
 * The data of a report (an HTML file written by `--report`, and the page of `ccsim serve`):
 * which sections, which series, which figures — plain JSON, drawn in the browser. Built from
 * the studies' structured results by the functions of this folder; the CLI adds where it came
 * from (`ReportProvenance`) and each figure's definition (docs/figures.md), and writes the file.
 *
 * Channels. Every series is given per channel as `ChannelSeries` (`channel: 'all'` is the sum
 * over channels): today a scenario's results hold the sum only, so each list has one entry,
 * 'all'; per-channel entries are added beside it when the scenarios layer reports them.
 *
 * Units: fractions in [0, 1], times in seconds, counts as counted (per period, per interval
 * of one centre, …: each section says). NaN (nothing to divide by) is written as null.
 */

/** A series for one channel, or for all channels together (`'all'`). */
export interface ChannelSeries<T> {
  /** a channel's name, or 'all' */
  channel: string;
  data: T;
}

/** A simulated value per point: mean across replications and 95% half-width (Student t). */
export interface Band {
  mean: number[];
  ci95: number[];
}

/** A simulated value: mean across replications and its 95% half-width. */
export interface Estimate {
  mean: number;
  ci95: number;
}

/** One figure compared: baseline against variant, kernels and simulation. */
export interface ComparisonRow {
  /** the figure's key (docs/figures.md), or 'staff' */
  key: string;
  kernels: { baseline: number; variant: number };
  /** the simulated means with their 95% half-widths; `difference` is paired (same seeds) */
  simulated?: { baseline: Estimate; variant: Estimate; difference: Estimate };
}

/** A what-if: each figure of the period, baseline against variant. */
export interface ComparisonSection {
  kind: 'comparison';
  /** what the variant changes, in words (the levers) */
  change: string;
  series: ChannelSeries<ComparisonRow[]>[];
  /** `--hold`: the staff the variant needs to hold a figure (kernels; simulated at that staff) */
  hold?: {
    key: string; value: number; better: 'higher' | 'lower'; found: boolean;
    staff: number; baselineStaff: number; variantStaff: number;
    kernels: number; simulated?: Estimate; meetsWithinCi?: boolean;
  };
}

/** One figure of a single scenario run over its period. */
export interface SummaryRow {
  key: string;
  kernels: number;
  simulated?: Estimate;
}

/** A scenario target: the reported value against the kernels and the simulated 95% interval. */
export interface TargetRow {
  figure: string;
  kind: string;
  reported: number;
  kernels: number;
  simulated: Estimate;
  source?: string;
}

/** `simulate FILE`: the period's figures, the targets, each centre class. */
export interface SummarySection {
  kind: 'summary';
  series: ChannelSeries<SummaryRow[]>[];
  targets: TargetRow[];
  classes: { centreClass: string; centres: number; staffPerCentre: number; rows: SummaryRow[] }[];
}

/** One side's intraday series of one run (one centre of the class on one day of the type). */
export interface IntradaySeries {
  /** simulated contacts per interval (offered to agents, answered, abandoned) */
  offered?: Band;
  answered?: Band;
  abandoned?: Band;
  /** simulated service level per interval: answered within T / offered */
  serviceLevel?: Band;
  /** the kernels' expected values per interval */
  kernels: { offered: number[]; answered: number[]; abandoned: number[]; serviceLevel: number[] };
  /** agents on duty per interval (the plan's, before rounding to whole agents) */
  agents: number[];
  /** agents on duty the kernels need per interval to reach `slTarget` (Erlang A; Erlang C without patience) */
  requiredAgents: number[];
}

/** Intraday: per (centre class, day type), per interval, one or two sides (baseline, variant). */
export interface IntradaySection {
  kind: 'intraday';
  intervalSeconds: number;
  /** the service-level goal of `requiredAgents` and the SL chart: SL(T) ≥ slTarget */
  slTarget: number;
  /** where slTarget comes from: the scenario's serviceLevel target, or the 80/20 convention */
  slTargetSource: string;
  targetSeconds: number;
  /** each side's name ('scenario', or 'baseline' and 'variant') */
  sides: string[];
  runs: {
    centreClass: string;
    dayType: string;
    centres: number;
    days: number;
    /** [side] */
    sides: ChannelSeries<IntradaySeries>[][];
  }[];
}

/** An axis of a sweep: its name (a lever or a scenario path) and values. */
export interface SweepAxis {
  name: string;
  kind: 'lever' | 'path';
  values: number[];
}

/** A figure's target in a sweep: the contour drawn on heat maps, the line on line charts. */
export interface SweepTarget {
  key: string;
  value: number;
  source: string;
}

/** A sweep: every figure of every cell (cell order: the first axis slowest). */
export interface SweepSection {
  kind: 'sweep';
  model: 'simulation' | 'analytic';
  axes: SweepAxis[];
  /** figure keys with values, in order */
  keys: string[];
  /** per channel: values[key][cell], and (simulation) ci95[key][cell] */
  series: ChannelSeries<{ values: Record<string, number[]>; ci95?: Record<string, number[]> }>[];
  targets: SweepTarget[];
  /** the figure shown first */
  initialKey: string;
}

/** `staff FORECAST`: required agents per interval, raw and after shrinkage, and what they reach. */
export interface StaffingSection {
  kind: 'staffing';
  intervalSeconds: number;
  shrinkage: number;
  /** the targets, in words */
  goal: string;
  starts: string[];
  calls: number[];
  requiredAgents: number[];
  requiredStaff: number[];
  serviceLevel: number[];
  occupancy: number[];
  targetSeconds: number;
  slTarget?: number;
}

export type ReportSection = ComparisonSection | SummarySection | IntradaySection | SweepSection | StaffingSection;

/** Where a report came from: enough to make it again. */
export interface ReportProvenance {
  /** the scenario's name, the file as given and the SHA-256 of its bytes (absent for a forecast report) */
  scenario?: { name: string; file: string; sha256: string };
  /** the input file of a forecast (`staff`), with its SHA-256 */
  input?: { file: string; sha256: string };
  /** the command line that made the report */
  command: string;
  seed?: string | number;
  replications?: number;
  /** ccsim's version */
  version: string;
}

/** A figure's definition as a report shows it. */
export interface FigureDefinition {
  key: string;
  label: string;
  /** how values print: fraction (%), seconds, count, real */
  kind: string;
  definition: string;
}

/** A whole report. */
export interface ReportDocument {
  kind: 'simulate' | 'whatif' | 'sweep' | 'staff';
  title: string;
  provenance: ReportProvenance;
  sections: ReportSection[];
  /** the figure keys the report shows; their definitions are `definitions` */
  figures: string[];
  definitions: FigureDefinition[];
  /** notes shown under the title (approximations, scale) */
  notes: string[];
}

/** A report without what the CLI adds (provenance, definitions). */
export type ReportBody = Omit<ReportDocument, 'provenance' | 'definitions'>;
