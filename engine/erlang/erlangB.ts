import { checkAgents, checkErlangs } from './validate.js';

/**
 * Blocking probability of M/M/N/N (Erlang B).
 * `erlangs` = arrivals per second × mean handle time in seconds.
 * @throws {RangeError} agents not a non-negative integer, or erlangs not finite ≥ 0
 * @example erlangB(10, 8) // ≈ 0.12166
 */
export function erlangB(agents: number, erlangs: number): number {
  checkAgents('erlangB', agents);
  checkErlangs('erlangB', erlangs);
  return erlangBUnchecked(agents, erlangs);
}

/** Erlang B without argument checks (internal). */
export function erlangBUnchecked(agents: number, erlangs: number): number {
  if (erlangs === 0) return agents === 0 ? 1 : 0;
  // 1/B(n) = 1 + (n/A)·1/B(n−1), all terms positive.
  let r = 1;
  const inv = 1 / erlangs;
  for (let n = 1; n <= agents; n++) {
    r = 1 + n * inv * r;
    if (r > 1e300) return 0;
  }
  return 1 / r;
}
