/**
 * The backlog count and a deferred item's figures (engine/des/backlog.ts) on hand-made lines:
 * a contact waits at `now` while it is neither gone (its abandonment counted) nor past its
 * patience (deadline ≤ now means abandoned: the queue's lazy abandonment, engine/des/queue.ts),
 * and only the rows of the line count, never a stale slot of the ring; an item handled exactly
 * at its deadline is within it (≤).
 */
import { describe, expect, it } from 'vitest';
import { countDeferredStart, waitingIn } from '../../engine/des/backlog.js';
import { ContactQueue } from '../../engine/des/queue.js';
import { histogramBin, HISTOGRAM_BINS } from '../../engine/stats/histogram.js';
import { CELL_FIELDS } from './models.js';

const GONE = 2; // engine/des/queue.ts Flag.GONE

/** A line of 16 slots that wrapped: 20 contacts went through, `waiting` deadlines are still in it. */
function lineWith(deadlines: number[], flags: number[] = []): ContactQueue {
  const q = new ContactQueue(false, 16);
  // 20 answered contacts with far deadlines pass through first: every slot holds a stale row after them
  for (let k = 0; k < 20; k++) { const i = q.reserve(); q.deadline[i] = 1e9; q.flags[i] = 0; q.shift(); }
  deadlines.forEach((d, k) => { const i = q.reserve(); q.deadline[i] = d; q.flags[i] = flags[k] ?? 0; });
  return q;
}

describe('waitingIn', () => {
  it('counts the contacts neither gone nor past their deadline; a deadline equal to now has passed', () => {
    const q = lineWith([50, 100, 100.5, 200, 300], [0, 0, 0, GONE, 0]);
    expect(waitingIn(q, 100, true)).toBe(2); // 100.5 and 300; 50 and 100 passed, 200 gone
    expect(waitingIn(q, 0, true)).toBe(4);
    expect(waitingIn(q, 400, true)).toBe(0);
  });

  it('an empty line after traffic holds nobody, whatever its stale slots say', () => {
    expect(waitingIn(lineWith([]), 0, true)).toBe(0);
    expect(waitingIn(lineWith([5]), 0, true)).toBe(1);
  });

  it('a line without patience holds only waiting contacts: its length', () => {
    expect(waitingIn(lineWith([Infinity, Infinity, Infinity]), 1e12, false)).toBe(3);
  });
});

describe('countDeferredStart', () => {
  const F = CELL_FIELDS.length;
  const at = (name: (typeof CELL_FIELDS)[number]): number => CELL_FIELDS.indexOf(name);

  it('counts the item, its time to handle, within-deadline (≤, the deadline itself included) and its histogram bin, in its own cell and row', () => {
    const cells = new Float64Array(3 * F), histogram = new Float64Array(2 * HISTOGRAM_BINS);
    const base = F, hbase = HISTOGRAM_BINS;
    countDeferredStart(cells, base, histogram, hbase, 600, 600); // exactly at the deadline: within
    countDeferredStart(cells, base, histogram, hbase, 600.5, 600); // past it
    countDeferredStart(cells, base, histogram, hbase, 30, 600);
    expect(cells[base + at('deferredHandled')]).toBe(3);
    expect(cells[base + at('timeToHandleSeconds')]).toBe(1230.5);
    expect(cells[base + at('withinDeadline')]).toBe(2);
    // nothing else, and no other cell
    cells.forEach((v, k) => { if (![base + at('deferredHandled'), base + at('timeToHandleSeconds'), base + at('withinDeadline')].includes(k)) expect(v, `cell ${k}`).toBe(0); });
    expect(histogram[hbase + histogramBin(600)]).toBe(2); // 600 and 600.5 share a bin (1/16 octave ≈ 4.4%)
    expect(histogram[hbase + histogramBin(30)]).toBe(1);
    expect(histogram.reduce((a, v) => a + v, 0)).toBe(3);
    expect(histogram.slice(0, HISTOGRAM_BINS).every((v) => v === 0)).toBe(true);
  });
});
