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

const rel = (x: number, ref: number) => Math.abs(x - ref) / Math.abs(ref);

/** load ρ = A/N: a third uniform on (0.01, 0.9999), a third 1 − 10^{−U(0.5, 4)} (near capacity), a third in the staffing range. */
function drawRho(rng: () => number): number {
  const m = rng();
  if (m < 1 / 3) return 0.01 + rng() * 0.9899;
  if (m < 2 / 3) return 1 - Math.pow(10, -0.5 - 3.5 * rng());
  return 0.6 + 0.39 * rng();
}

describe('Erlang B/C against the Erlang B recursion (reference of record)', () => {
  it('30,000 random cases, 1–20,000 agents, loads up to 0.9999·N: P(wait), SL, B within 1e-12 relative', () => {
    const rng = seedrandom('erlang-c-dense-1');
    let worstC = 0;
    let worstSL = 0;
    let worstB = 0;
    let worstCase = '';
    let compared = 0;
    for (let i = 0; i < 30_000; i++) {
      const n = Math.max(1, Math.round(Math.exp(rng() * Math.log(20_000))));
      const A = n * drawRho(rng);
      const aht = 30 + rng() * 570;
      const T = rng() * 60;
      const ref = erlangCRecursion(n, A, aht, T);
      if (ref.pWait < 1e-300) continue; // both underflow; compared separately below
      compared++;
      const eC = rel(erlangC(n, A), ref.pWait);
      const eS = rel(erlangCServiceLevel(n, A, aht, T), ref.serviceLevel);
      const eB = rel(erlangB(n, A), erlangBRecursion(n, A).b);
      if (eC > worstC) {
        worstC = eC;
        worstCase = `N=${n} A=${A}`;
      }
      worstSL = Math.max(worstSL, eS);
      worstB = Math.max(worstB, eB);
    }
    console.log(`dense 1–20k: ${compared} cases, max rel err P(wait) ${worstC.toExponential(2)} (${worstCase}), SL ${worstSL.toExponential(2)}, B ${worstB.toExponential(2)}`);
    expect(compared).toBeGreaterThan(25_000);
    expect(worstC).toBeLessThan(1e-12);
    expect(worstSL).toBeLessThan(1e-12);
    expect(worstB).toBeLessThan(1e-12);
  });

  it('staffing range densely (N 10–2,000, load 0.70–0.99·N, T 0–60 s): P(wait) and SL within 1e-13', () => {
    const rng = seedrandom('erlang-c-dense-2');
    let worst = 0;
    for (let i = 0; i < 20_000; i++) {
      const n = 10 + Math.floor(rng() * 1991);
      const A = n * (0.7 + 0.29 * rng());
      const T = rng() * 60;
      const ref = erlangCRecursion(n, A, 180, T);
      worst = Math.max(worst, rel(erlangC(n, A), ref.pWait), rel(erlangCServiceLevel(n, A, 180, T), ref.serviceLevel));
    }
    console.log(`staffing range: max rel err ${worst.toExponential(2)}`);
    expect(worst).toBeLessThan(1e-13);
  });

  it('every integer N from 1 to 3,000 at loads 0.5, 0.9, 0.99, 0.9999 (no bad spot in N)', () => {
    let worst = 0;
    for (let n = 1; n <= 3000; n++) {
      // one recursion pass per load: B and u for all n at once would be cheaper, but keep the reference plain
      for (const rho of [0.5, 0.9, 0.99, 0.9999]) {
        if (n > 300 && rho === 0.5) continue; // P(wait) < 1e-40 there; covered by the random cases
        const A = n * rho;
        const ref = erlangCRecursion(n, A, 180, 20);
        worst = Math.max(worst, rel(erlangC(n, A), ref.pWait), rel(erlangCServiceLevel(n, A, 180, 20), ref.serviceLevel));
      }
    }
    console.log(`every N ≤ 3000: max rel err ${worst.toExponential(2)}`);
    expect(worst).toBeLessThan(1e-13);
  });

  it('a dense sweep of the load at N = 500 and N = 12,345 (Temme region seams at |A − N| = 0.4N)', () => {
    let worst = 0;
    for (const n of [500, 12_345]) {
      for (let i = 1; i <= 2000; i++) {
        const A = (n * i) / 2001;
        const ref = erlangCRecursion(n, A, 180, 20);
        if (ref.pWait < 1e-300) continue;
        worst = Math.max(worst, rel(erlangC(n, A), ref.pWait), rel(erlangCServiceLevel(n, A, 180, 20), ref.serviceLevel));
      }
    }
    console.log(`load sweeps: max rel err ${worst.toExponential(2)}`);
    expect(worst).toBeLessThan(1e-12);
  });

  it('sparse check 20,000–100,000 agents: within 1e-9 relative (sound), measured far better', () => {
    const rng = seedrandom('erlang-c-sparse');
    let worst = 0;
    for (let i = 0; i < 150; i++) {
      const n = 20_000 + Math.floor(rng() * 80_001);
      const A = n * (1 - Math.pow(10, -1 - 3 * rng()));
      const ref = erlangCRecursion(n, A, 180, 20);
      worst = Math.max(worst, rel(erlangC(n, A), ref.pWait), rel(erlangCServiceLevel(n, A, 180, 20), ref.serviceLevel));
    }
    console.log(`sparse 20k–100k: max rel err ${worst.toExponential(2)}`);
    expect(worst).toBeLessThan(1e-9);
  });

  it('underflow region: when the reference P(wait) underflows, the kernel returns 0 and SL 1', () => {
    expect(erlangC(20_000, 5_000)).toBe(0);
    expect(erlangCServiceLevel(20_000, 5_000, 180, 20)).toBe(1);
    expect(erlangB(20_000, 5_000)).toBe(0);
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
    expect(rel(f.pWait, big.pWait)).toBeLessThan(1e-13);
    expect(rel(f.serviceLevel, big.serviceLevel)).toBeLessThan(1e-13);
    expect(rel(f.asa, big.asa)).toBeLessThan(1e-13);
    expect(rel(erlangB(n, A), big.b)).toBeLessThan(1e-13);
  });
});
