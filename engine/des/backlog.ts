import { histogramBin } from '../stats/histogram.js';
import { Flag, type ContactQueue } from './queue.js';
import { Cell } from './tallies.js';

/*
 * Backlog and deferred work: how many contacts are waiting at a given moment (sampled at
 * every interval end, at the end of the warm-up and at the end of the run), and the
 * figures of a deferred item counted when its handling starts (its completion time is then
 * known: an item is never interrupted, so completion = start + handle time).
 */

/**
 * Contacts of `q` still waiting at `now`: those neither abandoned by an ABANDON event
 * (FLAG_GONE) nor past their patience (lazy abandonment: their deadline ≤ now). Lines
 * without patience hold only waiting contacts (O(1)); others are scanned (O(length)).
 */
export function waitingIn(q: ContactQueue, now: number, hasPatience: boolean): number {
  if (!hasPatience) return q.length;
  let n = 0;
  for (let k = 0; k < q.length; k++) {
    const i = (q.head + k) & q.mask;
    if (!(q.flags[i]! & Flag.GONE) && q.deadline[i]! > now) n++;
  }
  return n;
}

/**
 * A deferred item's handling starts: counts it, its time to handle (arrival → completion,
 * seconds) and whether that is within `deadline` seconds, into the cell at `base` and the
 * histogram row at `hbase` (HISTOGRAM_BINS counts) — both of the interval where handling starts.
 */
export function countDeferredStart(
  cells: Float64Array, base: number, histogram: Float64Array, hbase: number, timeToHandle: number, deadline: number,
): void {
  cells[base + Cell.DEFERRED_HANDLED] = cells[base + Cell.DEFERRED_HANDLED]! + 1;
  cells[base + Cell.TIME_TO_HANDLE] = cells[base + Cell.TIME_TO_HANDLE]! + timeToHandle;
  if (timeToHandle <= deadline) cells[base + Cell.WITHIN_DEADLINE] = cells[base + Cell.WITHIN_DEADLINE]! + 1;
  const b = hbase + histogramBin(timeToHandle);
  histogram[b] = histogram[b]! + 1;
}
