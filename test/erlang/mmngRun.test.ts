/**
 * A run of consecutive agent counts on one quadrature layout (mmngRunInto: N, N + 1, …, N + count − 1
 * on N's nodes, what the plan's chunks evaluate). Each count's integrals are held to the
 * tolerance on that shared layout, so its figures must be those of the count evaluated alone
 * (mmngFigures) to a few times the tolerance; with exponential patience those of Erlang A to
 * 1e-12 (the general path, never special-cased). Also: the degenerate ends (no agents, no load),
 * the counts whose weight underflows on N's nodes (long patience in overload: each alone then,
 * in order), and the idle-ratio recursion u(N + 1) = (N + 1)(u(N) + 1)/A against Erlang B.
 */
import { describe, expect, it } from 'vitest';
import { idleRatio } from '../../engine/erlang/erlangB.js';
import { erlangAFigures } from '../../engine/erlang/erlangA.js';
import { F_ABANDON, F_AB_WAIT, F_ANSWER, F_ASA, F_MEAN_WAIT, F_OCCUPANCY, F_SL, F_WAIT, MAX_VARIANTS, MMNG_SLOTS, mmngFiguresUnchecked, mmngRunInto } from '../../engine/erlang/mmng.js';
import { mmngIntegrals, NT, T_J, totals } from '../../engine/erlang/mmngIntegrals.js';
import { patienceCurve } from '../../engine/erlang/patience.js';
import type { DistributionSpec } from '../../engine/rng/distribution.js';

const FIELDS: Array<[string, number]> = [
  ['pWait', F_WAIT], ['pAbandon', F_ABANDON], ['answerRate', F_ANSWER], ['serviceLevel', F_SL],
  ['asa', F_ASA], ['meanWait', F_MEAN_WAIT], ['occupancy', F_OCCUPANCY],
];

/** The run's figures of count N + k (offsets F_*). */
function run(spec: DistributionSpec, agents: number, count: number, erlangs: number, aht: number, target: number, tolerance = 1e-13): Float64Array {
  const out = new Float64Array(count * MMNG_SLOTS).fill(NaN);
  const u = agents >= 1 && erlangs > 0 ? idleRatio(agents, erlangs) : 0;
  mmngRunInto(out, 0, agents, count, erlangs, aht, patienceCurve(spec), target, u, tolerance);
  return out;
}

/** |x − y| relative to |y| (absolute below 1e-300). */
function rel(x: number, y: number): number {
  return x === y ? 0 : Math.abs(x - y) / Math.max(Math.abs(y), 1e-300);
}

const SHAPES: DistributionSpec[] = [
  { kind: 'lognormal', mean: 120, cv: 2.5 },
  { kind: 'weibull', mean: 200, shape: 0.7 },
  { kind: 'gamma', mean: 90, cv: 1.7 },
  { kind: 'mixture', components: [{ weight: 0.1, kind: 'exponential', mean: 5 }, { weight: 0.9, kind: 'exponential', mean: 425.763 }] },
  { kind: 'mixture', components: [{ weight: 0.3, kind: 'deterministic', value: 40 }, { weight: 0.7, kind: 'lognormal', mean: 200, cv: 1 }] },
  { kind: 'empirical', values: [5, 30, 30, 100, 400] },
  { kind: 'deterministic', value: 60 },
];

describe('mmngRunInto: consecutive agent counts on one layout', () => {
  for (const spec of SHAPES) {
    it(`${JSON.stringify(spec)}: every count of runs of 5 and ${MAX_VARIANTS} is that count alone to 1e-11 (N 1–200, load 0.7–1.3)`, () => {
      const curve = patienceCurve(spec);
      for (const [n, load] of [[1, 0.9], [8, 1.3], [37, 0.7], [50, 1], [200, 1.1]] as const) {
        for (const count of [5, MAX_VARIANTS]) {
          const erlangs = n * load;
          const out = run(spec, n, count, erlangs, 150, 20);
          for (let k = 0; k < count; k++) {
            const alone = mmngFiguresUnchecked(n + k, erlangs, 150, curve, 20);
            for (const [name, f] of FIELDS) {
              const got = out[k * MMNG_SLOTS + f]!;
              const want = alone[name as keyof typeof alone] as number;
              if (!(rel(got, want) < 1e-11)) expect.fail(`N=${n}+${k} of ${count}, A=${erlangs}: ${name} ${got} against ${want} alone`);
            }
            expect(out[k * MMNG_SLOTS + F_AB_WAIT]! * out[k * MMNG_SLOTS + F_WAIT]!).toBeCloseTo(out[k * MMNG_SLOTS + F_ABANDON]!, 14);
          }
        }
      }
    });
  }

  it(`exponential patience: every count of a run of ${MAX_VARIANTS} is Erlang A to 1e-12 (its own recursion for u)`, () => {
    for (const [n, erlangs, patience] of [[1, 0.5, 60], [10, 9.5, 120], [95, 100, 300], [500, 480, 90]] as const) {
      const out = run({ kind: 'exponential', mean: patience }, n, MAX_VARIANTS, erlangs, 300, 20);
      for (let k = 0; k < MAX_VARIANTS; k++) {
        const ea = erlangAFigures(n + k, erlangs, 300, patience, 20);
        for (const [name, f] of FIELDS) {
          const got = out[k * MMNG_SLOTS + f]!;
          const want = ea[name as keyof typeof ea] as number;
          if (!(rel(got, want) < 1e-12)) expect.fail(`N=${n}+${k}, A=${erlangs}, patience ${patience}: ${name} ${got} against Erlang A ${want}`);
        }
      }
    }
  });

  it('a run from 0 agents: 0 is everyone waiting until hanging up, the rest the run from 1; no load: everything answered at once', () => {
    const spec: DistributionSpec = { kind: 'lognormal', mean: 120, cv: 2.5 };
    const fromZero = run(spec, 0, 5, 3, 150, 20);
    expect(fromZero[F_ANSWER]).toBe(0);
    expect(fromZero[F_ABANDON]).toBe(1);
    expect(fromZero[F_MEAN_WAIT]).toBeCloseTo(120, 9);
    const fromOne = run(spec, 1, 4, 3, 150, 20);
    expect([...fromZero.subarray(MMNG_SLOTS)]).toEqual([...fromOne]);
    const idle = run(spec, 3, 5, 0, 150, 20);
    for (let k = 0; k < 5; k++) {
      expect(idle[k * MMNG_SLOTS + F_ANSWER]).toBe(1);
      expect(idle[k * MMNG_SLOTS + F_SL]).toBe(1);
      expect(idle[k * MMNG_SLOTS + F_WAIT]).toBe(0);
    }
  });

  // Patience of months in overload: the weights of N + k (k ≥ 1) underflow on N's nodes (their
  // modes lie ~k·1,000 s left of N's, e^{−kμv} at v* ≈ 10⁶ s), so from the first such count on
  // each is evaluated alone, in order; every count then still follows flow conservation:
  // answered ≈ (N + k)·μ, P(abandon) ≈ 1 − (N + k)/A.
  it('lognormal patience mean 10⁶ s CV 3, N = 40…56, A = 60, AHT 200 s: each count alone where its weight underflows, finite and conserving flow', () => {
    const spec: DistributionSpec = { kind: 'lognormal', mean: 1e6, cv: 3 };
    const curve = patienceCurve(spec);
    const out = run(spec, 40, MAX_VARIANTS, 60, 200, 300);
    for (let k = 0; k < MAX_VARIANTS; k++) {
      const n = 40 + k;
      const alone = mmngFiguresUnchecked(n, 60, 200, curve, 300);
      expect(rel(out[k * MMNG_SLOTS + F_ABANDON]!, alone.pAbandon)).toBeLessThan(1e-11);
      expect(Math.abs(out[k * MMNG_SLOTS + F_ABANDON]! - (1 - n / 60))).toBeLessThan(1e-3);
      expect(out[k * MMNG_SLOTS + F_ANSWER]! + out[k * MMNG_SLOTS + F_ABANDON]!).toBeCloseTo(1, 12);
    }
  });

  // Exponential patience of 200,000 s, N = 1, A = 3.5, AHT 300 s: count 2's weight on count 1's
  // nodes is 1e-251 of count 1's (normal doubles, used), counts 3–5 underflow to 0 (each alone):
  // the run shares its layout for one more count, then falls back. Every count is Erlang A, to
  // 1e-12 relative or 1e-100 absolute: count 2's SL is 5.5e-113, and its S_< (waits within T,
  // far below that count's own peak) underflows on count 1's scale, so the shared layout gives 0
  // (as the pair did before runs: a probability below ~1e-100 is not resolved there).
  it('exponential patience 200,000 s, N = 1…5, A = 3.5: count 2 on the shared layout, counts 3–5 alone after it underflows; each is Erlang A to 1e-12', () => {
    const curve = patienceCurve({ kind: 'exponential', mean: 200_000 });
    mmngIntegrals(curve, 3.5 / 300, 1 / 300, 1 / 300, 20, 5, 1e-13);
    expect(totals[NT + T_J]! / totals[T_J]!).toBeGreaterThan(1e-270);
    expect(totals[2 * NT + T_J]! / totals[T_J]!).toBeLessThanOrEqual(1e-270);
    const out = run({ kind: 'exponential', mean: 200_000 }, 1, 5, 3.5, 300, 20);
    for (let k = 0; k < 5; k++) {
      const ea = erlangAFigures(1 + k, 3.5, 300, 200_000, 20);
      for (const [name, f] of FIELDS) {
        const got = out[k * MMNG_SLOTS + f]!;
        const want = ea[name as keyof typeof ea] as number;
        if (!(Math.abs(got - want) <= 1e-12 * Math.abs(want) + 1e-100)) expect.fail(`N=${1 + k}: ${name} ${got} against Erlang A ${want}`);
      }
    }
  });

  it('a run of 0 or more than MAX_VARIANTS counts is refused', () => {
    const curve = patienceCurve({ kind: 'lognormal', mean: 120, cv: 2.5 });
    const out = new Float64Array((MAX_VARIANTS + 1) * MMNG_SLOTS);
    expect(() => mmngRunInto(out, 0, 5, 0, 4, 150, curve, 20, idleRatio(5, 4))).toThrow(/count must be a whole number from 1 to 17, got 0/);
    expect(() => mmngRunInto(out, 0, 5, MAX_VARIANTS + 1, 4, 150, curve, 20, idleRatio(5, 4))).toThrow(/got 18/);
  });

  it('the plan\'s tolerance 1e-7 (the 15-point rule): every count of a run of 5 within 1e-6 of the count alone at 1e-13', () => {
    for (const spec of SHAPES) {
      const curve = patienceCurve(spec);
      for (const [n, erlangs] of [[12, 11], [80, 85], [240, 200]] as const) {
        const out = run(spec, n, 5, erlangs, 150, 20, 1e-7);
        for (let k = 0; k < 5; k++) {
          const alone = mmngFiguresUnchecked(n + k, erlangs, 150, curve, 20);
          for (const [name, f] of FIELDS) {
            const got = out[k * MMNG_SLOTS + f]!;
            const want = alone[name as keyof typeof alone] as number;
            if (!(rel(got, want) < 1e-6)) expect.fail(`${JSON.stringify(spec)} N=${n}+${k}, A=${erlangs}: ${name} ${got} against ${want}`);
          }
        }
      }
    }
  });
});
