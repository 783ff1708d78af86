/**
 * Erlang C where P(wait) is near the bottom of the double range: C = N/(N + (N − A)·u) with
 * u = 1/B − 1 gave 0 once the product (N − A)·u overflowed while u itself did not (B down to
 * ~1e-306, C a few times that), so C fell below B. Found by an adversarial sweep of the kernels
 * (agents 0–1e6, loads 1e-9–50·N). Reference: the Erlang B recursion at 50 digits
 * (test/reference/erlangBig.ts), C = N·B/(N − A(1 − B)).
 */
import { describe, expect, it } from 'vitest';
import { erlangB, erlangC, erlangCFigures } from '../../engine/erlang/index.js';
import { chatInto, CHAT_SLOTS, INTO_ASA, INTO_WAIT } from '../../engine/erlang/chat.js';
import { erlangCBig } from '../reference/erlangBig.js';
import { WorstError } from '../support/expectClose.js';

describe('Erlang C at the bottom of the double range', () => {
  // [N, A]: B(N, A) ≈ 3e-307..5e-307 (found by bisection on A), so (N − A)·u = (N − A)(1/B − 1) overflows
  const cases: [number, number][] = [
    [41, 5.391941008085746e-7],
    [51, 0.0000187573412462409],
    [500, 50],
    [2000, 756.3931061327897],
    [20000, 15164.743830179234],
  ];

  it('P(wait) and ASA within 1e-12 of the 50-digit recursion, C ≥ B, and the chat kernel (slowdown 0, one session) agrees', () => {
    const worst = new WorstError('Erlang C near underflow vs 50-digit recursion');
    const out = new Float64Array(CHAT_SLOTS);
    for (const [n, A] of cases) {
      const ref = erlangCBig(n, A, 180, 20);
      const at = { N: n, A };
      const c = erlangC(n, A);
      worst.add('pWait', c, ref.pWait, at);
      worst.add('asa', erlangCFigures(n, A, 180, 20).asa, ref.asa, at);
      // Erlang C waits at least as often as Erlang B blocks (C = B/(1 − ρ(1 − B)) ≥ B)
      expect(c, `C ≥ B at N=${n} A=${A}`).toBeGreaterThanOrEqual(erlangB(n, A));
      // the chat kernel without slowdown and with one session per agent is Erlang C on N agents
      chatInto(out, 0, n, 1, 0, A / 180, 180, undefined, 20);
      worst.add('chatWait', out[INTO_WAIT]!, ref.pWait, at);
      worst.add('chatAsa', out[INTO_ASA]!, ref.asa, at);
    }
    // measured: 4.2e-13 (N = 20,000, as the module's documented accuracy); before the fix C = 0 at N ≥ 500
    worst.log().expectWithin(1e-12);
  });
});
