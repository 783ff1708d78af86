/** Routing and staffing rules, exactly: which group answers, and who stays when staff drop then rise. */
import { describe, expect, it } from 'vitest';
import { simulate, type Model } from '../../engine/des/index.js';

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
