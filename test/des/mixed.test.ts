/**
 * A model using every feature at once (two channels sharing a pool with priorities,
 * self-service with IVR time, retrials, over-dispersion, a changing schedule): determinism,
 * conservation laws, the retrial share, and priority.
 */
import { describe, expect, it } from 'vitest';
import { runReplications, simulate, type Model } from '../../engine/des/index.js';
import { standardError } from './models.js';

function mixed(overrides: Partial<Model> = {}): Model {
  return {
    intervalSeconds: 3600,
    days: 2,
    channels: [
      {
        name: 'vip', kind: 'voice', targetSeconds: 20,
        arrivalRatePerSecond: [0.02, 0.03, 0.04, 0.03, 0.02, 0.01, 0, 0.02],
        handleTime: { kind: 'lognormal', mean: 240, cv: 0.8 },
        patience: { kind: 'exponential', mean: 90 },
        selfService: { share: 0.3, duration: { kind: 'deterministic', value: 30 } },
        retrial: { probability: 0.5, delay: { kind: 'exponential', mean: 300 } },
      },
      {
        name: 'mass', kind: 'voice', targetSeconds: 30,
        arrivalRatePerSecond: [0.1, 0.15, 0.2, 0.15, 0.1, 0.05, 0.02, 0.1],
        rateCv: 0.1,
        handleTime: { kind: 'exponential', mean: 200 },
        patience: { kind: 'weibull', mean: 120, shape: 0.8 },
        selfService: { share: 0.6 },
        retrial: { probability: 0.3, delay: { kind: 'deterministic', value: 60 } },
      },
    ],
    groups: [
      { name: 'shared', skills: ['vip', 'mass'], onDuty: [10, 14, 18, 14, 10, 6, 2, 10] },
      { name: 'massOnly', skills: ['mass'], onDuty: [3, 3, 3, 3, 0, 0, 0, 3] },
    ],
    ...overrides,
  };
}

describe('determinism', () => {
  it('the same seed gives the same bytes; another seed does not', () => {
    const strip = (r: ReturnType<typeof simulate>): string => JSON.stringify({ ...r, seconds: 0 });
    const a = strip(simulate(mixed(), { seed: 'x' }));
    const b = strip(simulate(mixed(), { seed: 'x' }));
    const c = strip(simulate(mixed(), { seed: 'y' }));
    expect(a).toBe(b);
    expect(a).not.toBe(c);
  });

  it('replication k alone equals replication k in a batch (and simulate with replication k)', () => {
    const batch = runReplications(mixed(), { seed: 7, replications: 4 });
    const alone = runReplications(mixed(), { seed: 7, replications: 1, firstReplication: 2 });
    const direct = simulate(mixed(), { seed: 7, replication: 2 });
    expect(alone.runs[0]!.tallies).toEqual(batch.runs[2]!.tallies);
    expect(direct.tallies).toEqual(batch.runs[2]!.tallies);
    expect(batch.runs[1]!.tallies).not.toEqual(batch.runs[2]!.tallies);
  });
});

describe('conservation', () => {
  it('offered = answered + abandoned + still waiting, per interval × channel, per channel and in total', () => {
    const r = simulate(mixed(), { seed: 11 });
    const all = [r.tallies.total, ...r.tallies.byChannel, ...r.tallies.byInterval.flat()];
    for (const t of all) expect(t.answered + t.abandoned + t.stillWaiting).toBe(t.offered);
    expect(r.total.offered).toBeGreaterThan(10000);
  });

  it('self-service completed + offered − retrials = arrivals (no IVR time, no warm-up: nobody is in between at the end)', () => {
    const m = mixed();
    delete m.channels[0]!.selfService!.duration;
    const r = simulate(m, { seed: 12 });
    const t = r.tallies.total;
    expect(t.selfServiceCompleted + t.offered - t.retrials).toBe(r.arrivals);
    // Self-service share per channel near its setting (binomial, 5 SD).
    m.channels.forEach((ch, c) => {
      const tc = r.tallies.byChannel[c]!;
      const n = tc.selfServiceCompleted + tc.offered - tc.retrials, p = ch.selfService!.share;
      expect(Math.abs(tc.selfServiceCompleted / n - p)).toBeLessThan(5 * Math.sqrt((p * (1 - p)) / n));
    });
  });

  it('busy time never exceeds on-duty time, in any interval (channel mass is served by every group)', () => {
    const r = simulate(mixed(), { seed: 13 });
    for (const row of r.tallies.byInterval) {
      const busy = row[0]!.busySeconds + row[1]!.busySeconds;
      expect(busy).toBeLessThanOrEqual(row[1]!.onDutySeconds + 1e-6);
    }
    expect(r.total.occupancy).toBeLessThanOrEqual(1);
  });

  it('busy time per channel = the handle times of its answered contacts, cut at the end of the run (to 1e-9)', () => {
    const starts: number[][] = [[], []], handles: number[][] = [[], []];
    const r = simulate(mixed(), {
      seed: 13,
      trace: (_id, c, _retrial, _arrival, offered, outcome, wait, handle) => {
        if (outcome === 'answered') { starts[c]!.push(offered + wait); handles[c]!.push(handle); }
      },
    });
    [0, 1].forEach((c) => {
      const t = r.tallies.byChannel[c]!;
      expect(starts[c]!.length).toBe(t.answered);
      const served = starts[c]!.reduce((sum, s, k) => sum + Math.min(handles[c]![k]!, r.endTime - s), 0);
      expect(Math.abs(t.busySeconds - served) / served).toBeLessThan(1e-9);
    });
    expect(r.tallies.total.busySeconds).toBeGreaterThan(1e5);
  });
});

describe('retrials', () => {
  it('each abandonment redials with its probability when its delay ends before the horizon (each channel, binomial 5 SD)', () => {
    // Exact expectation from the trace: Σ p·P(delay < horizon − abandonment time) over the abandonments,
    // variance Σ q(1 − q); no allowance for redials lost past the end is needed.
    const m = mixed({ days: 6 });
    const abandonedAt: number[][] = [[], []];
    const r = simulate(m, {
      seed: 21,
      trace: (_id, c, _retrial, _arrival, offered, outcome, wait) => { if (outcome === 'abandoned') abandonedAt[c]!.push(offered + wait); },
    });
    const reachCdf = [
      (left: number) => 1 - Math.exp(-left / 300), // vip: exponential delay, mean 300 s
      (left: number) => (left > 60 ? 1 : 0),       // mass: deterministic delay, 60 s
    ];
    m.channels.forEach((ch, c) => {
      const t = r.tallies.byChannel[c]!;
      const p = ch.retrial!.probability;
      expect(abandonedAt[c]!.length).toBe(t.abandoned);
      let mean = 0, variance = 0;
      for (const at of abandonedAt[c]!) {
        const q = p * reachCdf[c]!(r.endTime - at);
        mean += q;
        variance += q * (1 - q);
      }
      expect(t.retrials).toBeGreaterThan(100);
      expect(Math.abs(t.retrials - mean)).toBeLessThan(5 * Math.sqrt(variance));
    });
  });

  it('without retrials nothing is flagged as a retrial', () => {
    const m = mixed();
    for (const ch of m.channels) delete ch.retrial;
    expect(simulate(m, { seed: 22 }).tallies.total.retrials).toBe(0);
  });
});

describe('priority between channels sharing a pool', () => {
  it('the high-priority channel waits less and abandons less (10 replications, beyond 4 SE)', () => {
    // One group serves both channels, 'hi' first; same demand and behaviour on both.
    const ch = (name: string): Model['channels'][number] => ({
      name, kind: 'voice', targetSeconds: 20, arrivalRatePerSecond: [0.15],
      handleTime: { kind: 'exponential', mean: 300 }, patience: { kind: 'exponential', mean: 120 },
    });
    const model: Model = { intervalSeconds: 1800, days: 3, channels: [ch('hi'), ch('lo')], groups: [{ name: 'pool', skills: ['hi', 'lo'], onDuty: [95] }] };
    const r = runReplications(model, { seed: 31, replications: 10, warmupSeconds: 'auto' });
    const hi = r.runs.map((x) => x.byChannel[0]!), lo = r.runs.map((x) => x.byChannel[1]!);
    const diffAsa = hi.map((h, i) => lo[i]!.asa - h.asa);
    const diffAb = hi.map((h, i) => lo[i]!.pAbandon - h.pAbandon);
    const mean = (v: number[]): number => v.reduce((a, x) => a + x, 0) / v.length;
    expect(mean(diffAsa)).toBeGreaterThan(4 * standardError(diffAsa));
    expect(mean(diffAb)).toBeGreaterThan(4 * standardError(diffAb));
  });
});

