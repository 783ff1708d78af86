import { upperOverD } from './special/incompleteGamma.js';
import { checkAgents, checkErlangs } from './validate.js';

/** Below this many agents the recursion is cheaper than the incomplete-gamma evaluation. */
const RECURSION_MAX_AGENTS = 40;

/**
 * Blocking probability of M/M/N/N (Erlang B).
 * `erlangs` = arrivals per second × mean handle time in seconds.
 * B = D(N, A)/Q(N+1, A) with D the Poisson term and Q(N+1, A) = P(Poisson(A) ≤ N); O(1) in N.
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
  if (agents === 0) return 1;
  if (erlangs === 0) return 0;
  return 1 / (1 + idleRatio(agents, erlangs));
}

/**
 * u(N, A) = 1/B(N, A) − 1 = Q(N, A)/D(N, A) = P(Poisson(A) ≤ N−1)/P(Poisson(A) = N), for N ≥ 1, A > 0:
 * the stationary mass of "some agent idle" relative to "exactly N busy". Computed without cancellation:
 * for small N by the recursion u_n = (n/A)(1 + u_{n−1}) unrolled into its sum, else from the incomplete gamma function.
 * May be +Infinity (B underflows) when A ≪ N.
 */
export function idleRatio(agents: number, erlangs: number): number {
  if (agents <= RECURSION_MAX_AGENTS) {
    // the recursion unrolled: u = Σ_{j=1}^{N} N!/((N−j)!·A^j), positive terms whose product chain
    // (one multiplication per step) is a third of the recursion's dependency chain
    const inv = 1 / erlangs;
    let t = 1;
    let u = 0;
    for (let n = agents; n >= 1; n--) {
      t *= n * inv;
      u += t;
    }
    return u;
  }
  return upperOverD(agents, erlangs);
}
