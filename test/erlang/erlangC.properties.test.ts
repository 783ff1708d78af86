/**
 * Erlang B/C identities, published values, monotonicity, overload limits and input validation.
 */
import { describe, expect, it } from 'vitest';
import {
  erlangAAbandon,
  erlangAFigures,
  erlangAServiceLevel,
  erlangB,
  erlangC,
  erlangCFigures,
  erlangCServiceLevel,
} from '../../engine/erlang/index.js';

describe('closed forms', () => {
  it('Erlang C with 1 agent is ρ (M/M/1), Erlang B with 1 agent is A/(1 + A)', () => {
    for (const rho of [0.01, 0.3, 0.5, 0.9, 0.999999]) {
      expect(erlangC(1, rho)).toBeCloseTo(rho, 15);
      expect(erlangB(1, rho)).toBeCloseTo(rho / (1 + rho), 15);
    }
  });

  it('M/M/2: C(2, A) = A²/(2 + A); M/M/1 SL(T) = 1 − ρ·e^{−(1−ρ)T/AHT}', () => {
    for (const A of [0.1, 1, 1.5, 1.99]) expect(erlangC(2, A)).toBeCloseTo((A * A) / (2 + A), 15);
    expect(erlangCServiceLevel(1, 0.75, 120, 30)).toBeCloseTo(1 - 0.75 * Math.exp(-0.25 * 30 / 120), 15);
  });

  it('large-N identity: C = N·B/(N − A(1 − B)) holds between the exported B and C at 10,000 agents', () => {
    const n = 10_000;
    const A = 9_900;
    const b = erlangB(n, A);
    expect(Math.abs(erlangC(n, A) - (n * b) / (n - A * (1 - b))) / erlangC(n, A)).toBeLessThan(1e-14);
  });
});

describe('published worked examples', () => {
  // pyworkforce README (rodrigo-arenas/pyworkforce), "Queue systems" example:
  // ErlangC(transactions=100, asa=20/60, aht=3, interval=30, shrinkage=0.3)
  //   .required_positions(service_level=0.8, max_occupancy=0.85)
  // prints raw_positions 14, positions 20, service_level 0.8883500191794669,
  // occupancy 0.7142857142857143, waiting_probability 0.1741319335950498; its MultiErlangC page
  // prints 13 agents → SL 0.795…, 15 agents → 0.941… for the same queue. In our units: 100 calls
  // per 1,800 s × 180 s = 10 erlangs, target 20 s. At 14 agents the recursion pyworkforce uses is
  // exact to a few ulps, so the printed 16 digits are a reference to ~1e-14.
  it('100 calls / 30 min, AHT 180 s, 14 agents: SL 0.88835001917947, P(wait) 0.17413193359505, occupancy 5/7', () => {
    const f = erlangCFigures(14, 10, 180, 20);
    expect(Math.abs(f.serviceLevel - 0.8883500191794669) / 0.8883500191794669).toBeLessThan(1e-14);
    expect(Math.abs(f.pWait - 0.1741319335950498) / 0.1741319335950498).toBeLessThan(1e-14);
    expect(f.occupancy).toBeCloseTo(0.7142857142857143, 15);
    // the MultiErlangC page prints three digits then "…" (truncated)
    expect(Math.floor(erlangCServiceLevel(13, 10, 180, 20) * 1000)).toBe(795);
    expect(Math.floor(erlangCServiceLevel(15, 10, 180, 20) * 1000)).toBe(941);
  });
});

describe('monotonicity (theorems about M/M/N)', () => {
  it('more agents never lower SL nor raise P(wait); a longer target never lowers SL', () => {
    for (const A of [0.5, 7.3, 95, 870.2, 4321]) {
      let prevSL = -1;
      let prevC = 2;
      for (let n = Math.floor(A) + 1; n <= Math.floor(A) + 1 + 4 * Math.ceil(Math.sqrt(A)) + 10; n++) {
        const sl = erlangCServiceLevel(n, A, 180, 20);
        const c = erlangC(n, A);
        expect(sl).toBeGreaterThanOrEqual(prevSL);
        expect(c).toBeLessThanOrEqual(prevC);
        prevSL = sl;
        prevC = c;
        let prevT = -1;
        for (const T of [0, 1, 10, 20, 60, 600]) {
          const s = erlangCServiceLevel(n, A, 180, T);
          expect(s).toBeGreaterThanOrEqual(prevT);
          prevT = s;
        }
      }
    }
  });

  it('Erlang B decreases in N and increases in A', () => {
    for (let n = 1; n < 300; n++) expect(erlangB(n + 1, 250)).toBeLessThan(erlangB(n, 250));
    for (let A = 10; A < 400; A += 7.5) expect(erlangB(200, A + 7.5)).toBeGreaterThan(erlangB(200, A));
  });
});

describe('edge cases and overload', () => {
  it('zero load: P(wait) 0, SL 1, ASA 0; zero agents with load: P(wait) 1, SL 0', () => {
    expect(erlangCFigures(0, 0, 180, 20)).toMatchObject({ pWait: 0, serviceLevel: 1, asa: 0, occupancy: 0 });
    expect(erlangCFigures(5, 0, 180, 20)).toMatchObject({ pWait: 0, serviceLevel: 1, asa: 0, occupancy: 0 });
    expect(erlangCFigures(0, 3, 180, 20)).toMatchObject({ pWait: 1, serviceLevel: 0, asa: Infinity, occupancy: 1 });
    expect(erlangB(0, 3)).toBe(1);
  });

  it('Erlang C in overload (A ≥ N) returns the honest limits, never NaN or negative', () => {
    for (const [n, A] of [[10, 10], [10, 10.5], [1000, 5000], [1, 1e6]] as const) {
      const f = erlangCFigures(n, A, 180, 20);
      expect(f).toMatchObject({ pWait: 1, serviceLevel: 0, slAnswered: 0, asa: Infinity, meanWait: Infinity, occupancy: 1, answerRate: 1, pAbandon: 0 });
    }
    // just below capacity everything is still finite and in range
    const f = erlangCFigures(10_000, 9_999.999999, 180, 20);
    expect(f.pWait).toBeGreaterThan(0.99);
    expect(f.serviceLevel).toBeGreaterThan(0);
    expect(Number.isFinite(f.asa)).toBe(true);
  });

  it('huge N and tiny loads do not overflow', () => {
    expect(erlangC(100_000, 1)).toBe(0);
    expect(erlangCServiceLevel(100_000, 99_000, 180, 20)).toBe(1);
    expect(erlangB(100_000, 1e-9)).toBe(0);
    expect(erlangB(50, 1e9)).toBeCloseTo(1, 6);
    expect(erlangAServiceLevel(100_000, 1, 180, 120, 20)).toBe(1);
  });
});

describe('input validation: RangeError naming the argument, its value and the allowed range', () => {
  const bad: Array<[string, () => unknown, RegExp]> = [
    ['fractional agents', () => erlangC(2.5, 1), /erlangC: agents must be a non-negative integer, got 2\.5/],
    ['negative agents', () => erlangB(-1, 1), /erlangB: agents must be a non-negative integer, got -1/],
    ['NaN agents', () => erlangCServiceLevel(NaN, 1, 180, 20), /^erlangCServiceLevel: agents must be a non-negative integer, got NaN/],
    ['negative load', () => erlangC(3, -0.1), /erlangC: erlangs must be a finite number >= 0, got -0\.1/],
    ['NaN load', () => erlangB(3, NaN), /^erlangB: erlangs must be a finite number >= 0, got NaN/],
    ['infinite load', () => erlangCFigures(3, Infinity, 180, 20), /^erlangCFigures: erlangs must be a finite number >= 0, got Infinity/],
    ['zero AHT', () => erlangCServiceLevel(3, 1, 0, 20), /^erlangCServiceLevel: ahtSeconds must be a finite number > 0, got 0/],
    ['negative target', () => erlangCFigures(3, 1, 180, -1), /^erlangCFigures: targetSeconds must be a finite number >= 0, got -1/],
    ['infinite AHT', () => erlangCServiceLevel(3, 1, Infinity, 20), /^erlangCServiceLevel: ahtSeconds must be a finite number > 0, got Infinity/],
    ['infinite target', () => erlangCFigures(3, 1, 180, Infinity), /^erlangCFigures: targetSeconds must be a finite number >= 0, got Infinity/],
    ['infinite agents', () => erlangC(Infinity, 1), /^erlangC: agents must be a non-negative integer, got Infinity/],
    ['zero patience', () => erlangAAbandon(3, 1, 180, 0), /^erlangAAbandon: patienceSeconds must be a finite number > 0, got 0/],
    ['NaN patience', () => erlangAFigures(3, 1, 180, NaN, 20), /^erlangAFigures: patienceSeconds must be a finite number > 0, got NaN/],
    ['Erlang A fractional agents', () => erlangAServiceLevel(1.5, 1, 180, 60, 20), /erlangAServiceLevel: agents must be a non-negative integer, got 1\.5/],
  ];
  it.each(bad)('%s', (_name, call, message) => {
    expect(call).toThrow(RangeError);
    expect(call).toThrow(message);
  });
});
