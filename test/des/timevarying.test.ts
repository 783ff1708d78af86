/**
 * Time-varying facts that hold exactly, whatever the random numbers: no arrivals in a
 * zero-rate interval, nothing answered without agents, agents leaving at a boundary finish
 * their contact, work carried over between intervals, new agents take waiting work at once.
 */
import { describe, expect, it } from 'vitest';
import { simulate, type ContactOutcome, type Model } from '../../engine/des/index.js';
import { shrink } from './profile.js';

interface Row { id: number; retrial: boolean; arrival: number; offered: number; outcome: ContactOutcome; wait: number; handle: number; group: number }

function traced(model: Model, seed: number | string = 1): { rows: Row[]; result: ReturnType<typeof simulate> } {
  const rows: Row[] = [];
  const result = simulate(model, {
    seed, trace: (id, _c, retrial, arrival, offered, outcome, wait, handle, group) => rows.push({ id, retrial, arrival, offered, outcome, wait, handle, group }),
  });
  return { rows, result };
}

const voice = (rates: number[], extra: object = {}): Model['channels'][number] => ({
  name: 'voice', kind: 'voice', targetSeconds: 20, arrivalRatePerSecond: rates,
  handleTime: { kind: 'exponential', mean: 120 }, ...extra,
});

describe('time-varying demand and staffing', () => {
  it('a zero-rate interval has no arrivals; arrivals elsewhere follow the rate (Poisson counts within 5 SD)', () => {
    // 4 quarter-hours repeated over 10 days (2 in the mutation profile, test/des/profile.ts): rate 0.5, 0, 0.2, 0 per second.
    const rates = [0.5, 0, 0.2, 0];
    const days = 10 / shrink(5);
    const model: Model = { intervalSeconds: 900, days, channels: [voice(rates)], groups: [{ name: 'g', skills: ['voice'], onDuty: [100, 100, 100, 100] }] };
    const { rows, result } = traced(model);
    for (const r of rows) {
      const interval = Math.floor(r.arrival / 900) % 4;
      expect(rates[interval], `arrival at ${r.arrival}`).toBeGreaterThan(0);
    }
    const cycles = (days * 86400) / 3600;
    for (let i = 0; i < 4; i++) {
      const expected = rates[i]! * 900 * cycles;
      const offered = result.byInterval[i]![0]!.offered;
      if (expected === 0) expect(offered).toBe(0);
      else expect(Math.abs(offered - expected)).toBeLessThan(5 * Math.sqrt(expected));
    }
    expect(result.arrivals).toBe(rows.length);
  });

  it('a schedule with zero agents answers nothing; everyone abandons or is still waiting', () => {
    const model: Model = {
      intervalSeconds: 1800, days: 1, channels: [voice([0.1, 0.1], { patience: { kind: 'exponential', mean: 60 } })],
      groups: [{ name: 'g', skills: ['voice'], onDuty: [0, 0] }],
    };
    const r = simulate(model, { seed: 2 });
    expect(r.total.offered).toBeGreaterThan(8000);
    expect(r.total.answered).toBe(0);
    expect(r.total.occupancy).toBeNaN(); // no agent time on duty: 0 / 0
    expect(r.total.abandoned + r.tallies.total.stillWaiting).toBe(r.total.offered);
    expect(r.total.agents).toBe(0);
  });

  it('agents dropping at a boundary finish their contacts: busy and on-duty time after the drop are equal (occupancy 1)', () => {
    // 20 agents for the first half hour, none after; deterministic 600 s calls arrive only in the first half hour.
    const model: Model = {
      intervalSeconds: 1800, days: 1 / 24,
      channels: [{ ...voice([0.02, 0]), handleTime: { kind: 'deterministic', value: 600 } }],
      groups: [{ name: 'g', skills: ['voice'], onDuty: [20, 0] }],
    };
    const { rows, result } = traced(model, 3);
    const late = rows.filter((r) => r.outcome === 'answered' && r.offered + r.wait + r.handle > 1800);
    expect(late.length).toBeGreaterThan(0);
    const second = result.tallies.byInterval[1]![0]!;
    // Overtime after the drop: exactly the remaining handle time of contacts in service at 1800 s.
    const overtime = late.reduce((a, r) => a + (r.offered + r.wait + r.handle - 1800), 0);
    expect(second.busySeconds).toBeCloseTo(overtime, 6);
    expect(second.onDutySeconds).toBeCloseTo(overtime, 6);
    expect(second.answered).toBe(0);
    // Nothing answered after the boundary.
    for (const r of rows) if (r.outcome === 'answered') expect(r.offered + r.wait).toBeLessThan(1800);
  });

  it('work carries over: contacts offered with no agents are answered when agents arrive, at once, in FIFO order', () => {
    // No agents in the first half hour, 5 in the second; nobody abandons.
    const model: Model = {
      intervalSeconds: 1800, days: 1 / 24,
      channels: [{ ...voice([0.01, 0]), handleTime: { kind: 'deterministic', value: 100 } }],
      groups: [{ name: 'g', skills: ['voice'], onDuty: [0, 5] }],
    };
    const { rows, result } = traced(model, 4);
    const answered = rows.filter((r) => r.outcome === 'answered').sort((a, b) => a.offered + a.wait - (b.offered + b.wait));
    const n = result.tallies.byInterval[0]![0]!.offered;
    expect(n).toBeGreaterThan(5);
    // The first 5 waiting are taken at exactly 1800 s, in order of arrival; every contact is answered in the end.
    const first5 = answered.slice(0, 5);
    for (const r of first5) expect(r.offered + r.wait).toBe(1800);
    const waitingOrder = rows.filter((r) => r.outcome === 'answered').map((r) => r.offered);
    expect(waitingOrder).toEqual([...waitingOrder].sort((a, b) => a - b));
    // Attributed to the interval in which they were offered (the first), answered in the second.
    expect(result.tallies.byInterval[0]![0]!.answered + result.tallies.byInterval[0]![0]!.stillWaiting).toBe(n);
    expect(result.tallies.byInterval[1]![0]!.offered).toBe(0);
    expect(result.byInterval[0]![0]!.asa).toBeGreaterThan(0);
  });

  it('agents on duty are reported per interval and as the run mean', () => {
    const model: Model = {
      intervalSeconds: 3600, days: 2, channels: [voice([0, 0, 0, 0])],
      groups: [{ name: 'a', skills: ['voice'], onDuty: [1, 2, 3, 4] }, { name: 'b', skills: ['voice'], onDuty: [10, 0, 10, 0] }],
    };
    const r = simulate(model, { seed: 5 });
    expect(r.byInterval.map((row) => row[0]!.agents)).toEqual([11, 2, 13, 4]);
    expect(r.total.agents).toBeCloseTo(7.5, 12);
    expect(r.total.offered).toBe(0);
  });
});
