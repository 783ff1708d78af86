/**
 * The M/M/N+G kernel (engine/erlang/mmng.ts) against:
 *  - Erlang A through the general integration path (exponential patience is not special-cased
 *    anywhere in mmng.ts), to 1e-12 relative, on the oracle grid of the Erlang A tests
 *    (test/erlang/erlangA.test.ts: N 1–2,000, loads 0.3–3·N, three AHT/patience/T sets);
 *  - an independent reference (test/reference/mmngOde.ts: H integrated as an ODE by RK4 with
 *    Richardson's extrapolation, Ḡ from mathjs' erf or the Poisson sum, Erlang B by recursion)
 *    to 1e-9 for lognormal, Weibull, Erlang-k and mixture patience;
 *  - limits: deterministic patience d answers exactly the calls answered within d (answer rate =
 *    SL(d)); patience → ∞ gives Erlang C below load 1;
 *  - its two routes against each other: step patience by closed forms, and the same patience
 *    through the Gauss–Kronrod path (a mixture with a 1e-12 smooth part);
 *  - itself: the pair evaluation (N and N + 1 on the same nodes) equals two single ones; the
 *    stated error estimate is met; more agents never lower SL nor raise abandonment.
 * The simulator comparison (20+ cases across shapes) is in test/des/mmng.test.ts.
 */
import { erf } from 'mathjs';
import { describe, expect, it } from 'vitest';
import { erlangAFigures, erlangCFigures, mmngErrorEstimate, mmngFigures, patienceCurve, solveAgents } from '../../engine/erlang/index.js';
import { idleRatio } from '../../engine/erlang/erlangB.js';
import { F_ABANDON, F_ANSWER, F_ASA, F_MEAN_WAIT, F_SL, F_WAIT, MMNG_SLOTS, mmngInto } from '../../engine/erlang/mmng.js';
import { lnGamma, type DistributionSpec } from '../../engine/rng/index.js';
import { mmngOde } from '../reference/mmngOde.js';

/** relative error; both underflowed to 0 counts as agreement */
const rel = (x: number, ref: number) => (x === ref ? 0 : Math.abs(x - ref) / Math.abs(ref));
const KEYS = ['pWait', 'pAbandon', 'pAbandonGivenWait', 'answerRate', 'serviceLevel', 'slAnswered', 'asa', 'meanWait', 'occupancy'] as const;

describe('M/M/N+G with exponential patience is Erlang A (general integration path)', () => {
  const agents = [1, 2, 5, 13, 40, 41, 100, 257, 1000, 2000];
  const loads = [0.3, 0.8, 0.95, 0.999, 1, 1.05, 1.5, 3];
  const params: Array<[number, number, number]> = [[180, 120, 20], [300, 60, 30], [60, 600, 10]];
  it('every figure within 1e-12 relative on the Erlang A oracle grid, each with an error estimate ≤ 1e-13', () => {
    const worst: Record<string, number> = {};
    let where = '';
    let cases = 0;
    let worstEstimate = 0;
    for (const n of agents) {
      for (const rho of loads) {
        for (const [aht, patience, T] of params) {
          const A = n * rho;
          const a = erlangAFigures(n, A, aht, patience, T);
          const g = mmngFigures(n, A, aht, patienceCurve({ kind: 'exponential', mean: patience }), T);
          if (a.pWait < 1e-280) {
            // P(wait) beyond the doubles (u = +∞): finite figures, nobody waits, everybody answered at once
            expect(Object.values(g).every(Number.isFinite) ? 'finite' : JSON.stringify(g)).toBe('finite');
            expect([g.pWait < 1e-250, g.answerRate, g.serviceLevel, g.asa]).toEqual([true, 1, 1, 0]);
            continue;
          }
          const est = mmngErrorEstimate().relativeError;
          if (!(est <= worstEstimate)) worstEstimate = est;
          for (const k of KEYS) {
            const e = rel(g[k], a[k]);
            if (!(e <= (worst[k] ?? 0))) {
              worst[k] = e;
              if (k === 'serviceLevel') where = `N=${n} A=${A} ${aht}/${patience}/${T}`;
            }
          }
          cases++;
        }
      }
    }
    console.log(`M/M/N+G (exponential) vs Erlang A, ${cases} cases: ${KEYS.map((k) => `${k} ${(worst[k] ?? 0).toExponential(1)}`).join(', ')} (SL worst at ${where}); largest error estimate ${worstEstimate.toExponential(1)}`);
    expect(cases).toBeGreaterThan(200);
    for (const k of KEYS) expect(worst[k], k).toBeLessThan(1e-12);
    expect(worstEstimate).toBeLessThanOrEqual(1e-13);
  });
});

/** Ḡ from independent closed forms (not the engine's erfc or incomplete gamma). */
const survivals: Array<[string, DistributionSpec, (v: number) => number]> = [
  ['lognormal mean 120 s, CV 0.5', { kind: 'lognormal', mean: 120, cv: 0.5 }, lognormalSurvival(120, 0.5)],
  ['lognormal mean 120 s, CV 2.5', { kind: 'lognormal', mean: 120, cv: 2.5 }, lognormalSurvival(120, 2.5)],
  ['Weibull mean 150 s, shape 2', { kind: 'weibull', mean: 150, shape: 2 }, weibullSurvival(150, 2)],
  ['Erlang-3 mean 100 s', { kind: 'erlang', mean: 100, k: 3 }, (v) => { const x = (3 * v) / 100; return Math.exp(-x) * (1 + x + (x * x) / 2); }],
  ['mixture: 20% exponential 8 s + 80% lognormal 200 s CV 1', {
    kind: 'mixture', components: [{ weight: 0.2, kind: 'exponential', mean: 8 }, { weight: 0.8, kind: 'lognormal', mean: 200, cv: 1 }],
  }, (v) => 0.2 * Math.exp(-v / 8) + 0.8 * lognormalSurvival(200, 1)(v)],
];

function lognormalSurvival(mean: number, cv: number): (v: number) => number {
  const s2 = Math.log(1 + cv * cv);
  const sigma = Math.sqrt(s2);
  const mu = Math.log(mean) - s2 / 2;
  return (v) => (v <= 0 ? 1 : 0.5 * (1 - erf((Math.log(v) - mu) / (sigma * Math.SQRT2))));
}

function weibullSurvival(mean: number, shape: number): (v: number) => number {
  const scale = mean / Math.exp(lnGamma(1 + 1 / shape));
  return (v) => Math.exp(-((v / scale) ** shape));
}

describe('M/M/N+G against an independent ODE reference', () => {
  it.each(survivals)('%s: N = 100 at load 0.95, N = 30 at 1.2, within 1e-9', (_label, spec, survival) => {
    const curve = patienceCurve(spec);
    for (const [n, A, aht, T] of [[100, 95, 300, 20], [30, 36, 180, 15]] as const) {
      const ref = mmngOde(n, A, aht, survival, T, 0.05);
      const f = mmngFigures(n, A, aht, curve, T);
      for (const k of ['pWait', 'pAbandon', 'answerRate', 'serviceLevel', 'asa', 'meanWait'] as const) {
        expect(rel(f[k], ref[k]), `${k} at N=${n}: ${f[k]} vs ${ref[k]}`).toBeLessThan(1e-9);
      }
    }
  });
});

describe('limits', () => {
  // Before: the piece [45 s, T) gave L²·f1(rL) = ∞·0 once T passed about 10¹⁵⁴ s, and ASA and mean wait were NaN.
  // A piece whose weight e^{rL} underflows is integrated as a half-line (its closed forms with e^{rL} = 0):
  // a piece where Ḡ = ½ and r·L = −800 must give what r·L = −700 gives (the finite-piece formulas;
  // e^{−700} ≈ 1e-304 is all that differs), ASA and mean wait included.
  it('step patience: a piece long enough for e^{rL} to underflow gives the figures of one just short of it', () => {
    // N = 10, A = 6, AHT 100 s: s = 0.1/s, λ = 0.06/s; half hang up at 1 s, so r = 0.5λ − s = −0.07/s on [1 s, the other value)
    const at = (long: number) => mmngFigures(10, 6, 100, patienceCurve({ kind: 'empirical', values: [1, 1 + long] }), 20);
    const short = at(700 / 0.07);
    const long = at(800 / 0.07);
    for (const k of ['pWait', 'pAbandon', 'answerRate', 'serviceLevel', 'asa', 'meanWait', 'occupancy'] as const) expect(rel(long[k], short[k]), k).toBeLessThan(1e-14);
    expect(long.asa).toBeGreaterThan(0);
  });

  it('step patience: any T beyond the last jump gives the same figures, up to T = 10³⁰⁰ s (SL = answer rate there)', () => {
    const curve = patienceCurve({ kind: 'deterministic', value: 45 });
    // T = 45 s + 10⁴ s: r = −s = −20/300 per second on [45 s, T), r·L ≈ −667: the finite piece's formulas (the other T take the half-line's)
    const ref = mmngFigures(20, 18, 300, curve, 45 + 1e4);
    expect(rel(ref.serviceLevel, ref.answerRate)).toBeLessThan(1e-15);
    for (const T of [1e100, 1e160, 1e200, 1e300]) {
      const f = mmngFigures(20, 18, 300, curve, T);
      for (const k of ['pWait', 'pAbandon', 'answerRate', 'serviceLevel', 'asa', 'meanWait', 'occupancy'] as const) expect(rel(f[k], ref[k]), `${k} at T = ${T}`).toBeLessThan(1e-14);
    }
  });

  it('deterministic patience d: the answered are exactly those answered within d, so answer rate = SL(d)', () => {
    for (const [n, A, d] of [[10, 9, 30], [100, 110, 60], [1, 0.7, 5], [500, 480, 12]] as const) {
      const curve = patienceCurve({ kind: 'deterministic', value: d });
      const f = mmngFigures(n, A, 180, curve, d);
      expect(rel(f.serviceLevel, f.answerRate)).toBeLessThan(1e-14);
      expect(f.slAnswered).toBeCloseTo(1, 14);
      // and below d some are still waiting their turn: SL(d/2) < answer rate
      expect(mmngFigures(n, A, 180, curve, d / 2).serviceLevel).toBeLessThan(f.answerRate);
    }
  });

  it('patience → ∞ (deterministic 10⁷ s, lognormal mean 10⁹ s) gives Erlang C below load 1', () => {
    for (const [n, A] of [[10, 8], [100, 95], [1000, 990]] as const) {
      const c = erlangCFigures(n, A, 180, 20);
      const det = mmngFigures(n, A, 180, patienceCurve({ kind: 'deterministic', value: 1e7 }), 20);
      for (const k of ['pWait', 'serviceLevel', 'asa', 'meanWait'] as const) expect(rel(det[k], c[k]), k).toBeLessThan(1e-12);
      expect(det.pAbandon).toBeLessThan(1e-300);
      const logn = mmngFigures(n, A, 180, patienceCurve({ kind: 'lognormal', mean: 1e9, cv: 1 }), 20);
      for (const k of ['pWait', 'serviceLevel', 'asa'] as const) expect(rel(logn[k], c[k]), k).toBeLessThan(1e-4);
    }
  });

  it('no load answers everything at once; no agents lose everyone after their mean patience', () => {
    const curve = patienceCurve({ kind: 'lognormal', mean: 90, cv: 1.5 });
    expect(mmngFigures(10, 0, 180, curve, 20)).toEqual({ agents: 10, erlangs: 0, pWait: 0, pAbandon: 0, pAbandonGivenWait: 0, answerRate: 1, serviceLevel: 1, slAnswered: 1, asa: 0, meanWait: 0, occupancy: 0 });
    const none = mmngFigures(0, 5, 180, curve, 20);
    expect(none).toMatchObject({ pWait: 1, pAbandon: 1, pAbandonGivenWait: 1, answerRate: 0, serviceLevel: 0, slAnswered: 0, asa: 0, occupancy: 0 });
    expect(none.meanWait).toBeCloseTo(90, 9);
  });

  it('mmngInto writes only its slots at its offset; the pair of 0 agents is 1 agent\'s figures, the pair of no load is no load twice', () => {
    const curve = patienceCurve({ kind: 'weibull', mean: 100, shape: 0.6 });
    const buf = new Float64Array(4 * MMNG_SLOTS);
    const one = new Float64Array(MMNG_SLOTS);
    const inner = (b: Float64Array) => [...b.subarray(MMNG_SLOTS, MMNG_SLOTS + MMNG_SLOTS)];
    const outside = (b: Float64Array, slots: number) => [...b.subarray(0, MMNG_SLOTS), ...b.subarray(MMNG_SLOTS * (1 + slots))].every(Number.isNaN);
    // single evaluations, general and limits: 8 slots at the offset, nothing else
    for (const [n, A] of [[20, 18], [0, 5], [10, 0]] as const) {
      buf.fill(NaN);
      mmngInto(buf, MMNG_SLOTS, n, A, 300, curve, 20, n >= 1 && A > 0 ? idleRatio(n, A) : 0);
      mmngInto(one, 0, n, A, 300, curve, 20, n >= 1 && A > 0 ? idleRatio(n, A) : 0);
      expect(outside(buf, 1) && inner(buf).every((v, i) => v === one[i]), `N=${n} A=${A}`).toBe(true);
    }
    // pairs at 0 agents and at no load
    for (const [n, A, second] of [[0, 5, [1, 5]], [0, 0, [1, 0]], [4, 0, [5, 0]]] as const) {
      buf.fill(NaN);
      mmngInto(buf, MMNG_SLOTS, n, A, 300, curve, 20, 0, true);
      expect(outside(buf, 2), `pair N=${n} A=${A}`).toBe(true);
      mmngInto(one, 0, n, A, 300, curve, 20, 0);
      expect(inner(buf)).toEqual([...one]);
      mmngInto(one, 0, second[0], second[1], 300, curve, 20, second[1] > 0 ? idleRatio(second[0], second[1]) : 0);
      for (let s = 0; s < MMNG_SLOTS; s++) expect(rel(buf[2 * MMNG_SLOTS + s]!, one[s]!) <= 1e-13 ? 'ok' : `slot ${s}: ${buf[2 * MMNG_SLOTS + s]} vs ${one[s]}`).toBe('ok');
    }
  });
});

describe('the two routes agree: closed forms for step patience, Gauss–Kronrod for the same steps with a 1e-12 smooth part', () => {
  it.each([
    [{ kind: 'deterministic', value: 45 }],
    [{ kind: 'empirical', values: [0, 3, 20, 20, 45, 90, 180, 400] }],
  ] as Array<[DistributionSpec & { kind: 'deterministic' | 'empirical' }]>)('%j', (spec) => {
    const exact = patienceCurve(spec);
    const viaPanels = patienceCurve({ kind: 'mixture', components: [{ ...spec, weight: 1 - 1e-12 }, { kind: 'exponential', mean: 60, weight: 1e-12 }] });
    expect(exact.stepwise).toBe(true);
    expect(viaPanels.stepwise).toBe(false);
    for (const [n, A, T] of [[20, 18, 20], [100, 130, 20], [5, 2, 45], [300, 290, 30]] as const) {
      const a = mmngFigures(n, A, 180, exact, T);
      const b = mmngFigures(n, A, 180, viaPanels, T);
      for (const k of KEYS) expect(rel(b[k], a[k]), `${k} at N=${n}, A=${A}`).toBeLessThan(1e-9);
    }
  });
});

describe('the kernel itself', () => {
  it('the pair (N and N + 1 on the same nodes) gives the figures of two single evaluations', () => {
    const out = new Float64Array(2 * MMNG_SLOTS);
    const one = new Float64Array(MMNG_SLOTS);
    const slots = [F_WAIT, F_ABANDON, F_ANSWER, F_SL, F_ASA, F_MEAN_WAIT];
    for (const spec of [{ kind: 'lognormal', mean: 120, cv: 2.5 }, { kind: 'weibull', mean: 100, shape: 0.6 }, { kind: 'empirical', values: [5, 50, 200] }] as DistributionSpec[]) {
      const curve = patienceCurve(spec);
      // [20, 10]: P(wait) small, so the SL of both members comes from 1 − P(late or lost)
      for (const [n, A] of [[1, 0.5], [9, 10], [20, 10], [100, 95], [1000, 1100]] as const) {
        const u = idleRatio(n, A);
        mmngInto(out, 0, n, A, 300, curve, 20, u, true);
        mmngInto(one, 0, n + 1, A, 300, curve, 20, idleRatio(n + 1, A));
        for (const s of slots) expect(rel(out[MMNG_SLOTS + s]!, one[s]!), `slot ${s}, N=${n}`).toBeLessThan(1e-12);
        mmngInto(one, 0, n, A, 300, curve, 20, u);
        for (const s of slots) expect(rel(out[s]!, one[s]!), `slot ${s}, N=${n}`).toBeLessThan(1e-12);
      }
    }
  });

  it('a looser tolerance is met: figures at tolerance 1e-8 within 1e-7 of those at 1e-13', () => {
    for (const spec of [{ kind: 'lognormal', mean: 120, cv: 0.8 }, { kind: 'gamma', mean: 150, cv: 1.5 }] as DistributionSpec[]) {
      const curve = patienceCurve(spec);
      for (const [n, A] of [[10, 9], [200, 230], [1500, 1450]] as const) {
        const tight = mmngFigures(n, A, 240, curve, 20);
        const loose = mmngFigures(n, A, 240, curve, 20, 1e-8);
        expect(mmngErrorEstimate().relativeError).toBeLessThanOrEqual(1e-8);
        for (const k of KEYS) expect(rel(loose[k], tight[k]), k).toBeLessThan(1e-7);
      }
    }
  });

  it('more agents never lower SL nor raise abandonment (N = 1…300 at A = 200, Weibull shape 0.5 and a mixture)', () => {
    for (const spec of [{ kind: 'weibull', mean: 90, shape: 0.5 }, { kind: 'mixture', components: [{ weight: 0.3, kind: 'deterministic', value: 4 }, { weight: 0.7, kind: 'gamma', mean: 200, cv: 0.7 }] }] as DistributionSpec[]) {
      const curve = patienceCurve(spec);
      let prevSL = -1;
      let prevAb = 2;
      for (let n = 1; n <= 300; n++) {
        const f = mmngFigures(n, 200, 180, curve, 20);
        expect(f.serviceLevel).toBeGreaterThanOrEqual(prevSL - 1e-14);
        expect(f.pAbandon).toBeLessThanOrEqual(prevAb + 1e-14);
        expect(f.answerRate + f.pAbandon).toBeCloseTo(1, 13);
        prevSL = f.serviceLevel;
        prevAb = f.pAbandon;
      }
    }
  });

  it('staffing on M/M/N+G: the fewest agents meeting 80/20, one fewer misses it', () => {
    const patience: DistributionSpec = { kind: 'lognormal', mean: 120, cv: 2.5 };
    const r = solveAgents({ model: 'mmng', erlangs: 95, ahtSeconds: 300, targetSeconds: 20, slTarget: 0.8, patience });
    const curve = patienceCurve(patience);
    expect(mmngFigures(r.requiredAgents, 95, 300, curve, 20).serviceLevel).toBeGreaterThanOrEqual(0.8);
    expect(mmngFigures(r.requiredAgents - 1, 95, 300, curve, 20).serviceLevel).toBeLessThan(0.8);
    expect(r.binding).toEqual(['sl']);
    // exponential patience through mmng staffs like Erlang A
    const a = solveAgents({ model: 'erlang-a', erlangs: 95, ahtSeconds: 300, targetSeconds: 20, slTarget: 0.8, asaTarget: 10, patienceSeconds: 120 });
    const g = solveAgents({ model: 'mmng', erlangs: 95, ahtSeconds: 300, targetSeconds: 20, slTarget: 0.8, asaTarget: 10, patience: { kind: 'exponential', mean: 120 } });
    expect(g.requiredAgents).toBe(a.requiredAgents);
  });
});

describe('bad patience: one clear error each', () => {
  it.each([
    [{ kind: 'mixture', components: [{ weight: 0.5, kind: 'exponential', mean: 5 }, { weight: 0.4, kind: 'lognormal', mean: 200, cv: 1 }] },
      'patience.components weights must sum to 1, got 0.5 + 0.4 = 0.9'],
    [{ kind: 'lognormal', mean: 120, cv: 0 }, 'patience.cv must be a number in (0, 1000] (sd / mean; a fixed value is kind deterministic), got 0'],
    [{ kind: 'gamma', mean: 120, cv: -1 }, 'patience.cv must be a number in (0, 1000] (sd / mean; a fixed value is kind deterministic), got -1'],
    [{ kind: 'empirical', values: [30, -2, 60] }, 'patience.values[1] must be ≥ 0 seconds (finite), got -2'],
  ])('%j', (spec, message) => {
    expect(() => patienceCurve(spec as DistributionSpec)).toThrow(RangeError);
    expect(() => patienceCurve(spec as DistributionSpec)).toThrow(new RangeError(message));
    expect(() => solveAgents({ model: 'mmng', erlangs: 10, ahtSeconds: 180, targetSeconds: 20, slTarget: 0.8, patience: spec as DistributionSpec }))
      .toThrow(`solveAgents: ${message}`);
  });
});

describe('M/M/N+G input validation: RangeError naming the function, the argument, its value and the allowed range', () => {
  const curve = patienceCurve({ kind: 'lognormal', mean: 120, cv: 1 });
  it.each([
    ['zero AHT', () => mmngFigures(5, 4, 0, curve, 20), /^mmngFigures: ahtSeconds must be a finite number > 0, got 0/],
    ['negative target', () => mmngFigures(5, 4, 180, curve, -1), /^mmngFigures: targetSeconds must be a finite number >= 0, got -1/],
    ['tolerance below 1e-15', () => mmngFigures(5, 4, 180, curve, 20, 1e-16), /^mmngFigures: tolerance must be in \[1e-15, 1\), got 1e-16$/],
    ['tolerance 1', () => mmngFigures(5, 4, 180, curve, 20, 1), /^mmngFigures: tolerance must be in \[1e-15, 1\), got 1$/],
    ['NaN tolerance', () => mmngFigures(5, 4, 180, curve, 20, NaN), /^mmngFigures: tolerance must be in \[1e-15, 1\), got NaN$/],
  ] as Array<[string, () => unknown, RegExp]>)('%s', (_name, call, message) => {
    expect(call).toThrow(RangeError);
    expect(call).toThrow(message);
  });
  it('the bounds of the tolerance are allowed: 1e-15 and just below 1 give figures', () => {
    for (const tol of [1e-15, 0.999]) expect(Number.isFinite(mmngFigures(5, 4, 180, curve, 20, tol).serviceLevel)).toBe(true);
  });
});
