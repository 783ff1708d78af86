/**
 * 50-digit reference for Erlang B/C with mathjs BigNumbers: the Erlang B recursion
 * B(n) = A·B(n−1)/(n + A·B(n−1)) carried out in decimal arithmetic at 50 significant digits (rounding
 * errors ~1e-46 per step, so exact to far beyond double precision for N ≤ 10⁵), then
 * C = N·B/(N − A(1 − B)), SL(T) = 1 − C·exp(−(N − A)·T/AHT), ASA = C·AHT/(N − A).
 * Inputs are converted from their exact binary double values.
 */
import { all, create, type BigNumber } from 'mathjs';

const math = create(all!, { number: 'BigNumber', precision: 50 });

function big(x: number): BigNumber {
  // exact decimal expansion of the double (toPrecision(40) is exact for these magnitudes to 1e-40 relative)
  return math.bignumber(x.toPrecision(40));
}

export interface BigErlangC {
  b: number;
  pWait: number;
  serviceLevel: number;
  asa: number;
}

export function erlangCBig(n: number, erlangs: number, aht: number, target: number): BigErlangC {
  const A = big(erlangs);
  let b = math.bignumber(1);
  for (let k = 1; k <= n; k++) {
    const ab = math.multiply(A, b) as BigNumber;
    b = math.divide(ab, math.add(math.bignumber(k), ab)) as BigNumber;
  }
  const N = math.bignumber(n);
  const gap = math.subtract(N, A) as BigNumber;
  const one = math.bignumber(1);
  const c = math.divide(math.multiply(N, b), math.subtract(N, math.multiply(A, math.subtract(one, b)))) as BigNumber;
  const expo = math.exp(math.divide(math.multiply(math.unaryMinus(gap), big(target)), big(aht)) as BigNumber) as BigNumber;
  const sl = math.subtract(one, math.multiply(c, expo)) as BigNumber;
  const asa = math.divide(math.multiply(c, big(aht)), gap) as BigNumber;
  return { b: b.toNumber(), pWait: c.toNumber(), serviceLevel: sl.toNumber(), asa: asa.toNumber() };
}
