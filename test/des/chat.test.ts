/**
 * Chat against theory.
 * - Without slowdown, N agents with `concurrency` c are c·N independent servers (each
 *   session is served at its own pace, and a session waits only when all c·N slots are
 *   taken): the stationary figures are Erlang A with c·N servers (Palm 1943; Garnett,
 *   Mandelbaum & Reiman 2002), checked within 4 standard errors of replications.
 * - With slowdown s, one agent holding n sessions completes them at total rate
 *   n·μ / (1 + s·(n − 1)) when the work is exponential (memoryless), so a single agent with
 *   impatient customers is a birth–death process whose stationary law is computed exactly
 *   below (limited processor sharing: Luo & Zhang, "Staffing and control of instant
 *   messaging contact centers", Operations Research 61(2), 2013).
 * - The stretch rule itself, on deterministic work, through the capacity module.
 */
import { describe, expect, it } from 'vitest';
import { Desks } from '../../engine/des/desks.js';
import { runReplications, simulate, type Model } from '../../engine/des/index.js';
import { erlangAFigures, erlangCFigures } from '../../engine/erlang/index.js';
import type { Figures } from '../../engine/stats/figures.js';
import { expectWithinSE, oneAgentLaw, stationaryChat } from './models.js';
import { shrink } from './profile.js';

/** Calls per replication are this many times fewer in the mutation profile (test/des/profile.ts). */
const SHRINK = shrink(5);

const KEYS = ['answerRate', 'serviceLevel', 'slAnswered', 'asa', 'meanWait', 'pAbandon', 'occupancy'] as const satisfies readonly (keyof Figures)[];

describe('chat with concurrency c and no slowdown is Erlang A with c·N servers', () => {
  const cases = [
    { agents: 20, c: 3, erlangs: 57, aht: 600, patience: 180, note: '20 agents × 3 sessions at 95%' },
    { agents: 10, c: 4, erlangs: 46, aht: 400, patience: 120, note: '10 agents × 4 sessions in overload (115%)' },
    { agents: 1, c: 4, erlangs: 3, aht: 300, patience: undefined, note: 'one agent × 4 sessions, patient customers (Erlang C, 4 servers)' },
  ];
  for (const k of cases) {
    it(`${k.note}`, () => {
      const model = stationaryChat(k.agents, k.c, k.erlangs, k.aht, k.patience, 0);
      const r = runReplications(model, { seed: 'chat-erlang', replications: 10, maxArrivals: 100_000 / SHRINK, warmupSeconds: 'auto' });
      const servers = k.agents * k.c;
      const theory = k.patience === undefined
        ? erlangCFigures(servers, k.erlangs, k.aht, 20)
        : erlangAFigures(servers, k.erlangs, k.aht, k.patience, 20);
      for (const key of KEYS) {
        // Erlang C: the contacts still waiting when the run stops count as offered, not answered (≈ queue / calls).
        const endEffect = k.patience === undefined ? 5e-4 * SHRINK * (key === 'asa' || key === 'meanWait' ? k.aht : 1) : 0;
        expectWithinSE(`${key} (${k.note})`, r.runs.map((run) => run.total[key]), theory[key], 4, endEffect);
      }
      // A chat agent holds at most c sessions, and here (no slowdown) uses them as c servers.
      for (const run of r.runs) expect(run.byGroup[0]!.contactsPerBusyAgent).toBeLessThanOrEqual(k.c);
    });
  }
});

describe('slowdown: one agent with c sessions is the birth–death process of limited processor sharing', () => {
  for (const { c, s, load } of [{ c: 3, s: 0.3, load: 1.5 }, { c: 2, s: 1, load: 0.8 }]) {
    it(`c = ${c}, slowdown ${s}, arrivals ${load} × 1/AHT: sessions in progress, occupancy, abandonment and mean wait`, () => {
      const aht = 300, patience = 200, lambda = load / aht;
      const model = stationaryChat(1, c, load, aht, patience, s);
      const r = runReplications(model, { seed: 'lps', replications: 10, maxArrivals: 60_000 / SHRINK, warmupSeconds: 'auto' });
      const law = oneAgentLaw(lambda, aht, patience, c, s);
      const group = r.runs.map((run) => run.tallies.byGroup[0]!);
      expectWithinSE('sessions in progress', group.map((g) => g.contactSeconds / g.durationSeconds), law.sessions);
      expectWithinSE('occupancy (agent busy)', r.runs.map((run) => run.byGroup[0]!.occupancy), law.busy);
      expectWithinSE('P(abandon)', r.runs.map((run) => run.total.pAbandon), law.pAbandon);
      expectWithinSE('mean wait', r.runs.map((run) => run.total.meanWait), law.meanWait);
      // The slowdown matters: without it the agent would hold fewer sessions at this load.
      expect(Math.abs(law.sessions - oneAgentLaw(lambda, aht, patience, c, 0).sessions)).toBeGreaterThan(0.05);
    });
  }
});

describe('the stretch rule on deterministic work (engine/des/desks.ts)', () => {
  /** Starts a session of `work` seconds on agent a at `now`; returns whether its next end moved. */
  const add = (d: Desks, a: number, work: number, now: number): boolean => { d.now = now; d.work = work; return d.addSession(a, 0); };
  const endOf = (d: Desks, a: number): number => { d.nextEnd(a); return d.endAt; };

  it('a session alone runs at pace 1; a second one slows both to 1/(1 + s); the work left carries over', () => {
    const d = new Desks([{ agents: 1, cap: 2, slowdown: 0.5 }]);
    d.join(0, 1, new Int32Array(1));
    const a = 0;
    expect(add(d, a, 300, 0)).toBe(true);
    expect(endOf(d, a)).toBe(300); // alone: start + work
    // At t = 100 a second session (300 s of work) starts: both now progress at pace 1/1.5.
    expect(add(d, a, 300, 100)).toBe(true);
    expect(d.load[a]).toBe(2);
    // The first has 200 s of work left → 300 s of real time: ends at 400.
    expect(endOf(d, a)).toBeCloseTo(400, 9);
    d.now = 400;
    expect(d.endSession(a)).toBe(0);
    // The second did 300/1.5 = 200 s of work by then; its last 100 s alone end at 500.
    expect(endOf(d, a)).toBeCloseTo(500, 9);
    d.now = 500;
    expect(d.endSession(a)).toBe(0);
    expect(endOf(d, a)).toBe(Infinity);
    expect(d.isEmpty(a)).toBe(true);
  });

  it('without slowdown a new session that ends later does not move the agent’s next end (no reschedule)', () => {
    const d = new Desks([{ agents: 1, cap: 3, slowdown: 0 }]);
    d.join(0, 1, new Int32Array(1));
    add(d, 0, 100, 0);
    expect(add(d, 0, 500, 10)).toBe(false);
    expect(add(d, 0, 20, 20)).toBe(true); // ends at 40, before 100
    expect(endOf(d, 0)).toBeCloseTo(40, 9);
  });

  it('least loaded first: a new chat goes to an empty agent before one with a session; calls only to empty agents', () => {
    const d = new Desks([{ agents: 3, cap: 3, slowdown: 0 }]);
    d.join(0, 3, new Int32Array(3));
    d.work = 100;
    const first = d.forChat(0, 3);
    d.addSession(first, 0);
    const second = d.forChat(0, 3);
    expect(second).not.toBe(first);
    d.addSession(second, 0);
    const third = d.forChat(0, 3);
    d.addSession(third, 0);
    expect(new Set([first, second, third]).size).toBe(3);
    expect(d.forCall(0, false)).toBe(-1); // nobody empty
    expect(d.forCall(0, true)).toBeGreaterThanOrEqual(0); // callsWhileChatting: an agent without a call
    expect(d.forChat(0, 1)).toBe(-1); // a channel with concurrency 1: everyone already has a session
  });
});

describe('chat agents and the schedule', () => {
  it('when staff drop, agents with a free slot stop taking sessions at once and leave when their sessions end', () => {
    // 10 agents with up to 3 sessions of 1,000 s for a quarter hour, then 2; light traffic first, so at the drop nobody is full.
    const model: Model = {
      intervalSeconds: 900, days: 3 * 900 / 86400,
      channels: [{ name: 'chat', kind: 'chat', concurrency: 3, slowdown: 0, targetSeconds: 30, arrivalRatePerSecond: [0.012, 0.01, 0.01], handleTime: { kind: 'deterministic', value: 1000 } }],
      groups: [{ name: 'digital', skills: ['chat'], onDuty: [10, 2, 2] }],
    };
    const starts: { t: number; agent: number }[] = [];
    const r = simulate(model, { seed: 'drop', trace: (_id, _c, _r, _a, offered, outcome, wait, _h, _g, agent) => { if (outcome === 'answered') starts.push({ t: offered + wait, agent }); } });
    const before = starts.filter((s) => s.t < 900), after = starts.filter((s) => s.t >= 900);
    expect(new Set(before.map((s) => s.agent)).size).toBeGreaterThan(5);
    expect(after.length).toBeGreaterThan(5);
    // After the drop only the two agents on shift start sessions (the others were marked leaving).
    expect(new Set(after.map((s) => s.agent)).size).toBeLessThanOrEqual(2);
    // Leaving agents stay on duty until their last session ends (1,000 s after it started).
    const leaving = new Set(before.map((s) => s.agent));
    for (const a of new Set(after.map((s) => s.agent))) leaving.delete(a);
    const lastEnd = Math.max(...before.filter((s) => leaving.has(s.agent)).map((s) => s.t + 1000));
    const duty = r.tallies.byIntervalGroup.map((row) => row[0]!.onDutySeconds);
    const expected = [10 * 900, 0, 0];
    for (const a of leaving) {
      const end = Math.max(...before.filter((s) => s.agent === a).map((s) => s.t + 1000));
      expected[1] += Math.min(Math.max(end - 900, 0), 900);
      expected[2] += Math.min(Math.max(end - 1800, 0), 900);
    }
    expected[1] += 2 * 900; expected[2] += 2 * 900;
    expect(lastEnd).toBeGreaterThan(900);
    duty.forEach((d, i) => expect(Math.abs(d - expected[i]!), `interval ${i}`).toBeLessThan(1e-6));
  });
});

describe('chat agents, staff dropping then rising while departures are owed', () => {
  it.each([
    [0.03, 'some agents have a free slot at the drop: they turn LEAVING at once, and are kept at the rise'],
    [0.05, 'every agent is full at the drop: the departures are owed, and the rise cancels them'],
  ])('arrivals %s/s, %s; nobody leaves, nobody extra joins; agents kept and agents joining take waiting chats at once', (rate, _case) => {
    // 10 agents × 3 sessions of 4,000 s (none ends before 4,000 s); staff 10, 5, 10, 15, 15 per quarter hour.
    const model: Model = {
      intervalSeconds: 900, days: 5 * 900 / 86400,
      channels: [{ name: 'chat', kind: 'chat', concurrency: 3, slowdown: 0, targetSeconds: 30, arrivalRatePerSecond: new Array<number>(5).fill(rate), handleTime: { kind: 'deterministic', value: 4000 } }],
      groups: [{ name: 'digital', skills: ['chat'], onDuty: [10, 5, 10, 15, 15] }],
    };
    const starts: number[] = [];
    const r = simulate(model, { seed: 'owed', trace: (_id, _c, _r, _a, offered, outcome, wait) => { if (outcome === 'answered') starts.push(offered + wait); } });
    const duty = r.tallies.byIntervalGroup.map((row) => row[0]!.onDutySeconds);
    // Nobody was empty at the drop (no one leaves at once); the rise cancels what is owed: 10 on duty throughout, then 15.
    [10, 10, 10, 15, 15].forEach((n, i) => expect(duty[i], `interval ${i}`).toBeCloseTo(n * 900, 6));
    // At each rise, chats waiting are taken at that very moment: by the agents kept (1,800 s: only those with a free slot), by those joining (2,700 s).
    if (rate === 0.03) expect(starts.filter((t) => t === 1800).length).toBeGreaterThan(0);
    expect(starts.filter((t) => t === 2700).length).toBeGreaterThan(0);
  });
});

describe('chat agents, staff dropping while every agent is full', () => {
  it('each owed departure takes a different agent (the next to finish something): only the agents kept start sessions after the drop', () => {
    // 10 agents × 3 sessions, work exponential (uneven ends: an agent already leaving may finish again before all are chosen).
    const model: Model = {
      intervalSeconds: 900, days: 3 * 900 / 86400,
      channels: [{ name: 'chat', kind: 'chat', concurrency: 3, slowdown: 0, targetSeconds: 30, arrivalRatePerSecond: [0.05, 0.05, 0.05], handleTime: { kind: 'exponential', mean: 1000 } }],
      groups: [{ name: 'digital', skills: ['chat'], onDuty: [10, 2, 2] }],
    };
    const after = new Set<number>();
    let starts = 0;
    simulate(model, { seed: 'b', trace: (_id, _c, _r, _a, offered, outcome, wait, _h, _g, agent) => {
      if (outcome === 'answered' && offered + wait > 900) { after.add(agent); starts++; }
    } });
    expect(starts).toBeGreaterThan(0); // the kept agents go on working
    expect(after.size).toBeLessThanOrEqual(2);
  });
});
