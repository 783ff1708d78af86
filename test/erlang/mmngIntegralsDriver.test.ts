/**
 * The driver of the M/M/N+G integrals (engine/erlang/mmngIntegrals.ts, lines 1–450: the evaluation
 * set-up, the memo's codes, the panels and the march), by what it reports and what it must not
 * depend on:
 *  - `counts[1]` is the number of patience-function evaluations computed (not read from the
 *    curve's memo): it must equal the calls the curve itself sees (counted by a wrapper);
 *  - the integrals of a curve do not depend on what its memo holds, nor on the last point an
 *    evaluation of another curve probed;
 *  - the identities of every patience (λ(S_< + S_>) − sJ = −e^{−φ_ref}, A_b + S_< + S_> = J) and
 *    the series of exponential patience (test/erlang/mmngIntegrals.mutation.test.ts) in cases that
 *    reach the driver's other branches;
 *  - the memo of modes (`modeOf`): a bucket's mode is searched once per curve, and the memo
 *    starts over past 65,536 buckets.
 * Each test computes inside its `it`.
 */
import { describe, expect, it } from 'vitest';
import { counts, DEFAULT_TOLERANCE, lastError, mmngIntegrals, NT, refs, T_AB, T_IN, T_J, T_OUT, totals } from '../../engine/erlang/mmngIntegrals.js';
import { patienceCurve, type PatienceCurve } from '../../engine/erlang/patience.js';
import type { DistributionSpec } from '../../engine/rng/index.js';

/** The curve with its `at` counted (the same memo and functions). */
function counted(curve: PatienceCurve): { curve: PatienceCurve; calls: () => number } {
  let calls = 0;
  const wrapped: PatienceCurve = { ...curve, at: (v: number) => { calls++; curve.at(v); } };
  return { curve: wrapped, calls: () => calls };
}

describe('counts[1]: the patience-function evaluations an evaluation computes', () => {
  // smooth curves in ordinary loads (no peak narrower than the lattice, where the mode's bisection evaluates uncounted)
  const specs: DistributionSpec[] = [
    { kind: 'exponential', mean: 120 },
    { kind: 'lognormal', mean: 120, cv: 2.5 }, // graded towards 0
    { kind: 'gamma', mean: 90, cv: 1.7 }, // v = b·t⁴ panels
    { kind: 'mixture', components: [{ weight: 0.3, kind: 'deterministic', value: 40 }, { weight: 0.7, kind: 'lognormal', mean: 200, cv: 1 }] },
    // 7% of its mass above 2⁻¹⁰⁰⁰ s: overloaded at a level s/λ above that, the mode search finds Ḡ below the level
    // all the way down to 2⁻¹⁰⁰⁰ s and keeps the mode 0 for the bucket (a repeat must not evaluate v = 0 again)
    { kind: 'gamma', mean: 100, cv: 100 },
  ];
  // [N, A, AHT s, T s, pair, tolerance]
  const runs: Array<[number, number, number, number, boolean, number]> = [
    [20, 18, 300, 20, true, DEFAULT_TOLERANCE], [100, 130, 180, 40, false, DEFAULT_TOLERANCE], [20, 18, 300, 20, false, 1e-9], [5, 2, 240, 0, true, 1e-13],
  ];
  it.each(specs)('%j: equal to the calls of the curve, and 0 when repeated', (spec) => {
    const { curve, calls } = counted(patienceCurve(spec));
    for (const [n, A, aht, T, pair, tol] of runs) {
      const before = calls();
      mmngIntegrals(curve, A / aht, n / aht, 1 / aht, T, pair ? 2 : 1, tol);
      expect(counts[1], `N=${n}, A=${A}, tolerance ${tol}`).toBe(calls() - before);
    }
    for (const [n, A, aht, T, pair, tol] of runs) {
      const before = calls();
      mmngIntegrals(curve, A / aht, n / aht, 1 / aht, T, pair ? 2 : 1, tol);
      expect(calls() - before, `N=${n}, A=${A}, tolerance ${tol} again: all from the memo`).toBe(0);
      expect(counts[1]).toBe(0);
    }
  });
});

describe('the memo after an evaluation whose mode is inside [0, T): a later one gives a fresh curve\'s bits', () => {
  // the first evaluation on a fresh curve is overloaded (mode > 0, below T), then one with mode 0 (φ_ref = φ(0))
  // reads the point v = 0 from the memo; results do not depend on the memo (patience.ts)
  const specs: DistributionSpec[] = [
    { kind: 'exponential', mean: 60 },
    { kind: 'lognormal', mean: 120, cv: 2.5 },
    { kind: 'gamma', mean: 90, cv: 1.7 },
  ];
  // [N, A, AHT s, T s, pair]
  const runs: Array<[number, number, number, number, boolean]> = [[100, 130, 180, 40, true], [20, 18, 300, 20, true], [5, 2, 240, 0, false], [40, 60, 200, 300, true]];
  const evaluate = (curve: PatienceCurve, [n, A, aht, T, pair]: (typeof runs)[number]) => {
    mmngIntegrals(curve, A / aht, n / aht, 1 / aht, T, pair ? 2 : 1, DEFAULT_TOLERANCE);
    return [...totals.subarray(0, pair ? 2 * NT : NT), refs[0]!, pair ? refs[1]! : 0];
  };
  it.each(specs)('%j', (spec) => {
    const shared = patienceCurve(spec);
    for (const run of runs) expect(evaluate(shared, run), JSON.stringify(run)).toEqual(evaluate(patienceCurve(spec), run));
  });
});

describe('the memo of exact points starts over at 65,536 (keeping the jumps), with the same integrals', () => {
  const specs: DistributionSpec[] = [
    { kind: 'lognormal', mean: 120, cv: 1 },
    { kind: 'mixture', components: [{ weight: 0.3, kind: 'deterministic', value: 40 }, { weight: 0.7, kind: 'lognormal', mean: 200, cv: 1 }] },
  ];
  it.each(specs)('%j', (spec) => {
    const curve = patienceCurve(spec);
    const jumps = [...curve.breaks];
    // a long-lived curve: 65,536 exact points seen (thresholds T of earlier evaluations), none of them 25 s
    const exact = curve.memo.exact;
    for (let i = 0; exact.length < 65_536; i++) exact.push(1e6 + i);
    mmngIntegrals(curve, 18 / 300, 20 / 300, 1 / 300, 25, 2, DEFAULT_TOLERANCE);
    const got = [...totals, refs[0]!, refs[1]!];
    expect(exact.length, 'started over: the jumps, then T').toBe(jumps.length + 1);
    expect(exact).toEqual([...jumps, 25]);
    mmngIntegrals(patienceCurve(spec), 18 / 300, 20 / 300, 1 / 300, 25, 2, DEFAULT_TOLERANCE);
    expect(got).toEqual([...totals, refs[0]!, refs[1]!]);
  });
});

describe('a full panel store (400 panels): the integrals still meet the identities of every patience', () => {
  it('450 jumps 3 s apart (half the mass) and lognormal patience, N = 20, A = 18, AHT 300 s, T = 0', () => {
    const values = Array.from({ length: 450 }, (_, i) => 2 + 3 * i);
    const curve = patienceCurve({ kind: 'mixture', components: [{ weight: 0.5, kind: 'empirical', values }, { weight: 0.5, kind: 'lognormal', mean: 100, cv: 1 }] });
    const [n, A, aht, T] = [20, 18, 300, 0];
    const mu = 1 / aht;
    const lambda = A * mu;
    mmngIntegrals(curve, lambda, n * mu, mu, T, 2, DEFAULT_TOLERANCE);
    expect(counts[0], 'one panel at least between each two jumps: the store is full').toBe(400);
    // every panel's estimate is at least QUADPACK's rounding floor 50ε·K (special/gaussKronrod.ts), so each
    // total's relative estimate is ≥ 50ε when every panel is accounted for (and ≤ the tolerance); at T = 0 every
    // total but S_< (0) spans the whole store
    expect(lastError()).toBeGreaterThanOrEqual(49 * Number.EPSILON);
    expect(lastError()).toBeLessThanOrEqual(DEFAULT_TOLERANCE);
    for (let vr = 0; vr < 2; vr++) {
      const t = vr * NT;
      const s = (n + vr) * mu;
      const S = totals[t + T_IN]! + totals[t + T_OUT]!;
      const J = totals[t + T_J]!;
      // ∫φ′w = −w(0): λS − sJ = −e^{−φ_ref}, relative to sJ; and A_b + S_< + S_> = J
      expect(Math.abs((lambda * S - s * J + Math.exp(-refs[vr]!)) / (s * J))).toBeLessThan(1e-12);
      expect(Math.abs((totals[t + T_AB]! + S - J) / J)).toBeLessThan(1e-13);
    }
  });
});

describe('the memo of modes starts over past 65,536 buckets, with the same integrals', () => {
  it('lognormal patience, two overloaded evaluations in new buckets', () => {
    const spec: DistributionSpec = { kind: 'lognormal', mean: 120, cv: 1 };
    const curve = patienceCurve(spec);
    // a long-lived curve: 65,536 buckets seen, under keys no level has (|bucket| = |round(128·logit)| < 96,000)
    const modes = curve.memo.modes;
    for (let i = 0; modes.size < 65_536; i++) modes.set(10_000_000 + i, 0);
    const evaluate = (c: PatienceCurve, A: number) => {
      mmngIntegrals(c, A / 180, 100 / 180, 1 / 180, 20, 2, DEFAULT_TOLERANCE);
      return [...totals, refs[0]!, refs[1]!];
    };
    expect(evaluate(curve, 130)).toEqual(evaluate(patienceCurve(spec), 130));
    expect(modes.size, 'at 65,536 the memo keeps the new bucket').toBe(65_537);
    expect(evaluate(curve, 150)).toEqual(evaluate(patienceCurve(spec), 150));
    expect(modes.size, 'beyond, it starts over with the new bucket alone').toBe(1);
  });
});

describe('a bucket\'s mode is searched once per curve: kept when the memo of points starts over', () => {
  const specs: DistributionSpec[] = [
    { kind: 'lognormal', mean: 120, cv: 1 },
    { kind: 'exponential', mean: 60 },
    { kind: 'mixture', components: [{ weight: 0.3, kind: 'deterministic', value: 40 }, { weight: 0.7, kind: 'lognormal', mean: 200, cv: 1 }] },
  ];
  it.each(specs)('%j: the evaluation after the start-over, repeated, computes at most the mode\'s own point', (spec) => {
    const curve = patienceCurve(spec);
    const run = (T: number) => mmngIntegrals(curve, 130 / 180, 100 / 180, 1 / 180, T, 2, DEFAULT_TOLERANCE);
    run(20);
    // 65,536 exact points: a new T empties the memo of points and panels (the mode is searched before, from its memo)
    const exact = curve.memo.exact;
    for (let i = 0; exact.length < 65_536; i++) exact.push(1e6 + i);
    run(25);
    expect(exact.length, 'started over').toBe(curve.breaks.length + 1);
    // every panel and probe of this evaluation is in the memo again; the mode's point was probed before the start-over
    // (a mode search done again would compute its ~10 bisection points)
    run(25);
    expect(counts[1]).toBeLessThanOrEqual(1);
  });
});
