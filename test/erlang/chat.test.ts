/**
 * The chat kernel (engine/erlang/chat.ts) against theory:
 * - slowdown 0: N agents × c sessions are c·N servers, so every figure is Erlang A's (Erlang C's
 *   without patience) with c·N servers — to rounding; and the mean sessions in service obey
 *   Little's law: λ·answerRate·AHT (an identity the head sums do not use);
 * - concurrency 1: one session per agent, the slowdown never applies: Erlang A with N servers;
 * - one agent: the balanced spread is exact, so the figures equal an independent truncated
 *   birth–death chain of limited processor sharing (Luo & Zhang, Operations Research 61(2), 2013):
 *   P(wait) = P(n ≥ c) (PASTA), P(abandon) = θ·E[queue]/λ, mean wait = E[queue]/λ (Little);
 * - many agents with slowdown (the approximation): against the simulator, within the error the
 *   module documents.
 */
import { describe, expect, it } from 'vitest';
import { chatInto, CHAT_BUSY_AGENTS, CHAT_SESSIONS, CHAT_SLOTS, INTO_ABANDON, INTO_ANSWER_RATE, INTO_ASA, INTO_MEAN_WAIT, INTO_SERVICE_LEVEL, INTO_WAIT } from '../../engine/erlang/chat.js';
import { erlangAFigures, erlangCFigures } from '../../engine/erlang/index.js';
import { runReplications } from '../../engine/des/index.js';
import { expectWithinSE, oneAgentLaw, stationaryChat } from '../des/models.js';

const out = new Float64Array(CHAT_SLOTS);
const rel = (a: number, b: number) => Math.abs(a - b) / Math.max(1e-300, Math.abs(b));

describe('slowdown 0: Erlang A with c·N servers', () => {
  for (const [agents, c, erlangsPerSlot, patience] of [[20, 3, 0.95, 180], [10, 4, 1.15, 120], [1, 4, 0.7, 60], [300, 2, 0.98, 200]] as const) {
    it(`${agents} agents × ${c} sessions at ${erlangsPerSlot * 100}% of the slots, patience ${patience} s`, () => {
      const aht = 400, T = 30;
      const erlangs = erlangsPerSlot * agents * c;
      chatInto(out, 0, agents, c, 0, erlangs / aht, aht, patience, T);
      const e = erlangAFigures(agents * c, erlangs, aht, patience, T);
      const pairs: [number, number][] = [
        [out[INTO_ANSWER_RATE]!, e.answerRate], [out[INTO_ABANDON]!, e.pAbandon], [out[INTO_SERVICE_LEVEL]!, e.serviceLevel],
        [out[INTO_ASA]!, e.asa], [out[INTO_MEAN_WAIT]!, e.meanWait], [out[INTO_WAIT]!, e.pWait],
      ];
      for (const [x, y] of pairs) expect(!(rel(x, y) <= 1e-12) ? `${x} vs ${y}` : 'ok').toBe('ok');
      // Little: sessions in service = λ · answered share · AHT
      expect(rel(out[CHAT_SESSIONS]!, erlangs * e.answerRate)).toBeLessThan(1e-9);
      expect(out[CHAT_BUSY_AGENTS]!).toBeLessThanOrEqual(agents);
    });
  }

  it('without patience: Erlang C with c·N servers, sessions = the load', () => {
    chatInto(out, 0, 8, 3, 0, 20 / 300, 300, undefined, 20);
    const e = erlangCFigures(24, 20, 300, 20);
    for (const [x, y] of [[out[INTO_SERVICE_LEVEL]!, e.serviceLevel], [out[INTO_ASA]!, e.asa], [out[INTO_WAIT]!, e.pWait]] as const) expect(rel(x, y)).toBeLessThan(1e-12);
    expect(out[INTO_ANSWER_RATE]).toBe(1);
    expect(rel(out[CHAT_SESSIONS]!, 20)).toBeLessThan(1e-9);
    // overload: every slot taken, infinite waits (Erlang C's convention)
    chatInto(out, 0, 8, 3, 0, 25 / 300, 300, undefined, 20);
    expect([out[INTO_SERVICE_LEVEL], out[INTO_ASA], out[CHAT_SESSIONS]]).toEqual([0, Infinity, 24]);
  });
});

describe('concurrency 1: the slowdown never applies (Erlang A with N servers)', () => {
  it('slowdown 0.7, 25 agents at 92%', () => {
    chatInto(out, 0, 25, 1, 0.7, 23 / 300, 300, 150, 20);
    const e = erlangAFigures(25, 23, 300, 150, 20);
    expect(rel(out[INTO_ANSWER_RATE]!, e.answerRate)).toBeLessThan(1e-12);
    expect(rel(out[INTO_SERVICE_LEVEL]!, e.serviceLevel)).toBeLessThan(1e-12);
    expect(rel(out[INTO_ASA]!, e.asa)).toBeLessThan(1e-12);
  });
});

describe('one agent with slowdown: the birth–death chain of limited processor sharing, exactly', () => {
  for (const [c, s, load] of [[3, 0.3, 1.5], [2, 1, 0.8], [4, 0.2, 2.2]] as const) {
    it(`c = ${c}, slowdown ${s}, λ = ${load}/AHT`, () => {
      const aht = 300, patience = 200;
      chatInto(out, 0, 1, c, s, load / aht, aht, patience, 30);
      const law = oneAgentLaw(load / aht, aht, patience, c, s);
      expect(rel(out[INTO_WAIT]!, law.wait)).toBeLessThan(1e-9);
      expect(rel(out[INTO_ABANDON]!, law.pAbandon)).toBeLessThan(1e-9);
      expect(rel(out[INTO_MEAN_WAIT]!, law.meanWait)).toBeLessThan(1e-9);
      expect(rel(out[CHAT_SESSIONS]!, law.sessions)).toBeLessThan(1e-9);
    });
  }
});

describe('many agents with slowdown: the even-spread approximation against the simulator', () => {
  it('20 agents × 3 sessions, slowdown 0.2, at 90% of the full-concurrency capacity: answer rate within 1 point, sessions within 3%', () => {
    const agents = 20, c = 3, s = 0.2, aht = 300, patience = 180;
    const fullAht = aht * (1 + s * (c - 1));
    const erlangs = 0.9 * agents * c * (aht / fullAht); // in units of the unslowed work: λ·AHT
    chatInto(out, 0, agents, c, s, erlangs / aht, aht, patience, 30);
    const model = stationaryChat(agents, c, erlangs, aht, patience, s);
    const r = runReplications(model, { seed: 'chat-kernel', replications: 8, maxArrivals: 150_000, warmupSeconds: 'auto' });
    const answer = r.runs.map((x) => x.total.answerRate);
    const mean = answer.reduce((a, v) => a + v, 0) / answer.length;
    // measured: the kernel reads ~0.2 points high (the even spread serves a little faster than the simulator's)
    expect(Math.abs(out[INTO_ANSWER_RATE]! - mean)).toBeLessThan(0.01);
    const sessions = r.runs.map((x) => x.tallies.byGroup[0]!.contactSeconds / x.tallies.byGroup[0]!.durationSeconds);
    expectWithinSE('sessions in progress', sessions, out[CHAT_SESSIONS]!, 4, 0.03 * out[CHAT_SESSIONS]!);
  });
});
