/**
 * Erlang A's P(abandon) and answer rate at the edges of the valid inputs, against the independent
 * birth–death chain (test/reference/erlangAChain.ts: abandonment by flow balance θ·E[queue] = λ·P(abandon),
 * sums of positive terms, no incomplete gamma functions). Found by an adversarial sweep of the kernel
 * (agents 1–1e5, loads 1e-9–50·N, AHT 1 s–1 day, patience 1e-3–1e9 s).
 *
 * Two ways P(abandon | wait)·x = E_t[k] (module comment of engine/erlang/erlangA.ts) went wrong below x = a:
 *  - tiny a (patience of milliseconds against handle times of hours): x − a + a/J cancels terms of
 *    size a to leave ≈ x/(a + 1), a loss ε·a(a + 1)/x that the old criterion (a − x)² ≤ 100x missed
 *    (up to 2e-7 relative here, and P(abandon) above P(wait));
 *  - x just below a at very large a (patience of years near critical load): the positive series needs
 *    ~51·a/(a − x) terms and was cut at the special functions' 100,000 (2.5e-8 relative here, and
 *    tens of percent at a ~ 1e12), while the answer rate came from the same short series.
 */
import { describe, expect, it } from 'vitest';
import { erlangAAbandon, erlangAFigures, mmngFigures, patienceCurve, solveAgents } from '../../engine/erlang/index.js';
import { erlangAChain } from '../reference/erlangAChain.js';
import { absError, WorstError } from '../support/expectClose.js';

describe('Erlang A P(abandon) and answer rate at extreme inputs, against the birth–death chain', () => {
  // [N, A, AHT s, patience s]; T = 0 (the chain's SL by uniformisation is not needed here)
  const tinyA: [number, number, number, number][] = [
    [1, 1e-9, 86_400, 1e-3], // a = 1.2e-8, x = 1.2e-17: the old form lost 5.9e-8
    [1, 2e-10, 86_400, 1e-3], // 2.3e-7
    [2, 2e-9, 86_400, 1e-3],
    [3, 3e-9, 86_400, 1e-3], // P(abandon) came out above P(wait)
  ];
  const nearCriticalLargeA: [number, number, number, number][] = [
    [10_000, 9_998, 100, 1e8], // a = 1e10, a/(a − x) = 5,000: the series needs ~2.5e5 terms (2.5e-8 off)
    [1_000, 999.8, 100, 1e9], // the same a from 1,000 agents and patience of 30 years
  ];

  it.each([
    ['tiny a = N·patience/AHT', tinyA],
    ['x just below a at a = 1e10', nearCriticalLargeA],
  ] as const)('%s: P(abandon) within 1e-12 relative, P(abandon) ≤ P(wait), answer rate = 1 − P(abandon)', (_name, cases) => {
    const worst = new WorstError('Erlang A P(abandon) vs chain');
    const sums = new WorstError('answer rate + P(abandon) − 1, and vs the chain', absError);
    for (const [n, A, aht, patience] of cases) {
      const ref = erlangAChain(n, A, aht, patience, 0);
      const f = erlangAFigures(n, A, aht, patience, 0);
      const at = { N: n, A, AHT: aht, patience };
      worst.add('pAbandon', f.pAbandon, ref.pAbandon, at);
      worst.add('erlangAAbandon', erlangAAbandon(n, A, aht, patience), ref.pAbandon, at);
      worst.add('pWait', f.pWait, ref.pWait, at);
      expect(f.pAbandon, `P(abandon) ≤ P(wait) at N=${n} A=${A}`).toBeLessThanOrEqual(f.pWait);
      // every arrival is answered or abandons (conservation), on both sides
      sums.add('conservation', f.answerRate + f.pAbandon, 1, at);
      sums.add('answerRate', f.answerRate, 1 - ref.pAbandon, at);
    }
    // measured after the fix: P(abandon) 2.8e-13 (a = 1e10), 1.9e-16 (tiny a); before it 2.5e-8 and 2.3e-7
    worst.log().expectWithin({ pAbandon: 1e-12, erlangAAbandon: 1e-12, pWait: 1e-12 });
    // before the fix the answer rate missed 1 − P(abandon) by 2.4e-13 at a = 1e10
    sums.log().expectWithin({ conservation: 2.3e-16, answerRate: 2.3e-16 });
  });

  it('ASA just below critical load at a ≥ 4e8 (the slope series cut at 100,000 terms): against the chain and M/M/N+G, and staffing to an ASA target', () => {
    const worst = new WorstError('Erlang A ASA vs chain');
    for (const [n, A, aht, patience] of nearCriticalLargeA) {
      worst.add('asa', erlangAFigures(n, A, aht, patience, 0).asa, erlangAChain(n, A, aht, patience, 0).asa, { N: n, A, AHT: aht, patience });
    }
    // measured: 7.7e-13; before the fix 2.4e-8 at a = 1e10
    worst.log().expectWithin({ asa: 1e-11 });
    // a = 1.5e12 at 37,319 agents: the series gave 13.75 s; M/M/N+G with exponential patience (an
    // independent path: quadrature of w, no incomplete gamma function) gives 23.12 s
    const [n, A, aht, patience] = [37_319, 37_318.40751174823, 13.824906417112791, 556_858_416.5051036];
    const general = mmngFigures(n, A, aht, patienceCurve({ kind: 'exponential', mean: patience }), 0).asa;
    expect(Math.abs(erlangAFigures(n, A, aht, patience, 0).asa / general - 1)).toBeLessThan(1e-9);
    // an ASA target of 20 s needs one more agent than 37,319 (ASA 23.1 s there), as M/M/N+G's search says
    const req = { erlangs: A, ahtSeconds: aht, targetSeconds: 20, asaTarget: 20 };
    const a = solveAgents({ ...req, model: 'erlang-a', patienceSeconds: patience }).requiredAgents;
    const g = solveAgents({ ...req, model: 'mmng', patience: { kind: 'exponential', mean: patience } }).requiredAgents;
    expect([a, g]).toEqual([37_320, 37_320]);
  });
});

