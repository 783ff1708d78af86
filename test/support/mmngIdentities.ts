/**
 * Two identities the M/M/N+G integrals satisfy for every patience curve, read from the kernel's
 * last evaluation (engine/erlang/mmngIntegrals.ts `totals`, `refs`):
 *  - ∫φ′w = [w]₀^∞ = −w(0) with φ′ = λḠ − s, i.e. λ·(S_< + S_>) − s·J = −e^{−φ_ref};
 *  - A_b + S_< + S_> = J (G + Ḡ = 1).
 * Each is returned as a gap relative to the size of its cancelling terms (s·J, J).
 */
import { NT, refs, T_AB, T_IN, T_J, T_OUT, totals } from '../../engine/erlang/mmngIntegrals.js';

/**
 * The two gaps of variant `vr` (0: N agents, 1: the pair's N + 1) of the last evaluation, at
 * arrival rate `lambda` and service rate `serve` of that variant (per second).
 * @example mmngIntegrals(curve, λ, N·μ, μ, T, 2, tol); identityGaps(λ, (N + 1)·μ, 1).flux // ≈ 1e-15
 */
export function identityGaps(lambda: number, serve: number, vr: 0 | 1): { flux: number; sum: number } {
  const t = vr * NT;
  const S = totals[t + T_IN]! + totals[t + T_OUT]!;
  const J = totals[t + T_J]!;
  return {
    flux: (lambda * S - serve * J + Math.exp(-refs[vr]!)) / (serve * J),
    sum: (totals[t + T_AB]! + S - J) / J,
  };
}
