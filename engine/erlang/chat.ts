/**
 * A chat queue (docs/channels.md): N agents, each holding up to c sessions at once, a session
 * progressing at pace 1/(1 + s·(k − 1)) while its agent holds k sessions (limited processor
 * sharing, Luo & Zhang, Operations Research 61(2), 2013); Poisson arrivals λ, work exponential
 * with mean AHT, exponential patience while waiting for the first answer (or none).
 *
 * The birth–death chain on n = sessions in the system, assuming the sessions in service are
 * spread evenly over the agents (the simulator gives a new session to the least loaded agent;
 * endings unbalance the spread until the next arrivals even it out): with q = ⌊n/N⌋ and
 * m = n − qN, the service rate below M = c·N is
 *   r(n) = [m·(q+1)·pace(q+1) + (N − m)·q·pace(q)] / AHT,
 * and from M on every slot is taken, each session at pace(c): the waiting line behaves exactly
 * as Erlang A (M/M/M+M) with M servers of mean time AHT' = AHT / pace(c). So the figures are
 * Erlang A's for (M, A' = λ·AHT', AHT', patience) with the idle ratio u = Σ_{n<M} π_n / π_M of
 * this chain (`erlangAInto` takes u as an argument: everything conditional on waiting depends
 * on the tail alone), and without patience Erlang C's likewise.
 *
 * Exact (for the chain, hence for the simulator in steady state): slowdown 0 (then r(n) = n/AHT
 * and this is Erlang A with c·N servers, u = idleRatio(cN, λ·AHT)); concurrency 1 (Erlang A with
 * N servers); one agent (N = 1: nothing to spread). Otherwise an approximation (the even spread
 * over-states the service rate a little at partial load; test/erlang/chat.test.ts measures it
 * against the simulator).
 */
import { idleRatio } from './erlangB.js';
import { erlangAInto, INTO_ABANDON, INTO_ANSWER_RATE, INTO_ASA, INTO_MEAN_WAIT, INTO_SERVICE_LEVEL, INTO_SLOTS, INTO_WAIT } from './erlangA.js';

/** Offsets of the extra figures `chatInto` writes after Erlang A's (CHAT_SLOTS slots in all). */
export const CHAT_SESSIONS = INTO_SLOTS;
export const CHAT_BUSY_AGENTS = INTO_SLOTS + 1;
export const CHAT_SLOTS = INTO_SLOTS + 2;
export { INTO_ABANDON, INTO_ANSWER_RATE, INTO_ASA, INTO_MEAN_WAIT, INTO_SERVICE_LEVEL, INTO_WAIT };

/** The pace of each of k sessions held at once: 1 / (1 + slowdown·(k − 1)). */
export function chatPace(k: number, slowdown: number): number {
  return 1 / (1 + slowdown * (k - 1));
}

/** Scratch of the head sums: [u, mean sessions below M, mean busy agents below M]. */
const head = new Float64Array(3);
const HUGE = 1e280;
/** Scratch per load level q = ⌊n/N⌋: B_q = q·pace(q) and D_q = (q+1)·pace(q+1) − B_q (concurrency ≤ 100). */
const levelB = new Float64Array(102);
const levelD = new Float64Array(102);

/**
 * The chain below M = c·N into `head`: u = Σ_{n<M} π_n/π_M, and the means of n and of
 * min(n, N) over those states (O(M), no division in the loop: with k = n + 1 = q·N + m the rate
 * is (N·B_q + m·D_q)/AHT; renormalised so nothing overflows; u = Infinity when one state below M
 * outweighs M by more than ~1e280).
 */
function headSums(agents: number, concurrency: number, slowdown: number, lambda: number, aht: number): void {
  const M = agents * concurrency;
  for (let q = 0; q <= concurrency; q++) {
    const b = q === 0 ? 0 : q * chatPace(q, slowdown);
    levelB[q] = b;
    levelD[q] = (q + 1) * chatPace(q + 1, slowdown) - b;
  }
  const scale = 1 / (lambda * aht);
  if (scale === Infinity) {
    // λ·AHT below ~1e-308: the chain sits at n = 0 to double precision
    head[0] = Infinity;
    head[1] = 0;
    head[2] = 0;
    return;
  }
  let v = 1; // π_n / π_M (divided by the renormalisations so far)
  let s0 = 0, s1 = 0, sb = 0;
  let scaled = false;
  // k = n + 1 runs from M down to 1 as (q, m) with k = q·N + m, 0 ≤ m < N
  let q = concurrency, m = 0;
  for (let n = M - 1; n >= 0; n--) {
    // π_n / π_{n+1} = r(n+1) / λ
    v *= (agents * levelB[q]! + m * levelD[q]!) * scale;
    if (v > HUGE) {
      // renormalise to this term before adding it (one step may multiply by up to c·N/(λ·AHT), so
      // rescaling the sums after adding let v, then the sums, overflow to ∞ and the means to NaN
      // at light loads, λ·AHT ≲ 1e-20); v may be +∞ here, the earlier terms then count for nothing
      s0 /= v; s1 /= v; sb /= v;
      v = 1;
      scaled = true;
    }
    s0 += v;
    s1 += n * v;
    sb += (n < agents ? n : agents) * v;
    if (--m < 0) { q--; m = agents - 1; }
  }
  head[0] = scaled ? Infinity : s0;
  head[1] = s0 > 0 ? s1 / s0 : 0;
  head[2] = s0 > 0 ? sb / s0 : 0;
}

/**
 * The figures of a chat queue into out[at … at + CHAT_SLOTS − 1]: Erlang A's slots (answer
 * rate, P(abandon), SL within `targetSeconds` of the first answer, ASA and mean wait of all,
 * seconds, P(wait); offsets INTO_*), then the mean number of sessions in service
 * (CHAT_SESSIONS) and of agents holding at least one (CHAT_BUSY_AGENTS). Without patience
 * (undefined) Erlang C's conventions: nobody abandons; in overload (λ·AHT' ≥ c·N) the answer
 * rate is 1, the SL 0 and the waits +Infinity. No argument checks (internal): agents a whole
 * number ≥ 0, concurrency a whole number ≥ 1, slowdown ≥ 0, λ ≥ 0 per second, AHT > 0 s.
 * @example chatInto(out, 0, 10, 3, 0, 0.08, 300, 120, 30) // = Erlang A with 30 servers
 */
export function chatInto(
  out: Float64Array, at: number, agents: number, concurrency: number, slowdown: number,
  arrivalsPerSecond: number, ahtSeconds: number, patienceSeconds: number | undefined, targetSeconds: number,
): void {
  const M = agents * concurrency;
  const full = ahtSeconds / chatPace(concurrency, slowdown); // AHT' of a session when every slot is taken
  const erlangs = arrivalsPerSecond * full;
  if (arrivalsPerSecond === 0 || M === 0) {
    const none = arrivalsPerSecond === 0;
    out[at + INTO_ANSWER_RATE] = none || patienceSeconds === undefined ? 1 : 0;
    out[at + INTO_ABANDON] = none || patienceSeconds === undefined ? 0 : 1;
    out[at + INTO_SERVICE_LEVEL] = none ? 1 : 0;
    out[at + INTO_ASA] = none ? 0 : patienceSeconds === undefined ? Infinity : 0;
    out[at + INTO_MEAN_WAIT] = none ? 0 : (patienceSeconds ?? Infinity);
    out[at + INTO_WAIT] = none ? 0 : 1;
    out[at + CHAT_SESSIONS] = 0;
    out[at + CHAT_BUSY_AGENTS] = 0;
    return;
  }
  const exact = slowdown === 0 || concurrency === 1;
  headSums(agents, concurrency, slowdown, arrivalsPerSecond, ahtSeconds);
  // For slowdown 0 or concurrency 1 the chain's rates are n/AHT: Erlang B's own idle ratio.
  const u = exact ? idleRatio(M, erlangs) : head[0]!;
  if (patienceSeconds !== undefined) {
    erlangAInto(out, at, M, erlangs, full, patienceSeconds, targetSeconds, u);
  } else {
    erlangCTail(out, at, M, erlangs, full, targetSeconds, u);
  }
  const wait = out[at + INTO_WAIT]!;
  out[at + CHAT_SESSIONS] = (1 - wait) * head[1]! + wait * M;
  out[at + CHAT_BUSY_AGENTS] = (1 - wait) * head[2]! + wait * agents;
}

/**
 * Erlang C's figures for M servers of mean time `aht` whose states below M have idle ratio u:
 * P(wait) = J/(u + J) with J = 1/(1 − ρ), ρ = A/M; the wait of a waiting arrival is
 * exponential with rate (M − A)/AHT.
 */
function erlangCTail(out: Float64Array, at: number, M: number, erlangs: number, aht: number, target: number, u: number): void {
  out[at + INTO_ANSWER_RATE] = 1;
  out[at + INTO_ABANDON] = 0;
  if (erlangs >= M) {
    out[at + INTO_SERVICE_LEVEL] = 0;
    out[at + INTO_ASA] = Infinity;
    out[at + INTO_MEAN_WAIT] = Infinity;
    out[at + INTO_WAIT] = 1;
    return;
  }
  const gap = M - erlangs;
  // P(wait) = J/(u + J) = M/(M + (M − A)·u), as erlangC (0 when u = Infinity: gap > 0 here;
  // M/((M − A)·u) when only the product overflows)
  const gu = gap * u;
  const wait = gu === Infinity ? M / gap / u : M / (M + gu);
  out[at + INTO_WAIT] = wait;
  out[at + INTO_SERVICE_LEVEL] = 1 - wait * Math.exp((-gap * target) / aht);
  out[at + INTO_ASA] = (wait * aht) / gap;
  out[at + INTO_MEAN_WAIT] = (wait * aht) / gap;
}
