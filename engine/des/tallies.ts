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

/** Fields of a (row, channel) cell (engine/stats/figures.ts `Tally` gives each one's definition). */
export const OFFERED = 0;
export const ANSWERED = 1;
export const ABANDONED = 2;
export const WITHIN_TARGET = 3;
export const WAIT_ANSWERED = 4;
export const WAIT_ALL = 5;
export const BUSY = 6;
export const SELF_SERVICE = 7;
export const RETRIALS = 8;
export const STILL_WAITING = 9;
export const RETURNS = 10;
export const BACKLOG = 11;
export const DEFERRED_HANDLED = 12;
export const WITHIN_DEADLINE = 13;
export const TIME_TO_HANDLE = 14;
/** Fields per cell. */
export const F = 15;

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
      const t = cellTally(acc.cells, (i * C + c) * F, duration[i]!);
      for (let g = 0; g < G; g++) if (servesChannel[g * C + c]) t.onDutySeconds += duty[i * G + g]!;
      const d = deferredIndex[c]!;
      if (d >= 0) {
        const counts = new Array<number>(H), base = (i * D + d) * H;
        for (let k = 0; k < H; k++) counts[k] = histogram[base + k]!;
        t.timeToHandleCounts = counts;
      }
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

/** The Tally of the cell at `b` (on-duty time 0: the caller adds the groups'). */
function cellTally(cells: Float64Array, b: number, durationSeconds: number): Tally {
  return {
    offered: cells[b + OFFERED]!, answered: cells[b + ANSWERED]!, abandoned: cells[b + ABANDONED]!,
    answeredWithinTarget: cells[b + WITHIN_TARGET]!, waitAnsweredSeconds: cells[b + WAIT_ANSWERED]!,
    waitAllSeconds: cells[b + WAIT_ALL]!, busySeconds: cells[b + BUSY]!, onDutySeconds: 0,
    selfServiceCompleted: cells[b + SELF_SERVICE]!, retrials: cells[b + RETRIALS]!, returns: cells[b + RETURNS]!,
    stillWaiting: cells[b + STILL_WAITING]!, durationSeconds, backlogSeconds: cells[b + BACKLOG]!,
    deferredHandled: cells[b + DEFERRED_HANDLED]!, withinDeadline: cells[b + WITHIN_DEADLINE]!,
    timeToHandleSeconds: cells[b + TIME_TO_HANDLE]!,
  };
}

function withHistogram(t: Tally, yes: boolean): Tally {
  if (yes) t.timeToHandleCounts = new Array<number>(HISTOGRAM_BINS).fill(0);
  return t;
}
