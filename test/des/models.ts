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
