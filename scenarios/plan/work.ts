/**
 * What a run will cost, estimated before it starts, and the ceilings a run must stay under
 * unless the caller allows large runs (the CLI's `--allow-large`): a run that would take
 * hours or exhaust memory is refused with one line naming the estimate and the limit, instead
 * of crashing or running silently.
 *
 * Calls: expected arrivals (before self-service, warm-up included) of every run simulated —
 * Σ over intervals of rate × interval length, × days, × replications. Memory: what grows with
 * the input, not the process itself — waiting contacts (a fluid estimate of the longest queue:
 * without patience the queue grows by (arrivals − capacity) per interval and carries over;
 * with patience it stays within a few mean patiences of arrivals, but grows through intervals
 * without agents), times WAITING_CONTACT_BYTES, for each run in progress at once (one per
 * worker). Kernel intervals: interval evaluations of the analytic model.
 * Estimates are rough (within a factor of ~2), which is what a ceiling needs.
 */
import { meanOf } from '../../engine/rng/moments.js';
import type { Model } from '../../engine/des/model.js';
import type { Plan } from './build.js';

/** A run's cost, estimated before it starts. */
export interface WorkEstimate {
  /** calls to simulate (arrivals before self-service, warm-up included), every run and replication */
  calls: number;
  /** interval evaluations of the analytic model (kernels) */
  kernelIntervals: number;
  /** simulation runs (replications × models): each costs a set-up (RUN_SECONDS) whatever its calls */
  runs: number;
  /** peak memory for waiting contacts and kept results, bytes (beyond the process itself) */
  memoryBytes: number;
  /** what the estimate counts, for messages: e.g. `8 replications × 6 one-day runs` */
  what: string;
  /** why memory grows, when it does (an unbounded queue), for messages */
  memoryWhy?: string;
}

/** Ceilings of a run (see DEFAULT_WORK_LIMITS). */
export interface WorkLimits {
  maxCalls: number;
  maxMemoryBytes: number;
  maxKernelIntervals: number;
}

/**
 * Default ceilings: 1e10 calls (≈ 30 minutes on one core at the simulator's ~6 M calls/s; the
 * 2017 industry's full year is 3.4e9), 2 GiB for data that grows with the input, 1e9 kernel
 * intervals (≈ 15 minutes on one core).
 */
export const DEFAULT_WORK_LIMITS: WorkLimits = { maxCalls: 1e10, maxMemoryBytes: 2 * 1024 ** 3, maxKernelIntervals: 1e9 };

/** Bytes per waiting contact at the queue's peak: a 21-byte row in a ring that doubles (×2) and is copied when it grows (×1.5), plus an abandonment event (40 bytes, same growth) when redials are modelled. */
export const WAITING_CONTACT_BYTES = 200;

/** Simulator throughput used for time estimates, calls per second per core (bench: 6.7 M stationary, 9.3 M bank day). */
export const CALLS_PER_SECOND = 6e6;
/** Analytic throughput used for time estimates, intervals per second per core (bench: 1.14 M). */
export const KERNEL_INTERVALS_PER_SECOND = 1e6;
/** Set-up time of one simulation run (streams, arrays), seconds: 100,000 replications of 100 calls take ~50 s on one core. */
export const RUN_SECONDS = 5e-4;

/** A run over a ceiling: the message names the estimate, what it counts and the limit. */
export class WorkLimitError extends RangeError {
  override name = 'WorkLimitError';
}

/** Seconds the work takes on `workers` cores (an estimate). */
export function estimatedSeconds(e: WorkEstimate, workers: number): number {
  return (e.calls / CALLS_PER_SECOND + e.kernelIntervals / KERNEL_INTERVALS_PER_SECOND + e.runs * RUN_SECONDS) / Math.max(1, workers);
}

const sci = (x: number): string => (x >= 1e6 ? x.toExponential(2).replace('e+', 'e') : String(Math.round(x)));
const bytes = (b: number): string => (b >= 1024 ** 3 ? `${(b / 1024 ** 3).toPrecision(3)} GB` : `${Math.ceil(b / 1024 ** 2)} MB`);
const duration = (s: number): string =>
  (s >= 2 * 86_400 ? `${(s / 86_400).toPrecision(3).replace('e+', 'e')} days` : s >= 7200 ? `${(s / 3600).toPrecision(3)} h` : s >= 120 ? `${Math.round(s / 60)} min` : `${Math.ceil(s)} s`);

/**
 * Checks an estimate against the ceilings.
 * @throws {WorkLimitError} over a ceiling: `8e10 calls to simulate (8 replications × 1e10 calls, ≈ 3.7 h on one core), more than the limit of 1e10 calls`
 */
export function checkWork(e: WorkEstimate, limits: WorkLimits = DEFAULT_WORK_LIMITS): void {
  if (!(e.calls <= limits.maxCalls)) {
    throw new WorkLimitError(`${sci(e.calls)} calls to simulate (${e.what}, ≈ ${duration(e.calls / CALLS_PER_SECOND)} on one core), more than the limit of ${sci(limits.maxCalls)} calls`);
  }
  if (!(e.kernelIntervals <= limits.maxKernelIntervals)) {
    throw new WorkLimitError(`${sci(e.kernelIntervals)} kernel interval evaluations (${e.what}, ≈ ${duration(e.kernelIntervals / KERNEL_INTERVALS_PER_SECOND)} on one core), more than the limit of ${sci(limits.maxKernelIntervals)}`);
  }
  if (!(e.memoryBytes <= limits.maxMemoryBytes)) {
    throw new WorkLimitError(`about ${bytes(e.memoryBytes)} of memory (${e.memoryWhy ?? e.what}), more than the limit of ${bytes(limits.maxMemoryBytes)}`);
  }
}

/** Expected arrivals of one run of a model (before self-service), over its whole horizon. */
export function modelCalls(model: Model): number {
  let perCycle = 0;
  for (const ch of model.channels) for (const r of ch.arrivalRatePerSecond) perCycle += r * model.intervalSeconds;
  const cycleSeconds = (model.channels[0]?.arrivalRatePerSecond.length ?? 0) * model.intervalSeconds;
  return cycleSeconds > 0 ? (perCycle * model.days * 86_400) / cycleSeconds : 0;
}

/**
 * The longest line of waiting contacts a run of the model may build (a fluid estimate, all
 * channels pooled on all agents), and whether it grows without bound (some channel has no
 * patience and demand exceeds capacity in some interval).
 */
export function modelPeakWaiting(model: Model): { peak: number; unbounded: boolean } {
  const T = model.intervalSeconds;
  const K = model.channels[0]?.arrivalRatePerSecond.length ?? 0;
  if (K === 0) return { peak: 0, unbounded: false };
  const patient = model.channels.every((c) => c.patience !== undefined);
  const patience = Math.max(0, ...model.channels.map((c) => (c.patience ? meanOf(c.patience) : 0)));
  const lambda = new Float64Array(K);
  const capacity = new Float64Array(K);
  let work = 0;
  let rate = 0;
  for (const ch of model.channels) {
    const aht = meanOf(ch.handleTime);
    const share = 1 - (ch.selfService?.share ?? 0);
    for (let i = 0; i < K; i++) {
      const l = (ch.arrivalRatePerSecond[i] ?? 0) * share;
      lambda[i] = lambda[i]! + l;
      work += l * aht;
      rate += l;
    }
  }
  const aht = rate > 0 ? work / rate : 1;
  for (let i = 0; i < K; i++) for (const g of model.groups) capacity[i] = capacity[i]! + (g.onDuty[i] ?? 0) / aht;
  // One pass over a cycle from `q0`: the queue at its end and its peak.
  const cycle = (q0: number): { end: number; peak: number; overloaded: boolean } => {
    let q = q0;
    let peak = q0;
    let overloaded = false;
    for (let i = 0; i < K; i++) {
      const l = lambda[i]!;
      const c = capacity[i]!;
      if (l > c) overloaded = true;
      if (patient) {
        // Without agents nobody drops expired heads (abandonment is found lazily): the line keeps every arrival.
        q = c > 0 ? 3 * l * patience : q + l * T;
      } else {
        q = Math.max(0, q + (l - c) * T);
      }
      if (q > peak) peak = q;
    }
    return { end: q, peak, overloaded };
  };
  const cycles = Math.max(1, (model.days * 86_400) / (K * T));
  const first = cycle(0);
  const second = cycle(first.end);
  const growth = second.end - first.end;
  const peak = growth > 0 ? second.peak + growth * Math.max(0, cycles - 2) : Math.max(first.peak, second.peak);
  return { peak, unbounded: !patient && first.overloaded };
}

/**
 * The work of simulating a plan `times` × `replications` times (a what-if simulates two plans,
 * a calibration up to four), with `workers` runs in progress at once.
 */
export function planWork(plan: Plan, replications: number, workers: number, times = 1, what?: string): WorkEstimate {
  let calls = 0;
  let peak = 0;
  let unbounded = false;
  for (const run of plan.runs) {
    calls += modelCalls(run.model);
    const w = modelPeakWaiting(run.model);
    peak = Math.max(peak, w.peak);
    unbounded ||= w.unbounded;
  }
  const concurrent = Math.max(1, Math.min(workers, plan.runs.length * replications));
  const kept = replications * plan.runs.length * 400; // per replication and run: a scaled tally and figures
  return {
    calls: calls * replications * times,
    kernelIntervals: 0,
    runs: plan.runs.length * replications * times,
    memoryBytes: peak * WAITING_CONTACT_BYTES * concurrent + kept,
    what: `${times > 1 ? `${times} × ` : ''}${replications} replications × ${plan.runs.length} one-day runs`,
    ...(unbounded ? { memoryWhy: 'waiting contacts: demand exceeds the agents and callers never abandon' } : {}),
  };
}

/** Several runs one after the other: calls, kernel intervals and runs add up; memory is the largest (one at a time). */
export function sequentialWork(parts: readonly WorkEstimate[], what: string): WorkEstimate {
  const biggest = parts.reduce((a, b) => (b.memoryBytes > a.memoryBytes ? b : a));
  return {
    calls: parts.reduce((a, p) => a + p.calls, 0),
    kernelIntervals: parts.reduce((a, p) => a + p.kernelIntervals, 0),
    runs: parts.reduce((a, p) => a + p.runs, 0),
    memoryBytes: biggest.memoryBytes,
    what,
    ...(biggest.memoryWhy ? { memoryWhy: biggest.memoryWhy } : {}),
  };
}
