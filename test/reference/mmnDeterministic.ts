import { virtualWaitFigures } from './virtualWaitFigures.js';

/**
 * M/M/N+D (every caller's patience is exactly d seconds) in closed form, independent of the
 * engine: Poisson arrivals λ = A/AHT, N exponential agents (s = N/AHT), the offered wait's density
 * ∝ e^{δv} on [0, d) and e^{λd − sv} beyond (δ = λ − s), the Erlang B term u = 1/B(N, A) − 1 by
 * its own recursion. Written from the virtual-wait solution (Baccelli & Hébuterne 1981; the
 * integrals of mmng.ts's module comment with Ḡ = 1 below d and 0 above), each integral in closed
 * form, scaled by e^{−max(0, δd)}. By helper hx (2026-12-06) as the reference for deterministic
 * patience at long d, where the engine's general step-patience path lost digits.
 * @example mmnDeterministic(100, 95, 300, 60, 20).pAbandon
 */
export function mmnDeterministic(n: number, erlangs: number, aht: number, d: number, target: number) {
  const s = n / aht;
  const lambda = erlangs / aht;
  const del = lambda - s;
  let u = 0;
  for (let k = 1; k <= n; k++) u = (k / erlangs) * (1 + u); // 1/B(k, A) − 1
  const z = del * d;
  const m = Math.max(0, z);
  const f1 = (x: number) => (x === 0 ? 1 : Math.expm1(x) / x); // (e^x − 1)/x
  const E1 = z > 0 ? (d * -Math.expm1(-z)) / z : d * f1(z); // ∫₀ᵈ e^{δv} dv · e^{−m}
  const Ab = Math.exp(z - m) / s; // ∫_d^∞ e^{λd − sv} dv · e^{−m}
  const t = Math.min(target, d);
  const Sin = del * t > 0 ? (Math.exp(del * t - m) - Math.exp(-m)) / del : t * Math.exp(-m) * f1(del * t);
  const g2 = (x: number) => (Math.abs(x) < 1e-3 ? 0.5 + x / 3 + (x * x) / 8 + x ** 3 / 30 + x ** 4 / 144 : (x * Math.exp(x) - Math.expm1(x)) / (x * x)); // ∫₀¹ y e^{xy} dy
  const M = z > 1e-3 ? (d * d * (z - 1 + Math.exp(-z))) / (z * z) : d * d * Math.exp(-m) * g2(z); // ∫₀ᵈ v e^{δv} dv · e^{−m}
  // the served are those whose offered wait is below d: S_< + S_> = ∫₀ᵈ w = E1
  return virtualWaitFigures(u, m, s, { J: E1 + Ab, Ab, Sin, Sout: E1 - Sin, M });
}
