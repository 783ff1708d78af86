/**
 * Redials with patience and delay that can be 0 s (an empirical patience holding 0, a mixture
 * with a deterministic 0, a deterministic delay of 0): a contact that finds no agent abandons at
 * once and redials at once. With retrial probability 1 it would do so forever at one instant —
 * `runReplications` never returned (found by the adversarial hunt, helper hy) — so the model is
 * refused with one line naming the fields; below 1 each fresh contact makes a geometric number
 * of attempts, r/(1 − r) redials on average.
 */
import { describe, expect, it } from 'vitest';
import { modelProblems, runReplications, type DistributionSpec, type Model } from '../../engine/des/index.js';
import { expectWithinSE, stationary } from './models.js';

const ZERO_DELAY: DistributionSpec = { kind: 'deterministic', value: 0 };

/** 0 agents (nobody is ever answered), 288 fresh calls a day, the given patience and redials. */
function noAgents(patience: DistributionSpec, probability: number, delay: DistributionSpec = ZERO_DELAY): Model {
  const m = stationary(0, 1, 300, patience, 1);
  m.channels[0]!.retrial = { probability, delay };
  return m;
}

describe('redials at once of callers with no patience', () => {
  it('probability 1 with a patience and a delay that can both be 0 is refused, naming the fields', () => {
    const zeroish: DistributionSpec[] = [
      { kind: 'empirical', values: [0] },
      { kind: 'empirical', values: [30, 0, 0] },
      { kind: 'mixture', components: [{ weight: 0.5, kind: 'deterministic', value: 0 }, { weight: 0.5, kind: 'exponential', mean: 60 }] },
    ];
    for (const patience of zeroish) {
      for (const delay of [ZERO_DELAY, { kind: 'empirical', values: [0, 10] } as DistributionSpec]) {
        const problems = modelProblems(noAgents(patience, 1, delay));
        expect(problems).toHaveLength(1);
        expect(problems[0]).toMatch(/^channels\[0\]\.retrial\.probability 1 with a patience and a delay that can both be 0 s redials forever/);
      }
    }
    // A probability below 1, a positive delay, a continuous or positive patience, or a zero-weight component: accepted.
    expect(modelProblems(noAgents({ kind: 'empirical', values: [0] }, 0.999))).toEqual([]);
    expect(modelProblems(noAgents({ kind: 'empirical', values: [0] }, 1, { kind: 'deterministic', value: 1 }))).toEqual([]);
    expect(modelProblems(noAgents({ kind: 'exponential', mean: 60 }, 1))).toEqual([]);
    expect(modelProblems(noAgents({ kind: 'empirical', values: [5, 10] }, 1))).toEqual([]);
    expect(modelProblems(noAgents({ kind: 'mixture', components: [{ weight: 0, kind: 'deterministic', value: 0 }, { weight: 1, kind: 'exponential', mean: 60 }] }, 1))).toEqual([]);
  });

  it('below 1 each fresh call makes a geometric number of attempts: r/(1 − r) redials per customer, every attempt abandoned', () => {
    const r = 0.9;
    const res = runReplications(noAgents({ kind: 'empirical', values: [0] }, r), { seed: 'zeno', replications: 30 });
    for (const run of res.runs) {
      const t = run.tallies.total;
      expect(t.abandoned + t.stillWaiting).toBe(t.offered);
      expect(t.answered).toBe(0);
    }
    expectWithinSE('redials per customer', res.runs.map((run) => run.total.retrials / run.total.customers), r / (1 - r));
  });
});
