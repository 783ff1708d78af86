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
