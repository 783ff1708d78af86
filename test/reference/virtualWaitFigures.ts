/**
 * The M/M/N+G figures from the integrals of the virtual-wait solution (Baccelli & Hébuterne 1981;
 * Zeltyn & Mandelbaum 2005), shared by the test references that compute those integrals their
 * own way (mmngOde.ts by Runge–Kutta, mmnDeterministic.ts in closed form). All integrals are of
 * w scaled by e^{−ref}; u = 1/B(N, A) − 1, s = N/AHT.
 *   P(wait) = sJ/(u + sJ), P(abandon) = P(wait)·A_b/J, answer rate = P(no wait) + P(wait)·(S_< + S_>)/J,
 *   SL = P(no wait) + P(wait)·S_</J, ASA = P(wait)·(M/J)/answer rate, mean wait = P(wait)·W/J.
 */
export interface VirtualWaitIntegrals {
  /** ∫w, ∫G·w, ∫₀ᵀ Ḡ·w, ∫_T^∞ Ḡ·w, ∫v·Ḡ·w, and ∫H·w when the mean wait is wanted */
  J: number;
  Ab: number;
  Sin: number;
  Sout: number;
  M: number;
  W?: number;
}

export function virtualWaitFigures(u: number, ref: number, serve: number, i: VirtualWaitIntegrals) {
  const q = u === Infinity ? Infinity : (u * Math.exp(-ref)) / (serve * i.J);
  const pWait = 1 / (1 + q);
  const noWait = q === Infinity ? 1 : q / (1 + q);
  const answerRate = noWait + pWait * ((i.Sin + i.Sout) / i.J);
  return {
    pWait,
    pAbandon: pWait * (i.Ab / i.J),
    answerRate,
    serviceLevel: noWait + pWait * (i.Sin / i.J),
    asa: (pWait * (i.M / i.J)) / answerRate,
    meanWait: i.W === undefined ? Number.NaN : pWait * (i.W / i.J),
  };
}
