/** The event heap and the contact ring buffer against simple references (random operations, growth, ties). */
import { describe, expect, it } from 'vitest';
import { EventHeap } from '../../engine/des/heap.js';
import { ContactQueue } from '../../engine/des/queue.js';
import { shrink } from './profile.js';

/** Random steps are this many times fewer in the mutation profile (test/des/profile.ts); every check is exact either way. */
const STEPS_SHRINK = shrink(4);

/** A tiny deterministic generator for the test's own choices (mulberry32). */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('EventHeap', () => {
  it('pops in (time, insertion order) order through pushes, pops, in-place re-sifts and growth', () => {
    const r = rng(1);
    const heap = new EventHeap(4);
    // Reference: a list of [time, seq, id]; ids identify events through re-sifts.
    let ref: [number, number, number][] = [];
    let seq = 0, id = 0, now = 0;
    const popped: number[] = [], expected: number[] = [];
    for (let step = 0; step < 20000 / STEPS_SHRINK; step++) {
      const op = r();
      if (op < 0.45 || heap.size === 0) {
        const t = now + Math.floor(r() * 20); // integer times: many ties
        heap.push(t, 0, id, 0);
        ref.push([t, seq++, id++]);
      } else {
        ref.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
        const [t0, , id0] = ref[0]!;
        const slot = heap.top();
        expect(heap.time[slot]).toBe(t0);
        expect(heap.payload[slot]).toBe(id0);
        now = t0;
        popped.push(heap.payload[slot]!); expected.push(id0);
        if (op < 0.7) { heap.popTop(); ref.shift(); } else {
          const t = now + Math.floor(r() * 20);
          heap.time[slot] = t;
          if (op < 0.85) heap.resiftTop(); else heap.resiftTopDeep();
          ref[0] = [t, seq++, id0];
        }
      }
    }
    expect(popped).toEqual(expected);
    expect(heap.size).toBe(ref.length);
    ref = [];
  });
});

describe('EventHeap with thousands of pending events', () => {
  it('pops in (time, insertion order) order when every node has four children, with ties at every level', () => {
    const r = rng(3);
    const heap = new EventHeap(4);
    // Reference: events sorted by (time, seq) — kept sorted by binary insertion.
    const ref: [number, number, number][] = [];
    const place = (e: [number, number, number]): void => {
      let lo = 0, hi = ref.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1, m = ref[mid]!;
        if (m[0] < e[0] || (m[0] === e[0] && m[1] < e[1])) lo = mid + 1; else hi = mid;
      }
      ref.splice(lo, 0, e);
    };
    let seq = 0, id = 0, now = 0, checked = 0;
    for (let i = 0; i < 3000 / STEPS_SHRINK; i++) { const t = Math.floor(r() * 50); heap.push(t, 0, id, 0); place([t, seq++, id++]); }
    for (let step = 0; step < 30000 / STEPS_SHRINK; step++) {
      const slot = heap.top();
      const [t0, , id0] = ref[0]!;
      expect(heap.time[slot]).toBe(t0);
      expect(heap.payload[slot]).toBe(id0);
      checked++;
      now = t0;
      const op = r();
      ref.shift();
      if (op < 0.1) heap.popTop();
      else {
        // Half land deep (a new completion), half move a little (a re-armed event); integer times: many ties.
        const t = now + (op < 0.55 ? Math.floor(r() * 60) : Math.floor(r() * 3));
        heap.time[slot] = t;
        if (op < 0.55) heap.resiftTopDeep(); else heap.resiftTop();
        place([t, seq++, id0]);
      }
      if (op > 0.9) { const t = now + Math.floor(r() * 60); heap.push(t, 0, id, 0); place([t, seq++, id++]); }
    }
    expect(heap.size).toBe(ref.length);
    expect(checked).toBe(30000 / STEPS_SHRINK);
  });
});

describe('EventHeap capacity', () => {
  it('holds as many events as it was made for without reallocating, at least 4; then grows by doubling', () => {
    for (const [asked, capacity] of [[100, 100], [4, 4], [1, 4], [0, 4]] as const) {
      const heap = new EventHeap(asked);
      const time = heap.time;
      for (let i = 0; i < capacity; i++) heap.push(capacity - i, 0, i, 0);
      expect(heap.time, `capacity ${asked}`).toBe(time); // the same array: nothing reallocated
      heap.push(0, 0, capacity, 0);
      expect(heap.time.length, `capacity ${asked}, one more event`).toBe(2 * capacity);
      for (let i = capacity; i >= 0; i--) { expect(heap.payload[heap.top()]).toBe(i); heap.popTop(); }
    }
    expect(new EventHeap().time.length).toBe(64); // the engine's default
  });
});

describe('ContactQueue', () => {
  it('is FIFO across wrap-around and growth; tickets find rows until they leave', () => {
    const r = rng(2);
    const q = new ContactQueue(true, 16);
    let pushed = 0, shifted = 0;
    const tickets: number[] = [];
    for (let step = 0; step < 50000 / STEPS_SHRINK; step++) {
      if (r() < 0.52) {
        const i = q.reserve();
        q.offered[i] = pushed; q.deadline[i] = pushed + 1; q.row[i] = pushed % 7; q.flags[i] = 0; q.id[i] = pushed;
        tickets.push(q.headTicket + q.length - 1);
        expect(tickets[tickets.length - 1]).toBe(pushed);
        pushed++;
      } else if (q.length > 0) {
        expect(q.offered[q.head]).toBe(shifted);
        expect(q.id[q.head]).toBe(shifted);
        expect(q.row[q.head]).toBe(shifted % 7);
        q.shift();
        shifted++;
      }
      if (step % 997 === 0 && pushed > 0) {
        const k = Math.floor(r() * pushed);
        const i = q.indexOfTicket(k);
        if (k < shifted) expect(i).toBe(-1);
        else expect(q.offered[i]).toBe(k);
      }
    }
    expect(q.length).toBe(pushed - shifted);
    expect(q.mask + 1).toBeGreaterThanOrEqual(q.length);
  });

  it('its capacity is the one asked for, rounded up to a power of two ≥ 16, and it grows (by doubling) only when full', () => {
    for (const [asked, capacity] of [[1, 16], [16, 16], [17, 32], [64, 64], [100, 128]] as const) {
      expect(new ContactQueue(false, asked).mask + 1, `capacity ${asked}`).toBe(capacity);
    }
    expect(new ContactQueue(false).mask + 1).toBe(64); // the engine's default
    const q = new ContactQueue(false, 16);
    const push = (k: number): void => { const i = q.reserve(); q.offered[i] = k; }; // reserve first: it may replace q.offered
    for (let k = 0; k < 16; k++) push(k);
    expect(q.mask + 1).toBe(16); // full, not grown
    push(16);
    expect(q.mask + 1).toBe(32);
    for (let k = 0; k <= 16; k++) { expect(q.offered[q.head]).toBe(k); q.shift(); }
    // an untraced line never allocates ids or arrival times, even when it grows
    expect(q.id.length + q.arrival.length).toBe(0);
  });

  it('a ticket not issued yet, or already gone, is not in the line', () => {
    const q = new ContactQueue(true, 16);
    for (let k = 0; k < 5; k++) q.reserve();
    q.shift();
    expect(q.indexOfTicket(0)).toBe(-1); // gone
    expect(q.indexOfTicket(1)).toBe(q.head);
    expect(q.indexOfTicket(4)).toBe((q.head + 3) & q.mask); // the last one in the line
    expect(q.indexOfTicket(5)).toBe(-1); // the next ticket, not issued yet
  });
});
