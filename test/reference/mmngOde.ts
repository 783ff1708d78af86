/**
 * Independent reference for M/M/N+G: the same exact solution (engine/erlang/mmng.ts; Baccelli &
 * Hébuterne 1981, Zeltyn & Mandelbaum 2005) computed by a different route at every step.
 *  - Ḡ is supplied by the caller from independent closed forms (mathjs' erf for lognormal, the
 *    Poisson sum for Erlang-k, exp for Weibull and exponential) — no incomplete gamma functions.
 *  - H(v) = ∫₀ᵛ Ḡ is not taken from any closed form: it is integrated as an ODE, H′ = Ḡ,
 *    together with the six integrals y′ = (w, G·w, Ḡ·w on [0, T], Ḡ·w beyond T, v·Ḡ·w, H·w),
 *    w = exp(λH − s·v − φ_ref), by the classical Runge–Kutta method at a fixed step (h and h/2,
 *    then Richardson's extrapolation: (16·y_{h/2} − y_h)/15), from 0 until w has fallen below
 *    1e-22 of its largest value past the mode.
 *  - u = 1/B − 1 from the Erlang B recursion (erlangRecursion.ts), not the incomplete gamma.
 * Only for smooth Ḡ (no jumps) and a threshold T on the step grid.
 */
import { erlangBRecursion } from './erlangRecursion.js';
import { virtualWaitFigures } from './virtualWaitFigures.js';

export interface MmngRef {
  pWait: number;
  pAbandon: number;
  answerRate: number;
  serviceLevel: number;
  asa: number;
  meanWait: number;
}

/** One RK4 pass at step h; returns [J, A_b, S_<, S_>, M, W] scaled by e^{−ref}. */
function pass(survival: (v: number) => number, lambda: number, serve: number, target: number, ref: number, h: number): number[] {
  const y = [0, 0, 0, 0, 0, 0];
  let H = 0;
  let v = 0;
  let peak = 0;
  // f(v, H) for the integrals; H′ = Ḡ(v)
  const rates = (x: number, hx: number, out: number[], within: boolean): void => {
    const g = survival(x);
    const w = Math.exp(lambda * hx - serve * x - ref);
    out[0] = w;
    out[1] = (1 - g) * w;
    out[2] = within ? g * w : 0;
    out[3] = within ? 0 : g * w;
    out[4] = x * g * w;
    out[5] = hx * w;
  };
  const k1 = [0, 0, 0, 0, 0, 0], k2 = [0, 0, 0, 0, 0, 0], k3 = [0, 0, 0, 0, 0, 0], k4 = [0, 0, 0, 0, 0, 0];
  for (let step = 0; step < 5e7; step++) {
    const within = v + h / 2 < target; // T lies on the grid
    const g1 = survival(v);
    const gm = survival(v + h / 2);
    const g4 = survival(v + h);
    // RK4 for H (a pure quadrature: Simpson)
    const Hm = H + (h / 2) * g1;
    const Hm2 = H + (h / 2) * gm;
    const H4 = H + h * gm;
    rates(v, H, k1, within);
    rates(v + h / 2, Hm, k2, within);
    rates(v + h / 2, Hm2, k3, within);
    rates(v + h, H4, k4, within);
    for (let i = 0; i < 6; i++) y[i]! += (h / 6) * (k1[i]! + 2 * k2[i]! + 2 * k3[i]! + k4[i]!);
    H += (h / 6) * (g1 + 4 * gm + g4);
    v += h;
    const w = Math.exp(lambda * H - serve * v - ref);
    if (w > peak) peak = w;
    if (v > target && lambda * survival(v) < serve && w < 1e-22 * peak) break;
  }
  return y;
}

/**
 * Figures of M/M/N+G for N agents, A erlangs, AHT (s), patience survival Ḡ, threshold T (s, a
 * multiple of h), by RK4 at steps h and h/2 with Richardson's extrapolation.
 */
export function mmngOde(n: number, erlangs: number, aht: number, survival: (v: number) => number, target: number, h: number): MmngRef {
  const mu = 1 / aht;
  const lambda = erlangs * mu;
  const serve = n * mu;
  // φ_ref: the largest φ on a coarse pass (any value near it keeps w in range)
  let H = 0, ref = 0;
  for (let v = 0; v < 1e6; v += 0.5) {
    ref = Math.max(ref, lambda * H - serve * v);
    if (lambda * survival(v) < serve && lambda * H - serve * v < ref - 50) break;
    H += 0.5 * survival(v + 0.25);
  }
  const coarse = pass(survival, lambda, serve, target, ref, h);
  const fine = pass(survival, lambda, serve, target, ref, h / 2);
  const [J, Ab, Sin, Sout, M, W] = fine.map((f, i) => (16 * f - coarse[i]!) / 15) as [number, number, number, number, number, number];
  const { b, oneMinusB } = erlangBRecursion(n, erlangs);
  return virtualWaitFigures(oneMinusB / b, ref, serve, { J, Ab, Sin, Sout, M, W });
}
