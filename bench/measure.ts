/**
 * Measures one case with tinybench. Each tinybench sample times `reps` back-to-back calls of
 * the case's `fn` (reps chosen so a sample lasts ≥ ~0.1 ms, so the timer's own cost and the
 * per-iteration overhead of tinybench vanish) and records the mean call time of that batch
 * via `overriddenDuration`. The median over samples, ÷ opsPerCall, is the time of one operation.
 * A sample's time is min(wall, process CPU time) unless the case asks for `clock: 'wall'` or
 * `clock: 'cpu'` (all threads' CPU time, for worker threads): on a shared machine, time the OS
 * gave to other processes is not the case's cost (process CPU time is µs-resolved on Linux and
 * costs ~1 µs to read, ≤ 1% of a 0.1 ms sample).
 * Return values go to a module-level sink so the work cannot be optimised away.
 */
import { Bench, type FnReturnedObject } from 'tinybench';
import type { CaseOutcome, RegisteredCase } from './case.js';
import { median as medianOf } from './gate.js';

/** Time budgets for one measurement. */
export interface MeasureOptions {
  /** measured time budget per case, ms (tinybench `time`) */
  timeMs: number;
  /** warm-up budget per case, ms */
  warmupMs: number;
  /** minimum samples (tinybench `iterations`), unless the case asks for more */
  minSamples: number;
  /** minimum warm-up samples */
  warmupSamples: number;
  /** wanted duration of one sample, ms: calls are batched until a sample lasts this long */
  sampleMs: number;
}

/** CI mode: short budgets, the whole erlang suite in a few seconds. */
export const QUICK: MeasureOptions = { timeMs: 100, warmupMs: 30, minSamples: 5, warmupSamples: 2, sampleMs: 0.1 };
/** Default mode. */
export const FULL: MeasureOptions = { timeMs: 700, warmupMs: 200, minSamples: 10, warmupSamples: 3, sampleMs: 0.1 };

/** Longer budgets for re-measuring a suspected regression. */
export function retryOptions(o: MeasureOptions): MeasureOptions {
  return { ...o, timeMs: o.timeMs * 3, warmupMs: o.warmupMs * 2, minSamples: o.minSamples * 2 };
}

let numberSink = 0;
let objectSink: unknown;

/** A checksum of everything the cases returned: printed at the end so the results stay observable. */
export function sinkChecksum(): number {
  return numberSink + (objectSink === undefined ? 0 : 1);
}

/** CPU time of this process (all threads, user + system) since `since`, ms. */
function cpuMs(since: NodeJS.CpuUsage): number {
  const d = process.cpuUsage(since);
  return (d.user + d.system) / 1000;
}

function keep(v: unknown): void {
  if (typeof v === 'number') numberSink += v;
  else objectSink = v;
}

/** Calls fn until `budgetMs` has passed (at least twice); returns ms per call. Doubles as a first warm-up. */
async function timePerCall(fn: () => unknown, isAsync: boolean, budgetMs: number): Promise<number> {
  keep(isAsync ? await fn() : fn()); // the cold call: JIT, lazy init
  let calls = 0;
  const t0 = performance.now();
  let elapsed = 0;
  do {
    keep(isAsync ? await fn() : fn());
    calls++;
    elapsed = performance.now() - t0;
  } while ((elapsed < budgetMs || calls < 2) && calls < 100_000);
  return elapsed / calls;
}

/** The yardstick timed after every sample of a case: a sync loop of `opsPerCall` steps. */
export interface PairedReference {
  fn: () => number;
  opsPerCall: number;
}

/** The reference's share of a sample's time: ¼ of the case's own batch (at least one call). */
const PAIR_SHARE = 0.25;

/**
 * Times `ref` for `calls` calls; returns ns per step, min(wall, process CPU time) like a busy case.
 * Runs inside a case's sample: it allocates nothing but the sink update.
 */
function timeReferenceCalls(ref: PairedReference, calls: number): number {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  for (let r = 0; r < calls; r++) numberSink += ref.fn();
  const ms = Math.min(performance.now() - t0, cpuMs(c0));
  return (ms * 1e6) / (calls * ref.opsPerCall);
}

/**
 * Measures a case: setup, calibrate the batch size, tinybench warm-up and run, teardown.
 * With `pair`, every sample is followed by a short timing of the reference (¼ of the sample's
 * time), and the outcome carries the median of the per-sample ratios (`pairedRatio`): the host's
 * speed drifts in episodes of a second or more, so a reference timed within a millisecond of the
 * sample shares its state, where one timed before or after the whole case may not.
 * Never throws: a failing setup, fn or teardown gives an `errored` outcome naming the error.
 */
export async function measureCase(c: RegisteredCase, opts: MeasureOptions, pair?: PairedReference): Promise<CaseOutcome> {
  const ops = c.opsPerCall ?? 1;
  const isAsync = c.async === true;
  const base = { name: c.name, suite: c.suite };
  if (!(Number.isInteger(ops) && ops >= 1)) {
    return { state: 'errored', ...base, error: `opsPerCall must be an integer >= 1, got ${ops}` };
  }
  try {
    if (c.setup) await c.setup();
    const perCallMs = await timePerCall(c.fn, isAsync, Math.min(20, opts.warmupMs));
    const reps = Math.max(1, Math.min(1_000_000, Math.ceil(opts.sampleMs / Math.max(perCallMs, 1e-9))));
    const fn = c.fn;
    const ratios: number[] = [];
    let refCalls = 0;
    if (pair) {
      const refPerCallMs = await timePerCall(pair.fn, false, 5);
      refCalls = Math.max(1, Math.min(10_000, Math.round((PAIR_SHARE * perCallMs * reps) / Math.max(refPerCallMs, 1e-6))));
    }
    /** Records the sample's paired ratio: its ns per op over the ns per step of the reference timed right after it. */
    const pairSample = (msPerCall: number): void => {
      if (pair) ratios.push((msPerCall * 1e6) / ops / timeReferenceCalls(pair, refCalls));
    };
    const clock = c.clock ?? (isAsync ? 'wall' : 'busy');
    const busy = clock === 'busy';
    const cpuOnly = clock === 'cpu';
    const bench = new Bench({
      time: opts.timeMs,
      warmupTime: opts.warmupMs,
      iterations: Math.max(opts.minSamples, c.minSamples ?? 0),
      warmupIterations: opts.warmupSamples,
      throws: true,
    });
    if (isAsync) {
      bench.add(
        c.name,
        async (): Promise<FnReturnedObject> => {
          const c0 = cpuOnly ? process.cpuUsage() : undefined;
          const t0 = performance.now();
          for (let r = 0; r < reps; r++) keep(await fn());
          const el = performance.now() - t0;
          const ms = (c0 ? cpuMs(c0) : el) / reps;
          pairSample(ms);
          return { overriddenDuration: ms, overriddenIterationCost: el };
        },
        { async: true },
      );
    } else {
      bench.add(
        c.name,
        (): FnReturnedObject => {
          const c0 = busy || cpuOnly ? process.cpuUsage() : undefined;
          const t0 = performance.now();
          for (let r = 0; r < reps; r++) keep(fn());
          const el = performance.now() - t0;
          let ms = el;
          if (c0) ms = cpuOnly ? cpuMs(c0) : Math.min(el, cpuMs(c0)); // preempted time is not the case's
          pairSample(ms / reps);
          return { overriddenDuration: ms / reps, overriddenIterationCost: el };
        },
        { async: false },
      );
    }
    bench.addEventListener('start', () => {
      ratios.length = 0; // tinybench dispatches 'start' after the warm-up: keep measured samples only
    });
    await bench.run();
    const task = bench.tasks[0];
    const result = task?.result;
    if (!result || (result.state !== 'completed' && result.state !== 'aborted-with-statistics')) {
      const why = result?.state === 'errored' ? result.error.message : `tinybench state ${result?.state ?? 'missing'}`;
      return { state: 'errored', ...base, error: why };
    }
    const medianNs = (result.latency.p50 * 1e6) / ops;
    const p75Ns = (result.latency.p75 * 1e6) / ops;
    const opsPerSecond = 1e9 / medianNs;
    const metrics = c.metrics ? c.metrics({ medianNs, opsPerSecond }) : {};
    const paired = ratios.length > 0 ? { pairedRatio: medianOf(ratios) } : {};
    return { state: 'completed', ...base, medianNs, p75Ns, samples: result.latency.samplesCount, opsPerSecond, metrics, ...paired };
  } catch (err) {
    return { state: 'errored', ...base, error: err instanceof Error ? err.message : String(err) };
  } finally {
    try {
      if (c.teardown) await c.teardown();
    } catch {
      // a failing teardown must not hide the measurement; the next setup will complain if it matters
    }
  }
}
