/** Models shared by the simulator's tests. */
import type { DistributionSpec, Model } from '../../engine/des/index.js';

/** One stationary channel (`erlangs` at AHT `aht`) and one group of `agents`, over a day of 48 half hours repeated. */
export function stationary(agents: number, erlangs: number, aht: number, patience?: number | DistributionSpec, days = 10_000, targetSeconds = 20): Model {
  const L = 48;
  return {
    intervalSeconds: 1800,
    days,
    channels: [{
      name: 'voice', kind: 'voice', targetSeconds,
      arrivalRatePerSecond: new Array<number>(L).fill(erlangs / aht),
      handleTime: { kind: 'exponential', mean: aht },
      ...(patience === undefined ? {} : { patience: typeof patience === 'number' ? { kind: 'exponential', mean: patience } : patience }),
    }],
    groups: [{ name: 'agents', skills: ['voice'], onDuty: new Array<number>(L).fill(agents) }],
  };
}

/** Standard error of the mean of independent replications' values. */
export function standardError(values: readonly number[]): number {
  const n = values.length;
  const mean = values.reduce((a, v) => a + v, 0) / n;
  const ss = values.reduce((a, v) => a + (v - mean) ** 2, 0);
  return Math.sqrt(ss / (n - 1) / n);
}

/**
 * Asserts that the mean of independent replications' `values` is within `k` standard errors
 * (plus `slack`) of `theory`. NaN-proof: a NaN value, mean or SE fails (`!(err <= tol)`).
 */
export function expectWithinSE(what: string, values: readonly number[], theory: number, k = 4, slack = 0): void {
  const mean = values.reduce((a, v) => a + v, 0) / values.length;
  const se = standardError(values);
  const err = Math.abs(mean - theory);
  if (!(err <= k * se + slack) || !Number.isFinite(theory)) {
    throw new Error(`${what}: simulated ${mean} ± ${se} (SE over ${values.length}), theory ${theory}: off by ${(err / se).toFixed(2)} SE (allowed ${k})`);
  }
}

/** One stationary chat channel (`erlangs` of session work at AHT `aht`) served by `agents` agents with `concurrency` sessions each. */
export function stationaryChat(
  agents: number, concurrency: number, erlangs: number, aht: number, patience: number | undefined, slowdown: number, days = 10_000, targetSeconds = 20,
): Model {
  const m = stationary(agents, erlangs, aht, patience, days, targetSeconds);
  const ch = m.channels[0]!;
  ch.kind = 'chat';
  ch.concurrency = concurrency;
  ch.slowdown = slowdown;
  return m;
}

/**
 * Stationary law of one chat agent (concurrency c, slowdown s, work exponential with mean
 * `aht`, Poisson arrivals λ, exponential patience θ⁻¹ in line), truncated where the
 * probabilities vanish: p(n+1)/p(n) = λ / (k·μ/(1 + s(k − 1)) + (n + 1 − k)·θ), k = min(n + 1, c)
 * (limited processor sharing: Luo & Zhang, Operations Research 61(2), 2013). Sessions in
 * service, line length, P(busy), P(wait) = P(n ≥ c) (PASTA), P(abandon) = θ·E[line]/λ and mean
 * wait = E[line]/λ (Little).
 */
export function oneAgentLaw(lambda: number, aht: number, patience: number, c: number, s: number) {
  const mu = 1 / aht, theta = 1 / patience;
  const p = [1];
  for (let n = 0; n < 5000; n++) {
    const k = Math.min(n + 1, c);
    p.push((p[n]! * lambda) / ((k * mu) / (1 + s * (k - 1)) + (n + 1 - k) * theta));
  }
  const z = p.reduce((a, v) => a + v, 0);
  let sessions = 0, queue = 0, busy = 0, wait = 0;
  p.forEach((v, n) => {
    sessions += (Math.min(n, c) * v) / z;
    queue += (Math.max(n - c, 0) * v) / z;
    if (n > 0) busy += v / z;
    if (n >= c) wait += v / z;
  });
  return { sessions, queue, busy, wait, pAbandon: (theta * queue) / lambda, meanWait: queue / lambda };
}

/** The fields of a (row, channel) cell in their layout order (engine/des/tallies.ts `Cell`): the contract between the event loop and talliesOf. */
export const CELL_FIELDS = [
  'offered', 'answered', 'abandoned', 'answeredWithinTarget', 'waitAnsweredSeconds', 'waitAllSeconds', 'busySeconds',
  'selfServiceCompleted', 'retrials', 'stillWaiting', 'returns', 'backlogSeconds', 'deferredHandled', 'withinDeadline',
  'timeToHandleSeconds',
] as const;
