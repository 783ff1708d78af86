/**
 * The chat kernel (engine/erlang/chat.ts) against theory:
 * - slowdown 0: N agents × c sessions are c·N servers, so every figure is Erlang A's (Erlang C's
 *   without patience) with c·N servers — to rounding; and the mean sessions in service obey
 *   Little's law: λ·answerRate·AHT (an identity the head sums do not use);
 * - concurrency 1: one session per agent, the slowdown never applies: Erlang A with N servers;
 * - one agent: the balanced spread is exact, so the figures equal an independent truncated
 *   birth–death chain of limited processor sharing (Luo & Zhang, Operations Research 61(2), 2013):
 *   P(wait) = P(n ≥ c) (PASTA), P(abandon) = θ·E[queue]/λ, mean wait = E[queue]/λ (Little);
 * - many agents with slowdown: the kernel computes its even-spread chain exactly — against an
 *   independent state-by-state chain (test/reference/chatChain.ts), figures packed at an offset
 *   into one buffer as the callers do; and the approximation itself against the simulator,
 *   within the error the module documents;
 * - no arrivals, no agents, and loads so light that the states below c·N outweigh c·N by more
 *   than the doubles' range: the limits of the definitions.
 */
import { describe, expect, it } from 'vitest';
import { chatInto, CHAT_BUSY_AGENTS, CHAT_SESSIONS, CHAT_SLOTS, INTO_ABANDON, INTO_ANSWER_RATE, INTO_ASA, INTO_MEAN_WAIT, INTO_SERVICE_LEVEL, INTO_WAIT } from '../../engine/erlang/chat.js';
import { erlangAFigures, erlangCFigures } from '../../engine/erlang/index.js';
import { runReplications } from '../../engine/des/index.js';
import { expectWithinSE, oneAgentLaw, stationaryChat } from '../des/models.js';
import { chatChain } from '../reference/chatChain.js';
import { WorstError } from '../support/expectClose.js';

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
    for (const [x, y] of [[out[INTO_SERVICE_LEVEL]!, e.serviceLevel], [out[INTO_ASA]!, e.asa], [out[INTO_MEAN_WAIT]!, e.meanWait], [out[INTO_WAIT]!, e.pWait]] as const) expect(rel(x, y)).toBeLessThan(1e-12);
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

describe('many agents with slowdown: the even-spread chain, exactly', () => {
  // [agents, concurrency, slowdown, λ·AHT, patience]: slowdown 1 (an agent's work rate stays 1
  // whatever it holds; pace(0) = 1/0 must not enter), slowdown > 1, without patience, P(wait) ~ 1e-155
  const cases = [[20, 3, 0.2, 50, 180], [7, 4, 1, 20, 100], [5, 3, 1, 4, undefined], [3, 2, 2.5, 1.5, 50], [12, 5, 0.4, 9, undefined], [40, 3, 0.3, 2, 100]] as const;
  it('P(wait), P(abandon), mean wait, sessions and busy agents equal the state-by-state chain, each queue at its offset in one buffer', () => {
    const aht = 300, T = 30;
    const packed = new Float64Array(cases.length * CHAT_SLOTS);
    cases.forEach(([n, c, s, a, patience], i) => chatInto(packed, i * CHAT_SLOTS, n, c, s, a / aht, aht, patience, T));
    const t = new WorstError('chat kernel vs the even-spread chain');
    cases.forEach(([n, c, s, a, patience], i) => {
      const r = chatChain(n, c, s, a / aht, aht, patience);
      const at = i * CHAT_SLOTS, inputs = { N: n, c, s, A: a, patience: patience ?? 'none' };
      t.add('pWait', packed[at + INTO_WAIT]!, r.pWait, inputs);
      t.add('pAbandon', packed[at + INTO_ABANDON]!, r.pAbandon, inputs);
      t.add('meanWait', packed[at + INTO_MEAN_WAIT]!, r.meanWait, inputs);
      t.add('sessions', packed[at + CHAT_SESSIONS]!, r.sessions, inputs);
      t.add('busyAgents', packed[at + CHAT_BUSY_AGENTS]!, r.busyAgents, inputs);
      // the answered share follows from P(abandon): every arrival is answered or abandons
      t.add('answerRate', packed[at + INTO_ANSWER_RATE]!, 1 - r.pAbandon, inputs);
    });
    // measured ≤ 4e-13 (the reference's log-space sums lose a little at P(wait) ~ 1e-155)
    t.log().expectWithin(1e-11);
  });
});

describe('limits: no arrivals, no agents, and loads far below the slots', () => {
  const aht = 300, T = 20;
  /** The figures written at offset CHAT_SLOTS of a NaN-filled buffer of three blocks, and whether the other blocks stayed untouched. */
  const atOffset = (...args: [number, number, number, number, number | undefined]): { figures: number[]; untouched: boolean } => {
    const buf = new Float64Array(3 * CHAT_SLOTS).fill(NaN);
    const [agents, c, s, lambda, patience] = args;
    chatInto(buf, CHAT_SLOTS, agents, c, s, lambda, aht, patience, T);
    const others = [...buf.subarray(0, CHAT_SLOTS), ...buf.subarray(2 * CHAT_SLOTS)];
    return { figures: [...buf.subarray(CHAT_SLOTS, 2 * CHAT_SLOTS)], untouched: others.every(Number.isNaN) };
  };
  it('no arrivals: nobody waits, everything answered at once, nothing in service (with agents or without)', () => {
    for (const agents of [5, 0]) {
      for (const patience of [120, undefined]) expect(atOffset(agents, 3, 0.2, 0, patience)).toEqual({ figures: [1, 0, 1, 0, 0, 0, 0, 0], untouched: true });
    }
  });
  it('no agents: with patience every arrival waits its whole patience and abandons; without, Erlang C overload (waits +∞)', () => {
    // answer rate 0, P(abandon) 1, SL 0, ASA 0 (no answered call), mean wait = mean patience, P(wait) 1
    expect(atOffset(0, 3, 0.2, 0.1, 120)).toEqual({ figures: [0, 1, 0, 0, 120, 1, 0, 0], untouched: true });
    expect(atOffset(0, 3, 0.2, 0.1, undefined)).toEqual({ figures: [1, 0, 0, Infinity, Infinity, 1, 0, 0], untouched: true });
  });
  it('overload without patience (λ·AHT′ ≥ c·N): Erlang C convention, every slot and agent busy', () => {
    // 4 agents × 3 sessions at slowdown 0.5: AHT′ = 2·AHT, so λ·AHT = 6 fills the 12 slots exactly
    expect(atOffset(4, 3, 0.5, 6 / aht, undefined)).toEqual({ figures: [1, 0, 0, Infinity, Infinity, 1, 12, 4], untouched: true });
  });
  it('states below c·N outweighing c·N beyond the doubles (100 × 3 sessions at 1 erlang): P(wait) < 1e-280, sessions and busy agents finite and exact', () => {
    for (const [s, patience] of [[0.3, 100], [0.3, undefined], [0, 100]] as const) {
      chatInto(out, 0, 100, 3, s, 1 / aht, aht, patience, T);
      const r = chatChain(100, 3, s, 1 / aht, aht, patience);
      expect(r.pWait).toBeLessThan(1e-280);
      expect(out[INTO_WAIT]! <= 1e-280 ? 'ok' : `P(wait) ${out[INTO_WAIT]} at s ${s}`).toBe('ok');
      expect(out[INTO_ANSWER_RATE]! === 1 ? 'ok' : `answer rate ${out[INTO_ANSWER_RATE]}`).toBe('ok');
      expect(rel(out[CHAT_SESSIONS]!, r.sessions) <= 1e-12 ? 'ok' : `sessions ${out[CHAT_SESSIONS]} vs ${r.sessions}`).toBe('ok');
      expect(rel(out[CHAT_BUSY_AGENTS]!, r.busyAgents) <= 1e-12 ? 'ok' : `busy ${out[CHAT_BUSY_AGENTS]} vs ${r.busyAgents}`).toBe('ok');
    }
  });
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
