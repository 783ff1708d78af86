import { meanOf } from '../rng/moments.js';
import type { Model } from './model.js';

/** Multiple of the longest mean time scale that {@link defaultWarmupSeconds} discards. */
export const WARMUP_MULTIPLE = 20;

/**
 * The default warm-up of a *stationary* run: 20 × the larger of the longest mean handle
 * time and the longest mean patience of the model's channels, seconds (AHT 300 s and
 * patience 120 s → 6,000 s, about 1,900 arrivals at 95 Erlangs). A queue started empty
 * forgets its start on the scale of a few handle times unless it is nearly critically
 * loaded; 20 of them is a conservative fixed rule, cheap next to a run of a million calls.
 * (MSER-5, `engine/stats` `mserTruncation`, can check it on a pilot run's interval series.)
 * Time-varying days should use no warm-up: a day that starts empty at midnight is real.
 * @example defaultWarmupSeconds(model) // 6000 for AHT 300 s, patience 120 s
 */
export function defaultWarmupSeconds(model: Model): number {
  let longest = 0;
  for (const ch of model.channels) {
    longest = Math.max(longest, meanOf(ch.handleTime));
    if (ch.patience) longest = Math.max(longest, meanOf(ch.patience));
  }
  return WARMUP_MULTIPLE * longest;
}

/**
 * Default number of warm-up cycles (days, for a one-day cycle) that `backlogWarmup` runs
 * before the measured one. 2: enough whenever the deferred backlog empties at some moment
 * of each day (from that moment the state no longer depends on how the day started, so one
 * warm-up cycle already gives the steady state — the second is margin, e.g. for a backlog
 * that only empties on quiet days). Raise it when `startBacklog` and `endBacklog` of the
 * result still differ: in steady state their means over replications agree.
 */
export const DEFAULT_BACKLOG_WARMUP_CYCLES = 2;

/**
 * A representative day (or week: any cycle) that starts with the backlog its own day type
 * leaves behind in steady state: the same model run for `cycles` more cycles first, those
 * discarded as warm-up. Returns the longer model and the warm-up to pass to `simulate` /
 * `runReplications` (`warmupSeconds`). The figures then cover the last `model.days` days;
 * deferred items carried in from the warm-up are counted when they are handled (so the
 * day's `answered` may exceed its `offered`: it works off the carried backlog, and leaves
 * a backlog of the same size in distribution, reported per channel in `endBacklog`).
 *
 * Why warm-up cycles rather than an initial backlog iterated to a fixed point: the warm-up
 * carries the whole state — each waiting item's age (its time to handle and deadline
 * depend on it), chat sessions and calls in progress — not just a count, and needs no
 * convergence test of a random fixed point. It costs `cycles` extra simulated cycles per
 * run. Models without deferred work need none (their queues empty within minutes).
 * @throws {RangeError} cycles not a whole number ≥ 0
 * @example const { model: m, warmupSeconds } = backlogWarmup(day); simulate(m, { seed: 1, warmupSeconds })
 */
export function backlogWarmup(model: Model, cycles: number = DEFAULT_BACKLOG_WARMUP_CYCLES): { model: Model; warmupSeconds: number } {
  if (!(Number.isInteger(cycles) && cycles >= 0)) throw new RangeError(`backlogWarmup: cycles must be a whole number >= 0, got ${cycles}`);
  const cycleSeconds = model.channels[0]!.arrivalRatePerSecond.length * model.intervalSeconds;
  const warmupSeconds = cycles * cycleSeconds;
  return { model: { ...model, days: model.days + warmupSeconds / 86400 }, warmupSeconds };
}
