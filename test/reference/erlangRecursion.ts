/**
 * Reference of record for Erlang B/C: the classic recursions, independent of the engine's
 * incomplete-gamma code.
 *   B(0) = 1, B(n) = A·B(n−1)/(n + A·B(n−1))      (every step in (0, 1], forward-stable)
 *   u(0) = 0, u(n) = (n/A)(1 + u(n−1)) = 1/B(n) − 1  (the complement 1 − B = u/(1+u) without cancellation)
 * Erlang C = N·B/(N − A(1 − B)); SL(T) = 1 − C·e^{−(N−A)T/AHT} written as
 * (1 − C) − C·expm1(−δ) with 1 − C = (N − A)(1 − B)/(N − A(1 − B)).
 */
export interface RecursionRef {
  b: number;
  oneMinusB: number;
}

export function erlangBRecursion(n: number, erlangs: number): RecursionRef {
  let b = 1;
  for (let k = 1; k <= n; k++) b = (erlangs * b) / (k + erlangs * b);
  let u = 0;
  const inv = 1 / erlangs;
  for (let k = 1; k <= n; k++) u = k * inv * (1 + u);
  return { b, oneMinusB: u === Infinity ? 1 : u / (1 + u) };
}

export interface ErlangCRef {
  pWait: number;
  serviceLevel: number;
  asa: number;
}

/** Erlang C figures from the recursion; requires 0 < A < N. */
export function erlangCRecursion(n: number, erlangs: number, aht: number, target: number): ErlangCRef {
  const { b, oneMinusB } = erlangBRecursion(n, erlangs);
  const gap = n - erlangs;
  const den = gap + erlangs * b; // N − A(1 − B)
  const pWait = (n * b) / den;
  const oneMinusC = (gap * oneMinusB) / den;
  const serviceLevel = oneMinusC - pWait * Math.expm1((-gap * target) / aht);
  return { pWait, serviceLevel, asa: (pWait * aht) / gap };
}
