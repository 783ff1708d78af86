/** The fixed duration histogram: bins, percentiles within a bin width, and addition across runs. */
import { describe, expect, it } from 'vitest';
import { addTally, emptyTally, figuresOf, scaleTally } from '../../engine/stats/figures.js';
import { BINS_PER_OCTAVE, HISTOGRAM_BINS, binLower, histogramBin, histogramQuantile } from '../../engine/stats/histogram.js';

const WIDTH = 2 ** (1 / BINS_PER_OCTAVE) - 1; // relative width of a bin, 4.4%

function histogramOf(values: readonly number[]): number[] {
  const h = new Array<number>(HISTOGRAM_BINS).fill(0);
  for (const v of values) h[histogramBin(v)]!++;
  return h;
}
const exactQuantile = (values: readonly number[], p: number): number => [...values].sort((a, b) => a - b)[Math.ceil(p * values.length) - 1]!;

describe('duration histogram', () => {
  it('bins: [0, 1 s), then 16 per doubling; each value falls inside its bin', () => {
    expect(histogramBin(0)).toBe(0);
    expect(histogramBin(0.999)).toBe(0);
    expect(histogramBin(1)).toBe(1);
    expect(histogramBin(2)).toBe(1 + BINS_PER_OCTAVE);
    expect(histogramBin(1e12)).toBe(HISTOGRAM_BINS - 1);
    expect(histogramBin(NaN)).toBe(0);
    for (const x of [1.5, 7, 60, 3599.9, 3600, 86_400, 1e6]) {
      const k = histogramBin(x);
      expect(binLower(k)).toBeLessThanOrEqual(x * (1 + 1e-12));
      expect(binLower(k + 1)).toBeGreaterThan(x * (1 - 1e-12));
    }
  });

  it('percentiles of exponential and lognormal samples are within one bin width of the exact sample percentile', () => {
    let seed = 12345;
    const u = (): number => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) + 0.5) / 2 ** 31;
    const exp = Array.from({ length: 20_000 }, () => -300 * Math.log(u()));
    const logn = Array.from({ length: 20_000 }, () => 3600 * Math.exp(1.2 * Math.sqrt(-2 * Math.log(u())) * Math.cos(2 * Math.PI * u())));
    for (const values of [exp, logn]) {
      const h = histogramOf(values);
      for (const p of [0.1, 0.5, 0.9, 0.99]) {
        const got = histogramQuantile(h, p), want = exactQuantile(values, p);
        expect(Math.abs(got / want - 1), `p = ${p}`).toBeLessThanOrEqual(WIDTH);
      }
    }
  });

  it('adds across runs: the percentile of summed histograms is that of the pooled values', () => {
    const a = [10, 20, 30, 4000, 5000], b = [1, 2, 3, 50, 60_000, 70_000, 80_000];
    const ta = emptyTally(), tb = emptyTally();
    ta.timeToHandleCounts = histogramOf(a); ta.deferredHandled = a.length;
    tb.timeToHandleCounts = histogramOf(b); tb.deferredHandled = b.length;
    const sum = addTally(addTally(emptyTally(), ta), tb);
    expect(sum.timeToHandleCounts).toEqual(histogramOf([...a, ...b]));
    expect(figuresOf(sum).p90TimeToHandle).toBe(histogramQuantile(histogramOf([...a, ...b]), 0.9));
    // Scaling (a centre-day to many) keeps the percentile.
    expect(figuresOf(scaleTally(sum, 37, 1)).p90TimeToHandle).toBeCloseTo(figuresOf(sum).p90TimeToHandle, 9);
  });

  it('nothing counted: NaN; a bad p throws', () => {
    expect(histogramQuantile(new Array<number>(HISTOGRAM_BINS).fill(0), 0.9)).toBeNaN();
    expect(figuresOf(emptyTally()).p90TimeToHandle).toBeNaN();
    expect(() => histogramQuantile([1], 0)).toThrow('p must be in (0, 1]');
  });
});
