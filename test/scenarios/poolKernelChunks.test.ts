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
import { mmngFiguresUnchecked } from '../../engine/erlang/mmng.js';
import { analyticPlan, analyticRunTallies, buildPlan, clearKernelMemos, loadScenarioFile } from '../../scenarios/index.js';
import { FiguresMemo } from '../../scenarios/plan/figuresMemo.js';
import { applyLevers, parseLever } from '../../scenarios/plan/levers.js';
import { evaluatePool, INTO_ABANDON, INTO_ANSWER_RATE, INTO_ASA, INTO_SERVICE_LEVEL, INTO_WAIT, mixed, poolKernel, poolMemoStats } from '../../scenarios/plan/poolKernel.js';
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
      evaluatePool(kernel, agents, 30, 180, 0, 20, site);
      return [...mixed];
    };
    clearKernelMemos();
    const fresh = [29.5, 30.25, 31.75, 28.1].map((n) => { clearKernelMemos(); return once(n, -1); });
    clearKernelMemos();
    // one site asked in turn for counts of one chunk (28–32), then another load at the same site, then again
    const viaSite = [29.5, 30.25, 31.75, 28.1].map((n) => once(n, 11));
    evaluatePool(kernel, 30.25, 31, 180, 0, 20, 11);
    const before = poolMemoStats();
    const again = [29.5, 30.25, 31.75, 28.1].map((n) => once(n, 11));
    const after = poolMemoStats();
    expect(viaSite).toEqual(fresh);
    expect(again).toEqual(fresh);
    // found, not recomputed (the memo held the chunk though the site had moved on)
    expect(after.hits - before.hits).toBe(4);
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
