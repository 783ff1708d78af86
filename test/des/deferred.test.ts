/**
 * Deferred work (e-mail, SMS, app messages) against conservation laws and exact counts:
 * - with ample agents every item is handled on arrival: every deadline is met, no backlog;
 * - above capacity the backlog grows each day by arrivals − capacity (agents never idle);
 * - the time-to-handle figures equal their definition (arrival → completion = wait + handle),
 *   counted from the trace, and the histogram's 90th percentile is within its bin width of
 *   the exact sample percentile;
 * - warm-up days give the representative day its steady-state backlog: the backlog it
 *   starts with and the one it leaves agree in the mean over replications.
 */
import { describe, expect, it } from 'vitest';
import { backlogWarmup, runReplications, simulate, type Channel, type Model } from '../../engine/des/index.js';
import { BINS_PER_OCTAVE } from '../../engine/stats/histogram.js';
import { expectWithinSE, standardError } from './models.js';

const email = (perDay: number, cycle: number, extra: Partial<Channel> = {}): Channel => ({
  name: 'email', kind: 'deferred', targetSeconds: 3600, deadlineSeconds: 4 * 3600,
  arrivalRatePerSecond: new Array<number>(cycle).fill(perDay / 86400), handleTime: { kind: 'exponential', mean: 300 }, ...extra,
});

describe('deferred work', () => {
  it('with ample agents: every item handled at once and within its deadline, no backlog at any interval end', () => {
    const model: Model = { intervalSeconds: 900, days: 1, channels: [email(4320, 96)], groups: [{ name: 'back office', skills: ['email'], onDuty: new Array<number>(96).fill(40) }] };
    const r = simulate(model, { seed: 'ample' });
    const t = r.tallies.total;
    expect(t.offered).toBeGreaterThan(4000);
    expect(t.answered).toBe(t.offered);
    expect(t.deferredHandled).toBe(t.offered);
    expect(t.withinDeadline).toBe(t.offered); // P(handle > 4 h) = e^-48
    expect(r.total.handledWithinDeadline).toBe(1);
    expect(t.waitAnsweredSeconds).toBe(0); // 15 erlangs on 40 agents: P(wait) ≈ 1e-7 per item
    expect(t.backlogSeconds).toBe(0);
    expect(r.tallies.endBacklog[0]).toBe(0);
    expect(r.tallies.byInterval.every((row) => row[0]!.backlogSeconds === 0)).toBe(true);
  });

  it('above capacity: the backlog grows each day by arrivals − capacity (10 agents × 144 items of 600 s a day)', () => {
    const cycle = 3 * 96; // a three-day cycle: each day has its own rows
    const model: Model = {
      intervalSeconds: 900, days: 3,
      channels: [email(2000, cycle, { handleTime: { kind: 'deterministic', value: 600 } })],
      groups: [{ name: 'back office', skills: ['email'], onDuty: new Array<number>(cycle).fill(10) }],
    };
    const r = simulate(model, { seed: 'overload' });
    const rows = r.tallies.byInterval.map((row) => row[0]!);
    const capacity = (10 * 86400) / 600;
    let before = 0;
    for (let d = 0; d < 3; d++) {
      const day = rows.slice(d * 96, (d + 1) * 96);
      const offered = day.reduce((a, t) => a + t.offered, 0);
      const handled = day.reduce((a, t) => a + t.answered, 0);
      const last = day[95]!;
      const backlog = last.backlogSeconds / last.durationSeconds; // waiting at the day's end
      // Conservation: what waits at the end = what waited at the start + arrivals − handled.
      expect(backlog).toBe(before + offered - handled);
      // Agents never idle once the backlog exists: each starts an item every 600 s
      // (day 1 loses at most the first minutes, before the line forms).
      expect(Math.abs(handled - capacity)).toBeLessThanOrEqual(d === 0 ? 20 : 10);
      // The growth is arrivals − capacity: 2,000 − 1,440 = 560 a day, ± the Poisson spread of arrivals.
      expect(Math.abs(backlog - before - (2000 - capacity))).toBeLessThanOrEqual(4 * Math.sqrt(2000) + 20);
      before = backlog;
    }
    expect(r.tallies.endBacklog[0]).toBe(before);
  });

  it('time to handle = arrival → completion (wait + handle), within the deadline counted exactly; p90 from the histogram within its bin', () => {
    // 15.2 erlangs on 16 agents: items wait, some past the 30-minute deadline.
    const model: Model = {
      intervalSeconds: 900, days: 2,
      channels: [email(4380, 96, { deadlineSeconds: 1800, handleTime: { kind: 'lognormal', mean: 300, cv: 1 } })],
      groups: [{ name: 'back office', skills: ['email'], onDuty: new Array<number>(96).fill(16) }],
    };
    const times: number[] = [];
    const r = simulate(model, { seed: 'tth', trace: (_id, _c, _r, _a, _o, outcome, wait, handle) => { if (outcome === 'answered') times.push(wait + handle); } });
    const t = r.tallies.total;
    expect(times.length).toBe(t.deferredHandled);
    const sum = times.reduce((a, v) => a + v, 0);
    expect(Math.abs(t.timeToHandleSeconds - sum)).toBeLessThanOrEqual(1e-9 * sum);
    const within = times.filter((x) => x <= 1800).length;
    expect(t.withinDeadline).toBe(within);
    expect(within).toBeLessThan(times.length);
    expect(within).toBeGreaterThan(0.5 * times.length);
    times.sort((a, b) => a - b);
    const exact = times[Math.ceil(0.9 * times.length) - 1]!;
    const binWidth = 2 ** (1 / BINS_PER_OCTAVE) - 1;
    expect(Math.abs(r.total.p90TimeToHandle / exact - 1)).toBeLessThanOrEqual(binWidth);
  });

  it('warm-up days give a day its steady-state backlog: backlog at its start ≈ at its end (mean over replications), none without them', () => {
    // E-mail arrives all day; the back office works 08:00–20:00 at 90% of the day's work.
    const onDuty = Array.from({ length: 96 }, (_, i) => (i >= 32 && i < 80 ? 10 : 0));
    const day: Model = {
      intervalSeconds: 900, days: 1,
      channels: [email(10 * 12 * 3600 * 0.9 / 300, 96)],
      groups: [{ name: 'back office', skills: ['email'], onDuty }],
    };
    const { model, warmupSeconds } = backlogWarmup(day, 2);
    expect(model.days).toBe(3);
    expect(warmupSeconds).toBe(2 * 86400);
    const warm = runReplications(model, { seed: 'steady', replications: 16, warmupSeconds });
    const start = warm.runs.map((r) => r.tallies.startBacklog[0]!);
    const end = warm.runs.map((r) => r.tallies.endBacklog[0]!);
    expect(Math.min(...start)).toBeGreaterThan(100); // ≈ 12 h of arrivals wait overnight
    expectWithinSE('backlog at the end − at the start of the measured day', end.map((e, i) => e - start[i]!), 0);
    // Without warm-up the day starts empty and ends with that backlog: a real difference.
    const cold = runReplications(day, { seed: 'steady', replications: 16 });
    const coldEnd = cold.runs.map((r) => r.tallies.endBacklog[0]!);
    expect(cold.runs.every((r) => r.tallies.startBacklog[0] === 0)).toBe(true);
    const meanEnd = coldEnd.reduce((a, v) => a + v, 0) / coldEnd.length;
    expect(meanEnd).toBeGreaterThan(8 * standardError(coldEnd));
    // The carried backlog changes the day's figures: items handled in the morning waited all night.
    const warmTth = warm.runs.map((r) => r.total.meanTimeToHandle), coldTth = cold.runs.map((r) => r.total.meanTimeToHandle);
    const gap = warmTth.reduce((a, v) => a + v, 0) / 16 - coldTth.reduce((a, v) => a + v, 0) / 16;
    expect(gap).toBeGreaterThan(4 * Math.hypot(standardError(warmTth), standardError(coldTth)));
    // Two warm-up days or five: the same steady state.
    const longer = backlogWarmup(day, 5);
    const five = runReplications(longer.model, { seed: 'steady-5', replications: 16, warmupSeconds: longer.warmupSeconds });
    const fiveTth = five.runs.map((r) => r.total.meanTimeToHandle);
    const diff = fiveTth.reduce((a, v) => a + v, 0) / 16 - warmTth.reduce((a, v) => a + v, 0) / 16;
    expect(Math.abs(diff)).toBeLessThanOrEqual(4 * Math.hypot(standardError(fiveTth), standardError(warmTth)));
  });

  describe('warm-up days at another volume (RunOptions.warmupVolume)', () => {
    const onDuty = Array.from({ length: 96 }, (_, i) => (i >= 32 && i < 80 ? 10 : 0));
    const dayAt = (volume: number): Model => ({
      intervalSeconds: 900, days: 1,
      channels: [email(volume * 10 * 12 * 3600 * 0.9 / 300, 96)],
      groups: [{ name: 'back office', skills: ['email'], onDuty }],
    });

    it('at volume 0 the warm-up brings nothing: the measured day is the day run alone, count for count', () => {
      const day = dayAt(1);
      const { model, warmupSeconds } = backlogWarmup(day, 1);
      const alone = simulate(day, { seed: 'volume-0' });
      const after = simulate(model, { seed: 'volume-0', warmupSeconds, warmupVolume: { untilSeconds: warmupSeconds, factors: [0], weights: [1] } });
      expect(after.tallies.startBacklog[0]).toBe(0);
      expect(after.arrivals).toBe(alone.arrivals);
      // the same contacts at the same times of day: counts equal, time sums equal up to the rounding of times one day later
      const a = after.tallies.total as unknown as Record<string, number | number[]>, b = alone.tallies.total as unknown as Record<string, number | number[]>;
      for (const key of Object.keys(b)) {
        const x = a[key]!, y = b[key]!;
        if (Array.isArray(y)) expect(x, key).toEqual(y);
        else if (Number.isInteger(y)) expect(x, key).toBe(y);
        else expect(Math.abs((x as number) - y), key).toBeLessThanOrEqual(1e-9 * Math.abs(y));
      }
    });

    it('the warm-up days\' arrivals are × factor (Poisson count within 4 SD), the measured day\'s are not', () => {
      const day = dayAt(1);
      const perDay = day.channels[0]!.arrivalRatePerSecond[0]! * 86400;
      const { model, warmupSeconds } = backlogWarmup(day, 2);
      const r = simulate(model, { seed: 'volume-half', warmupSeconds, warmupVolume: { untilSeconds: warmupSeconds, factors: [0.5], weights: [1] } });
      const measured = r.tallies.total.offered;
      const warm = r.arrivals - measured; // arrivals before the measured day (all channels external; no self-service, no redials)
      expect(Math.abs(warm - 2 * 0.5 * perDay)).toBeLessThanOrEqual(4 * Math.sqrt(perDay));
      expect(Math.abs(measured - perDay)).toBeLessThanOrEqual(4 * Math.sqrt(perDay));
    });

    it("warm-up days of random volume: each day's factor is drawn with its probability (arrivals' mean within 4 SE over 40 replications)", () => {
      const day = dayAt(1);
      const perDay = day.channels[0]!.arrivalRatePerSecond[0]! * 86400;
      const { model, warmupSeconds } = backlogWarmup(day, 2);
      const volumes = { factors: [0.5, 1, 2], weights: [0.25, 0.5, 0.25] }; // mean 1.125 a day
      const warm = Array.from({ length: 40 }, (_, k) => {
        const r = simulate(model, { seed: 'volume-draw', replication: k, warmupSeconds, warmupVolume: { untilSeconds: warmupSeconds, ...volumes } });
        return r.arrivals - r.tallies.total.offered;
      });
      expectWithinSE('arrivals over two warm-up days', warm, 2 * 1.125 * perDay);
      // the draws differ between replications (three volumes, not one)
      expect(new Set(warm.map((n) => Math.round(n / (0.25 * perDay)))).size).toBeGreaterThan(2);
    });

    it('a busy day (× 1.2) whose warm-up day is an ordinary one starts with an ordinary day\'s carried backlog, less than after a copy of itself', () => {
      const ordinary = backlogWarmup(dayAt(1), 2);
      const busy = backlogWarmup(dayAt(1.2), 2);
      const R = 16;
      const ord = runReplications(ordinary.model, { seed: 'ordinary', replications: R, warmupSeconds: ordinary.warmupSeconds });
      const left = ord.runs.map((r) => r.tallies.endBacklog[0]!); // what an ordinary day leaves (its steady state)
      const started: number[] = [];
      const startedSelf: number[] = [];
      for (let k = 0; k < R; k++) {
        const o = { seed: 'busy', replication: k, warmupSeconds: busy.warmupSeconds };
        started.push(simulate(busy.model, { ...o, warmupVolume: { untilSeconds: busy.warmupSeconds, factors: [1 / 1.2], weights: [1] } }).tallies.startBacklog[0]!);
        startedSelf.push(simulate(busy.model, o).tallies.startBacklog[0]!);
      }
      const mean = (v: number[]) => v.reduce((a, x) => a + x, 0) / v.length;
      expect(Math.abs(mean(started) - mean(left))).toBeLessThanOrEqual(4 * Math.hypot(standardError(started), standardError(left)));
      expect(mean(startedSelf) - mean(started)).toBeGreaterThan(4 * Math.hypot(standardError(startedSelf), standardError(started)));
    });

    it('a bad warmupVolume is refused with its field named', () => {
      const day = dayAt(1);
      expect(() => simulate(day, { seed: 1, warmupVolume: { untilSeconds: 86400, factors: [1, -1], weights: [0.5, 0.5] } })).toThrow(/warmupVolume\.factors\[1\] must be >= 0 \(finite\), got -1/);
      expect(() => simulate(day, { seed: 1, warmupVolume: { untilSeconds: NaN, factors: [1], weights: [1] } })).toThrow(/warmupVolume\.untilSeconds must be >= 0 seconds/);
      expect(() => simulate(day, { seed: 1, warmupVolume: { untilSeconds: 86400, factors: [1, 2], weights: [0.5, 0.6] } })).toThrow(/warmupVolume\.weights must sum to 1, got 1\.1/);
      expect(() => simulate(day, { seed: 1, warmupVolume: { untilSeconds: 86400, factors: [1, 2], weights: [1] } })).toThrow(/same length/);
    });
  });
});
