/**
 * `talliesOf` (engine/des/tallies.ts) on hand-made accumulators whose every cell holds a value
 * naming its (row, channel or group, field): each tally field must be the cell of its own
 * interval, channel and field, the discard row (warm-up) must never count, a channel's on-duty
 * time is that of the groups serving it, the total's counts each group once, and the deferred
 * channel's histogram is its own rows' counts — checked against sums written out here.
 */
import { describe, expect, it } from 'vitest';
import { talliesOf, type Accumulators, type RunTallies } from '../../engine/des/tallies.js';
import { HISTOGRAM_BINS } from '../../engine/stats/histogram.js';
import { emptyTally, TALLY_KEYS, type Tally } from '../../engine/stats/figures.js';
import { CELL_FIELDS } from './models.js';

const F = CELL_FIELDS.length;

const CYCLE = 3, C = 4, G = 2, H = HISTOGRAM_BINS, D = 2;
/** Channels 0 and 2 are real-time, channels 1 and 3 deferred (deferred indices 0 and 1). */
const DEFERRED_INDEX = [-1, 0, -1, 1];
/** Group 0 serves channel 0; group 1 serves channels 0, 1 and 3; nobody serves channel 2. */
const SERVES = [[1, 0, 0, 0], [1, 1, 0, 1]];

/** Value of a cell: distinct for every (row, channel, field); the discard row (row CYCLE) holds huge values. */
const cell = (row: number, c: number, f: number): number => (row === CYCLE ? 1e9 : 0) + 1000 * row + 100 * c + f + 1;
const duty = (row: number, g: number): number => (row === CYCLE ? 1e9 : 0) + 3600 + 10 * row + g;
const busy = (row: number, g: number): number => (row === CYCLE ? 1e9 : 0) + 1800 + 10 * row + g;
const contacts = (row: number, g: number): number => (row === CYCLE ? 1e9 : 0) + 2500 + 10 * row + g;
const duration = (row: number): number => (row === CYCLE ? 1e9 : 0) + 900 + row;
const bin = (row: number, d: number, k: number): number => (row === CYCLE ? 1e6 : 0) + 7 * row + 3 * d + (k % 5);

function accumulators(): Accumulators {
  const cells = new Float64Array((CYCLE + 1) * C * F);
  const d = new Float64Array((CYCLE + 1) * G), b = new Float64Array((CYCLE + 1) * G), k = new Float64Array((CYCLE + 1) * G);
  const dur = new Float64Array(CYCLE + 1);
  const histogram = new Float64Array((CYCLE + 1) * D * H);
  for (let row = 0; row <= CYCLE; row++) {
    for (let c = 0; c < C; c++) for (let f = 0; f < F; f++) cells[(row * C + c) * F + f] = cell(row, c, f);
    for (let g = 0; g < G; g++) { d[row * G + g] = duty(row, g); b[row * G + g] = busy(row, g); k[row * G + g] = contacts(row, g); }
    dur[row] = duration(row);
    for (let d = 0; d < D; d++) for (let j = 0; j < H; j++) histogram[(row * D + d) * H + j] = bin(row, d, j);
  }
  return {
    cycle: CYCLE, nC: C, nG: G, cells, duty: d, groupBusy: b, groupContacts: k, duration: dur, histogram,
    deferredIndex: Int32Array.from(DEFERRED_INDEX), nDeferred: D,
    servesChannel: Uint8Array.from(SERVES.flat()),
    startBacklog: Float64Array.from([4, 5, 6, 3]), endBacklog: Float64Array.from([7, 8, 9, 2]),
  };
}

/** The tally of (row, channel) by definition. */
function expectedCell(row: number, c: number): Tally {
  const t = emptyTally();
  CELL_FIELDS.forEach((key, f) => { t[key] = cell(row, c, f); });
  t.onDutySeconds = SERVES.reduce((a, serves, g) => a + (serves[c] ? duty(row, g) : 0), 0);
  t.durationSeconds = duration(row);
  const d = DEFERRED_INDEX[c]!;
  if (d >= 0) t.timeToHandleCounts = Array.from({ length: H }, (_, j) => bin(row, d, j));
  return t;
}

function sumTallies(ts: Tally[], histogram: boolean): Tally {
  const out = emptyTally();
  for (const t of ts) for (const key of TALLY_KEYS) out[key] += t[key];
  if (histogram) out.timeToHandleCounts = Array.from({ length: H }, (_, j) => ts.reduce((a, t) => a + (t.timeToHandleCounts?.[j] ?? 0), 0));
  return out;
}

describe('talliesOf', () => {
  // Computed in each test, not in a hook or while the tests are collected: code run outside a test is
  // "static" coverage for Stryker, which activates a mutant only from its setup's beforeAll.
  const tallies = (): RunTallies => talliesOf(accumulators());
  const rows = [0, 1, 2];

  it('each interval × channel tally is its own cell; on-duty time is the serving groups\'; only deferred channels carry a histogram', () => {
    const r = tallies();
    expect(r.byInterval).toHaveLength(CYCLE);
    for (const i of rows) {
      expect(r.byInterval[i]).toHaveLength(C);
      for (let c = 0; c < C; c++) expect(r.byInterval[i]![c], `interval ${i}, channel ${c}`).toEqual(expectedCell(i, c));
    }
    expect('timeToHandleCounts' in r.byInterval[0]![0]!).toBe(false);
    expect(r.byInterval[1]![2]!.onDutySeconds).toBe(0); // nobody serves channel 2
  });

  it('per channel: the sum over intervals (the discard row left out)', () => {
    const r = tallies();
    for (let c = 0; c < C; c++) {
      expect(r.byChannel[c], `channel ${c}`).toEqual(sumTallies(rows.map((i) => expectedCell(i, c)), DEFERRED_INDEX[c]! >= 0));
    }
  });

  it('total: the channels summed, but on-duty time counts each group once and the duration is the run\'s', () => {
    const r = tallies();
    const want = sumTallies(rows.flatMap((i) => [0, 1, 2, 3].map((c) => expectedCell(i, c))), true);
    want.onDutySeconds = rows.reduce((a, i) => a + duty(i, 0) + duty(i, 1), 0);
    want.durationSeconds = rows.reduce((a, i) => a + duration(i), 0);
    expect(r.total).toEqual(want);
  });

  it('per group and per interval × group: on-duty, busy and contact time of its own cells', () => {
    const r = tallies();
    expect(r.byIntervalGroup).toHaveLength(CYCLE);
    expect(r.byGroup).toHaveLength(G);
    for (const i of rows) {
      for (let g = 0; g < G; g++) {
        expect(r.byIntervalGroup[i]![g]).toEqual({ onDutySeconds: duty(i, g), busySeconds: busy(i, g), contactSeconds: contacts(i, g), durationSeconds: duration(i) });
      }
    }
    for (let g = 0; g < G; g++) {
      expect(r.byGroup[g]).toEqual({
        onDutySeconds: rows.reduce((a, i) => a + duty(i, g), 0), busySeconds: rows.reduce((a, i) => a + busy(i, g), 0),
        contactSeconds: rows.reduce((a, i) => a + contacts(i, g), 0), durationSeconds: rows.reduce((a, i) => a + duration(i), 0),
      });
    }
  });

  it('backlogs at the start and the end, per channel, as plain arrays', () => {
    const r = tallies();
    expect(r.startBacklog).toEqual([4, 5, 6, 3]);
    expect(r.endBacklog).toEqual([7, 8, 9, 2]);
    expect(Array.isArray(r.startBacklog) && Array.isArray(r.endBacklog)).toBe(true);
  });

  it('without deferred channels no tally carries a histogram', () => {
    const acc = { ...accumulators(), deferredIndex: Int32Array.from([-1, -1, -1, -1]), nDeferred: 0, histogram: new Float64Array(0) };
    const t = talliesOf(acc);
    for (const x of [t.total, ...t.byChannel, ...t.byInterval.flat()]) expect('timeToHandleCounts' in x).toBe(false);
  });
});
