import { emptyTally, type Tally } from '../stats/figures.js';

/*
 * The run's accumulators, in typed arrays: one row of cells per interval of the cycle plus
 * one *discard* row (index = cycle length) that takes everything during the warm-up, so
 * the hot loop never branches on "are we warmed up?". A cell is (row, channel) with F
 * fields; on-duty time is kept per (row, group) and turned into per-channel on-duty time
 * only when the run is summarised.
 */

/** Fields of a (row, channel) cell. */
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
/** Fields per cell. */
export const F = 10;

/** Raw tallies of one run: per (cycle interval, channel), per channel, and in total. */
export interface RunTallies {
  total: Tally;
  byChannel: Tally[];
  /** [cycle interval][channel] */
  byInterval: Tally[][];
}

/**
 * Turns the typed accumulators into Tallies (the discard row dropped). A channel's on-duty
 * time is that of every group serving it (a group shared by two channels counts in both);
 * the total's on-duty time counts each group once, its busy time sums the channels.
 * @param cells (cycle + 1) × channels × F
 * @param duty (cycle + 1) × groups agent-seconds on duty
 * @param duration (cycle + 1) seconds of run time in each row
 * @param servesChannel groups × channels, 1 when the group has the channel among its skills
 */
export function talliesOf(
  cells: Float64Array, duty: Float64Array, duration: Float64Array,
  cycle: number, channels: number, groups: number, servesChannel: Uint8Array,
): RunTallies {
  const byInterval: Tally[][] = [];
  const byChannel: Tally[] = [];
  for (let c = 0; c < channels; c++) byChannel.push(emptyTally());
  const total = emptyTally();
  for (let i = 0; i < cycle; i++) {
    const row: Tally[] = [];
    let dutyAll = 0;
    for (let g = 0; g < groups; g++) dutyAll += duty[i * groups + g]!;
    for (let c = 0; c < channels; c++) {
      const b = (i * channels + c) * F;
      let onDuty = 0;
      for (let g = 0; g < groups; g++) if (servesChannel[g * channels + c]) onDuty += duty[i * groups + g]!;
      const t: Tally = {
        offered: cells[b + OFFERED]!, answered: cells[b + ANSWERED]!, abandoned: cells[b + ABANDONED]!,
        answeredWithinTarget: cells[b + WITHIN_TARGET]!, waitAnsweredSeconds: cells[b + WAIT_ANSWERED]!,
        waitAllSeconds: cells[b + WAIT_ALL]!, busySeconds: cells[b + BUSY]!, onDutySeconds: onDuty,
        selfServiceCompleted: cells[b + SELF_SERVICE]!, retrials: cells[b + RETRIALS]!,
        stillWaiting: cells[b + STILL_WAITING]!, durationSeconds: duration[i]!,
      };
      row.push(t);
      const ch = byChannel[c]!;
      ch.offered += t.offered; ch.answered += t.answered; ch.abandoned += t.abandoned;
      ch.answeredWithinTarget += t.answeredWithinTarget; ch.waitAnsweredSeconds += t.waitAnsweredSeconds;
      ch.waitAllSeconds += t.waitAllSeconds; ch.busySeconds += t.busySeconds; ch.onDutySeconds += t.onDutySeconds;
      ch.selfServiceCompleted += t.selfServiceCompleted; ch.retrials += t.retrials; ch.stillWaiting += t.stillWaiting;
      ch.durationSeconds += t.durationSeconds;
      total.offered += t.offered; total.answered += t.answered; total.abandoned += t.abandoned;
      total.answeredWithinTarget += t.answeredWithinTarget; total.waitAnsweredSeconds += t.waitAnsweredSeconds;
      total.waitAllSeconds += t.waitAllSeconds; total.busySeconds += t.busySeconds;
      total.selfServiceCompleted += t.selfServiceCompleted; total.retrials += t.retrials;
      total.stillWaiting += t.stillWaiting;
    }
    total.onDutySeconds += dutyAll;
    total.durationSeconds += duration[i]!;
    byInterval.push(row);
  }
  return { total, byChannel, byInterval };
}
