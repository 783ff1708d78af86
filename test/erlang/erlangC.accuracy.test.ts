/**
 * Accuracy of the O(1) Erlang B/C kernels (Loader's Poisson term + Temme/series/CF incomplete gamma)
 * against two independent references:
 *  - the Erlang B recursion B(n) = A·B(n−1)/(n + A·B(n−1)) in doubles (forward-stable, exact to ~1e-15
 *    at 20,000 agents: checked against the 50-digit reference below),
 *  - the same recursion in 50-digit decimal arithmetic (mathjs BigNumber).
 * Theorem used: Erlang B(N, A) = D(N, A)/Q(N+1, A) (Poisson CDF identity P(Poisson(A) ≤ N) = Q(N+1, A)),
 * C = N·B/(N − A(1 − B)), SL(T) = 1 − C·e^{−(N−A)T/AHT}, ASA = C·AHT/(N − A).
 */
import seedrandom from 'seedrandom';
import { describe, expect, it } from 'vitest';
import { erlangB, erlangC, erlangCFigures, erlangCServiceLevel } from '../../engine/erlang/index.js';
import { erlangCBig } from '../reference/erlangBig.js';
import { erlangCRecursion, erlangBRecursion } from '../reference/erlangRecursion.js';
import { WorstError } from '../support/expectClose.js';


/** load ρ = A/N: a third uniform on (0.01, 0.9999), a third 1 − 10^{−U(0.5, 4)} (near capacity), a third in the staffing range. */
function drawRho(rng: () => number): number {
  const m = rng();
  if (m < 1 / 3) return 0.01 + rng() * 0.9899;
  if (m < 2 / 3) return 1 - Math.pow(10, -0.5 - 3.5 * rng());
  return 0.6 + 0.39 * rng();
}

describe('Erlang B/C against the Erlang B recursion (reference of record)', () => {
  it('30,000 random cases, 1–20,000 agents, loads up to 0.9999·N: P(wait) and B within 1e-12, SL within 1e-14 relative', () => {
    const rng = seedrandom('erlang-c-dense-1');
    const worst = new WorstError('dense 1–20k');
    let compared = 0;
    for (let i = 0; i < 30_000; i++) {
      const n = Math.max(1, Math.round(Math.exp(rng() * Math.log(20_000))));
      const A = n * drawRho(rng);
      const aht = 30 + rng() * 570;
      const T = rng() * 60;
      const ref = erlangCRecursion(n, A, aht, T);
      const at = { N: n, A, AHT: aht, T };
      if (ref.pWait < 1e-300) {
        // the reference underflows: the kernel must give a finite P(wait) of about 0 and SL 1
        expect(erlangC(n, A), `P(wait) at N=${n} A=${A}`).toBeLessThan(1e-290);
        expect(erlangCServiceLevel(n, A, aht, T), `SL at N=${n} A=${A}`).toBe(1);
        continue;
      }
      compared++;
      worst.add('pWait', erlangC(n, A), ref.pWait, at);
      worst.add('sl', erlangCServiceLevel(n, A, aht, T), ref.serviceLevel, at);
      worst.add('b', erlangB(n, A), erlangBRecursion(n, A).b, at);
    }
    worst.log();
    expect(compared).toBeGreaterThan(25_000);
    // measured: P(wait) and B 3.8e-13, SL 1.4e-15
    worst.expectWithin({ pWait: 1e-12, sl: 1e-14, b: 1e-12 });
  });

  it('staffing range densely (N 10–2,000, load 0.70–0.99·N, T 0–60 s): P(wait) within 1e-13, SL 1e-14', () => {
    const rng = seedrandom('erlang-c-dense-2');
    const worst = new WorstError('staffing range');
    for (let i = 0; i < 20_000; i++) {
      const n = 10 + Math.floor(rng() * 1991);
      const A = n * (0.7 + 0.29 * rng());
      const T = rng() * 60;
      const ref = erlangCRecursion(n, A, 180, T);
      worst.add('pWait', erlangC(n, A), ref.pWait, { N: n, A, T });
      worst.add('sl', erlangCServiceLevel(n, A, 180, T), ref.serviceLevel, { N: n, A, T });
    }
    // measured: P(wait) 4.7e-14, SL 6e-16
    worst.log().expectWithin({ pWait: 1e-13, sl: 1e-14 });
  });

  it('every integer N from 1 to 3,000 at loads 0.5, 0.9, 0.99, 0.9999 (no bad spot in N): P(wait) within 1e-13, SL 1e-14', () => {
    const worst = new WorstError('every N ≤ 3000');
    for (let n = 1; n <= 3000; n++) {
      // one recursion pass per load: B and u for all n at once would be cheaper, but keep the reference plain
      for (const rho of [0.5, 0.9, 0.99, 0.9999]) {
        if (n > 300 && rho === 0.5) continue; // P(wait) < 1e-40 there; covered by the random cases
        const A = n * rho;
        const ref = erlangCRecursion(n, A, 180, 20);
        worst.add('pWait', erlangC(n, A), ref.pWait, { N: n, A });
        worst.add('sl', erlangCServiceLevel(n, A, 180, 20), ref.serviceLevel, { N: n, A });
      }
    }
    // measured: P(wait) 4.6e-14, SL 7.5e-16
    worst.log().expectWithin({ pWait: 1e-13, sl: 1e-14 });
  });

  it('a dense sweep of the load at N = 500 and N = 12,345 (Temme region seams at |A − N| = 0.4N): P(wait) within 1e-12, SL 1e-14', () => {
    const worst = new WorstError('load sweeps');
    for (const n of [500, 12_345]) {
      for (let i = 1; i <= 2000; i++) {
        const A = (n * i) / 2001;
        const ref = erlangCRecursion(n, A, 180, 20);
        if (ref.pWait < 1e-300) {
          expect(erlangC(n, A), `P(wait) at N=${n} A=${A}`).toBeLessThan(1e-290);
          continue;
        }
        worst.add('pWait', erlangC(n, A), ref.pWait, { N: n, A });
        worst.add('sl', erlangCServiceLevel(n, A, 180, 20), ref.serviceLevel, { N: n, A });
      }
    }
    // measured: P(wait) 3.2e-13, SL 3.8e-16
    worst.log().expectWithin({ pWait: 1e-12, sl: 1e-14 });
  });

  it('sparse check 20,000–100,000 agents: P(wait) within 5e-13, SL within 1e-14 relative', () => {
    const rng = seedrandom('erlang-c-sparse');
    const worst = new WorstError('sparse 20k–100k');
    for (let i = 0; i < 150; i++) {
      const n = 20_000 + Math.floor(rng() * 80_001);
      const A = n * (1 - Math.pow(10, -1 - 3 * rng()));
      const ref = erlangCRecursion(n, A, 180, 20);
      worst.add('pWait', erlangC(n, A), ref.pWait, { N: n, A });
      worst.add('sl', erlangCServiceLevel(n, A, 180, 20), ref.serviceLevel, { N: n, A });
    }
    // measured: P(wait) 6.7e-14, SL 3.6e-16
    worst.log().expectWithin({ pWait: 5e-13, sl: 1e-14 });
  });

  it('underflow region: when the reference P(wait) underflows, the kernel returns 0 and SL 1', () => {
    expect(erlangC(20_000, 5_000)).toBe(0);
    expect(erlangCServiceLevel(20_000, 5_000, 180, 20)).toBe(1);
    expect(erlangB(20_000, 5_000)).toBe(0);
  });

  it('where (N − A)·(1/B − 1) overflows but 1/B − 1 does not, SL is 1 (once NaN from ∞/∞)', () => {
    // found by the NaN-proof underflow branch above: N=2586, A=1119.83 (u ≈ 1e306, (N − A)·u = ∞);
    // C itself, N/((N − A)·u) ≈ 1.6e-306, is still a double (it was returned as 0, below B)
    const c = erlangC(2586, 1119.8339815240904);
    const ref = erlangCBig(2586, 1119.8339815240904, 180, 20).pWait;
    expect(ref).toBeGreaterThan(1e-307);
    expect(Math.abs(c - ref) / ref).toBeLessThanOrEqual(1e-12);
    expect(erlangCServiceLevel(2586, 1119.8339815240904, 180, 20)).toBe(1);
    expect(erlangCFigures(2586, 1119.8339815240904, 180, 20).serviceLevel).toBe(1);
  });
});

describe('Erlang B/C against 50-digit arithmetic (mathjs BigNumber)', () => {
  const cases: Array<[number, number]> = [
    [1, 0.5], [2, 1.9], [10, 8], [10, 9.999], [14, 10], [21, 20.5], [40, 39.99], [41, 30], [57, 50],
    [100, 95], [100, 99.99], [250, 240], [500, 499.95], [999, 950], [1000, 999.9], [2000, 1900],
    [2000, 1999.8], [3000, 2700], [5000, 4999.5], [7000, 6650],
  ];
  it.each(cases)('N=%d, A=%d: P(wait), SL(20 s), ASA and B within 1e-13 relative', (n, A) => {
    const big = erlangCBig(n, A, 180, 20);
    const f = erlangCFigures(n, A, 180, 20);
    const worst = new WorstError(`N=${n} A=${A} vs 50 digits`);
    worst.add('pWait', f.pWait, big.pWait, { N: n, A });
    worst.add('sl', f.serviceLevel, big.serviceLevel, { N: n, A });
    worst.add('asa', f.asa, big.asa, { N: n, A });
    worst.add('b', erlangB(n, A), big.b, { N: n, A });
    worst.expectWithin(1e-13);
  });
});
