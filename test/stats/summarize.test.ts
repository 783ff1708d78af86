import { describe, expect, it } from 'vitest';
import { emptyTally, FIGURE_KEYS, figuresOf, summarize, summarizeFigures, type Figures } from '../../engine/stats/index.js';

describe('summarize: mean ± t(0.975, n − 1)·s/√n', () => {
  it('1…8: mean 4.5, s² = 6, half-width 2.365·√6/√8 (t from the published table)', () => {
    const r = summarize([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(r.n).toBe(8);
    expect(r.mean).toBe(4.5);
    expect(r.halfWidth95).toBeCloseTo((2.364624251592785 * Math.sqrt(6)) / Math.sqrt(8), 12);
    expect(Math.abs(r.halfWidth95 - (2.365 * Math.sqrt(6)) / Math.sqrt(8))).toBeLessThan(0.001);
  });

  it('two values a, b: half-width is 12.706·|a − b|/2 (s = |a − b|/√2, n = 2)', () => {
    const r = summarize([10, 14]);
    expect(r.halfWidth95).toBeCloseTo(12.706204736174707 * 2, 10);
  });

  it('skips NaN, counts only values used; n < 2 gives a NaN half-width; empty gives NaN mean', () => {
    expect(summarize([NaN, 3, NaN, 5])).toEqual({ mean: 4, halfWidth95: expect.closeTo(12.7062047 * 1, 6), n: 2 });
    expect(summarize([7])).toEqual({ mean: 7, halfWidth95: NaN, n: 1 });
    expect(summarize([])).toEqual({ mean: NaN, halfWidth95: NaN, n: 0 });
  });

  it('constant values have zero half-width', () => expect(summarize([3, 3, 3, 3]).halfWidth95).toBe(0));

  it('coverage: over 2,000 seeded experiments of 10 N(0,1) values, the interval covers 0 about 95% of the time (±4 sd)', () => {
    // Theorem: for normal data the t interval has exact coverage 0.95; the count of covers is Binomial(2000, 0.95).
    let state = 12345;                        // a local LCG + Box–Muller, independent of engine/rng
    const u = () => { state = (Math.imul(state, 1664525) + 1013904223) >>> 0; return (state + 0.5) / 4294967296; };
    const z = () => Math.sqrt(-2 * Math.log(u())) * Math.cos(2 * Math.PI * u());
    let covers = 0;
    for (let e = 0; e < 2000; e++) {
      const r = summarize(Array.from({ length: 10 }, z));
      if (Math.abs(r.mean) <= r.halfWidth95) covers++;
    }
    expect(Math.abs(covers - 1900)).toBeLessThan(4 * Math.sqrt(2000 * 0.95 * 0.05));
  });
});

describe('summarizeFigures', () => {
  const fig = (answered: number, waitAnswered: number): Figures => {
    const t = emptyTally();
    t.offered = 100; t.answered = answered; t.abandoned = 100 - answered; t.answeredWithinTarget = answered / 2;
    t.waitAnsweredSeconds = waitAnswered; t.waitAllSeconds = waitAnswered * 2; t.busySeconds = 50; t.onDutySeconds = 100;
    t.durationSeconds = 10;
    return figuresOf(t);
  };

  it('means and half-widths key by key, equal to summarize() of each column', () => {
    const reps = [fig(90, 900), fig(80, 1600), fig(85, 1275)];
    const r = summarizeFigures(reps);
    expect(r.replications).toBe(3);
    for (const key of FIGURE_KEYS) {
      const s = summarize(reps.map((f) => f[key]));
      expect(r.figures[key]).toBe(s.mean);
      expect(r.ci95[key]).toBe(s.halfWidth95);
      expect(r.n[key]).toBe(3);
    }
    expect(r.figures.answerRate).toBeCloseTo(0.85, 15);
    expect(r.ci95.answerRate).toBeCloseTo(4.302652729749464 * 0.05 / Math.sqrt(3), 12);
  });

  it('a replication with a NaN figure is skipped for that key only', () => {
    const none = fig(0, 0);                    // answered nothing: asa = 0/0 = NaN
    expect(Number.isNaN(none.asa)).toBe(true);
    const r = summarizeFigures([fig(90, 900), fig(80, 1600), none]);
    expect(r.n.asa).toBe(2);
    expect(r.figures.asa).toBeCloseTo((10 + 20) / 2, 12);
    expect(r.n.answerRate).toBe(3);
    expect(r.figures.answerRate).toBeCloseTo((0.9 + 0.8 + 0) / 3, 12);
  });
});
