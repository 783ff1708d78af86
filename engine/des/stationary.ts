/**
 * The stationary single-queue model (what `ccsim simulate` quick mode runs, and how anyone
 * checks the simulator against Erlang C and Erlang A): one voice channel at a constant rate
 * over a day of 48 half-hour intervals, one group with `agents` on duty in each, through the
 * general engine (schedules, intervals, statistics). Pure: no I/O.
 */
import type { DistributionSpec, Model } from './model.js';

/** The inputs of a stationary model. */
export interface StationaryOptions {
  /** agents on duty, a whole number ≥ 0 */
  agents: number;
  /** offered load, erlangs (arrivals per second × mean handle time) */
  erlangs: number;
  /** mean handle time, seconds (> 0) */
  ahtSeconds: number;
  handle: DistributionSpec;
  /** patience distribution; undefined: callers never abandon (Erlang C) */
  patience?: DistributionSpec;
  /** service-level threshold T, seconds */
  targetSeconds: number;
  /** arrivals per replication after the warm-up (the run ends at the `calls`-th arrival) */
  calls: number;
}

/** Longest stationary horizon, days (48 M half-hour boundaries, a few seconds of interval events; 1e9 calls at 0.3/s need 36,600). */
export const MAX_STATIONARY_DAYS = 1_000_000;

/** Intervals per cycle of the stationary model (one day of half hours: the general time structure). */
const INTERVAL_SECONDS = 1800;
const CYCLE = 48;

/**
 * The stationary model, with a horizon long enough for `calls` arrivals (plus ten standard
 * deviations and ten calls) after `warmupSeconds`.
 * @throws {RangeError} the horizon would exceed MAX_STATIONARY_DAYS (names the calls and erlangs that set it)
 * @example stationaryModel({ agents: 100, erlangs: 95, ahtSeconds: 300, handle: { kind: 'exponential', mean: 300 }, targetSeconds: 20, calls: 1e6 }, 6000)
 */
export function stationaryModel(o: StationaryOptions, warmupSeconds: number): Model {
  const rate = o.erlangs / o.ahtSeconds;
  const needed = rate > 0 ? (o.calls + 10 * Math.sqrt(o.calls) + 10) / rate : 0;
  const days = Math.max(1, Math.ceil((needed + warmupSeconds) / 86400) + 1);
  if (days > MAX_STATIONARY_DAYS) {
    throw new RangeError(`--calls ${o.calls} at ${rate.toPrecision(3)} calls/s needs ${days.toPrecision(3)} simulated days (at most ${MAX_STATIONARY_DAYS}); lower calls (--calls-per-replication) or raise erlangs`);
  }
  return {
    intervalSeconds: INTERVAL_SECONDS,
    days,
    channels: [{
      name: 'voice', kind: 'voice', targetSeconds: o.targetSeconds,
      arrivalRatePerSecond: new Array<number>(CYCLE).fill(rate),
      handleTime: o.handle,
      ...(o.patience ? { patience: o.patience } : {}),
    }],
    groups: [{ name: 'agents', skills: ['voice'], onDuty: new Array<number>(CYCLE).fill(o.agents) }],
  };
}
