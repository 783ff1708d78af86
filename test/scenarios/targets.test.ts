/** Target figures against reported values: the relative residual and the 95%-interval test used by simulate FILE and calibrate. */
import { describe, expect, it } from 'vitest';
import { againstReported, targetSummary } from '../../scenarios/index.js';
import { figuresOf, emptyTally } from '../../engine/stats/index.js';

describe('againstReported', () => {
  it('residual = (mean − reported) / |reported|; the reported value is inside when |mean − reported| ≤ half-width', () => {
    expect(againstReported({ mean: 0.92, ci95: 0.01 }, 0.9122).residual).toBeCloseTo((0.92 - 0.9122) / 0.9122, 15);
    expect(againstReported({ mean: 0.92, ci95: 0.01 }, 0.9122).withinCi).toBe(true);
    expect(againstReported({ mean: 0.92, ci95: 0.005 }, 0.9122).withinCi).toBe(false);
    expect(againstReported({ mean: -5, ci95: 1 }, -4).residual).toBeCloseTo(-0.25, 15); // ÷ |reported|
    expect(againstReported({ mean: 0.3, ci95: 0.1 }, 0).residual).toBe(0.3); // ÷ 1 at 0
    expect(againstReported({ mean: NaN, ci95: NaN }, 1).withinCi).toBe(false); // no interval: never inside
  });

  it('with targetSummary: a head-count target is exact (half-width 0) and inside its own value', () => {
    const reps = [figuresOf(emptyTally()), figuresOf(emptyTally())];
    const s = targetSummary('staff', reps, 51_200);
    expect(s).toEqual({ mean: 51_200, ci95: 0 });
    expect(againstReported(s, 51_200)).toEqual({ residual: 0, withinCi: true });
  });
});
