/**
 * The data of a report (an HTML file written by `--report`, and the page of `ccsim serve`):
 * which sections, which series, which figures — plain JSON, drawn in the browser. Built from
 * the studies' structured results by the functions of this folder; the CLI adds where it came
 * from (`ReportProvenance`) and each figure's definition (docs/figures.md), and writes the file.
 *
 * Channels. Every series is given per channel as `ChannelSeries`: first `channel: 'all'` (every
 * channel together: calls, chat sessions and deferred items add alike), then, when the scenario
 * has several channels, one entry per channel in scenario order, each with its own definitions
 * (`ReportChannel`: kind, threshold T, deadline, how the kernels treat it). A channel the kernels
 * give nothing for (`kernel.status: 'none'`: deferred work, chat and calls on the same agents)
 * has no kernel values at all (the optional `kernels` fields are absent), never NaN stand-ins.
 *
 * Units: fractions in [0, 1], times in seconds, counts as counted (per period, per interval
 * of one centre, …: each section says). NaN (nothing to divide by) is written as null. The
 * sweep's columns are `Float32Array`s (7 significant digits, plenty for a chart): the HTML
 * writes each as `{ f32: base64 }` (little-endian bytes) or, when every cell holds the same
 * value, `{ f32fill: value, length }`; the page's JSON reviver turns them back.
 */

/** A channel as a report labels it: its kind, threshold, chat concurrency, deadline, and how the kernels treat it. */
export interface ReportChannel {
  name: string;
  /** 'voice', 'video', 'chat' or 'deferred' (docs/channels.md) */
  kind: string;
  /** the service-level threshold T, seconds (chat: first response; deferred: handling started) */
  targetSeconds: number;
  /** chat: sessions per agent, and the slowdown per extra session */
  concurrency?: number;
  slowdown?: number;
  /** deferred: seconds from arrival to completion */
  deadlineSeconds?: number;
  /** self-service in front of it */
  selfService: boolean;
  /** redials or returns (attempts and customers differ) */
  repeats: boolean;
  /** how the kernels treat it: exact, approximate (the reason in `model`), or none (simulation only) */
  kernel: { status: 'exact' | 'approximate' | 'none'; model: string };
}

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
  /** the kernels' values; absent for a channel neither side has kernels for (NaN: a value they do not give) */
  kernels?: { baseline: number; variant: number };
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
    /** the figure held, and (absent: all channels together) its channel */
    key: string; channel?: string; value: number; better: 'higher' | 'lower'; found: boolean;
    staff: number; baselineStaff: number; variantStaff: number;
    kernels: number; simulated?: Estimate; meetsWithinCi?: boolean;
  };
}

/** One figure of a single scenario run over its period. */
export interface SummaryRow {
  key: string;
  /** absent for a channel without kernels */
  kernels?: number;
  simulated?: Estimate;
}

/** A scenario target: the reported value against the kernels and the simulated 95% interval. */
export interface TargetRow {
  figure: string;
  /** the channel the target is on; absent: all channels together */
  channel?: string;
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

/** One side's intraday series of one run (one centre of the class on one day of the type), one channel or all. */
export interface IntradaySeries {
  /** simulated contacts per interval (offered to agents, answered, abandoned) */
  offered?: Band;
  answered?: Band;
  abandoned?: Band;
  /** the simulated service figure per interval: its goal's `figure` (IntradayGoal) */
  serviceLevel?: Band;
  /** the kernels' expected values per interval; absent for a channel without kernels */
  kernels?: { offered: number[]; answered: number[]; abandoned: number[]; serviceLevel: number[] };
  /**
   * agents on duty per interval (the plan's, before rounding to whole agents): all channels,
   * every group; a channel, the groups that serve it (shared with the other channels of its pool)
   */
  agents: number[];
  /**
   * agents on duty the kernels need per interval to reach the pools' goals (IntradayGoal):
   * all channels, summed over the pools of real-time channels; a real-time channel, its pool's
   * (a chat pool sized by its session slots); absent for deferred channels (no kernel)
   */
  requiredAgents?: number[];
  /** all channels of a scenario with several pools: each pool's agents and required agents */
  pools?: { channels: string[]; agents: number[]; requiredAgents: number[] }[];
}

/**
 * The goal of one channel's (or all channels') SL chart and of its pool's required agents.
 * Real-time channels: `serviceLevel` = answered (chat: first response) within the channel's T /
 * offered; deferred: `handledWithinDeadline` = completed within the deadline / handled.
 */
export interface IntradayGoal {
  /** 'all' or a channel's name */
  channel: string;
  figure: 'serviceLevel' | 'handledWithinDeadline';
  /** serviceLevel: the threshold T (absent for all channels when their Ts differ: each contact against its own); handledWithinDeadline: the deadline */
  seconds?: number;
  /** the goal, a fraction; absent when there is none (a deferred channel without a target) */
  target?: number;
  /** where `target` comes from, in words */
  source: string;
  /** a real-time channel: the channels whose agents it shares (its pool, itself included) */
  pool?: string[];
}

/** Intraday: per (centre class, day type), per interval, one or two sides (baseline, variant). */
export interface IntradaySection {
  kind: 'intraday';
  intervalSeconds: number;
  /** the goal of each channel series, in the order of the runs' series ('all' first) */
  goals: IntradayGoal[];
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
  /** the channel of the target's figure; absent: all channels together */
  channel?: string;
  value: number;
  source: string;
}

/** A sweep's figures of one series (all channels, a channel, a group): values[key][cell] and (simulation) ci95[key][cell]. */
export interface SweepValues {
  values: Record<string, Float32Array>;
  ci95?: Record<string, Float32Array>;
}

/**
 * A sweep: every figure of every cell (cell order: the first axis slowest), all channels
 * together, per channel (`KEY[CHANNEL]` columns) and per group (`groupKEY[GROUP]`); a figure no
 * cell has a value for (the kernels give none, or the channel's kind has none) is left out.
 */
export interface SweepSection {
  kind: 'sweep';
  model: 'simulation' | 'analytic';
  axes: SweepAxis[];
  /** 'all' (FIGURE_KEYS) then each channel's (ALL_FIGURE_KEYS), keys as in docs/figures.md */
  series: ChannelSeries<SweepValues>[];
  /** each agent group's occupancy, agents and contacts per busy agent (GROUP_FIGURE_KEYS), with several groups */
  groups: { group: string; data: SweepValues }[];
  targets: SweepTarget[];
  /** the figure shown first: a series ('all', a channel; or a group's name with `group: true`) and a key */
  initial: { series: string; key: string; group?: boolean };
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
  /** the scenario's channels (the variant's in a what-if), in scenario order; empty for a forecast */
  channels: ReportChannel[];
  /** the figure keys the report shows; their definitions are `definitions` */
  figures: string[];
  definitions: FigureDefinition[];
  /** notes shown under the title (approximations, scale) */
  notes: string[];
}

/** A report without what the CLI adds (provenance, definitions). */
export type ReportBody = Omit<ReportDocument, 'provenance' | 'definitions'>;
