/**
 * 60-digit reference for Erlang A (M/M/N+M) from its defining sums in mathjs BigNumbers (the
 * module comment of engine/erlang/erlangA.ts): J = Σ_k x^k/((a+1)…(a+k)), u = Σ_{j=1}^{N} N!/((N−j)!·A^j),
 * P(wait) = J/(u + J), P(abandon | wait) = 1 − (a/x)(1 − 1/J), SL by J(a+1, x·e^{−τ}), and
 * θ·E[V | served after waiting] = Σ t'_k H_k / Σ t'_k. With a = N·patience/AHT and x = A·patience/AHT
 * taken as the doubles the engine computes, so the comparison measures the engine's arithmetic.
 * Sums run until a term is below 1e-55 of the total: slow for x − a in the thousands (tests keep to smaller).
 */
import { all, create, type BigNumber } from 'mathjs';

const M = create(all!, { number: 'BigNumber', precision: 60 });
const EPS = M.bignumber('1e-55');
const big = (v: number): BigNumber => M.bignumber(v.toPrecision(40));

function jSum(a: BigNumber, x: BigNumber): BigNumber {
  let t = M.bignumber(1);
  let s = M.bignumber(1);
  for (let k = 1; k < 5e6; k++) {
    t = t.mul(x).div(a.add(k));
    s = s.add(t);
    if (t.lt(s.mul(EPS)) && x.lt(a.add(k))) break;
  }
  return s;
}

function servedWaitScaled(a: BigNumber, x: BigNumber): BigNumber {
  let t = M.bignumber(1).div(a.add(1));
  let h = t;
  let st = t;
  let sth = t.mul(h);
  for (let k = 1; k < 5e6; k++) {
    const inv = M.bignumber(1).div(a.add(k + 1));
    t = t.mul(x).mul(inv);
    h = h.add(inv);
    st = st.add(t);
    sth = sth.add(t.mul(h));
    if (t.mul(h).lt(sth.mul(EPS)) && x.lt(a.add(k))) break;
  }
  return sth.div(st);
}

function idle(n: number, A: BigNumber): BigNumber {
  let t = M.bignumber(1);
  let u = M.bignumber(0);
  for (let m = n; m >= 1; m--) {
    t = t.mul(m).div(A);
    u = u.add(t);
  }
  return u;
}

export interface BigErlangA {
  pWait: number;
  pAbandon: number;
  answerRate: number;
  serviceLevel: number;
  asa: number;
}

export function erlangABig(n: number, erlangs: number, aht: number, patience: number, target: number): BigErlangA {
  const a = big((n * patience) / aht);
  const x = big((erlangs * patience) / aht);
  const A = big(erlangs);
  const tau = big(target / patience);
  const one = M.bignumber(1);
  const J = jSum(a, x);
  const u = idle(n, A);
  const pWait = J.div(u.add(J));
  const noWait = u.div(u.add(J));
  const ax = a.div(x);
  const abw = one.sub(ax.mul(one.sub(one.div(J))));
  const pAbandon = pWait.mul(abw);
  const answerRate = noWait.add(pWait.mul(one.sub(abw)));
  const s0 = M.exp(tau.neg());
  const J2 = jSum(a.add(1), x.mul(s0));
  const late = J2.div(J).mul(x.div(a.add(1))).mul(M.exp(x.mul(one.sub(s0)).sub(a.add(1).mul(tau))));
  const serviceLevel = one.sub(pAbandon).sub(pWait.mul(ax).mul(late));
  const asa = pWait.mul(one.sub(abw)).mul(servedWaitScaled(a, x).mul(big(patience))).div(answerRate);
  const num = (v: BigNumber) => Number(v.toString());
  return { pWait: num(pWait), pAbandon: num(pAbandon), answerRate: num(answerRate), serviceLevel: num(serviceLevel), asa: num(asa) };
}
