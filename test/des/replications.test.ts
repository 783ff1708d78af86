/**
 * Batches of replications (engine/des/replications.ts), the warm-up rules (warmup.ts) and the
 * stationary model (stationary.ts), against their definitions computed here independently:
 * - each replication of a batch is `simulate` of its own replication number;
 * - the batch's figures are the means over replications, and its 95% half-widths are
 *   t₀.₉₇₅(n − 1)·s/√n with Student's t from the published table (Abramowitz & Stegun 1964,
 *   table 26.10: t₀.₉₇₅(10) = 2.228139, t₀.₉₇₅(2) = 4.302653), per total, channel and group;
 * - pooled tallies and arrivals are the sums over the runs; `keepRuns: false` and
 *   `combineReplications` give the same numbers;
 * - the default warm-up is 20 × the longest mean handle time or patience of any channel;
 *   `backlogWarmup` adds whole cycles; the stationary horizon holds the calls asked for.
 */
import { describe, expect, it } from 'vitest';
import {
  backlogWarmup, combineReplications, MAX_STATIONARY_DAYS, runReplications, simulate, stationaryModel, WARMUP_MULTIPLE,
  defaultWarmupSeconds, type Model, type ReplicationsResult, type RunResult,
} from '../../engine/des/index.js';
import { GROUP_FIGURE_KEYS, TALLY_KEYS } from '../../engine/stats/figures.js';

/** Two channels on two groups over 8 hours of one day: cheap, and every per-channel and per-group path used. */
function twoChannels(): Model {
  return {
    intervalSeconds: 3600, days: 8 / 24,
    channels: [
      { name: 'a', kind: 'voice', targetSeconds: 20, arrivalRatePerSecond: [0.02], handleTime: { kind: 'exponential', mean: 240 }, patience: { kind: 'exponential', mean: 90 } },
      { name: 'b', kind: 'chat', concurrency: 2, slowdown: 0.2, targetSeconds: 30, arrivalRatePerSecond: [0.01], handleTime: { kind: 'deterministic', value: 400 }, patience: { kind: 'exponential', mean: 500 } },
    ],
    groups: [{ name: 'voice', skills: ['a'], onDuty: [5] }, { name: 'digital', skills: ['b', 'a'], onDuty: [3] }],
  };
}

/** Student's t quantile t₀.₉₇₅(df) (Abramowitz & Stegun, table 26.10). */
const T975: Record<number, number> = { 2: 4.302653, 10: 2.228139 };

/** Mean and 95% half-width of `values` (NaN skipped), from the definition. */
function meanAndHalfWidth(values: number[]): { mean: number; half: number } {
  const v = values.filter((x) => !Number.isNaN(x));
  const mean = v.reduce((a, x) => a + x, 0) / v.length;
  const sd = Math.sqrt(v.reduce((a, x) => a + (x - mean) ** 2, 0) / (v.length - 1));
  return { mean, half: (T975[v.length - 1]! * sd) / Math.sqrt(v.length) };
}

/** |got − want| within 1e-6 relative (the table's t has 7 digits), NaN only where the definition gives NaN. */
function expectClose(got: number, want: number, what: string): void {
  if (Number.isNaN(want)) {
    expect(got, what).toBeNaN();
    return;
  }
  expect(Math.abs(got - want), `${what}: ${got} vs ${want}`).toBeLessThanOrEqual(1e-6 * Math.abs(want) + 1e-15);
}

function expectSummaries(runs: Record<string, number>[], figures: Record<string, number>, ci95: Record<string, number>, keys: readonly string[], what: string): void {
  for (const key of keys) {
    const { mean, half } = meanAndHalfWidth(runs.map((f) => f[key]!));
    expectClose(figures[key]!, mean, `${what} mean ${key}`);
    expectClose(ci95[key]!, half, `${what} ci95 ${key}`);
  }
}

describe('runReplications against the definitions of its figures', () => {
  const model = twoChannels();
  const n = 11; // more than 8: the per-group rows grow past their first allocation
  const order: number[] = [];
  // Run in each test that reads it — not cached, not in a hook, not while collecting: Stryker
  // counts code run outside a test as "static" coverage, and a mutant hit only by the first test
  // that filled a cache would run with that test alone.
  const batch = (): ReplicationsResult => {
    order.length = 0;
    return runReplications(model, { seed: 'batch', replications: n, firstReplication: 2, warmupSeconds: 600, onReplication: (k) => order.push(k) });
  };

  it('replication k of the batch is simulate(…, replication k), reported in order', () => {
    const b = batch();
    expect(b.runs).toHaveLength(n);
    expect(order).toEqual(Array.from({ length: n }, (_, i) => i + 2));
    for (const k of [0, 5, n - 1]) {
      expect(b.runs[k]!.tallies).toEqual(simulate(model, { seed: 'batch', replication: k + 2, warmupSeconds: 600 }).tallies);
    }
    expect(b.runs[0]!.tallies).not.toEqual(b.runs[1]!.tallies);
    expect(b.warmupSeconds).toBe(600);
  });

  it('figures and 95% half-widths: the mean and t·s/√n over replications, in total, per channel and per group', () => {
    const b = batch();
    const totals = b.runs.map((r) => r.total as unknown as Record<string, number>);
    const keys = Object.keys(b.figures);
    expect(keys.length).toBeGreaterThan(10);
    expectSummaries(totals, b.figures as unknown as Record<string, number>, b.ci95 as unknown as Record<string, number>, keys, 'total');
    expect(b.byChannel).toHaveLength(2);
    b.byChannel.forEach((ch, c) => {
      expectSummaries(b.runs.map((r) => r.byChannel[c] as unknown as Record<string, number>), ch.figures as unknown as Record<string, number>, ch.ci95 as unknown as Record<string, number>, keys, `channel ${c}`);
    });
    expect(b.byGroup).toHaveLength(2);
    b.byGroup.forEach((g, i) => {
      expect(Object.keys(g.figures).sort()).toEqual([...GROUP_FIGURE_KEYS].sort());
      expectSummaries(b.runs.map((r) => r.byGroup[i] as unknown as Record<string, number>), g.figures as unknown as Record<string, number>, g.ci95 as unknown as Record<string, number>, GROUP_FIGURE_KEYS, `group ${i}`);
    });
    // the channels and groups differ (no row is another's copy)
    expect(b.byChannel[0]!.figures.offered).not.toBe(b.byChannel[1]!.figures.offered);
    expect(b.byGroup[0]!.figures.occupancy).not.toBe(b.byGroup[1]!.figures.occupancy);
  });

  it('pooled tallies, arrivals and seconds are the sums over the runs', () => {
    const b = batch();
    const sum = (pick: (r: RunResult) => number): number => b.runs.reduce((a, r) => a + pick(r), 0);
    for (const key of TALLY_KEYS) {
      expectClose(b.pooled[key], sum((r) => r.tallies.total[key]), `pooled ${key}`);
      for (const c of [0, 1]) expectClose(b.pooledByChannel[c]![key], sum((r) => r.tallies.byChannel[c]![key]), `pooled channel ${c} ${key}`);
    }
    for (const key of ['onDutySeconds', 'busySeconds', 'contactSeconds', 'durationSeconds'] as const) {
      for (const g of [0, 1]) expectClose(b.pooledByGroup[g]![key], sum((r) => r.tallies.byGroup[g]![key]), `pooled group ${g} ${key}`);
    }
    expect(b.pooled.offered).toBeGreaterThan(n * 500);
    expect(b.arrivals).toBe(sum((r) => r.arrivals));
    expect(b.seconds).toBe(sum((r) => r.seconds));
    expect(b.seconds).toBeGreaterThan(0);
  });

  it("a run's seconds are its wall-clock time: within the time measured around the call", () => {
    const before = performance.now();
    const r = simulate(model, { seed: 'clock' });
    const wall = (performance.now() - before) / 1000;
    expect(r.seconds).toBeGreaterThan(0);
    expect(r.seconds).toBeLessThanOrEqual(wall);
  });

  it('a task index reaches every replication (its streams differ from task 0\'s)', () => {
    const b = batch();
    const task3 = runReplications(model, { seed: 'batch', task: 3, replications: 1, firstReplication: 2, warmupSeconds: 600 });
    expect(task3.runs[0]!.tallies).toEqual(simulate(model, { seed: 'batch', task: 3, replication: 2, warmupSeconds: 600 }).tallies);
    expect(task3.runs[0]!.tallies).not.toEqual(b.runs[0]!.tallies);
  });

  it('keepRuns: false keeps no run and gives the same numbers; combineReplications of the runs gives the same result', () => {
    const b = batch();
    const lean = runReplications(model, { seed: 'batch', replications: n, firstReplication: 2, warmupSeconds: 600, keepRuns: false });
    expect(lean.runs).toEqual([]);
    const { runs: _a, seconds: _s, ...rest } = b;
    const { runs: _b, seconds: _t, ...leanRest } = lean;
    expect(leanRest).toEqual(rest);
    const combined = combineReplications(model, b.runs, 600);
    expect(combined).toEqual(b);
  });

  it('one replication: the figures are its own, the half-widths NaN', () => {
    const b = batch();
    const one = runReplications(model, { seed: 'batch', replications: 1, firstReplication: 4, warmupSeconds: 600 });
    expect(one.figures.offered).toBe(b.runs[2]!.total.offered);
    expect(one.ci95.offered).toBeNaN();
    expect(one.byGroup[1]!.ci95.occupancy).toBeNaN();
    expect(one.byGroup[1]!.figures.occupancy).toBe(b.runs[2]!.byGroup[1]!.occupancy);
  });

  it('three replications: t₀.₉₇₅(2) half-widths, and trace sinks asked for per replication', () => {
    const asked: number[] = [];
    let rows = 0;
    const three = runReplications(model, { seed: 'three', replications: 3, trace: (k) => { asked.push(k); return () => { rows++; }; } });
    expect(asked).toEqual([0, 1, 2]);
    expect(rows).toBe(three.arrivals);
    expectSummaries(three.runs.map((r) => r.total as unknown as Record<string, number>), three.figures as unknown as Record<string, number>, three.ci95 as unknown as Record<string, number>, ['answerRate', 'offered', 'asa'], 'three');
    expect(three.warmupSeconds).toBe(0);
  });

  it.each([
    [{ replications: 0 }, 'replications must be an integer >= 1, got 0'],
    [{ replications: 1.5 }, 'replications must be an integer >= 1, got 1.5'],
    [{ replications: 2, firstReplication: -1 }, 'firstReplication must be an integer >= 0, got -1'],
    [{ replications: 2, firstReplication: 0.5 }, 'firstReplication must be an integer >= 0, got 0.5'],
  ])('bad batch %j is refused: %s', (options, message) => {
    expect(() => runReplications(model, { seed: 1, ...options })).toThrow(new RangeError(message));
  });
});

describe('warm-up rules', () => {
  it("'auto' is 20 × the longest mean handle time or mean patience over every channel", () => {
    const m = twoChannels();
    // handle means 240 and 400 s, patience means 90 and 500 s: the longest is channel b's patience.
    expect(WARMUP_MULTIPLE).toBe(20);
    expect(defaultWarmupSeconds(m)).toBe(20 * 500);
    delete m.channels[1]!.patience;
    expect(defaultWarmupSeconds(m)).toBe(20 * 400); // then channel b's handle time
    m.channels[1]!.handleTime = { kind: 'deterministic', value: 100 };
    expect(defaultWarmupSeconds(m)).toBe(20 * 240); // then channel a's handle time (a has patience 90 < 240)
    const r = runReplications(twoChannels(), { seed: 'w', replications: 2, warmupSeconds: 'auto' });
    expect(r.warmupSeconds).toBe(10_000);
    expect(r.runs[0]!.tallies.total.durationSeconds).toBeCloseTo(8 * 3600 - 10_000, 6);
  });

  it('backlogWarmup adds whole cycles in front of the model (a two-day cycle: 2 days a cycle), nothing else', () => {
    const day = twoChannels();
    const twoDay: Model = { ...day, intervalSeconds: 1800, days: 2, channels: day.channels.map((c) => ({ ...c, arrivalRatePerSecond: new Array<number>(96).fill(0.01) })) };
    const { model, warmupSeconds } = backlogWarmup(twoDay, 3);
    expect(warmupSeconds).toBe(3 * 2 * 86400);
    expect(model.days).toBe(2 + 6);
    expect({ ...model, days: 2 }).toEqual(twoDay);
    expect(twoDay.days).toBe(2); // the input is not changed
    expect(backlogWarmup(twoDay, 0)).toEqual({ model: twoDay, warmupSeconds: 0 });
    expect(backlogWarmup(twoDay).warmupSeconds).toBe(2 * 2 * 86400); // DEFAULT_BACKLOG_WARMUP_CYCLES = 2
    for (const bad of [-1, 1.5, NaN]) expect(() => backlogWarmup(twoDay, bad)).toThrow(new RangeError(`backlogWarmup: cycles must be a whole number >= 0, got ${bad}`));
  });
});

describe('the stationary model', () => {
  const options = { agents: 7, erlangs: 6, ahtSeconds: 300, handle: { kind: 'exponential', mean: 300 } as const, targetSeconds: 15, calls: 50_000 };

  it('one voice channel at erlangs / AHT per second and one group of `agents`, over 48 half hours', () => {
    const m = stationaryModel({ ...options, patience: { kind: 'exponential', mean: 60 } }, 0);
    expect(m.intervalSeconds).toBe(1800);
    expect(m.channels).toHaveLength(1);
    const ch = m.channels[0]!;
    expect(ch).toMatchObject({ name: 'voice', kind: 'voice', targetSeconds: 15, handleTime: options.handle, patience: { kind: 'exponential', mean: 60 } });
    expect(ch.arrivalRatePerSecond).toEqual(new Array<number>(48).fill(6 / 300));
    expect(m.groups).toEqual([{ name: 'agents', skills: ['voice'], onDuty: new Array<number>(48).fill(7) }]);
    expect('patience' in stationaryModel(options, 0).channels[0]!).toBe(false);
  });

  it('the horizon holds the calls after the warm-up with 10 SD to spare, and no more than two days beyond', () => {
    for (const warmup of [0, 6000, 200_000]) {
      for (const calls of [1, 1000, 50_000, 3_000_000]) {
        const m = stationaryModel({ ...options, calls }, warmup);
        const rate = 6 / 300;
        const expectedArrivals = rate * (m.days * 86400 - warmup);
        // a Poisson count with this mean falls short of `calls` with probability < 1e-20 (10 SD)
        expect(expectedArrivals - 10 * Math.sqrt(expectedArrivals), `calls ${calls}, warm-up ${warmup}`).toBeGreaterThanOrEqual(calls);
        expect(m.days * 86400 - warmup - (calls + 10 * Math.sqrt(calls) + 10) / rate).toBeLessThanOrEqual(2 * 86400);
        expect(Number.isInteger(m.days)).toBe(true);
      }
    }
    // no arrivals at all (0 erlangs): one day, the shortest horizon
    expect(stationaryModel({ ...options, erlangs: 0 }, 0).days).toBe(1);
    expect(stationaryModel({ ...options, erlangs: 0 }, 200_000).days * 86400).toBeGreaterThanOrEqual(200_000);
  });

  it('a run over the whole horizon offers at least the calls asked for after the warm-up; maxArrivals ends it earlier', () => {
    const m = stationaryModel({ ...options, calls: 3000 }, 1000);
    const whole = simulate(m, { seed: 's', warmupSeconds: 1000 });
    expect(whole.tallies.total.offered).toBeGreaterThanOrEqual(3000);
    const r = simulate(m, { seed: 's', warmupSeconds: 1000, maxArrivals: 3000 });
    expect(r.arrivals).toBe(3000); // warm-up arrivals included (RunOptions.maxArrivals)
    expect(r.endTime).toBeLessThan(m.days * 86400);
  });

  it('a horizon beyond MAX_STATIONARY_DAYS is refused, naming the calls and the rate', () => {
    // 1e9 calls at 0.02 calls/s need 5.8e5 days: accepted; 1e10 need 5.8e6: refused.
    expect(stationaryModel({ ...options, calls: 1e9 }, 0).days).toBeLessThanOrEqual(MAX_STATIONARY_DAYS);
    expect(() => stationaryModel({ ...options, calls: 1e10 }, 0)).toThrow(/^--calls 10000000000 at 0\.0200 calls\/s needs 5\.79e\+6 simulated days \(at most 1000000\); lower calls \(--calls-per-replication\) or raise erlangs$/);
    // at the limit exactly: accepted; one day more: refused
    const rate = 6 / 300;
    const callsFor = (days: number): number => Math.floor((days - 1) * 86400 * rate - 10 * Math.sqrt((days - 1) * 86400 * rate) - 10) - 1;
    expect(stationaryModel({ ...options, calls: callsFor(MAX_STATIONARY_DAYS) }, 0).days).toBe(MAX_STATIONARY_DAYS);
    expect(() => stationaryModel({ ...options, calls: callsFor(MAX_STATIONARY_DAYS + 1) }, 0)).toThrow(RangeError);
  });
});
