/**
 * The period-by-period analytic model against Erlang A computed directly: with a flat profile
 * and a constant schedule every interval is the same M/M/N+M queue, so the scenario's figures
 * must equal erlangAFigures(N, A, AHT, patience, T); fractional agents lie between the whole
 * numbers around them; self-service and scale factors conserve calls.
 */
import { describe, expect, it } from 'vitest';
import { erlangAFigures } from '../../engine/erlang/index.js';
import { analyticPlan, buildPlan, loadScenarioText } from '../../scenarios/index.js';
import { flatScenario } from './fixtures.js';

const flat = (agents: number, extra = '') => flatScenario(agents, '{ kind: exponential, mean: 100 }', extra);

async function figures(agents: number) {
  const r = await loadScenarioText(flat(agents));
  if (r.state !== 'valid') throw new Error(JSON.stringify(r.problems));
  const plan = buildPlan(r.scenario);
  return { plan, f: analyticPlan(plan).figures };
}

describe('analytic plan = Erlang A per interval', () => {
  it('flat day, constant agents: the figures are those of one M/M/N+M queue', async () => {
    const { plan, f } = await figures(5);
    // per centre: 100 calls an hour, 75 to agents → A = 75 × 240 / 3600 = 5 erlangs on 5 agents
    const e = erlangAFigures(5, 5, 240, 100, 20);
    expect(f.answerRate).toBeCloseTo(e.answerRate, 12);
    expect(f.serviceLevel).toBeCloseTo(e.serviceLevel, 12);
    expect(f.asa).toBeCloseTo(e.asa, 10);
    expect(f.occupancy).toBeCloseTo(e.occupancy, 12);
    // conservation and scale: 3 centres × 10 days × 2,400 calls, a quarter to the IVR
    expect(f.offered + f.selfServiceCompleted).toBeCloseTo(3 * 10 * 2400, 6);
    expect(f.selfServiceCompleted).toBeCloseTo(0.25 * 3 * 10 * 2400, 6);
    expect(plan.runs[0]!.scale).toBe(30);
    expect(f.agents).toBeCloseTo(15, 12); // 3 centres × 5 agents at any moment
  });

  it('fractional agents interpolate between the whole numbers around them', async () => {
    const lo = (await figures(5)).f.answerRate;
    const hi = (await figures(6)).f.answerRate;
    const mid = (await figures(5.5)).f.answerRate;
    expect(mid).toBeCloseTo((lo + hi) / 2, 12);
    expect(lo).toBeLessThan(hi);
  });

  it('counts its kernel evaluations: one per interval at whole agents, two (⌊N⌋ and ⌊N⌋ + 1) at fractional ones', async () => {
    for (const [agents, perInterval] of [[5, 1], [5.5, 2]] as const) {
      const { plan } = await figures(agents);
      const count = { kernelEvaluations: 0 };
      analyticPlan(plan, count);
      const intervals = plan.runs.reduce((n, r) => n + r.model.channels[0]!.arrivalRatePerSecond.length, 0);
      expect(intervals).toBe(24);
      expect(count.kernelEvaluations).toBe(perInterval * intervals);
    }
  });
});
