import { describe, expect, it } from 'vitest';
import { Welford } from '../../engine/stats/index.js';

describe('Welford', () => {
  it('2, 4, 4, 4, 5, 5, 7, 9: mean 5, sample variance 32/7 (textbook example)', () => {
    const w = new Welford();
    for (const x of [2, 4, 4, 4, 5, 5, 7, 9]) w.push(x);
    expect(w.n).toBe(8);
    expect(w.mean).toBe(5);
    expect(w.variance).toBeCloseTo(32 / 7, 14);
    expect(w.standardError).toBeCloseTo(Math.sqrt(32 / 7 / 8), 14);
  });

  it('is stable where the naive Σx² − (Σx)²/n formula cancels: 1e9 + {4, 7, 13, 16} has variance 30', () => {
    // Example from Chan, Golub & LeVeque (1983), "Algorithms for computing the sample variance".
    const w = new Welford();
    for (const x of [4, 7, 13, 16]) w.push(1e9 + x);
    expect(w.variance).toBeCloseTo(30, 6);
  });

  it('merge equals pushing everything into one accumulator', () => {
    const xs = Array.from({ length: 1000 }, (_, i) => Math.sin(i) * 100 + i / 10);
    const all = new Welford(), a = new Welford(), b = new Welford();
    xs.forEach((x, i) => { all.push(x); (i < 377 ? a : b).push(x); });
    a.merge(b);
    expect(a.n).toBe(all.n);
    expect(a.mean).toBeCloseTo(all.mean, 10);
    expect(a.variance / all.variance).toBeCloseTo(1, 12);
    expect(new Welford().merge(all).variance).toBe(all.variance);
  });

  it('fewer than 2 observations: NaN variance', () => {
    const w = new Welford();
    expect(w.variance).toBeNaN();
    w.push(3);
    expect(w.variance).toBeNaN();
  });
});
