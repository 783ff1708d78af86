/**
 * The full-year run: the exact Poisson sampler against its moments and pmf; self-service
 * thinning keeps the expected volumes; the year over every centre-day conserves calls
 * (offered = answered + abandoned + still waiting), reproduces the scenario's volume and IVR
 * share within Poisson error, and gives the same tally with 1 and 2 workers.
 */
import { fullYearCsv } from '../../cli/format/fullYear.js';
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { poisson, thinSelfService } from '../../engine/parallel/index.js';
import { streamState } from '../../engine/rng/stream.js';
import { factorial } from 'mathjs';
import { loadScenarioText, buildPlan } from '../../scenarios/index.js';
import { runFullYear } from '../../scenarios/index.js';
import { fullYearWork } from '../../scenarios/studies/fullYear.js';
import { planWork } from '../../scenarios/plan/work.js';

describe('poisson (exact sampler)', () => {
  for (const mean of [0.7, 3, 50, 2.5e5]) {
    it(`mean ${mean}: sample mean and variance within 4 standard errors of the mean`, () => {
      const s = streamState('poisson-test', 0, 0, `m${mean}`);
      const n = 20_000;
      let sum = 0, sum2 = 0;
      for (let i = 0; i < n; i++) {
        const k = poisson(mean, s);
        expect(Number.isInteger(k) && k >= 0).toBe(true);
        sum += k;
        sum2 += k * k;
      }
      const m = sum / n;
      const v = sum2 / n - m * m;
      expect(Math.abs(m - mean)).toBeLessThan(4 * Math.sqrt(mean / n));
      // Var of the sample variance of a Poisson ≈ (μ + 2μ²)/n.
      expect(Math.abs(v - mean)).toBeLessThan(4 * Math.sqrt((mean + 2 * mean * mean) / n));
    });
  }

  it('mean 40 (PTRS branch): chi-square of the counts against the pmf is below the 99.9% point', () => {
    const mean = 40, n = 50_000;
    const s = streamState('poisson-test', 1, 0, 'chi');
    const counts = new Map<number, number>();
    for (let i = 0; i < n; i++) {
      const k = poisson(mean, s);
      counts.set(k, (counts.get(k) ?? 0) + 1);
    }
    // Bins 25…55 and the two tails.
    const pmf = (k: number) => (Math.exp(-mean) * mean ** k) / factorial(k); // theory from mathjs, not the engine's lnGamma
    let chi = 0, bins = 0, lowP = 0, low = 0, highP = 1, high = 0;
    for (let k = 0; k < 25; k++) { lowP += pmf(k); low += counts.get(k) ?? 0; }
    for (let k = 25; k <= 55; k++) {
      const e = n * pmf(k);
      chi += ((counts.get(k) ?? 0) - e) ** 2 / e;
      bins++;
      highP -= pmf(k);
    }
    highP -= lowP;
    for (const [k, c] of counts) if (k > 55) high += c;
    chi += (low - n * lowP) ** 2 / (n * lowP) + (high - n * highP) ** 2 / (n * highP);
    bins += 2;
    // χ²(32 df) 99.9% point ≈ 62.5
    expect(bins - 1).toBe(32);
    expect(chi).toBeLessThan(62.5);
  });

  it('rejects a bad mean, naming it', () => {
    expect(() => poisson(-1, streamState(1, 0, 0, 'x'))).toThrow('poisson: mean must be a finite number ≥ 0, got -1');
    expect(poisson(0, streamState(1, 0, 0, 'x'))).toBe(0);
  });
});

const tinyText = readFileSync(fileURLToPath(new URL('./fixtures/tiny.yaml', import.meta.url)), 'utf8');

describe('full year', () => {
  it('thinning keeps each interval’s expected agent and IVR calls', async () => {
    const r = await loadScenarioText(tinyText);
    if (r.state !== 'valid') throw new Error('tiny.yaml invalid');
    const model = buildPlan(r.scenario).runs[0]!.model;
    const t = thinSelfService(model);
    const ch = model.channels[0]!;
    const share = ch.selfService!.share;
    expect(t.model.channels[0]!.selfService).toBeUndefined();
    ch.arrivalRatePerSecond.forEach((rate, i) => expect(t.model.channels[0]!.arrivalRatePerSecond[i]).toBeCloseTo(rate * (1 - share), 15));
    const total = ch.arrivalRatePerSecond.reduce((a, b) => a + b, 0) * model.intervalSeconds;
    expect(t.selfServiceMean[0]).toBeCloseTo(total * share, 8);
    // Self-served callers who come back (returnShare) must be simulated one by one: no thinning.
    const returning = structuredClone(model);
    returning.channels[0]!.selfService = { share, returnShare: 0.1 };
    const kept = thinSelfService(returning);
    expect(kept.model.channels[0]).toEqual(returning.channels[0]);
    expect(kept.selfServiceMean[0]).toBe(0);
  });

  it('every centre-day of the tiny scenario: conservation, volume and IVR share within Poisson error, same tally with 1 and 2 workers', async () => {
    const r = await loadScenarioText(tinyText);
    if (r.state !== 'valid') throw new Error('tiny.yaml invalid');
    const one = await runFullYear({ scenario: r.scenario, seed: 9, workers: 1, withModel: false, callsPerTask: 5000 });
    const two = await runFullYear({ scenario: r.scenario, seed: 9, workers: 2, withModel: false, callsPerTask: 5000 });
    expect(JSON.stringify(two.tally)).toBe(JSON.stringify(one.tally));
    const t = one.tally;
    expect(one.centreDays).toBe(4); // 2 centres × 2 days
    expect(t.answered + t.abandoned + t.stillWaiting).toBe(t.offered);
    // 24,000 calls a day over the whole scenario, 2 days: Poisson(48,000) arrivals (no redials).
    const calls = t.offered + t.selfServiceCompleted;
    expect(calls).toBe(one.calls);
    expect(Math.abs(calls - 48_000)).toBeLessThan(4 * Math.sqrt(48_000));
    const share = t.selfServiceCompleted / calls;
    expect(Math.abs(share - 0.6)).toBeLessThan(4 * Math.sqrt((0.6 * 0.4) / calls));
    // --csv: the figures of the year as the table prints them, each with its unit and rounded for it, then the centre classes
    const csv = fullYearCsv(one, r.scenario).trimEnd().split('\n').map((l) => l.split(','));
    expect(csv[0]).toEqual(['table', 'name', 'figure', 'unit', 'year', 'model', 'modelCi95', 'reported', 'relativeDifference (fraction)']);
    const rowOf = (key: string) => csv.find((row) => row[0] === 'figures' && row[2] === key)!;
    expect(rowOf('answered').slice(3, 5)).toEqual(['contacts per period', String(t.answered)]); // a whole count, exact
    expect(rowOf('answerRate')[3]).toBe('fraction');
    expect(Math.abs(Number(rowOf('answerRate')[4]) - one.figures.answerRate)).toBeLessThanOrEqual(5e-7); // 6 decimals
    expect(Math.abs(Number(rowOf('asa')[4]) - one.figures.asa)).toBeLessThanOrEqual(5e-4); // milliseconds
    expect(csv.filter((row) => row[0] === 'centreClasses').map((row) => `${row[1]}.${row[2]}.${row[3]}`)).toEqual(['only.answered.contacts per period', 'only.answerRate.fraction', 'only.serviceLevel.fraction']);
  });
});

describe('the full year\'s work estimate', () => {
  it('counts each day once when a day type has volume variants (volumeCv): the centre-days and calls the run simulates', async () => {
    const r = await loadScenarioText(tinyText, ['dayTypes[day].days=6', 'dayTypes[day].volumeCv=0.1']);
    if (r.state !== 'valid') throw new Error(JSON.stringify(r.problems));
    expect(buildPlan(r.scenario).runs.length).toBe(3); // three day volumes share the 6 days
    const work = fullYearWork(r.scenario, 1);
    const year = await runFullYear({ scenario: r.scenario, seed: 3, workers: 1, withModel: false, callsPerTask: 20_000 });
    expect(year.centreDays).toBe(12); // 2 centres × 6 days
    expect(work.what).toContain(`${year.centreDays} centre-days`);
    // expected arrivals before self-service against those drawn: Poisson, so within 4σ (it was 3× before)
    const plan = buildPlan(r.scenario);
    const estimateYear = work.calls - planWork(plan, r.scenario.simulation?.replications ?? 4, 1).calls; // less the model's replications
    expect(Math.abs(estimateYear - year.calls)).toBeLessThan(0.1 * year.calls);
  });
});
