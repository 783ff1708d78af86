/**
 * Independent reference for the chat kernel's chain (engine/erlang/chat.ts): the birth–death chain
 * of N agents × c sessions with an even spread, built state by state from its rates in log space
 * (no level tables, no rescaling, no Erlang A/C code), truncated where its terms fall below
 * e^−60 of the tail's largest. P(wait) is summed in log space on its own, so it stays exact relative
 * to itself when it is as small as 1e−300.
 *
 * States n = 0, 1, …: birth rate λ; death rate, with q = ⌊n/N⌋, m = n − qN and
 * pace(k) = 1/(1 + s·(k − 1)),
 *   r(n) = [m·(q+1)·pace(q+1) + (N − m)·q·pace(q)] / AHT   for n ≤ M = c·N,
 *   r(n) = M·pace(c)/AHT + (n − M)/patience                for n > M (no abandonment without patience).
 * P(wait) = P(n ≥ M) (PASTA); E[queue] = Σ (n − M)⁺·π_n; P(abandon) = E[queue]/(patience·λ)
 * (abandonment flow over arrival flow); mean wait of all arrivals = E[queue]/λ (Little);
 * sessions in service = E[min(n, M)]; agents holding a session = E[min(n, N)] (even spread).
 */
export interface ChatChainRef {
  pWait: number;
  pAbandon: number;
  meanWait: number;
  sessions: number;
  busyAgents: number;
}

export function chatChain(agents: number, c: number, slowdown: number, lambda: number, aht: number, patience: number | undefined): ChatChainRef {
  const M = agents * c;
  // the work rate of an agent holding k sessions, in sessions' worth: k·pace(k) (an idle agent does none)
  const agentRate = (k: number) => (k === 0 ? 0 : k / (1 + slowdown * (k - 1)));
  const theta = patience === undefined ? 0 : 1 / patience;
  const death = (n: number): number => {
    if (n > M) return (agents * agentRate(c)) / aht + (n - M) * theta;
    // m agents hold q + 1 sessions, the other N − m hold q
    const q = Math.floor(n / agents), m = n - q * agents;
    return (m * agentRate(q + 1) + (agents - m) * agentRate(q)) / aht;
  };
  // log π_n up to a constant: log π_{n+1} = log π_n + log λ − log r(n+1)
  const logp: number[] = [0];
  let top = 0, topWait = -Infinity;
  for (let n = 0; ; n++) {
    const next = logp[n]! + Math.log(lambda) - Math.log(death(n + 1));
    logp.push(next);
    if (next > top) top = next;
    if (n + 1 >= M && next > topWait) topWait = next;
    // the tail n ≥ M is truncated relative to its own largest term (it may be ≪ π's top)
    if (n > M && next < topWait - 60) break;
    if (n > 100 * M + 1e6) throw new Error('chatChain: the chain does not settle (overload without patience?)');
  }
  let z = 0, queue = 0, sessions = 0, busy = 0;
  // P(n ≥ M) in log space on its own: it can be far below the smallest double relative to π's top
  let wait = 0;
  logp.forEach((l, n) => {
    const p = Math.exp(l - top);
    z += p;
    if (n >= M) wait += Math.exp(l - topWait);
    queue += Math.max(n - M, 0) * p;
    sessions += Math.min(n, M) * p;
    busy += Math.min(n, agents) * p;
  });
  return {
    pWait: Math.exp(Math.log(wait) + topWait - top - Math.log(z)),
    pAbandon: (theta * queue) / z / lambda,
    meanWait: queue / z / lambda,
    sessions: sessions / z,
    busyAgents: busy / z,
  };
}
