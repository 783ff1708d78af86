import { HISTOGRAM_BINS } from '../stats/histogram.js';
import { emptyGroupTally, emptyTally, TALLY_KEYS, type GroupTally, type Tally } from '../stats/figures.js';

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

/** Cell field of each numeric Tally key (onDutySeconds and durationSeconds come from the groups and rows). */
const FIELD: Partial<Record<(typeof TALLY_KEYS)[number], number>> = {
  offered: OFFERED, answered: ANSWERED, abandoned: ABANDONED, answeredWithinTarget: WITHIN_TARGET,
  waitAnsweredSeconds: WAIT_ANSWERED, waitAllSeconds: WAIT_ALL, busySeconds: BUSY,
  selfServiceCompleted: SELF_SERVICE, retrials: RETRIALS, stillWaiting: STILL_WAITING, returns: RETURNS,
  backlogSeconds: BACKLOG, deferredHandled: DEFERRED_HANDLED, withinDeadline: WITHIN_DEADLINE,
  timeToHandleSeconds: TIME_TO_HANDLE,
};
const CELL_KEYS = TALLY_KEYS.filter((k) => FIELD[k] !== undefined);
/** The keys a total sums over channels (its on-duty time counts each group once; its duration is the run's). */
const SUMMED_KEYS = TALLY_KEYS.filter((k) => k !== 'onDutySeconds' && k !== 'durationSeconds');

/**
 * Turns the typed accumulators into Tallies (the discard row dropped). A channel's on-duty
 * time is that of every group serving it (a group shared by two channels counts in both);
 * the total's on-duty time counts each group once, its other fields sum the channels.
 */
export function talliesOf(acc: Accumulators): RunTallies {
  const { cycle, nC: C, nG: G, cells, duty, duration, servesChannel, histogram, deferredIndex } = acc;
  const D = acc.nDeferred, H = HISTOGRAM_BINS;
  const byInterval: Tally[][] = [];
  const byChannel: Tally[] = [];
  const byIntervalGroup: GroupTally[][] = [];
  const byGroup: GroupTally[] = [];
  for (let c = 0; c < C; c++) byChannel.push(withHistogram(emptyTally(), deferredIndex[c]! >= 0));
  for (let g = 0; g < G; g++) byGroup.push(emptyGroupTally());
  const total = withHistogram(emptyTally(), D > 0);
  for (let i = 0; i < cycle; i++) {
    const row: Tally[] = [];
    const groupRow: GroupTally[] = [];
    let dutyAll = 0;
    for (let g = 0; g < G; g++) {
      const j = i * G + g;
      const t: GroupTally = {
        onDutySeconds: duty[j]!, busySeconds: acc.groupBusy[j]!, contactSeconds: acc.groupContacts[j]!,
        durationSeconds: duration[i]!,
      };
      groupRow.push(t);
      const sum = byGroup[g]!;
      sum.onDutySeconds += t.onDutySeconds; sum.busySeconds += t.busySeconds;
      sum.contactSeconds += t.contactSeconds; sum.durationSeconds += t.durationSeconds;
      dutyAll += t.onDutySeconds;
    }
    for (let c = 0; c < C; c++) {
      const b = (i * C + c) * F;
      const t = emptyTally();
      for (const k of CELL_KEYS) t[k] = cells[b + FIELD[k]!]!;
      for (let g = 0; g < G; g++) if (servesChannel[g * C + c]) t.onDutySeconds += duty[i * G + g]!;
      t.durationSeconds = duration[i]!;
      const d = deferredIndex[c]!;
      if (d >= 0) t.timeToHandleCounts = Array.from(histogram.subarray((i * D + d) * H, (i * D + d + 1) * H));
      row.push(t);
      addInto(byChannel[c]!, t, TALLY_KEYS);
      addInto(total, t, SUMMED_KEYS);
    }
    total.onDutySeconds += dutyAll;
    total.durationSeconds += duration[i]!;
    byInterval.push(row);
    byIntervalGroup.push(groupRow);
  }
  return {
    total, byChannel, byInterval, byGroup, byIntervalGroup,
    startBacklog: Array.from(acc.startBacklog), endBacklog: Array.from(acc.endBacklog),
  };
}

function withHistogram(t: Tally, yes: boolean): Tally {
  if (yes) t.timeToHandleCounts = new Array<number>(HISTOGRAM_BINS).fill(0);
  return t;
}

/** Adds the `keys` fields and the histogram of `b` into `a` (as addTally, without creating histograms). */
function addInto(a: Tally, b: Tally, keys: readonly (typeof TALLY_KEYS)[number][]): void {
  for (const k of keys) a[k] += b[k];
  const h = b.timeToHandleCounts, into = a.timeToHandleCounts;
  if (h !== undefined && into !== undefined) for (let k = 0; k < HISTOGRAM_BINS; k++) into[k]! += h[k]!;
}
