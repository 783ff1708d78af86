/**
 * Parallel replications equal serial ones: replication k depends only on (seed, task, k), so
 * `runReplicationsParallel` with 2 or 3 workers returns exactly `runReplications` (every
 * figure, CI, per-interval figure and tally; only wall-clock seconds differ). Needs
 * `npx tsc -p tsconfig.json` (workers run dist/).
 */
import { describe, expect, it } from 'vitest';
import { runReplications, type Model, type ReplicationsResult } from '../../engine/des/index.js';
import { runReplicationsParallel } from '../../engine/parallel/index.js';
import { erlangAFigures } from '../../engine/erlang/index.js';

const model: Model = {
  intervalSeconds: 1800,
  days: 1,
  channels: [{
    name: 'voice', kind: 'voice', targetSeconds: 20,
    arrivalRatePerSecond: Array(48).fill(9 / 180),
    handleTime: { kind: 'exponential', mean: 180 },
    patience: { kind: 'exponential', mean: 120 },
  }],
  groups: [{ name: 'agents', skills: ['voice'], onDuty: Array(48).fill(10) }],
};

/** Everything but wall-clock time, as text. */
function bytes(r: ReplicationsResult): string {
  return JSON.stringify({ ...r, seconds: 0, runs: r.runs.map((x) => ({ ...x, seconds: 0 })) });
}

describe('runReplicationsParallel', () => {
  const options = { seed: 'par', replications: 6, maxArrivals: 3000, warmupSeconds: 1800 };
  it('gives the serial result byte for byte with 1, 2 and 3 workers', async () => {
    const serial = bytes(runReplications(model, options));
    for (const workers of [1, 2, 3]) expect(bytes(await runReplicationsParallel(model, { ...options, workers }))).toBe(serial);
  });

  it('a later block of replications equals the same replications of a longer batch', async () => {
    const all = await runReplicationsParallel(model, { ...options, replications: 4, workers: 2 });
    const tail = await runReplicationsParallel(model, { ...options, replications: 2, firstReplication: 2, workers: 2 });
    expect(tail.runs.map((r) => r.total)).toEqual(all.runs.slice(2).map((r) => r.total));
  });

  it('the merged figures agree with Erlang A (M/M/10+M, 9 erlangs) within 4 half-widths', async () => {
    const r = await runReplicationsParallel(model, { seed: 7, replications: 8, workers: 2, warmupSeconds: 3600 });
    const theory = erlangAFigures(10, 9, 180, 120, 20);
    expect(Math.abs(r.figures.pAbandon - theory.pAbandon)).toBeLessThan(4 * r.ci95.pAbandon + 1e-3);
    expect(Math.abs(r.figures.serviceLevel - theory.serviceLevel)).toBeLessThan(4 * r.ci95.serviceLevel + 1e-3);
  });

  it('a model error is reported before any thread starts, naming the field', async () => {
    const bad = { ...model, groups: [{ ...model.groups[0]!, onDuty: Array(48).fill(-1) }] };
    await expect(runReplicationsParallel(bad, { ...options, workers: 2 })).rejects.toThrow(/onDuty/);
  });
});

describe('simulatePlanParallel', () => {
  it('equals simulatePlan byte for byte (2 and 3 workers), only seconds differ', async () => {
    const { readFileSync } = await import('node:fs');
    const { loadScenarioText, buildPlan, simulatePlan } = await import('../../scenarios/index.js');
    const { simulatePlanParallel } = await import('../../scenarios/index.js');
    const r = await loadScenarioText(readFileSync(new URL('./fixtures/tiny.yaml', import.meta.url), 'utf8'));
    if (r.state !== 'valid') throw new Error('tiny.yaml invalid');
    const plan = buildPlan(r.scenario);
    const strip = (x: object) => JSON.stringify({ ...x, seconds: 0 });
    const serial = strip(simulatePlan(plan, { seed: 4, replications: 3 }));
    for (const workers of [2, 3]) expect(strip(await simulatePlanParallel(plan, { seed: 4, replications: 3, workers }))).toBe(serial);
  });
});
