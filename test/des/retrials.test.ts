/**
 * Repeat attempts: abandoned callers who redial (`retrial`) and self-served callers who come
 * back to agents (`selfService.returnShare`), against their exact expectations given the
 * run's own abandonments and self-service completions (binomial thinning of known events,
 * cut at the horizon), and attempts vs customers counted both ways.
 */
import { describe, expect, it } from 'vitest';
import { simulate, type Model } from '../../engine/des/index.js';

const H = 86400;

function model(extra: Partial<Model['channels'][number]>): Model {
  return {
    intervalSeconds: 1800, days: 1,
    channels: [{
      name: 'voice', kind: 'voice', targetSeconds: 20, arrivalRatePerSecond: new Array<number>(48).fill(0.12),
      handleTime: { kind: 'exponential', mean: 300 }, patience: { kind: 'exponential', mean: 60 }, ...extra,
    }],
    groups: [{ name: 'agents', skills: ['voice'], onDuty: new Array<number>(48).fill(34) }],
  };
}

describe('repeat attempts', () => {
  it('abandoned callers redial: retrials = Σ p·P(delay < time left) over the abandonments, within 4 SD', () => {
    const p = 0.6, mean = 240;
    const abandonedAt: number[] = [];
    let retrialRows = 0;
    const r = simulate(model({ retrial: { probability: p, delay: { kind: 'exponential', mean } } }), {
      seed: 'redial',
      trace: (_id, _c, retrial, _a, offered, outcome, wait) => {
        if (outcome === 'abandoned') abandonedAt.push(offered + wait);
        if (retrial) retrialRows++;
      },
    });
    let expected = 0, variance = 0;
    for (const t of abandonedAt) {
      const q = p * (1 - Math.exp(-(H - t) / mean));
      expected += q; variance += q * (1 - q);
    }
    const got = r.tallies.total.retrials;
    expect(abandonedAt.length).toBeGreaterThan(500);
    expect(retrialRows).toBe(got);
    expect(Math.abs(got - expected)).toBeLessThanOrEqual(4 * Math.sqrt(variance));
    // Attempts vs customers: every offered contact is a first attempt or a redial.
    const f = r.total;
    expect(f.customers).toBe(f.offered - got);
    expect(f.answerRatePerCustomer).toBeCloseTo(f.answered / (f.offered - got), 14);
    expect(f.answerRatePerCustomer).toBeGreaterThan(f.answerRate); // redials rescue some customers
  });

  it('self-served callers come back: returns = share × completions early enough to return before the end, within 4 SD', () => {
    const share = 0.25, delay = 900;
    const selfServedAt: number[] = [];
    const r = simulate(model({ selfService: { share: 0.5, returnShare: share, returnDelay: { kind: 'deterministic', value: delay } } }), {
      seed: 'return',
      trace: (_id, _c, _r, arrival, _o, outcome) => { if (outcome === 'self-service') selfServedAt.push(arrival); },
    });
    const t = r.tallies.total;
    expect(selfServedAt.length).toBe(t.selfServiceCompleted);
    const n = selfServedAt.filter((a) => a + delay < H).length;
    expect(Math.abs(t.returns - share * n)).toBeLessThanOrEqual(4 * Math.sqrt(n * share * (1 - share)));
    // A return is its customer's first agent attempt: counted as a customer, not as a retrial.
    expect(t.retrials).toBe(0);
    expect(r.total.customers).toBe(t.offered);
    // Arrivals = completed in self-service + first agent attempts that are not returns.
    expect(t.selfServiceCompleted + t.offered - t.returns).toBe(r.arrivals);
  });

  it('no returns without a return share, and the same numbers as before it existed (its stream is its own)', () => {
    const a = simulate(model({ selfService: { share: 0.5 } }), { seed: 'same' });
    const b = simulate(model({ selfService: { share: 0.5, returnShare: 0 } }), { seed: 'same' });
    expect(a.tallies.total.returns).toBe(0);
    expect(JSON.stringify(b.tallies)).toBe(JSON.stringify(a.tallies));
  });
});
