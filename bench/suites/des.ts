/**
 * The simulator suite (issue 3): calls per second through the general engine, and peak memory.
 *
 * - D1 stationary: 100 agents, 95 Erlangs, AHT 300 s, patience 120 s (exponential), SL 20 s,
 *   1,000,000 arrivals per call (after a 6,000 s warm-up counted in them), 48 half-hour
 *   intervals repeated: the general model, not a special path. Target ≥ 6 M calls/s
 *   (≤ 166.7 ns per call).
 * - D2 a 96-interval bank day: 1,000,000 arrivals over a two-peak intraday profile, 69%
 *   self-service, exponential patience 120 s, 20% of abandoned redial after ~5 min, agents
 *   per quarter hour from Erlang C staffing to 80/20 (schedule changes every interval).
 *
 * Extra metrics: `callsPerSecond` (arrivals / median time) and `peakRssMB`, the high-water
 * RSS of a *fresh child process* running the case once (so other suites' memory is not
 * counted); for D1 also `peakRss10MMB`, the same for 10 M calls, to show memory does not
 * grow with run length. Setup checks the answer (D1 against Erlang A within 1 pp).
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { simulate, type Model } from '../../engine/des/index.js';
import { erlangAFigures, requiredAgentsErlangC } from '../../engine/erlang/index.js';
import type { BenchCase } from '../case.js';

const CALLS = 1_000_000;

/** The stationary benchmark model (also built by the child process for the memory figure). */
export function stationaryModel(): Model {
  const L = 48;
  return {
    intervalSeconds: 1800,
    days: 200,
    channels: [{
      name: 'voice', kind: 'voice', targetSeconds: 20,
      arrivalRatePerSecond: new Array<number>(L).fill(95 / 300),
      handleTime: { kind: 'exponential', mean: 300 },
      patience: { kind: 'exponential', mean: 120 },
    }],
    groups: [{ name: 'agents', skills: ['voice'], onDuty: new Array<number>(L).fill(100) }],
  };
}

/** A 96-quarter-hour day with `callsPerDay` arrivals, two peaks (10:00, 15:00), Erlang C 80/20 staffing. */
export function bankDayModel(callsPerDay = CALLS): Model {
  const L = 96, aht = 300, share = 0.69;
  const shape = Array.from({ length: L }, (_, i) => {
    const h = (i + 0.5) / 4;
    return 0.03 + Math.exp(-(((h - 10) / 1.6) ** 2)) + 0.8 * Math.exp(-(((h - 15) / 2) ** 2)) + 0.25 * Math.exp(-(((h - 20) / 1.5) ** 2));
  });
  const sum = shape.reduce((a, v) => a + v, 0);
  const rates = shape.map((v) => (callsPerDay * v) / sum / 900);
  const onDuty = rates.map((r) => requiredAgentsErlangC(r * (1 - share) * aht, aht, 20, 0.8));
  return {
    intervalSeconds: 900,
    days: 1,
    channels: [{
      name: 'voice', kind: 'voice', targetSeconds: 20, arrivalRatePerSecond: rates,
      handleTime: { kind: 'exponential', mean: aht },
      patience: { kind: 'exponential', mean: 120 },
      selfService: { share },
      retrial: { probability: 0.2, delay: { kind: 'exponential', mean: 300 } },
    }],
    groups: [{ name: 'agents', skills: ['voice'], onDuty }],
  };
}

/** High-water RSS (MB) of a fresh Node process running one simulation of `which` with `calls` arrivals. */
function childPeakRssMB(which: 'stationary' | 'day', calls: number): number {
  const self = fileURLToPath(import.meta.url);
  const script = `
    const m = await import(${JSON.stringify(self)});
    const { simulate } = await import(${JSON.stringify(fileURLToPath(new URL('../../engine/des/index.js', import.meta.url)))});
    const model = ${which === 'stationary' ? 'm.stationaryModel()' : `m.bankDayModel(${calls})`};
    if (${which === 'stationary'}) model.days = Math.ceil(${calls} / (95 / 300) / 86400 * 1.01) + 1;
    const r = simulate(model, { seed: 'rss', maxArrivals: ${calls}, warmupSeconds: ${which === 'stationary' ? 6000 : 0} });
    process.stdout.write(JSON.stringify({ arrivals: r.arrivals, maxRssKB: process.resourceUsage().maxRSS }));`;
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`memory child failed: ${r.stderr.split('\n')[0]}`);
  return JSON.parse(r.stdout).maxRssKB / 1024;
}

let stationary: Model;
let day: Model;
let sink = 0;

export const cases: BenchCase[] = [
  {
    name: 'des stationary 1M calls (100 agents, 95 E, AHT 300, patience 120)',
    opsPerCall: CALLS, unit: 'call', targetNs: 1e9 / 6e6, minSamples: 5,
    setup: () => {
      stationary = stationaryModel();
      const r = simulate(stationary, { seed: 'check', maxArrivals: CALLS, warmupSeconds: 6000 });
      const a = erlangAFigures(100, 95, 300, 120, 20);
      if (r.arrivals !== CALLS || Math.abs(r.total.answerRate - a.answerRate) > 0.01) {
        throw new Error(`des stationary: answer rate ${r.total.answerRate}, Erlang A ${a.answerRate}, arrivals ${r.arrivals}`);
      }
    },
    fn: () => {
      const r = simulate(stationary, { seed: 'bench', replication: sink & 7, maxArrivals: CALLS, warmupSeconds: 6000 });
      sink++;
      return r.tallies.total.answered;
    },
    metrics: ({ medianNs }) => ({
      callsPerSecond: 1e9 / medianNs,
      peakRssMB: childPeakRssMB('stationary', CALLS),
      peakRss10MMB: childPeakRssMB('stationary', 10 * CALLS),
    }),
  },
  {
    name: 'des bank day 96 intervals, 1M arrivals, schedule, self-service, retrials',
    opsPerCall: CALLS, unit: 'call', minSamples: 5,
    setup: () => {
      day = bankDayModel(CALLS);
      const r = simulate(day, { seed: 'check' });
      const t = r.tallies.total;
      if (Math.abs(r.arrivals - CALLS) > 5 * Math.sqrt(CALLS) || t.selfServiceCompleted + t.offered - t.retrials !== r.arrivals) {
        throw new Error(`des bank day: ${r.arrivals} arrivals, conservation ${t.selfServiceCompleted + t.offered - t.retrials}`);
      }
    },
    fn: () => {
      const r = simulate(day, { seed: 'bench', replication: sink & 7 });
      sink++;
      return r.tallies.total.answered;
    },
    metrics: ({ medianNs }) => ({ callsPerSecond: 1e9 / medianNs, peakRssMB: childPeakRssMB('day', CALLS) }),
  },
];
