/**
 * The plan's M/M/N+G evaluations (scenarios/plan/poolKernel.ts): ⌊N⌋ and ⌊N⌋ + 1 come from their
 * chunk (the counts 4⌊N/4⌋ … + 4 on one quadrature layout), found at the plan's site, in the
 * memo, or computed. Checked: the figures are the kernel's at each whole count (against
 * mmngFigures alone, to the plan's tolerance), interpolated linearly, across chunk boundaries;
 * and the answer never depends on what the site or the memo held before (a site left by
 * another plan, emptied memos, another order of the same intervals): the same bits.
 */
import { describe, expect, it } from 'vitest';
import { fileURLToPath } from 'node:url';
import { analyticPlan, analyticRunTallies, buildPlan, clearKernelMemos, loadScenarioFile } from '../../scenarios/index.js';
import { FiguresMemo } from '../../scenarios/plan/figuresMemo.js';
import { applyLevers, parseLever } from '../../scenarios/plan/levers.js';
import { evaluatePool, INTO_ABANDON, INTO_ANSWER_RATE, INTO_ASA, INTO_SERVICE_LEVEL, INTO_WAIT, mixed, PLAN_TOLERANCE, poolKernel, poolMemoStats } from '../../scenarios/plan/poolKernel.js';
import { F_ANSWER, F_SL, F_WAIT, MMNG_SLOTS, mmngFiguresUnchecked, mmngRunInto } from '../../engine/erlang/mmng.js';
import { idleRatio } from '../../engine/erlang/erlangB.js';
import type { Tally } from '../../engine/stats/figures.js';
import type { DistributionSpec } from '../../engine/rng/distribution.js';

const SPEC: DistributionSpec = { kind: 'lognormal', mean: 120, cv: 2.5 };

describe('the plan\'s M/M/N+G pair from its chunk', () => {
  it('at fractional N across chunk boundaries (N = 3.3 … 9.7): the linear mix of mmngFigures at ⌊N⌋ and ⌊N⌋ + 1 to 1e-6', () => {
    const kernel = poolKernel([SPEC], [1]);
    const curve = kernel.kind === 'mmng' ? kernel.curve : undefined;
    if (curve === undefined) throw new Error('expected the M/M/N+G kernel');
    for (const agents of [3.3, 3.99, 4, 4.25, 7.5, 8, 8.7, 9.7]) {
      clearKernelMemos();
      const erlangs = 6.5;
      evaluatePool(kernel, agents, erlangs, 180, 0, 20, 7);
      const lo = Math.floor(agents);
      const w = agents - lo;
      const a = mmngFiguresUnchecked(lo, erlangs, 180, curve, 20);
      const b = mmngFiguresUnchecked(lo + 1, erlangs, 180, curve, 20);
      const mix = (x: number, y: number) => (w === 0 ? x : x + w * (y - x));
      const answered = mix(a.answerRate, b.answerRate);
      const want: Array<[number, number]> = [
        [INTO_ANSWER_RATE, answered], [INTO_ABANDON, mix(a.pAbandon, b.pAbandon)], [INTO_SERVICE_LEVEL, mix(a.serviceLevel, b.serviceLevel)],
        [INTO_WAIT, mix(a.pWait, b.pWait)], [INTO_ASA, mix(a.asa * a.answerRate, b.asa * b.answerRate) / answered],
      ];
      for (const [slot, value] of want) expect(Math.abs(mixed[slot]! - value) / value, `N = ${agents}, slot ${slot}`).toBeLessThan(1e-6);
    }
  });

  it('the same bits whichever count of a chunk came first, from the site, the memo or computed; a site left by other inputs is not used', () => {
    const kernel = poolKernel([SPEC], [1]);
    const once = (agents: number, site: number) => {
      evaluatePool(kernel, agents, 38, 180, 0, 20, site);
      return [...mixed];
    };
    clearKernelMemos();
    const fresh = [37.5, 38.25, 39.75, 36.1].map((n) => { clearKernelMemos(); return once(n, -1); });
    clearKernelMemos();
    // one site asked in turn for counts of one chunk (36–40), then another load at the same site, then again
    const viaSite = [37.5, 38.25, 39.75, 36.1].map((n) => once(n, 11));
    evaluatePool(kernel, 38.25, 39, 180, 0, 20, 11);
    const before = poolMemoStats();
    const again = [37.5, 38.25, 39.75, 36.1].map((n) => once(n, 11));
    const after = poolMemoStats();
    expect(viaSite).toEqual(fresh);
    expect(again).toEqual(fresh);
    // found, not recomputed (the memo held the chunk though the site had moved on)
    expect(after.hits - before.hits).toBe(4);
  });
});

describe('the chunk and the site key', () => {
  it('⌊N⌋ = 38 comes from the chunk 36 … 40 (not a run from 38), ⌊N⌋ = 30 from the pair 30, 31: the same bits as mmngRunInto, mixed', () => {
    const kernel = poolKernel([SPEC], [1]);
    if (kernel.kind !== 'mmng') throw new Error('expected the M/M/N+G kernel');
    const erlangs = 36;
    // ⌊N⌋ and ⌊N⌋ + 1 as counts k and k + 1 of the run of `count` from `first`
    const mixOf = (lo: number, first: number, count: number) => {
      const run = new Float64Array(count * MMNG_SLOTS);
      mmngRunInto(run, 0, first, count, erlangs, 180, kernel.curve, 20, idleRatio(first, erlangs), PLAN_TOLERANCE);
      const k = lo - first;
      return (f: number) => run[k * MMNG_SLOTS + f]! + 0.25 * (run[(k + 1) * MMNG_SLOTS + f]! - run[k * MMNG_SLOTS + f]!);
    };
    const slots = [[INTO_ANSWER_RATE, F_ANSWER], [INTO_SERVICE_LEVEL, F_SL], [INTO_WAIT, F_WAIT]] as const;
    clearKernelMemos();
    evaluatePool(kernel, 38.25, erlangs, 180, 0, 20);
    const got = [...mixed];
    const chunk = mixOf(38, 36, 5);
    const own = mixOf(38, 38, 2);
    for (const [slot, f] of slots) {
      expect(got[slot], `slot ${slot}`).toBe(chunk(f));
      // here the two layouts differ in the last bits, so the check above tells them apart
      expect(own(f), `slot ${slot}`).not.toBe(chunk(f));
    }
    // below 32 agents the plan evaluates pairs: ⌊N⌋ = 30 on its own layout, not the chunk 28 … 32's
    clearKernelMemos();
    evaluatePool(kernel, 30.25, 29, 180, 0, 20);
    const pair = (() => {
      const run = new Float64Array(2 * MMNG_SLOTS);
      mmngRunInto(run, 0, 30, 2, 29, 180, kernel.curve, 20, idleRatio(30, 29), PLAN_TOLERANCE);
      return (f: number) => run[f]! + 0.25 * (run[MMNG_SLOTS + f]! - run[f]!);
    })();
    for (const [slot, f] of slots) expect(mixed[slot], `slot ${slot}`).toBe(pair(f));
  });

  it('a site holding a chunk for other inputs (A, AHT, T or patience) is not used: each gives what it gives fresh', () => {
    const lognormal = poolKernel([SPEC], [1]);
    const weibull = poolKernel([{ kind: 'weibull', mean: 120, shape: 0.7 }], [1]);
    const cases: Array<[typeof lognormal, number, number, number]> = [
      [lognormal, 30, 180, 20], [lognormal, 31, 180, 20], [lognormal, 30, 181, 20], [lognormal, 30, 180, 21], [weibull, 30, 180, 20],
    ];
    const fresh = cases.map(([k, a, aht, t]) => { clearKernelMemos(); evaluatePool(k, 29.5, a, aht, 0, t, -1); return [...mixed]; });
    clearKernelMemos();
    // all through one site, in turn, twice (each finds the site holding the previous case's chunk)
    for (let round = 0; round < 2; round++) {
      cases.forEach(([k, a, aht, t], i) => {
        evaluatePool(k, 29.5, a, aht, 0, t, 3);
        expect([...mixed], `case ${i}, round ${round}`).toEqual(fresh[i]);
      });
    }
    expect(new Set(fresh.map((f) => f[INTO_SERVICE_LEVEL])).size).toBe(cases.length);
  });
});

describe('FiguresMemo by place', () => {
  it('findIn: the slot named (modulo the slots), its key compared in full; another key there misses, NaN too', () => {
    const memo = new FiguresMemo(2, 1, 16);
    memo.key.set([1, 2]);
    expect(memo.findIn(5)).toBe(-1);
    const at = memo.store(Float64Array.of(42), 0);
    expect(at).toBe(5);
    memo.key.set([1, 2]);
    expect(memo.findIn(5 + 16)).toBe(5);
    expect(memo.values[5]).toBe(42);
    expect(memo.findIn(6)).toBe(-1);
    memo.key.set([1, 3]);
    expect(memo.findIn(5)).toBe(-1);
    memo.key.set([1, NaN]);
    expect(memo.findIn(5)).toBe(-1);
  });
});

describe('the baseline\'s runs: totals added straight or interval by interval', () => {
  it('every run\'s totals, per channel and group, are the same bits with and without per-interval tallies', async () => {
    const file = fileURLToPath(new URL('../../scenarios/china-banking-2017.yaml', import.meta.url));
    const plan = buildPlan((await loadScenarioFile(file, [])).scenario);
    for (const r of plan.runs) {
      const direct = analyticRunTallies(r.model, { onDutyExact: r.onDutyExact, intervals: false });
      const byInterval = analyticRunTallies(r.model, { onDutyExact: r.onDutyExact, intervals: true });
      const totals: Tally[] = [];
      const viaTotals = analyticRunTallies(r.model, { onDutyExact: r.onDutyExact, intervals: false, intervalTotals: totals });
      for (const other of [byInterval, viaTotals]) {
        expect(JSON.stringify(other.byChannel)).toBe(JSON.stringify(direct.byChannel));
        expect(JSON.stringify(other.byGroup)).toBe(JSON.stringify(direct.byGroup));
        expect(JSON.stringify(other.total)).toBe(JSON.stringify(direct.total));
      }
      expect(totals).toHaveLength(r.model.channels[0]!.arrivalRatePerSecond.length);
    }
  });
});

describe('the baseline\'s runs with and without sites', () => {
  it('every run gives the same tallies, bit for bit, from sites left by another plan (staff −3%) as without sites', async () => {
    const file = fileURLToPath(new URL('../../scenarios/china-banking-2017.yaml', import.meta.url));
    const scenario = (await loadScenarioFile(file, [])).scenario;
    const plan = buildPlan(scenario);
    const other = buildPlan(applyLevers(scenario, [parseLever('staff', '-3%')]));
    clearKernelMemos();
    const without = plan.runs.map((r) => JSON.stringify(analyticRunTallies(r.model, { onDutyExact: r.onDutyExact, intervals: false }).total));
    clearKernelMemos();
    analyticPlan(other, undefined, false);
    const withSites = plan.runs.map((r, site) => JSON.stringify(analyticRunTallies(r.model, { onDutyExact: r.onDutyExact, intervals: false, site }).total));
    expect(withSites).toEqual(without);
  });
});
