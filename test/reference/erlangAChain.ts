/**
 * Independent reference for Erlang A (M/M/N+M): the birth–death chain truncated where its terms
 * fall below 1e-22 of the total, computed directly from the rates (no incomplete gamma functions).
 *
 * States n = 0, 1, …: birth rate λ, death rate min(n, N)μ + max(n − N, 0)θ. Product form, built
 * by multiplying successive rate ratios outward from n = N (no factorials):
 *   w_N = 1, w_{n−1} = w_n·n/A (n ≤ N), w_{N+k} = w_{N+k−1}·λ/(Nμ + kθ).
 * P(wait) = Σ_{n≥N} w_n / Σ w_n (PASTA).
 * P(abandon) = θ·E[queue]/λ (abandonment rate over arrival rate, a flow balance).
 * Tagged arrival that finds k waiting: it advances at rate r_i = Nμ + iθ while i are ahead and
 * abandons at rate θ, so (competing exponentials) it is served iff it wins every phase:
 *   g_k = Π_{i=0}^{k} r_i/(r_i + θ),  and the phases then last Exp(r_i + θ).
 * P(served within T | k) is obtained by uniformisation of that pure-death chain over [0, T]
 * (sums of positive terms), SL = P(no wait) + Σ_k q_k·P(served within T | k).
 * E[wait; served | k] = Σ_{i≤k} P(reach i)·g_i/(r_i + θ) (expected time in each phase, exact).
 */
export interface ErlangAChainRef {
  pWait: number;
  pAbandon: number;
  /** 1 − P(served), from the tagged-customer phases (a second, cancellation-prone route) */
  pAbandonTagged: number;
  serviceLevel: number;
  asa: number;
}

export function erlangAChain(n: number, erlangs: number, aht: number, patience: number, target: number): ErlangAChainRef {
  const mu = 1 / aht;
  const theta = 1 / patience;
  const lambda = erlangs * mu;
  // below N
  let sBelow = 0; // Σ_{n<N} w_n
  let w = 1;
  for (let m = n; m >= 1; m--) {
    w *= m / erlangs; // w_{m−1}
    sBelow += w;
    if (w < sBelow * 1e-22 && m < erlangs) break;
  }
  // from N upward: q[k] = w_{N+k}
  const q: number[] = [];
  let v = 1;
  let sWait = 0;
  let sQueue = 0;
  for (let k = 0; ; k++) {
    if (k > 0) v *= lambda / (n * mu + k * theta);
    if (v > 1e250) {
      // rescale everything kept so far (overload: the terms grow up to the mode)
      for (let j = 0; j < q.length; j++) q[j] = q[j]! * 1e-250;
      v *= 1e-250;
      sWait *= 1e-250;
      sQueue *= 1e-250;
      sBelow *= 1e-250;
    }
    q.push(v);
    sWait += v;
    sQueue += k * v;
    if (k > 10 && v < sWait * 1e-22 && lambda < n * mu + k * theta) break;
  }
  const total = sBelow + sWait;
  const pWait = sWait / total;
  const pNoWait = sBelow / total;
  const pAbandon = (theta * (sQueue / total)) / lambda;
  const K = q.length;
  // g_k and P(served | wait)
  const rate = (i: number) => n * mu + i * theta;
  let g = 1;
  let servedGivenWait = 0;
  const gk = new Float64Array(K);
  for (let k = 0; k < K; k++) {
    g *= rate(k) / (rate(k) + theta);
    gk[k] = g;
    servedGivenWait += (q[k]! / sWait) * g;
  }
  // E[wait·1{served} | wait]: reach_i = Σ_{j≥i} q_j Π_{l=i+1}^{j} r_l/(r_l+θ); walk downward
  let reach = 0;
  let waitServed = 0;
  for (let i = K - 1; i >= 0; i--) {
    reach = reach * (i + 1 < K ? rate(i + 1) / (rate(i + 1) + theta) : 0) + q[i]! / sWait;
    // time in phase i ~ Exp(r_i + θ), independent of the phase's outcome; served from phase i iff it
    // wins phases i, …, 0, probability g_i
    waitServed += (reach * gk[i]!) / (rate(i) + theta);
  }
  const answered = pNoWait + pWait * servedGivenWait;
  const asa = (pWait * waitServed) / answered;
  // SL by uniformisation over [0, T]
  const lam = rate(K - 1) + theta;
  const p = Float64Array.from(q, (x) => x / sWait);
  const next = new Float64Array(K);
  let servedWithin = 0;
  if (target > 0) {
    const lt = lam * target;
    // Poisson(lt) weights, built outward from the mode and normalised (no underflow of e^{−lt})
    const nMax = Math.ceil(lt + 14 * Math.sqrt(lt) + 50);
    const mode = Math.min(nMax, Math.floor(lt));
    const pw = new Float64Array(nMax + 1);
    pw[mode] = 1;
    for (let j = mode; j < nMax; j++) pw[j + 1] = (pw[j]! * lt) / (j + 1);
    for (let j = mode; j > 0; j--) pw[j - 1] = (pw[j]! * j) / lt;
    let norm = 0;
    for (let j = 0; j <= nMax; j++) norm += pw[j]!;
    let absorbed = 0; // mass served within j DTMC steps
    for (let j = 0; j <= nMax; j++) {
      servedWithin += (pw[j]! / norm) * absorbed;
      let served = 0;
      for (let k = 0; k < K; k++) {
        const pk = p[k]!;
        if (pk === 0) continue;
        const down = rate(k) / lam;
        next[k] = next[k]! + pk * (1 - (rate(k) + theta) / lam);
        if (k === 0) served += pk * down;
        else next[k - 1] = next[k - 1]! + pk * down;
      }
      absorbed += served;
      for (let k = 0; k < K; k++) {
        p[k] = next[k]!;
        next[k] = 0;
      }
    }
  }
  return {
    pWait,
    pAbandon,
    pAbandonTagged: pWait * (1 - servedGivenWait),
    serviceLevel: pNoWait + pWait * servedWithin,
    asa,
  };
}
