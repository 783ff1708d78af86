/** Self-service time, over-dispersion, warm-up and event ordering, checked through the trace. */
import { describe, expect, it } from 'vitest';
import { simulate, type ContactOutcome, type Model } from '../../engine/des/index.js';

interface Row { id: number; channel: number; retrial: boolean; arrival: number; offered: number; outcome: ContactOutcome; wait: number; handle: number; group: number }
function traced(model: Model, warmupSeconds = 0): { rows: Row[]; r: ReturnType<typeof simulate> } {
  const rows: Row[] = [];
  const r = simulate(model, {
    seed: 'features', warmupSeconds,
    trace: (id, channel, retrial, arrival, offered, outcome, wait, handle, group) => rows.push({ id, channel, retrial, arrival, offered, outcome, wait, handle, group }),
  });
  return { rows, r };
}

const base = (extra: Partial<Model['channels'][number]> = {}, days = 1): Model => ({
  intervalSeconds: 900, days,
  channels: [{ name: 'voice', kind: 'voice', targetSeconds: 20, arrivalRatePerSecond: [0.1], handleTime: { kind: 'exponential', mean: 200 }, ...extra }],
  groups: [{ name: 'g', skills: ['voice'], onDuty: [22] }],
});

describe('features', () => {
  it('IVR time: a contact is offered exactly its self-service duration after it arrives', () => {
    const { rows } = traced(base({ selfService: { share: 0.5, duration: { kind: 'deterministic', value: 30 } } }));
    const offered = rows.filter((r) => r.outcome !== 'self-service');
    expect(offered.length).toBeGreaterThan(1000);
    for (const r of offered) expect(r.offered - r.arrival).toBeCloseTo(30, 9);
    for (const r of rows.filter((x) => x.outcome === 'self-service')) expect(r.offered).toBeNaN();
  });

  it('over-dispersion: counts per quarter hour have variance ≈ mean + cv²·mean² (Poisson: = mean)', () => {
    const days = 20;
    const count = (cv: number): number[] => {
      const { rows } = traced(base(cv > 0 ? { rateCv: cv } : {}, days));
      const bins = new Array<number>(days * 96).fill(0);
      for (const r of rows) bins[Math.floor(r.arrival / 900)]!++;
      return bins;
    };
    const stats = (v: number[]): { mean: number; variance: number } => {
      const mean = v.reduce((a, x) => a + x, 0) / v.length;
      return { mean, variance: v.reduce((a, x) => a + (x - mean) ** 2, 0) / (v.length - 1) };
    };
    const poisson = stats(count(0)), over = stats(count(0.3));
    expect(poisson.mean).toBeCloseTo(90, -1);
    // Sample variance of 1,920 bins: relative SE ≈ √(2/1919) ≈ 3%; allow 15%.
    expect(poisson.variance / poisson.mean).toBeGreaterThan(0.85);
    expect(poisson.variance / poisson.mean).toBeLessThan(1.15);
    const expected = over.mean + 0.09 * over.mean ** 2;
    expect(over.variance / expected).toBeGreaterThan(0.8);
    expect(over.variance / expected).toBeLessThan(1.2);
  });

  it('warm-up: contacts offered before it are not counted, nor time spent before it', () => {
    const { rows, r } = traced(base({}, 2), 86400);
    const after = rows.filter((x) => x.outcome !== 'self-service' && x.offered >= 86400).length;
    expect(r.tallies.total.offered).toBe(after);
    expect(r.tallies.total.durationSeconds).toBeCloseTo(86400, 6);
    expect(r.total.agents).toBeCloseTo(22, 9);
  });

  it('no event runs in the past: with retrials and deterministic times, every trace row is causal', () => {
    const { rows } = traced({
      ...base({
        arrivalRatePerSecond: [0.2],
        handleTime: { kind: 'deterministic', value: 150 },
        patience: { kind: 'deterministic', value: 40 },
        retrial: { probability: 0.7, delay: { kind: 'deterministic', value: 10 } },
      }),
      groups: [{ name: 'g', skills: ['voice'], onDuty: [25] }],
    });
    const retrials = rows.filter((x) => x.retrial);
    expect(retrials.length).toBeGreaterThan(100);
    for (const x of rows) {
      expect(x.offered).toBeGreaterThanOrEqual(x.arrival);
      expect(x.wait).toBeGreaterThanOrEqual(0);
      if (x.outcome === 'abandoned') expect(x.wait).toBeCloseTo(40, 9);
    }
    // Each redial comes 10 s after an abandonment (deadline = offered + 40 s).
    const abandonEnds = new Set(rows.filter((x) => x.outcome === 'abandoned').map((x) => Math.round((x.offered + x.wait + 10) * 1e6)));
    for (const x of retrials) expect(abandonEnds.has(Math.round(x.arrival * 1e6))).toBe(true);
  });
});
