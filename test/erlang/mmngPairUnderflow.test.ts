/**
 * The plan's pair (N and N + 1 agents on N's quadrature nodes, mmngInto with `pair`): when N + 1's
 * weight w·e^{−μv} underflows on N's nodes (N's mode v* beyond ~745 handle times: patience of
 * days in overload; test/erlang/mmngIntegrals.mutation.test.ts shows the integrals' underflow),
 * N + 1's figures must still be those of N + 1 alone, not NaN. Theory: in overload with patience
 * far beyond the waits every agent is busy, so answered = Nμ and P(abandon) → 1 − N/A (flow
 * conservation), to within the tiny idle probability.
 */
import { describe, expect, it } from 'vitest';
import { F_ABANDON, F_ANSWER, F_OCCUPANCY, F_WAIT, MMNG_SLOTS, mmngInto } from '../../engine/erlang/mmng.js';
import { idleRatio } from '../../engine/erlang/erlangB.js';
import { patienceCurve } from '../../engine/erlang/patience.js';

describe('the M/M/N+G pair when N + 1 underflows on N\'s nodes', () => {
  it('lognormal patience mean 10⁶ s CV 3, N = 40, A = 60, AHT 200 s: N + 1 from the pair = N + 1 alone, finite, P(abandon) ≈ 1 − 41/60', () => {
    const curve = patienceCurve({ kind: 'lognormal', mean: 1e6, cv: 3 });
    const pairOut = new Float64Array(2 * MMNG_SLOTS);
    mmngInto(pairOut, 0, 40, 60, 200, curve, 300, idleRatio(40, 60), true);
    const alone = new Float64Array(MMNG_SLOTS);
    mmngInto(alone, 0, 41, 60, 200, curve, 300, idleRatio(41, 60), false);
    const next = [...pairOut.subarray(MMNG_SLOTS)];
    expect(next.every(Number.isFinite)).toBe(true);
    expect(next).toEqual([...alone]);
    expect(Math.abs(next[F_ABANDON]! - (1 - 41 / 60))).toBeLessThan(1e-3);
    expect(Math.abs(pairOut[F_ABANDON]! - (1 - 40 / 60))).toBeLessThan(1e-3);
    expect(next[F_WAIT]).toBeGreaterThan(0.999);
    expect(next[F_ANSWER]! + next[F_ABANDON]!).toBeCloseTo(1, 12);
    expect(next[F_OCCUPANCY]).toBeGreaterThan(0.999);
  });
});
