/**
 * Redials in the period-by-period analytic model: a share r of the abandoned contacts redial
 * within the interval, so the offered rate λ solves λ·(1 − r·P(abandon at λ)) = λ₀ (λ₀ the fresh
 * contacts). At that fixed point, and only there, the redials are r × the abandoned contacts
 * (offered − fresh = r·abandoned: a conservation law needing no kernel), and the figures are
 * Erlang A's at λ. With r = 1 every customer is answered in the end (answered = customers) when
 * the agents can answer them all, and there is no steady state when they cannot.
 *
 * Found by the adversarial hunt (helper hy): six fixed-point iterations from λ₀ stopped far
 * short in overload with redials, silently: r = 0.9 on 90 agents at 100 erlangs offered 19% too
 * few contacts (P(abandon) 0.41 for 0.53), r = 0.99 83% too few (0.52 for 0.92).
 */
import { describe, expect, it } from 'vitest';
import { erlangAFigures } from '../../engine/erlang/index.js';
import { analyticPlan, buildPlan, loadScenarioText } from '../../scenarios/index.js';
import { relError, WorstError } from '../support/expectClose.js';
import { flatScenario } from './fixtures.js';

/** 3 centres × 10 days, 75 fresh calls an hour per centre to agents (AHT 240 s: 5 erlangs), exponential patience of 100 s. */
const FRESH_PER_SECOND = 75 / 3600;
const RUNS = 30;

/** The offered rate solving λ·(1 − r·P(abandon at λ)) = λ₀ with Erlang A, by bisection on [λ₀, λ₀/(1 − r)] (the left side grows with λ). */
function fixedPoint(agents: number, r: number): number {
  const excess = (l: number) => l * (1 - r * erlangAFigures(agents, l * 240, 240, 100, 20).pAbandon) - FRESH_PER_SECOND;
  let lo = FRESH_PER_SECOND, hi = FRESH_PER_SECOND / (1 - r);
  for (let i = 0; i < 200 && hi - lo > 1e-15 * hi; i++) {
    const mid = (lo + hi) / 2;
    if (excess(mid) < 0) lo = mid; else hi = mid;
  }
  return (lo + hi) / 2;
}

async function planWith(agents: number, redial: number) {
  const r = await loadScenarioText(flatScenario(agents, '{ kind: exponential, mean: 100 }'), [
    `channels[voice].retrial={probability: ${redial}, delaySeconds: {kind: exponential, mean: 60}}`,
  ]);
  if (r.state !== 'valid') throw new Error(JSON.stringify(r.problems));
  return buildPlan(r.scenario);
}

describe('analytic redials: the fixed point λ·(1 − r·P(abandon)) = λ₀', () => {
  it('redials = r × abandoned, and the figures are Erlang A at the offered rate, from light load to 3× overload and r up to 0.999', async () => {
    const t = new WorstError('analytic redials vs the fixed point');
    for (const agents of [2, 4, 4.5, 5, 6, 9]) {
      for (const r of [0.1, 0.5, 0.9, 0.99, 0.999]) {
        const count = { kernelEvaluations: 0, overloadedIntervals: 0 };
        const f = analyticPlan(await planWith(agents, r), count).figures;
        const inputs = { agents, r };
        t.add('redials = r·abandoned', f.retrials, r * f.abandoned, inputs);
        t.add('customers = fresh', f.offered - f.retrials, FRESH_PER_SECOND * 24 * 3600 * RUNS, inputs);
        if (Number.isInteger(agents)) {
          const lambda = f.offered / (24 * 3600 * RUNS);
          t.add('offered rate = the fixed point by bisection', lambda, fixedPoint(agents, r), inputs);
          const e = erlangAFigures(agents, lambda * 240, 240, 100, 20);
          t.add('pAbandon = Erlang A at λ', f.pAbandon, e.pAbandon, inputs);
          t.add('serviceLevel = Erlang A at λ', f.serviceLevel, e.serviceLevel, inputs);
        }
        expect(count.overloadedIntervals).toBe(0);
      }
    }
    t.log();
    t.expectWithin({ 'offered rate = the fixed point by bisection': 1e-9, 'redials = r·abandoned': 1e-9, 'customers = fresh': 1e-12, 'pAbandon = Erlang A at λ': 1e-9, 'serviceLevel = Erlang A at λ': 1e-9 });
  });

  it('r = 1: every customer is answered when the agents can answer them all; no steady state (undefined, counted overloaded) when they cannot', async () => {
    const f = analyticPlan(await planWith(6, 1)).figures; // 5 erlangs of fresh work on 6 agents
    const customers = FRESH_PER_SECOND * 24 * 3600 * RUNS;
    expect(relError(f.answered, customers)).toBeLessThanOrEqual(1e-9);
    expect(relError(f.retrials, f.abandoned)).toBeLessThanOrEqual(1e-9);
    for (const agents of [5, 4.9, 4, 0]) { // 5: exactly critical, the redials grow without bound too
      const count = { kernelEvaluations: 0, overloadedIntervals: 0 };
      const g = analyticPlan(await planWith(agents, 1), count).figures;
      expect(count.overloadedIntervals).toBe(24);
      expect(g.offered).toBeNaN();
      expect(g.answerRate).toBeNaN();
    }
  });

  it('pooled channels redial each at its own r: one of two calls channels on shared agents (r = 0.9 beside r = 0) — its redials are r × its abandoned, the other has none, and the pool offers Σ l_c/(1 − r_c·P(abandon)) by Erlang A', async () => {
    const t = new WorstError('pooled redials');
    for (const agents of [3, 5, 8]) {
      const video = '  - { name: video, kind: video, callsPerDay: 7200, selfService: { share: 0.25 }, handleTimeSeconds: { kind: exponential, mean: 240 }, patienceSeconds: { kind: exponential, mean: 100 }, targetSeconds: 20 }\ngroups:';
      const text = flatScenario(agents, '{ kind: exponential, mean: 100 }').replace('groups:', video).replace('skills: [voice]', 'skills: [voice, video]');
      const r = await loadScenarioText(text, ['channels[voice].retrial={probability: 0.9, delaySeconds: {kind: exponential, mean: 60}}']);
      if (r.state !== 'valid') throw new Error(JSON.stringify(r.problems));
      const plan = buildPlan(r.scenario);
      const [voice, videoTally] = analyticPlan(plan).slices.byChannel;
      const inputs = { agents };
      t.add('voice redials = 0.9 × abandoned', voice!.retrials, 0.9 * voice!.abandoned, inputs);
      expect(videoTally!.retrials).toBe(0);
      t.add('video offered = its fresh calls', videoTally!.offered, FRESH_PER_SECOND * 24 * 3600 * RUNS, inputs);
      // both fresh streams 5 erlangs: the pool solves λ = l + l/(1 − 0.9·P(abandon at λ)), P by Erlang A on N agents
      const excess = (lambda: number) => {
        const p = erlangAFigures(agents, lambda * 240, 240, 100, 20).pAbandon;
        return lambda - FRESH_PER_SECOND - FRESH_PER_SECOND / (1 - 0.9 * p);
      };
      let lo = 2 * FRESH_PER_SECOND, hi = 11 * FRESH_PER_SECOND;
      for (let k = 0; k < 200 && hi - lo > 1e-15 * hi; k++) { const mid = (lo + hi) / 2; if (excess(mid) < 0) lo = mid; else hi = mid; }
      t.add('pool offered rate = fixed point by bisection', (voice!.offered + videoTally!.offered) / (24 * 3600 * RUNS), (lo + hi) / 2, inputs);
    }
    t.log();
    t.expectWithin({ 'voice redials = 0.9 × abandoned': 1e-9, 'video offered = its fresh calls': 1e-12, 'pool offered rate = fixed point by bisection': 1e-9 });
  });
});
