import { HISTOGRAM_BINS } from '../stats/histogram.js';
import { addGroupTally, addTally, emptyGroupTally, emptyTally, type GroupTally, type Tally } from '../stats/figures.js';

/*
 * The run's accumulators, in typed arrays: one row of cells per interval of the cycle plus
 * one *discard* row (index = cycle length) that takes everything during the warm-up, so
 * the hot loop never branches on "are we warmed up?". A cell is (row, channel) with F
 * fields; on-duty, busy and contact time are kept per (row, group), and the deferred
 * channels' time-to-handle histograms per (row, deferred channel). Per-channel on-duty time
 * is derived from the groups only when the run is summarised.
 */

/**
 * Fields of a (row, channel) cell (engine/stats/figures.ts `Tally` gives each one's definition),
 * and `FIELDS`, their number. A `const enum`: tsc writes the numbers into the code that uses
 * them, where an imported `const` is a module cell that V8 loads and checks for the hole at
 * every use (inlining the event loop's imported constants: −2% time on the blended day).
 */
export const enum Cell {
  OFFERED = 0,
  ANSWERED = 1,
  ABANDONED = 2,
  WITHIN_TARGET = 3,
  WAIT_ANSWERED = 4,
  WAIT_ALL = 5,
  BUSY = 6,
  SELF_SERVICE = 7,
  RETRIALS = 8,
  STILL_WAITING = 9,
  RETURNS = 10,
  BACKLOG = 11,
  DEFERRED_HANDLED = 12,
  WITHIN_DEADLINE = 13,
  TIME_TO_HANDLE = 14,
  /** fields per cell */
  FIELDS = 15,
}

/** Raw tallies of one run: per (cycle interval, channel), per channel, per group, and in total. */
export interface RunTallies {
  /**
   * Every channel of every kind summed (see engine/stats/figures.ts): on-duty time counts
   * each group once; busy time sums the channels' (a chat session holds 1/concurrency of an agent).
   */
  total: Tally;
  byChannel: Tally[];
  /** [cycle interval][channel] */
  byInterval: Tally[][];
  /** per agent group, in model order */
  byGroup: GroupTally[];
  /** [cycle interval][group] */
  byIntervalGroup: GroupTally[][];
  /**
   * Contacts waiting for an agent per channel when counting started (the end of the
   * warm-up; 0 without one): the backlog a representative day starts with.
   */
  startBacklog: number[];
  /** Contacts waiting for an agent per channel when the run ended. */
  endBacklog: number[];
}

/** What `talliesOf` reads: the simulator's accumulators (engine.ts `Sim` provides them). */
export interface Accumulators {
  readonly cycle: number;
  readonly nC: number;
  readonly nG: number;
  /** (cycle + 1) × channels × F */
  readonly cells: Float64Array;
  /** (cycle + 1) × groups agent-seconds on duty */
  readonly duty: Float64Array;
  /** (cycle + 1) × groups agent-seconds with work in progress */
  readonly groupBusy: Float64Array;
  /** (cycle + 1) × groups contact-seconds in progress */
  readonly groupContacts: Float64Array;
  /** (cycle + 1) seconds of run time in each row */
  readonly duration: Float64Array;
  /** (cycle + 1) × deferred channels × HISTOGRAM_BINS counts */
  readonly histogram: Float64Array;
  /** channel → its index among the deferred channels, −1 for real-time channels */
  readonly deferredIndex: Int32Array;
  readonly nDeferred: number;
  /** groups × channels, 1 when the group has the channel among its skills */
  readonly servesChannel: Uint8Array;
  readonly startBacklog: Float64Array;
  readonly endBacklog: Float64Array;
}

/**
 * Turns the typed accumulators into Tallies (the discard row dropped). A channel's on-duty
 * time is that of every group serving it (a group shared by two channels counts in both);
 * the total's on-duty time counts each group once, its other fields sum the channels.
 */
export function talliesOf(acc: Accumulators): RunTallies {
  const { cycle, nC: C, nG: G, duty, duration, servesChannel, histogram, deferredIndex } = acc;
  const D = acc.nDeferred, H = HISTOGRAM_BINS;
  const byInterval: Tally[][] = [];
  const byChannel: Tally[] = [];
  const byIntervalGroup: GroupTally[][] = [];
  const byGroup: GroupTally[] = [];
  for (let c = 0; c < C; c++) byChannel.push(withHistogram(emptyTally(), deferredIndex[c]! >= 0));
  for (let g = 0; g < G; g++) byGroup.push(emptyGroupTally());
  const total = withHistogram(emptyTally(), D > 0);
  let totalDuty = 0, totalDuration = 0;
  for (let i = 0; i < cycle; i++) {
    const row: Tally[] = [];
    const groupRow: GroupTally[] = [];
    for (let g = 0; g < G; g++) {
      const j = i * G + g;
      const t: GroupTally = {
        onDutySeconds: duty[j]!, busySeconds: acc.groupBusy[j]!, contactSeconds: acc.groupContacts[j]!,
        durationSeconds: duration[i]!,
      };
      groupRow.push(t);
      addGroupTally(byGroup[g]!, t);
      totalDuty += t.onDutySeconds;
    }
    for (let c = 0; c < C; c++) {
      const t = cellTally(acc.cells, (i * C + c) * Cell.FIELDS, duration[i]!);
      for (let g = 0; g < G; g++) if (servesChannel[g * C + c]) t.onDutySeconds += duty[i * G + g]!;
      const d = deferredIndex[c]!;
      if (d >= 0) t.timeToHandleCounts = histogramCounts(histogram, (i * D + d) * H);
      row.push(t);
      addTally(byChannel[c]!, t);
      addTally(total, t);
    }
    totalDuration += duration[i]!;
    byInterval.push(row);
    byIntervalGroup.push(groupRow);
  }
  // The total's on-duty time counts each group once (not once per channel it serves).
  total.onDutySeconds = totalDuty;
  total.durationSeconds = totalDuration;
  return {
    total, byChannel, byInterval, byGroup, byIntervalGroup,
    startBacklog: Array.from(acc.startBacklog), endBacklog: Array.from(acc.endBacklog),
  };
}

/**
 * The HISTOGRAM_BINS counts of one (row, deferred channel) histogram from `base`. Its own
 * function: as a loop inside talliesOf it made V8 compile talliesOf on-stack mid-loop, and
 * that code, missing feedback for the lines after the loop, was thrown away at the end of
 * every run (talliesOf ran unoptimised: a quarter of a blended run's 1.4 ms fixed cost).
 */
function histogramCounts(histogram: Float64Array, base: number): number[] {
  const counts = new Array<number>(HISTOGRAM_BINS);
  for (let k = 0; k < HISTOGRAM_BINS; k++) counts[k] = histogram[base + k]!;
  return counts;
}

/** The Tally of the cell at `b` (on-duty time 0: the caller adds the groups'). */
function cellTally(cells: Float64Array, b: number, durationSeconds: number): Tally {
  return {
    offered: cells[b + Cell.OFFERED]!, answered: cells[b + Cell.ANSWERED]!, abandoned: cells[b + Cell.ABANDONED]!,
    answeredWithinTarget: cells[b + Cell.WITHIN_TARGET]!, waitAnsweredSeconds: cells[b + Cell.WAIT_ANSWERED]!,
    waitAllSeconds: cells[b + Cell.WAIT_ALL]!, busySeconds: cells[b + Cell.BUSY]!, onDutySeconds: 0,
    selfServiceCompleted: cells[b + Cell.SELF_SERVICE]!, retrials: cells[b + Cell.RETRIALS]!, returns: cells[b + Cell.RETURNS]!,
    stillWaiting: cells[b + Cell.STILL_WAITING]!, durationSeconds, backlogSeconds: cells[b + Cell.BACKLOG]!,
    deferredHandled: cells[b + Cell.DEFERRED_HANDLED]!, withinDeadline: cells[b + Cell.WITHIN_DEADLINE]!,
    timeToHandleSeconds: cells[b + Cell.TIME_TO_HANDLE]!,
  };
}

function withHistogram(t: Tally, yes: boolean): Tally {
  if (yes) t.timeToHandleCounts = new Array<number>(HISTOGRAM_BINS).fill(0);
  return t;
}
