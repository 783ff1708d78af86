/**
 * The report model (scenarios/studies/report): its series against independent references —
 * per-interval kernel tallies add up to the run's (conservation), the required agents are the
 * smallest meeting the goal by Erlang A itself, simulated per-interval tallies add up to the
 * run totals and do not depend on the worker count, and every figure a report shows has one
 * definition in docs/figures.md.
 */
import { describe, expect, it } from 'vitest';
import { erlangAFigures } from '../../engine/erlang/index.js';
import { addTally, emptyTally, FIGURE_KEYS, figuresOf, type Tally } from '../../engine/stats/figures.js';
import {
  analyticTally, buildPlan, comparisonRows, INTRADAY_KEYS, intervalLoads, intradaySection, loadScenarioFile, PERIOD_KEYS, runWhatif, simulatePlan,
  simulatePlanParallel, STAFF_KEYS, SweepCollector, sweepReport, whatifVariants, parseLever, serviceLevelGoal,
} from '../../scenarios/index.js';
import { documentedDefinitions, definitionsOf } from '../../cli/report/definitions.js';
import { build } from '../cli/run.js';

const tiny = new URL('../parallel/fixtures/tiny.yaml', import.meta.url).pathname;
const baseline = new URL('../../scenarios/china-banking-2017.yaml', import.meta.url).pathname;

const relErr = (a: number, b: number) => Math.abs(a - b) / Math.max(1, Math.abs(b));

describe('intraday series', () => {
  it('the kernels\' per-interval tallies add up to the run\'s tally (every field)', async () => {
    const { scenario } = await loadScenarioFile(baseline);
    for (const run of buildPlan(scenario).runs) {
      const per: Tally[] = [];
      const total = analyticTally(run.model, run.onDutyExact, undefined, per);
      expect(per).toHaveLength(86_400 / scenario.intervalSeconds);
      const sum = per.reduce((t, x) => addTally(t, x), emptyTally());
      for (const k of Object.keys(total) as (keyof Tally)[]) {
        // a field the kernels give no value for (deferred work, in this blended baseline) is NaN in both
        if (Number.isNaN(total[k])) {
          expect(Number.isNaN(sum[k]), k).toBe(true);
          continue;
        }
        expect(Number.isFinite(sum[k]), k).toBe(true);
        expect(relErr(sum[k], total[k]), `${run.centreClass}/${run.dayType} ${k}`).toBeLessThan(1e-9);
      }
    }
  });

  it('required agents are the fewest whose Erlang A service level reaches the goal (checked with erlangAFigures), weighted over the day-volume variants', async () => {
    const { scenario: blended } = await loadScenarioFile(baseline);
    // the voice part of the baseline: one pool of calls (chat pools are sized by their session slots)
    const scenario = { ...blended, channels: [blended.channels[0]!], groups: [blended.groups[0]!], targets: [] };
    const plan = buildPlan(scenario);
    const goal = serviceLevelGoal(scenario);
    expect(goal.slTarget).toBe(0.8); // the baseline has no serviceLevel target: the 80/20 convention
    const section = intradaySection(scenario, [{ name: 'scenario', plan }]);
    let checked = 0;
    const fewest = (A: number, p: { ahtSeconds: number; patienceSeconds?: number; targetSeconds: number }) => {
      const sl = (m: number) => erlangAFigures(m, A, p.ahtSeconds, p.patienceSeconds!, p.targetSeconds).serviceLevel;
      let n = 1;
      while (sl(n) < 0.8) n++;
      return n;
    };
    // each chart is one (class, day type): its variants' counts, each the fewest, weighted by their probabilities
    for (const chart of section.runs) {
      const variants = plan.runs.filter((r) => r.centreClass === chart.centreClass && r.dayType === chart.dayType);
      expect(variants.reduce((a, r) => a + r.weight, 0)).toBeCloseTo(1, 12);
      const required = chart.sides[0]![0]!.data.requiredAgents!;
      required.forEach((n, k) => {
        let want = 0;
        for (const r of variants) {
          const p = intervalLoads(r.model, r.onDutyExact)[k]![0]!;
          const A = p.arrivalsPerSecond * p.ahtSeconds;
          if (A > 0) want += r.weight * fewest(A, p);
        }
        expect(n, `${chart.centreClass}/${chart.dayType} interval ${k}`).toBeCloseTo(want, 9);
        checked++;
      });
    }
    expect(checked).toBeGreaterThan(200);
  });

  it('the kernels\' series of a side are its plan\'s: agents on duty sum to the on-duty time of the run', async () => {
    const { scenario } = await loadScenarioFile(tiny);
    const plan = buildPlan(scenario);
    const s = intradaySection(scenario, [{ name: 'scenario', plan }]);
    const agents = s.runs[0]!.sides[0]![0]!.data.agents;
    const onDuty = analyticTally(plan.runs[0]!.model, plan.runs[0]!.onDutyExact).onDutySeconds;
    expect(relErr(agents.reduce((a, b) => a + b, 0) * scenario.intervalSeconds, onDuty)).toBeLessThan(1e-12);
  });

  it('simulated per-interval tallies add up to each run\'s total, and are the same on 1 and 2 workers', async () => {
    build();
    const { scenario } = await loadScenarioFile(tiny);
    const plan = buildPlan(scenario);
    const o = { seed: 5, replications: 3, intervals: true };
    const one = simulatePlan(plan, o);
    const two = await simulatePlanParallel(plan, { ...o, workers: 2 });
    expect(two.intervals).toEqual(one.intervals);
    expect(one.intervals).toHaveLength(3);
    one.intervals!.forEach((rep, r) => rep.forEach((intervals, i) => {
      const sum = intervals.flat().reduce((t, x) => addTally(t, x), emptyTally());
      const scale = plan.runs[i]!.scale;
      const total = one.byRunTallies[r]![i]!; // scaled by centres × days
      expect(relErr(sum.offered * scale, total.offered)).toBeLessThan(1e-12);
      expect(relErr(sum.answered * scale, total.answered)).toBeLessThan(1e-12);
      expect(sum.offered).toBeGreaterThan(0);
    }));
    // without the option nothing is kept
    expect(simulatePlan(plan, { seed: 5, replications: 2 }).intervals).toBeUndefined();
  });

  it('simulated SL bands per interval hold the mean of the replications\' SL (figures from each replication\'s tally)', async () => {
    const { scenario } = await loadScenarioFile(tiny);
    const plan = buildPlan(scenario);
    const sim = simulatePlan(plan, { seed: 5, replications: 4, intervals: true });
    const s = intradaySection(scenario, [{ name: 'scenario', plan, intervals: sim.intervals! }]);
    const band = s.runs[0]!.sides[0]![0]!.data.serviceLevel!;
    const k = 12;
    const values = sim.intervals!.map((rep) => figuresOf(rep[0]![k]![0]!).serviceLevel);
    const mean = values.reduce((a, b) => a + b, 0) / values.length;
    expect(Math.abs(band.mean[k]! - mean)).toBeLessThan(1e-12);
    expect(band.ci95[k]).toBeGreaterThan(0);
  });
});

describe('what-if and sweep reports', () => {
  it('comparison rows carry the what-if result\'s numbers (kernels and simulated, paired difference)', async () => {
    const { scenario } = await loadScenarioFile(tiny);
    const v = whatifVariants(scenario, [parseLever('staff', '-10%')]);
    const r = runWhatif(scenario, v.variant, { simulate: true, replications: 2, seed: 5 }, undefined, v.variantWithoutStaff);
    const rows = comparisonRows(r);
    expect(rows.map((x) => x.key)).toEqual([...PERIOD_KEYS]);
    const ar = rows.find((x) => x.key === 'answerRate')!;
    expect(ar.kernels).toEqual({ baseline: r.baseline.analytic.answerRate, variant: r.variant.analytic.answerRate });
    expect(ar.simulated!.difference).toEqual({ mean: r.difference!.figures.answerRate, ci95: r.difference!.ci95.answerRate });
    expect(rows.find((x) => x.key === 'staff')!.kernels).toEqual({ baseline: 120, variant: 108 });
  });

  it('the sweep collector keeps each cell\'s figures by cell index, in any order', () => {
    const axes = [{ name: 'staff', kind: 'lever' as const, values: [-0.1, 0] }, { name: 'aht', kind: 'lever' as const, values: [-0.1, 0, 0.1] }];
    const c = new SweepCollector(axes);
    const fig = (cell: number) => FIGURE_KEYS.map((_, k) => cell * 100 + k);
    c.add([{ cell: 4, figures: fig(4), ci95: undefined }, { cell: 0, figures: fig(0), ci95: undefined }]);
    const body = sweepReport({ scenarioName: 'x', axes, model: 'analytic', replications: 0, collected: c });
    const s = body.sections[0]!;
    if (s.kind !== 'sweep') throw new Error('not a sweep section');
    const ar = s.series[0]!.data.values.answerRate!;
    const k = FIGURE_KEYS.indexOf('answerRate');
    expect(ar[4]).toBe(400 + k);
    expect(ar[0]).toBe(k);
    expect(Number.isNaN(ar[1])).toBe(true); // not received
    expect(s.series[0]!.data.ci95).toBeUndefined();
  });
});

describe('definitions', () => {
  it('every figure a report shows has exactly the definition docs/figures.md gives', () => {
    const docs = documentedDefinitions();
    expect(docs.get('answerRate')).toBe('answered / offered');
    const keys = [...new Set([...PERIOD_KEYS, ...INTRADAY_KEYS, ...STAFF_KEYS, ...FIGURE_KEYS])];
    const defs = definitionsOf(keys, 20);
    expect(defs.map((d) => d.key)).toEqual(keys);
    for (const d of defs) {
      expect(d.definition, d.key).toBe(docs.get(d.key));
      expect(d.label.length, d.key).toBeGreaterThan(2);
    }
    expect(() => definitionsOf(['noSuchFigure'])).toThrow(/defines no figure noSuchFigure/);
  });
});
