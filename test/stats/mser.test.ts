import { describe, expect, it } from 'vitest';
import { mserTruncation } from '../../engine/stats/index.js';

describe('MSER truncation (White 1997; MSER-5: White, Cobb & Spratt 2000)', () => {
  it('a decaying start then a constant: truncates exactly the transient (MSER-1)', () => {
    const r = mserTruncation([10, 9, 8, 5, 5, 5, 5, 5, 5, 5, 5, 5], 1);
    expect(r.truncate).toBe(3);
    expect(r.statistic).toBe(0);
  });

  it('MSER(d) matches its definition Σ_{j>d}(Z_j − Z̄_d)²/(b − d)² computed directly', () => {
    let s = 7;
    const u = () => { s = (Math.imul(s, 1664525) + 1013904223) >>> 0; return s / 4294967296; };
    const series = Array.from({ length: 400 }, (_, i) => 20 * Math.exp(-i / 40) + u());
    const r = mserTruncation(series, 5);
    const z = Array.from({ length: 80 }, (_, j) => series.slice(5 * j, 5 * j + 5).reduce((a, x) => a + x, 0) / 5);
    let best = Infinity, bestD = -1;
    for (let d = 0; d <= 40; d++) {
      const tail = z.slice(d), m = tail.reduce((a, x) => a + x, 0) / tail.length;
      const stat = tail.reduce((a, x) => a + (x - m) ** 2, 0) / tail.length ** 2;
      if (stat < best) { best = stat; bestD = d; }
    }
    expect(r.batches).toBe(80);
    expect(r.batchesTruncated).toBe(bestD);
    expect(r.truncate).toBe(5 * bestD);
    expect(r.statistic).toBeCloseTo(best, 12);
    // and the transient (time constant 40 observations) is cut well into its decay
    expect(r.truncate).toBeGreaterThan(80);
  });

  it('a stationary series truncates little; never more than half the batches', () => {
    let s = 99;
    const u = () => { s = (Math.imul(s, 1664525) + 1013904223) >>> 0; return s / 4294967296; };
    const r = mserTruncation(Array.from({ length: 1000 }, u), 5);
    expect(r.batchesTruncated).toBeLessThanOrEqual(100);
    const rising = mserTruncation(Array.from({ length: 100 }, (_, i) => i), 5); // never settles
    expect(rising.batchesTruncated).toBeLessThanOrEqual(10);
  });

  it('too short a series (fewer than 2 batches) truncates nothing; bad batch sizes are named', () => {
    expect(mserTruncation([1, 2, 3], 5)).toEqual({ truncate: 0, batchesTruncated: 0, batches: 0, statistic: NaN });
    expect(() => mserTruncation([1, 2, 3], 0)).toThrow(/batchSize must be an integer ≥ 1, got 0/);
  });
});
