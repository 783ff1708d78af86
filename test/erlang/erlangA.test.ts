/**
 * Erlang A (M/M/N+M) kernels against an independent truncated birth–death chain
 * (test/reference/erlangAChain.ts: product form from the rates, abandonment by flow balance
 * θ·E[queue] = λ·P(abandon), SL by uniformisation of the tagged customer's phases, ASA by exact
 * expected phase times) — no incomplete gamma functions on the reference side.
 * This also verifies the closed forms of the module comment of engine/erlang/erlangA.ts
 * (π_N = 1/(1/B − 1 + J), P(wait) = π_N·J, the served-within-T integral, meanWait = P(abandon)·patience).
 * Where the engine switches method (series, Temme, continued fraction, formula vs series), also
 * against the defining sums at 60 digits (test/reference/erlangABig.ts), which reach a up to 10⁶.
 */
import seedrandom from 'seedrandom';
import { describe, expect, it } from 'vitest';
import { erlangABig } from '../reference/erlangABig.js';
import {
  erlangAAbandon,
  erlangAFigures,
  erlangAServiceLevel,
  erlangCFigures,
  solveAgents,
} from '../../engine/erlang/index.js';
import { idleRatio } from '../../engine/erlang/erlangB.js';
import { erlangAInto, erlangAMeetsUnchecked, INTO_ABANDON, INTO_ANSWER_RATE, INTO_ASA, INTO_MEAN_WAIT, INTO_SERVICE_LEVEL, INTO_SLOTS, INTO_WAIT } from '../../engine/erlang/erlangA.js';
import { erlangAChain } from '../reference/erlangAChain.js';
import { expectFinite, relError as rel, WorstError } from '../support/expectClose.js';

describe('Erlang A against the birth–death chain', () => {
  const agents = [1, 2, 5, 13, 40, 41, 100, 257, 1000, 2000];
  const loads = [0.3, 0.8, 0.95, 0.999, 1, 1.05, 1.5, 3];
  const params: Array<[number, number, number]> = [
    // [AHT, patience, T]
    [180, 120, 20],
    [300, 60, 30],
    [60, 600, 10],
  ];
  it('P(wait), P(abandon), SL, ASA within 1e-12 relative over N 1–2,000, loads 0.3–3·N (overload included)', () => {
    const worst = new WorstError('Erlang A vs chain');
    let cases = 0;
    for (const n of agents) {
      for (const rho of loads) {
        for (const [aht, patience, T] of params) {
          const A = n * rho;
          const ref = erlangAChain(n, A, aht, patience, T);
          const f = erlangAFigures(n, A, aht, patience, T);
          const at = { N: n, A, AHT: aht, patience, T };
          if (ref.pWait < 1e-280) {
            // the chain underflows here: the kernel must still give finite figures with P(wait) ≈ 0
            expectFinite({ ...f }, at);
            expect(f.pWait).toBeLessThan(1e-250);
            continue;
          }
          worst.add('pWait', f.pWait, ref.pWait, at);
          worst.add('pAbandon', f.pAbandon, ref.pAbandon, at);
          worst.add('sl', f.serviceLevel, ref.serviceLevel, at);
          worst.add('asa', f.asa, ref.asa, at);
          worst.add('tagged', f.pAbandon, ref.pAbandonTagged, at);
          worst.add('abandonGivenWait', f.pAbandonGivenWait, ref.pAbandon / ref.pWait, at);
          // the figures' own identities
          expect(f.meanWait).toBeCloseTo(f.pAbandon * patience, 10);
          expect(f.answerRate + f.pAbandon).toBeCloseTo(1, 14);
          cases++;
        }
      }
    }
    worst.log();
    expect(cases).toBeGreaterThan(200);
    // measured (Node 20, x86-64): P(wait), P(abandon) 1.1e-13, ASA 2.4e-13, SL and the tagged route 5.3e-12
    // (at N=1000, A=3000: 1 − P(served) on the reference side loses digits in deep overload)
    worst.expectWithin({ pWait: 1e-12, pAbandon: 1e-12, sl: 2e-11, asa: 1e-12, tagged: 2e-11, abandonGivenWait: 1e-12 });
  });

  it('random cases with real a = N·patience/AHT (N 1–300, load 0.2–1.5·N, AHT 30–600 s, patience 10–600 s, T 0–90 s): within 1e-12', () => {
    const rng = seedrandom('erlang-a-random');
    const worst = new WorstError('Erlang A random vs chain');
    for (let i = 0; i < 300; i++) {
      const n = 1 + Math.floor(rng() * 300);
      const A = n * (0.2 + 1.3 * rng());
      const aht = 30 + rng() * 570;
      const patience = 10 + rng() * 590;
      const T = rng() < 0.1 ? 0 : rng() * 90;
      const ref = erlangAChain(n, A, aht, patience, T);
      const f = erlangAFigures(n, A, aht, patience, T);
      const at = { N: n, A, AHT: aht, patience, T };
      if (ref.pWait < 1e-280) {
        expectFinite({ ...f }, at);
        continue;
      }
      worst.add('pWait', f.pWait, ref.pWait, at);
      worst.add('pAbandon', f.pAbandon, ref.pAbandon, at);
      worst.add('sl', f.serviceLevel, ref.serviceLevel, at);
      worst.add('asa', f.asa, ref.asa, at);
    }
    // measured: 1.3e-13
    worst.log().expectWithin(1e-12);
  });

  it('SL at T = 0 is P(no wait) and grows with T; the standalone SL and abandonment functions agree with the figures', () => {
    // every route of the incomplete gamma function (series, Temme, continued fraction, the series slope beside Temme's value)
    for (const [n, A] of [[50, 48], [300, 320], [7, 3], [15, 18], [4, 2], [65, 28], [2000, 1300], [20_000, 19_000], [1000, 1100]] as const) {
      const f0 = erlangAFigures(n, A, 180, 120, 0);
      expect(rel(f0.serviceLevel, 1 - f0.pWait)).toBeLessThan(1e-13);
      let prev = f0.serviceLevel;
      for (const T of [1, 5, 20, 60, 300, 3600]) {
        const sl = erlangAServiceLevel(n, A, 180, 120, T);
        expect(sl).toBeGreaterThanOrEqual(prev);
        prev = sl;
        expect(sl).toBe(erlangAFigures(n, A, 180, 120, T).serviceLevel);
      }
      // as T → ∞ every answered contact is within T: SL → answer rate
      expect(prev).toBeCloseTo(1 - erlangAAbandon(n, A, 180, 120), 12);
    }
  });
});

describe('Erlang A limits and properties', () => {
  it('→ Erlang C as patience → ∞ (patience 1e7 s, AHT 180 s): P(wait), SL and ASA agree to ~AHT/patience', () => {
    for (const [n, A] of [[10, 8], [100, 95], [1000, 990]] as const) {
      const a = erlangAFigures(n, A, 180, 1e7, 20);
      const c = erlangCFigures(n, A, 180, 20);
      expect(Math.abs(a.pWait - c.pWait)).toBeLessThan(1e-4);
      expect(Math.abs(a.serviceLevel - c.serviceLevel)).toBeLessThan(1e-4);
      expect(rel(a.asa, c.asa)).toBeLessThan(1e-3);
      expect(a.pAbandon).toBeLessThan(1e-3);
    }
  });

  it('more agents never lower SL nor raise abandonment (N = 1…400 at A = 300, overload included)', () => {
    let prevSL = -1;
    let prevAb = 2;
    for (let n = 1; n <= 400; n++) {
      const sl = erlangAServiceLevel(n, 300, 180, 120, 20);
      const ab = erlangAAbandon(n, 300, 180, 120);
      expect(sl).toBeGreaterThanOrEqual(prevSL - 1e-15);
      expect(ab).toBeLessThanOrEqual(prevAb + 1e-15);
      prevSL = sl;
      prevAb = ab;
    }
  });

  it('is finite and in range in deep overload (A up to 10·N, N up to 20,000)', () => {
    for (const [n, A] of [[1, 50], [10, 1000], [500, 5000], [20_000, 200_000], [20_000, 20_001]] as const) {
      const f = erlangAFigures(n, A, 180, 120, 20);
      for (const v of [f.pWait, f.pAbandon, f.serviceLevel, f.slAnswered, f.occupancy, f.answerRate]) {
        expect(Number.isFinite(v)).toBe(true);
        expect(v).toBeGreaterThanOrEqual(0);
        expect(v).toBeLessThanOrEqual(1);
      }
      expect(Number.isFinite(f.asa) && f.asa >= 0).toBe(true);
      // flow balance: carried load = A·(1 − P(abandon)) cannot exceed N
      expect(A * f.answerRate).toBeLessThanOrEqual(n * (1 + 1e-12));
    }
  });

  it('zero load and zero agents give the honest limits', () => {
    const z = erlangAFigures(10, 0, 180, 120, 20);
    expect(z).toEqual({ agents: 10, erlangs: 0, pWait: 0, pAbandon: 0, pAbandonGivenWait: 0, answerRate: 1, serviceLevel: 1, slAnswered: 1, asa: 0, meanWait: 0, occupancy: 0 });
    // no agents: everyone waits until hanging up after the mean patience; nobody is answered
    const none = erlangAFigures(0, 5, 180, 120, 20);
    expect(none).toEqual({ agents: 0, erlangs: 5, pWait: 1, pAbandon: 1, pAbandonGivenWait: 1, answerRate: 0, serviceLevel: 0, slAnswered: 0, asa: 0, meanWait: 120, occupancy: 0 });
    expect([erlangAServiceLevel(10, 0, 180, 120, 20), erlangAAbandon(10, 0, 180, 120)]).toEqual([1, 0]);
    expect([erlangAServiceLevel(0, 5, 180, 120, 20), erlangAAbandon(0, 5, 180, 120)]).toEqual([0, 1]);
  });

  /**
   * No load and no agents at once: nothing is offered, so the no-load figures hold (zero load takes
   * precedence over zero agents in every entry point). Checked against solveAgents' definition: it
   * answers 0 agents for zero load for any target, so the figures at N = 0, A = 0 must meet every
   * target, and erlangAInto (which tests the load first) must give the same values.
   */
  it('zero load with zero agents: every entry point gives the no-load figures, which meet every target', () => {
    const noLoad = { agents: 0, erlangs: 0, pWait: 0, pAbandon: 0, pAbandonGivenWait: 0, answerRate: 1, serviceLevel: 1, slAnswered: 1, asa: 0, meanWait: 0, occupancy: 0 };
    expect(erlangAFigures(0, 0, 180, 120, 20)).toEqual(noLoad);
    expect([erlangAServiceLevel(0, 0, 180, 120, 20), erlangAAbandon(0, 0, 180, 120)]).toEqual([1, 0]);
    const out = new Float64Array(INTO_SLOTS);
    erlangAInto(out, 0, 0, 0, 180, 120, 20, 0);
    expect([out[INTO_ANSWER_RATE], out[INTO_ABANDON], out[INTO_SERVICE_LEVEL], out[INTO_ASA], out[INTO_MEAN_WAIT], out[INTO_WAIT]]).toEqual([1, 0, 1, 0, 0, 0]);
    const r = solveAgents({ model: 'erlang-a', erlangs: 0, ahtSeconds: 180, targetSeconds: 20, patienceSeconds: 120, slTarget: 0.8, abandonTarget: 0.05 });
    expect(r.requiredAgents).toBe(0);
    expect(r.figures.serviceLevel).toBeGreaterThanOrEqual(0.8);
    expect(r.figures.pAbandon).toBeLessThanOrEqual(0.05);
    // the internal check the search uses agrees (it is never asked at zero load by solveAgents)
    expect(erlangAMeetsUnchecked(0, 0, 180, 120, 20, 0.8, 10, 0.05, 0.9)).toBe(true);
  });

  /**
   * An occupancy cap alone where most callers abandon (patience of seconds against handle times of
   * minutes: occupancy A(1 − P(abandon))/N stays below 1 while P(abandon) > 1/2). The answer must be
   * the fewest N whose occupancy, from the birth–death chain's P(abandon), is within the cap,
   * whatever figures the kernel computed just before (it keeps its results in a module scratch).
   */
  it('solveAgents with only an occupancy cap, met at P(abandon) > 1/2: minimal by the chain, after another call', () => {
    const cases: Array<[number, number, number, number]> = [
      // [A, AHT s, patience s, cap]
      [20, 1000, 1, 0.95],
      [30, 600, 2, 0.97],
      [50, 1800, 5, 0.97],
    ];
    for (const [A, aht, patience, cap] of cases) {
      const occupancy = (n: number): number => (A * (1 - erlangAChain(n, A, aht, patience, 0).pAbandon)) / n;
      erlangAFigures(1, 100, 180, 600, 20); // other figures left in the scratch
      const n = solveAgents({ model: 'erlang-a', erlangs: A, ahtSeconds: aht, targetSeconds: 20, patienceSeconds: patience, maxOccupancy: cap }).requiredAgents;
      expect(occupancy(n), `${A}`).toBeLessThanOrEqual(cap);
      if (n > 1) expect(occupancy(n - 1), `${A}`).toBeGreaterThan(cap);
      expect(erlangAChain(n, A, aht, patience, 0).pAbandon, `${A}`).toBeGreaterThan(0.5);
    }
  });

  it('erlangAInto writes the figures at its offset only, as erlangAFigures gives them, with the Erlang B step u(N+1) = (N+1)(u(N)+1)/A', () => {
    const cases = [[13, 10, 180, 300, 20], [40, 43, 120, 90, 15], [0, 5, 180, 120, 20], [10, 0, 180, 120, 20], [1, 0.4, 300, 60, 0]] as const;
    const buf = new Float64Array((cases.length + 2) * INTO_SLOTS).fill(NaN);
    cases.forEach(([n, A, aht, pat, T], i) => {
      const u = n >= 1 && A > 0 ? idleRatio(n, A) : 0;
      erlangAInto(buf, (i + 1) * INTO_SLOTS, n, A, aht, pat, T, u);
    });
    expect(buf.subarray(0, INTO_SLOTS).every(Number.isNaN) && buf.subarray((cases.length + 1) * INTO_SLOTS).every(Number.isNaN)).toBe(true);
    cases.forEach(([n, A, aht, pat, T], i) => {
      const f = erlangAFigures(n, A, aht, pat, T);
      const at = (i + 1) * INTO_SLOTS;
      const got = [INTO_ANSWER_RATE, INTO_ABANDON, INTO_SERVICE_LEVEL, INTO_ASA, INTO_MEAN_WAIT, INTO_WAIT].map((k) => buf[at + k]!);
      const want = [f.answerRate, f.pAbandon, f.serviceLevel, f.asa, f.meanWait, f.pWait];
      expect(got.every((g, k) => rel(g, want[k]!) <= 1e-15) ? 'ok' : `N=${n} A=${A}: ${got} vs ${want}`).toBe('ok');
    });
    // stepping N → N + 1 by the recursion gives N + 1's figures
    const out = new Float64Array(INTO_SLOTS);
    erlangAInto(out, 0, 41, 43, 120, 90, 15, (41 * (idleRatio(40, 43) + 1)) / 43);
    const f41 = erlangAFigures(41, 43, 120, 90, 15);
    expect(rel(out[INTO_SERVICE_LEVEL]!, f41.serviceLevel) <= 1e-13 && rel(out[INTO_WAIT]!, f41.pWait) <= 1e-13).toBe(true);
  });
});

describe('Erlang A published worked example', () => {
  // pyworkforce documentation, "Erlang A (abandonment)" page: ErlangA(transactions=100, aht=3,
  // asa=20/60, interval=30, patience=5, shrinkage=0.3).required_positions(service_level=0.8,
  // max_occupancy=0.85, max_abandonment=0.05) prints raw_positions 13, positions 19,
  // service_level 0.858…, occupancy 0.750…, abandonment_probability 0.025…, waiting_probability
  // 0.226…, average_speed_of_answer 0.125… min. pyworkforce computes these from the birth–death
  // chain; its "average speed of answer" is the mean wait of all arrivals (our meanWait).
  // Units here: 100 calls / 1,800 s × 180 s = 10 erlangs, patience 300 s, target 20 s.
  it('100 calls / 30 min, AHT 180 s, patience 300 s: 13 agents, 19 staff, SL 0.858, occupancy 0.750', () => {
    // the page prints 3 decimals followed by "…", rounded: |ours − printed| < 0.0005
    const f = erlangAFigures(13, 10, 180, 300, 20);
    expect(f.serviceLevel).toBeCloseTo(0.858, 3);
    expect(f.occupancy).toBeCloseTo(0.75, 3);
    expect(f.pAbandon).toBeCloseTo(0.025, 3);
    expect(f.pWait).toBeCloseTo(0.226, 3);
    expect(f.meanWait / 60).toBeCloseTo(0.125, 3);
    const r = solveAgents({
      model: 'erlang-a', erlangs: 10, ahtSeconds: 180, targetSeconds: 20, patienceSeconds: 300,
      slTarget: 0.8, maxOccupancy: 0.85, abandonTarget: 0.05, shrinkage: 0.3,
    });
    expect(r.requiredAgents).toBe(13);
    expect(r.requiredStaffRounded).toBe(19);
  });

  it('against 60-digit sums where the routes switch: (a − x)² ≈ 100x at large a, x ≈ a, x ≈ a + 20 at small a, tiny a, deep overload', () => {
    // [N, A, AHT, patience, T]: each case sits on a switch of the engine's method (found by a differential review)
    const cases: [number, number, number, number, number][] = [
      [3027, 2994.8648805446146, 843.4059808701752, 244598.4724163185, 20], // (a − x)² ≈ 100x, a ≈ 8.8e5: P(abandon | wait) by formula
      [20000, 19800.99751981662, 10, 500, 30], // the same switch at a = 1e6
      [20000, 19999.8, 10, 3600, 30], // x just below a = 7.2e6
      [1000, 960, 180, 120, 20], // Temme region, below x = a
      [13, 31.72654513237926, 12.034012037815351, 12.852356857867822, 4.815603381862633], // a ≈ 13.9, x ≈ a + 20 (series vs fraction)
      [9, 12, 135, 120, 20], // small a above x = a: J by the series
      [1, 0.05562600867675199, 1595.4246674917788, 1.501487559520416, 0], // a ≈ 1e-3: P(served | wait) ≈ 0.05
      [33, 1.737985991151571, 19.48258782969486, 15.911606378254795, 2.4598017321301593], // deep underload: the abandonment series
      [65, 28, 135, 120, 20], // the baseline's night intervals
      [272, 336.8, 135, 120, 20], // the baseline's peak
      [13, 15.6, 120, 180, 20], // a = 19.5 < 20 (J by the series) but a + 1 ≥ 20 (the late tail by Temme, upper): SL by the late ratio
      [13, 19.5, 120, 180, 60], // the same at x = 29.25
      [2, 2.4, 60, 600, 60], // both tails upper, SL by the late ratio (P(served within T | wait) ≥ 0.1)
      [10, 15, 60, 600, 200], // the same, larger
      [1, 14 / 3, 100, 30, 0], // a = 0.3: x·e^{−τ} = 1.4 ≥ a + 1 but < 1.5 (the lower series for a + 1): SL by the late ratio
      [1, 14 / 3, 100, 30, 0.5],
    ];
    const worst = new WorstError('Erlang A vs 60-digit sums at the method switches');
    for (const [n, A, aht, pat, T] of cases) {
      const f = erlangAFigures(n, A, aht, pat, T);
      const ref = erlangABig(n, A, aht, pat, T);
      for (const k of ['pWait', 'pAbandon', 'answerRate', 'serviceLevel', 'asa'] as const) worst.add(k, f[k], ref[k], { N: n, A, AHT: aht, patience: pat, T });
    }
    // measured: 6.7e-14 (ASA at N=20000, A=19801)
    worst.log().expectWithin(1e-13);
  });
});

describe('Erlang A input validation: RangeError naming the function, the argument, its value and the allowed range', () => {
  const bad: Array<[string, () => unknown, RegExp]> = [
    ['zero AHT', () => erlangAFigures(3, 1, 0, 60, 20), /^erlangAFigures: ahtSeconds must be a finite number > 0, got 0/],
    ['negative target', () => erlangAServiceLevel(3, 1, 180, 60, -1), /^erlangAServiceLevel: targetSeconds must be a finite number >= 0, got -1/],
    ['negative load', () => erlangAAbandon(3, -1, 180, 60), /^erlangAAbandon: erlangs must be a finite number >= 0, got -1/],
    ['NaN agents', () => erlangAFigures(NaN, 1, 180, 60, 20), /^erlangAFigures: agents must be a non-negative integer, got NaN/],
  ];
  it.each(bad)('%s', (_name, call, message) => {
    expect(call).toThrow(RangeError);
    expect(call).toThrow(message);
  });
});
