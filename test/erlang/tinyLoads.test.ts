/**
 * Loads near the bottom of the double range (valid inputs: erlangs any finite number ≥ 0). Found by
 * an adversarial sweep of the kernels: Erlang A returned NaN for P(abandon), the answer rate and the
 * SL once 1/B − 1 overflowed (A ≲ N·1e-308: x = A·patience/AHT underflows to 0 or a/x overflows,
 * and the figures conditional on waiting became 0/0 or 0·∞ against P(wait) = 0); the chat kernel
 * returned NaN sessions and busy agents for λ·AHT ≲ 1e-20 (its head sums overflowed before they
 * were rescaled). Checked against theory (nobody waits: P(wait) ≤ P(all busy) ≤ A, Little's law
 * E[sessions] = λ·AHT at light load) and the chat chain (test/reference/chatChain.ts).
 */
import { describe, expect, it } from 'vitest';
import { erlangAFigures, erlangAServiceLevel, erlangAAbandon } from '../../engine/erlang/index.js';
import { chatInto, CHAT_BUSY_AGENTS, CHAT_SESSIONS, CHAT_SLOTS, INTO_ANSWER_RATE, INTO_SERVICE_LEVEL, INTO_WAIT } from '../../engine/erlang/chat.js';
import { chatChain } from '../reference/chatChain.js';
import { expectFinite, WorstError } from '../support/expectClose.js';

describe('Erlang A at loads of 1e-300 erlangs and below', () => {
  // [N, A, AHT s, patience s]
  const cases: [number, number, number, number][] = [
    [1, 5e-324, 300, 120], // every figure but P(wait) NaN before
    [1, 1e-320, 86_400, 1e-3],
    [1, 1e-310, 1, 1], // SL NaN before (a/x = ∞ times P(wait) = 0)
    [3, 1e-310, 300, 120],
    [1, 1e-300, 86_400, 1e-3], // still finite before: the same bounds hold
  ];
  it.each(cases)('N=%d, A=%d, AHT %d s, patience %d s: finite, P(wait) ≤ A, P(abandon) ≤ P(wait), SL and answer rate ≥ 1 − P(wait)', (n, A, aht, patience) => {
    const f = erlangAFigures(n, A, aht, patience, 20);
    const at = { N: n, A, AHT: aht, patience };
    expectFinite({ ...f }, at);
    // an arrival waits only when all N agents are busy: P(wait) ≤ P(N busy) ≤ P(n ≥ 1) ≤ λ·AHT = A (Markov)
    expect(f.pWait).toBeLessThanOrEqual(A);
    expect(f.pAbandon).toBeLessThanOrEqual(f.pWait);
    expect(f.serviceLevel).toBeGreaterThanOrEqual(1 - f.pWait);
    expect(f.answerRate).toBeGreaterThanOrEqual(1 - f.pWait);
    expect(f.answerRate + f.pAbandon).toBe(1);
    expect(f.meanWait).toBeLessThanOrEqual(f.pWait * patience);
    expect(erlangAServiceLevel(n, A, aht, patience, 20)).toBe(f.serviceLevel);
    expect(erlangAAbandon(n, A, aht, patience)).toBe(f.pAbandon);
  });
});

describe('chat kernel at loads of 1e-300 erlangs and below', () => {
  // [N, concurrency, slowdown, λ per s, patience s or none]; AHT 300 s
  const cases: [number, number, number, number, number | undefined][] = [
    [3, 2, 0.3, 1e-300, 120], // sessions and busy agents NaN before
    [3, 2, 0.3, 1e-300, undefined],
    [10, 5, 1, 1e-300, undefined],
    [3, 2, 0, 1e-310, 120],
    [3, 2, 0.3, 1e-25, 120], // λ·AHT = 3e-23: the sums overflowed here too
    [4, 3, 0.5, 5e-324, undefined], // λ·AHT subnormal
  ];
  it('finite figures; sessions and busy agents equal λ·AHT (Little, light load) and the chain', () => {
    const out = new Float64Array(CHAT_SLOTS);
    const worst = new WorstError('chat kernel at tiny loads vs chain');
    for (const [n, c, s, lambda, patience] of cases) {
      chatInto(out, 0, n, c, s, lambda, 300, patience, 20);
      const at = { N: n, c, s, lambda, patience: patience ?? 'none' };
      expectFinite({ sessions: out[CHAT_SESSIONS]!, busy: out[CHAT_BUSY_AGENTS]!, wait: out[INTO_WAIT]!, answer: out[INTO_ANSWER_RATE]!, sl: out[INTO_SERVICE_LEVEL]! }, at);
      // at light load a session runs alone at pace 1: E[sessions in service] = λ·AHT·(1 + O(λ·AHT))
      const offered = lambda * 300;
      expect(Math.abs(out[CHAT_SESSIONS]! - offered)).toBeLessThanOrEqual(1e-12 * offered + 1e-320);
      expect(Math.abs(out[CHAT_BUSY_AGENTS]! - offered)).toBeLessThanOrEqual(1e-12 * offered + 1e-320);
      if (offered > 1e-300) {
        const ref = chatChain(n, c, s, lambda, 300, patience);
        worst.add('sessions', out[CHAT_SESSIONS]!, ref.sessions, at);
        worst.add('busyAgents', out[CHAT_BUSY_AGENTS]!, ref.busyAgents, at);
      }
    }
    worst.log().expectWithin(1e-12);
  });
});
