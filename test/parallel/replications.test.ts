/**
 * Parallel replications equal serial ones: replication k depends only on (seed, task, k), so
 * `runReplicationsParallel` with 2 or 3 workers returns exactly `runReplications` (every
 * figure, CI, per-interval figure and tally; only wall-clock seconds differ). Needs
 * `npx tsc -p tsconfig.json` (workers run dist/).
 */
import { describe, expect, it } from 'vitest';
import { runReplications, type Model, type ReplicationsResult } from '../../engine/des/index.js';
import { openPool, runReplicationsParallel, TASK_MODULES } from '../../engine/parallel/index.js';
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

  it('on a pool the caller opened: the serial bytes for two models in a row, and the pool is left open', async () => {
    const pool = await openPool({ workers: 2, modules: [TASK_MODULES.simulation] });
    try {
      const other: Model = { ...model, groups: [{ ...model.groups[0]!, onDuty: Array(48).fill(11) }] };
      expect(bytes(await runReplicationsParallel(model, { ...options, pool }))).toBe(bytes(runReplications(model, options)));
      expect(bytes(await runReplicationsParallel(other, { ...options, seed: 'other', pool }))).toBe(bytes(runReplications(other, { ...options, seed: 'other' })));
      expect(pool.size).toBe(2);
      // Still open: a third run on it finishes.
      expect((await runReplicationsParallel(model, { ...options, replications: 1, pool })).runs).toHaveLength(1);
    } finally {
      await pool.close();
    }
  });

  it('a model error is reported before any thread starts, naming the field', async () => {
    const bad = { ...model, groups: [{ ...model.groups[0]!, onDuty: Array(48).fill(-1) }] };
    await expect(runReplicationsParallel(bad, { ...options, workers: 2 })).rejects.toThrow(/onDuty/);
  });
});

describe('channel kinds on worker threads', () => {
  /** Voice, chat (3 sessions, slowed) and e-mail on a blended group and a digital group, with a carried backlog. */
  const blended: Model = {
    intervalSeconds: 1800, days: 2,
    channels: [
      { ...model.channels[0]!, selfService: { share: 0.3, returnShare: 0.2, returnDelay: { kind: 'exponential', mean: 600 } }, retrial: { probability: 0.3, delay: { kind: 'exponential', mean: 300 } } },
      { name: 'wechat', kind: 'chat', concurrency: 3, slowdown: 0.2, targetSeconds: 30, arrivalRatePerSecond: Array(48).fill(0.04), handleTime: { kind: 'exponential', mean: 400 }, patience: { kind: 'exponential', mean: 200 } },
      { name: 'email', kind: 'deferred', deadlineSeconds: 14_400, targetSeconds: 3600, arrivalRatePerSecond: Array(48).fill(0.01), handleTime: { kind: 'gamma', mean: 300, cv: 0.5 } },
    ],
    groups: [
      { name: 'blended', skills: ['voice', 'wechat', 'email'], onDuty: Array.from({ length: 48 }, (_, i) => (i < 16 ? 2 : 9)) },
      { name: 'digital', skills: ['wechat', 'email'], onDuty: Array.from({ length: 48 }, (_, i) => (i >= 16 && i < 40 ? 5 : 0)) },
    ],
  };

  it('replications give the same bytes with 1, 2 and 3 workers: per channel, per group, backlogs and histograms included', async () => {
    const options = { seed: 'par-blend', replications: 4, warmupSeconds: 86_400 };
    const serial = runReplications(blended, options);
    expect(serial.pooledByChannel[2]!.deferredHandled).toBeGreaterThan(0);
    expect(serial.runs[0]!.tallies.startBacklog[2]).toBeGreaterThan(0);
    for (const workers of [1, 2, 3]) expect(bytes(await runReplicationsParallel(blended, { ...options, workers }))).toBe(bytes(serial));
  });

  it('des-totals carries each run\'s per-channel and per-group tallies and backlogs, the same on any worker', async () => {
    const { openPool, TASK_MODULES } = await import('../../engine/parallel/index.js');
    const { desTotals } = await import('../../engine/parallel/tasks/simulation.js');
    const input = { model: blended, seed: 'totals', runs: [{ task: 0, replication: 0 }, { task: 1, replication: 0 }], warmupSeconds: 86_400 };
    const here = desTotals(input);
    expect(here.byChannel).toHaveLength(2);
    expect(here.byGroup[1]).toHaveLength(2);
    expect(here.byChannel[0]![2]!.timeToHandleCounts).toBeDefined();
    const pool = await openPool({ workers: 2, modules: [TASK_MODULES.simulation] });
    try {
      const outs: unknown[] = [];
      await pool.run([{ kind: 'des-totals', input, label: 'a' }, { kind: 'des-totals', input, label: 'b' }], { onResult: (_, v) => void outs.push(v) });
      for (const out of outs) expect(JSON.stringify(out)).toBe(JSON.stringify(here));
    } finally {
      await pool.close();
    }
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
