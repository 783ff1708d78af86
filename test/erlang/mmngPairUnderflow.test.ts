/**
 * The plan's pair (N and N + 1 agents on N's quadrature nodes, mmngInto with `pair`): when N + 1's
 * weight w·e^{−μv} underflows on N's nodes (N's mode v* beyond ~745 handle times: patience of
 * days in overload; test/erlang/mmngIntegrals.mutation.test.ts shows the integrals' underflow),
 * N + 1's figures must still be those of N + 1 alone, not NaN; and when it only falls to subnormal
 * numbers (J₁/J below mmng.ts's PAIR_FLOOR), still exact, not 2e-5 off. Theory: in overload with patience
 * far beyond the waits every agent is busy, so answered = Nμ and P(abandon) → 1 − N/A (flow
 * conservation), to within the tiny idle probability.
 */
import { describe, expect, it } from 'vitest';
import { F_ABANDON, F_ANSWER, F_OCCUPANCY, F_WAIT, MMNG_SLOTS, mmngInto } from '../../engine/erlang/mmng.js';
import { idleRatio } from '../../engine/erlang/erlangB.js';
import { patienceCurve } from '../../engine/erlang/patience.js';
import { erlangAFigures } from '../../engine/erlang/erlangA.js';

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

  // Before the floor on J₁/J, N + 1's integrals here were subnormal (J₁ ≈ 4e-313 on N's scale)
  // and still used: P(abandon) came out 2.1e-5 off Erlang A (relative), silently.
  it('exponential patience mean 2,303,000 s, N = 1, A = 1.5, AHT 300 s: N + 1 from the pair is Erlang A at 2 agents to 1e-12 (subnormal, not zero, on N\'s nodes)', () => {
    const patience = 2_303_000;
    const curve = patienceCurve({ kind: 'exponential', mean: patience });
    const pairOut = new Float64Array(2 * MMNG_SLOTS);
    mmngInto(pairOut, 0, 1, 1.5, 300, curve, 20, idleRatio(1, 1.5), true);
    const ea = erlangAFigures(2, 1.5, 300, patience, 20);
    const rel = (x: number, y: number) => Math.abs(x - y) / Math.abs(y);
    expect(rel(pairOut[MMNG_SLOTS + F_ABANDON]!, ea.pAbandon)).toBeLessThan(1e-12);
    expect(rel(pairOut[MMNG_SLOTS + F_WAIT]!, ea.pWait)).toBeLessThan(1e-12);
    expect(rel(pairOut[MMNG_SLOTS + F_ANSWER]!, ea.answerRate)).toBeLessThan(1e-12);
    const one = erlangAFigures(1, 1.5, 300, patience, 20);
    expect(rel(pairOut[F_ABANDON]!, one.pAbandon)).toBeLessThan(1e-12);
  });
});
