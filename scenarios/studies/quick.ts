/**
 * Quick mode of `ccsim simulate`: the stationary model (engine/des/stationary.ts) run with
 * replications, on this thread or on worker threads, reported beside Erlang C (no patience),
 * Erlang A (exponential patience) or M/M/N+G (any other patience) for the same inputs. The parallel run equals the serial one
 * figure for figure, for any worker count; only `seconds` (wall clock) differs.
 */
import { defaultWarmupSeconds, runReplications, stationaryModel, type StationaryOptions, type TraceSink } from '../../engine/des/index.js';
import { describePatience, erlangAFigures, erlangCFigures, mmngFigures, patienceCurve } from '../../engine/erlang/index.js';
import { runReplicationsParallel } from '../../engine/parallel/index.js';
import { ALL_FIGURE_KEYS, type Figures } from '../../engine/stats/figures.js';
import { WAITING_CONTACT_BYTES, type WorkEstimate } from '../plan/work.js';

/** A quick-mode run: the stationary model and how to replicate it. */
export interface QuickRunOptions extends StationaryOptions {
  /** mean patience, seconds; undefined: callers never abandon (Erlang C) */
  patienceSeconds?: number;
  replications: number;
  seed: string;
  /** seconds; undefined: the default rule (engine/des/warmup.ts) */
  warmupSeconds?: number;
}

/** Figures quick mode reports, in order; their keys as in docs/figures.md. */
export const QUICK_KEYS = [
  'offered', 'answered', 'abandoned', 'answerRate', 'serviceLevel', 'slAnswered', 'asa', 'meanWait', 'pAbandon', 'occupancy',
] as const satisfies readonly (keyof Figures)[];

/** The quick-mode report (the `--json` document). */
export interface QuickReport {
  figures: Record<(typeof QUICK_KEYS)[number], number>;
  ci95: Record<(typeof QUICK_KEYS)[number], number>;
  analytic: Record<string, number | string>;
  replications: number;
  /** arrivals per replication, warm-up included */
  callsPerReplication: number;
  warmupSeconds: number;
  seed: string;
  /** arrivals generated, summed over replications (replications × calls unless the load is 0); absent from older producers */
  arrivals?: number;
  seconds: number;
  callsPerSecond: number;
}

/**
 * The warm-up (given, or the default rule) and the model it sizes.
 * @throws {RangeError} the warm-up would swallow every call (`calls` counts warm-up arrivals): nothing would be measured
 */
function quickSetup(o: QuickRunOptions): { warmupSeconds: number; model: ReturnType<typeof stationaryModel> } {
  const warmupSeconds = o.warmupSeconds ?? defaultWarmupSeconds(stationaryModel(o, 0));
  const rate = o.erlangs / o.ahtSeconds;
  const inWarmup = rate * warmupSeconds;
  if (rate > 0 && inWarmup >= o.calls) {
    const which = o.warmupSeconds === undefined ? `the default warm-up of ${warmupSeconds} s (20 × the longest mean time)` : `--warmup-seconds ${warmupSeconds}`;
    throw new RangeError(`${which} is as long as the run: about ${Math.round(inWarmup)} calls arrive in it (${rate.toPrecision(3)} calls/s), and --calls-per-replication ${o.calls} counts them, so nothing would be measured; lower --warmup-seconds or raise --calls-per-replication above ${Math.ceil(inWarmup)}`);
  }
  return { warmupSeconds, model: stationaryModel(o, warmupSeconds) };
}

/**
 * The work of a quick run (plan/work.ts) before it starts: replications × calls, and memory for
 * the queue when callers never abandon and the load is at or over the agents (it grows by
 * (1 − agents/erlangs) of the calls), one run per worker, plus ~210 bytes per replication.
 * @throws {RangeError} as runQuick (a horizon too long, a warm-up as long as the run)
 */
export function quickWork(o: QuickRunOptions, workers: number): WorkEstimate {
  quickSetup(o);
  const calls = o.erlangs > 0 ? o.calls * o.replications : 0;
  const grows = o.patienceSeconds === undefined && o.erlangs >= o.agents && o.erlangs > 0;
  const waiting = grows ? Math.max(0.01, 1 - o.agents / o.erlangs) * o.calls : 0;
  const concurrent = Math.max(1, Math.min(workers, o.replications));
  return {
    calls,
    kernelIntervals: 0,
    runs: o.replications,
    memoryBytes: waiting * WAITING_CONTACT_BYTES * concurrent + o.replications * 2 * ALL_FIGURE_KEYS.length * 8,
    what: `${o.replications} replications × ${o.calls} calls`,
    ...(grows ? { memoryWhy: `waiting contacts: ${o.erlangs} erlangs on ${o.agents} agents and callers never abandon, so the queue grows with --calls-per-replication` } : {}),
  };
}

/** True when the run has no steady state: callers never abandon and the load is at or over the agents. */
export function quickUnstable(o: QuickRunOptions): boolean {
  return o.patienceSeconds === undefined && o.erlangs > 0 && o.erlangs >= o.agents;
}

function pick(result: { figures: Figures; ci95: Figures }): Pick<QuickReport, 'figures' | 'ci95'> {
  const figures = {} as QuickReport['figures'], ci95 = {} as QuickReport['ci95'];
  for (const k of QUICK_KEYS) { figures[k] = result.figures[k]; ci95[k] = result.ci95[k]; }
  return { figures, ci95 };
}

/**
 * Runs quick mode on this thread and builds its report; `trace` gives a sink per replication when a trace is wanted.
 * @throws {RangeError} a horizon too long for `calls` (see stationaryModel); {ModelError} bad model values
 */
export function runQuick(o: QuickRunOptions, trace?: (replication: number) => TraceSink): QuickReport {
  const { warmupSeconds, model } = quickSetup(o);
  const result = runReplications(model, {
    seed: o.seed, replications: o.replications, warmupSeconds, maxArrivals: o.calls, keepRuns: false, ...(trace ? { trace } : {}),
  });
  return {
    ...pick(result), analytic: analyticOf(o), replications: o.replications, callsPerReplication: o.calls, warmupSeconds, seed: o.seed,
    arrivals: result.arrivals, seconds: result.seconds, callsPerSecond: result.arrivals / result.seconds,
  };
}

/**
 * Quick mode with its replications on `workers` threads (`runReplicationsParallel`): every
 * figure and CI equals `runQuick`'s; `seconds` is the wall-clock time, so `callsPerSecond`
 * is the throughput of all workers together.
 * @throws as runQuick, and {TaskError | WorkerCrashError | AbortedError} (engine/parallel)
 */
export async function runQuickParallel(o: QuickRunOptions, workers: number, signal?: AbortSignal, onReplication?: (done: number) => void): Promise<QuickReport> {
  const started = performance.now();
  const { warmupSeconds, model } = quickSetup(o);
  let done = 0;
  const result = await runReplicationsParallel(model, {
    seed: o.seed, replications: o.replications, warmupSeconds, maxArrivals: o.calls, workers, keepRuns: false,
    ...(signal ? { signal } : {}), ...(onReplication ? { onReplication: () => onReplication(++done) } : {}),
  });
  const seconds = (performance.now() - started) / 1000;
  return {
    ...pick(result), analytic: analyticOf(o), replications: o.replications, callsPerReplication: o.calls, warmupSeconds, seed: o.seed,
    seconds, callsPerSecond: result.arrivals / seconds,
  };
}

/**
 * The kernel's figures for the same inputs, with the model's name: Erlang C without patience,
 * Erlang A with exponential patience, M/M/N+G (`patience` describes the distribution) with any other.
 */
export function analyticOf(o: QuickRunOptions): Record<string, number | string> {
  if (o.patience !== undefined && o.patience.kind !== 'exponential') {
    const f = mmngFigures(o.agents, o.erlangs, o.ahtSeconds, patienceCurve(o.patience), o.targetSeconds);
    return { model: 'mmng', patience: describePatience(o.patience), ...f };
  }
  if (o.patienceSeconds !== undefined) {
    return { model: 'erlang-a', ...erlangAFigures(o.agents, o.erlangs, o.ahtSeconds, o.patienceSeconds, o.targetSeconds) };
  }
  return { model: 'erlang-c', ...erlangCFigures(o.agents, o.erlangs, o.ahtSeconds, o.targetSeconds) };
}
