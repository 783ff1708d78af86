/** Routing and staffing rules, exactly: which group answers, and who stays when staff drop then rise. */
import { describe, expect, it } from 'vitest';
import { simulate, type Model } from '../../engine/des/index.js';
import { ContactQueue } from '../../engine/des/queue.js';
import { liveHead, type RoutingState } from '../../engine/des/routing.js';

describe('routing', () => {
  it('an arrival goes to the first listed group with an idle agent', () => {
    // Group A (3 agents) is listed first; B (50) takes only what finds A fully busy.
    const model: Model = {
      intervalSeconds: 3600, days: 1,
      channels: [{ name: 'voice', kind: 'voice', targetSeconds: 20, arrivalRatePerSecond: [0.02], handleTime: { kind: 'exponential', mean: 100 } }],
      groups: [{ name: 'A', skills: ['voice'], onDuty: [3] }, { name: 'B', skills: ['voice'], onDuty: [50] }],
    };
    const rows: { arrival: number; group: number; wait: number }[] = [];
    simulate(model, { seed: 1, trace: (_id, _c, _r, arrival, _o, outcome, wait, _h, group) => { if (outcome === 'answered') rows.push({ arrival, group, wait }); } });
    expect(rows.every((r) => r.wait === 0)).toBe(true); // 53 agents at 2 erlangs: nobody waits
    const byA = rows.filter((r) => r.group === 0).length, byB = rows.filter((r) => r.group === 1).length;
    // A answers whenever one of its 3 is idle: P(all 3 busy) for 2 erlangs on the first 3 servers
    // (Erlang B(3, 2) = 0.21) is the share B gets; A gets most of the calls.
    expect(byA / rows.length).toBeGreaterThan(0.7);
    expect(byB).toBeGreaterThan(0);
  });

  it('a free agent serves its skills in priority order: a lower-priority line waits while a higher one has work', () => {
    const model: Model = {
      intervalSeconds: 3600, days: 1 / 24,
      channels: [
        { name: 'hi', kind: 'voice', targetSeconds: 20, arrivalRatePerSecond: [0.05], handleTime: { kind: 'deterministic', value: 100 } },
        { name: 'lo', kind: 'voice', targetSeconds: 20, arrivalRatePerSecond: [0.05], handleTime: { kind: 'deterministic', value: 100 } },
      ],
      groups: [{ name: 'pool', skills: ['hi', 'lo'], onDuty: [4] }],
    };
    // 10 erlangs on 4 agents, nobody abandons: whenever a 'lo' contact is answered from the line,
    // the 'hi' line must have been empty (hi is served first).
    const events: { t: number; c: number; kind: 'offer' | 'answer' }[] = [];
    simulate(model, { seed: 2, trace: (_id, c, _r, _a, offered, outcome, wait) => {
      if (outcome === 'answered') { events.push({ t: offered, c, kind: 'offer' }); events.push({ t: offered + wait, c, kind: 'answer' }); }
      if (outcome === 'still-waiting') events.push({ t: offered, c, kind: 'offer' });
    } });
    events.sort((a, b) => a.t - b.t || (a.kind === 'answer' ? -1 : 1));
    let hiWaiting = 0, checked = 0;
    for (const e of events) {
      if (e.c === 0) hiWaiting += e.kind === 'offer' ? 1 : -1;
      if (e.c === 1 && e.kind === 'answer' && hiWaiting > 0) throw new Error(`lo answered at ${e.t} while ${hiWaiting} hi waiting`);
      if (e.c === 1 && e.kind === 'answer') checked++;
    }
    expect(checked).toBeGreaterThan(0);
  });
});

describe('staffing changes', () => {
  it('staff dropping then rising again: busy agents owed a departure stay when the schedule rises (nobody leaves)', () => {
    // 10 agents, then 5, then 10; everyone is busy with 4,000 s calls from the first minutes.
    const model: Model = {
      intervalSeconds: 1800, days: 5400 / 86400,
      channels: [{ name: 'voice', kind: 'voice', targetSeconds: 20, arrivalRatePerSecond: [0.5, 0, 0], handleTime: { kind: 'deterministic', value: 4000 } }],
      groups: [{ name: 'g', skills: ['voice'], onDuty: [10, 5, 10] }],
    };
    const r = simulate(model, { seed: 3 });
    const [i0, i1, i2] = r.tallies.byInterval.map((row) => row[0]!);
    expect(i1!.onDutySeconds).toBeCloseTo(10 * 1800, 6); // the 5 owed a departure are busy all interval
    expect(i1!.busySeconds).toBeCloseTo(10 * 1800, 6);
    expect(i2!.onDutySeconds).toBeCloseTo(10 * 1800, 6);
    expect(r.byInterval[1]![0]!.agents).toBeCloseTo(10, 9);
    expect(i2!.busySeconds).toBeCloseTo(10 * 1800, 6);
    // 10 answered at once, then 10 more (offered in interval 0, so counted there) when the
    // first calls end at ~4,000 s: all 10 agents are still there to take them.
    expect(i0!.answered).toBe(20);
  });
});

describe('routing, contact by contact', () => {
  it('a contact goes only to a group that serves its channel, and a pool group\'s agents are anonymous (agent −1 in the trace)', () => {
    // Channel a (3 erlangs) on group A's 2 agents only: its line is long. Channel b is light, on group B's 10 agents only.
    const model: Model = {
      intervalSeconds: 3600, days: 2 / 24,
      channels: [
        { name: 'a', kind: 'voice', targetSeconds: 20, arrivalRatePerSecond: [0.03], handleTime: { kind: 'exponential', mean: 100 }, patience: { kind: 'exponential', mean: 300 } },
        { name: 'b', kind: 'voice', targetSeconds: 20, arrivalRatePerSecond: [0.005], handleTime: { kind: 'exponential', mean: 100 } },
      ],
      groups: [{ name: 'A', skills: ['a'], onDuty: [2] }, { name: 'B', skills: ['b'], onDuty: [10] }],
    };
    const rows: { channel: number; wait: number; group: number; agent: number }[] = [];
    simulate(model, { seed: 4, trace: (_id, channel, _r, _a, _o, outcome, wait, _h, group, agent) => { if (outcome === 'answered') rows.push({ channel, wait, group, agent }); } });
    for (const r of rows) {
      expect(r.group, `channel ${r.channel}`).toBe(r.channel); // A serves a, B serves b
      expect(r.agent).toBe(-1);
    }
    expect(rows.filter((r) => r.channel === 0 && r.wait > 0).length).toBeGreaterThan(50); // answered from the line
    expect(rows.filter((r) => r.channel === 1).length).toBeGreaterThan(10);
  });

  it('callsWhileChatting, one agent: a call finding no call in progress is answered at once, sessions or not; a call that waited starts as the call before it ends', () => {
    const model: Model = {
      intervalSeconds: 3600, days: 1,
      channels: [
        { name: 'voice', kind: 'voice', targetSeconds: 20, arrivalRatePerSecond: new Array<number>(24).fill(1 / 600), handleTime: { kind: 'deterministic', value: 120 } },
        { name: 'chat', kind: 'chat', concurrency: 3, targetSeconds: 60, arrivalRatePerSecond: new Array<number>(24).fill(1 / 1500), handleTime: { kind: 'deterministic', value: 3000 } },
      ],
      groups: [{ name: 'desk', skills: ['voice', 'chat'], onDuty: new Array<number>(24).fill(1), callsWhileChatting: true }],
    };
    const calls: { offered: number; start: number }[] = [], chats: { start: number }[] = [];
    simulate(model, { seed: 'cwc', trace: (_id, channel, _r, _a, offered, outcome, wait) => {
      if (outcome !== 'answered') return;
      (channel === 0 ? calls : chats).push({ offered, start: offered + wait });
    } });
    const callEnds = calls.map((c) => c.start + 120);
    const onCallAt = (t: number): boolean => calls.some((c) => c.start < t - 1e-9 && c.start + 120 > t + 1e-9);
    let whileChatting = 0, waited = 0;
    for (const c of calls) {
      if (!onCallAt(c.offered)) {
        expect(c.start, `call offered at ${c.offered}`).toBe(c.offered);
        if (chats.some((s) => s.start < c.offered)) whileChatting++; // sessions last ≥ 3,000 s: the agent had one in progress
      } else {
        waited++;
        expect(callEnds.some((e) => Math.abs(e - c.start) < 1e-6), `call answered at ${c.start} when no call ended`).toBe(true);
      }
    }
    expect(whileChatting).toBeGreaterThan(20);
    expect(waited).toBeGreaterThan(3);
  });
});

describe('liveHead: dropping the heads whose patience ran out', () => {
  /** A routing state with one line whose heads have the given deadlines and flags; it records the abandonments counted. */
  function stateWith(now: number, deadlines: number[], flags: number[] = []) {
    const q = new ContactQueue(false, 16);
    deadlines.forEach((d, k) => { const i = q.reserve(); q.deadline[i] = d; q.flags[i] = flags[k] ?? 0; q.offered[i] = k; });
    const abandoned: number[] = [];
    const sim = { now, queues: [q], abandonHead: (_c: number, line: ContactQueue, i: number) => { abandoned.push(line.offered[i]!); } } as unknown as RoutingState;
    return { sim, q, abandoned };
  }

  it('a head whose deadline is now has abandoned (deadline ≤ now); gone heads are dropped uncounted; the first live head is returned', () => {
    const { sim, q, abandoned } = stateWith(10, [5, 10, 30, 40, 12], [0, 0, 2, 0, 0]);
    const i = liveHead(sim, 0);
    expect(q.offered[i]).toBe(3); // 5 and 10 abandoned, 30 gone (its abandonment already counted), 40 live
    expect(abandoned).toEqual([0, 1]);
    expect(q.length).toBe(2);
    expect(liveHead(sim, 0)).toBe(i); // a live head stays
  });

  it('a live head is returned at once; a line of expired heads is emptied and gives −1', () => {
    expect(liveHead(stateWith(10, [10.5]).sim, 0)).toBeGreaterThanOrEqual(0);
    const atNow = stateWith(10, [10, 20]); // the head's deadline is now: abandoned, even on the fast path
    expect(atNow.q.offered[liveHead(atNow.sim, 0)]).toBe(1);
    expect(atNow.abandoned).toEqual([0]);
    const { sim, q, abandoned } = stateWith(50, [10, 20, 50]);
    expect(liveHead(sim, 0)).toBe(-1);
    expect(abandoned).toEqual([0, 1, 2]);
    expect(q.length).toBe(0);
  });
});
