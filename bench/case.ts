/**
 * One benchmark case, and what measuring it produced. Suites (`bench/suites/<name>.ts`)
 * export arrays of {@link BenchCase}; the harness (`bench/run.ts`) measures them with
 * tinybench, divides each by the reference loop timed beside it, and gates the ratios.
 */

/** Figures a case may derive from its own timing, e.g. calls simulated per second. */
export interface CaseTiming {
  /** median wall time of ONE operation, nanoseconds */
  medianNs: number;
  /** operations per second at the median (1e9 / medianNs) */
  opsPerSecond: number;
}

/**
 * A benchmark case. `fn` performs `opsPerCall` operations; the reported time is the median
 * time of one call divided by `opsPerCall`, so a case timing a 60 ns kernel should loop over
 * a few hundred varied inputs inside `fn` rather than rely on one call per sample.
 *
 * Honest-benchmark duties (STYLE §12) fall on the case: build inputs in `setup` (outside the
 * timed region) and return a value derived from every result (e.g. their sum): the harness
 * keeps it alive in a sink so the engine cannot drop the work.
 */
export interface BenchCase {
  /** Unique across all suites; the key in `bench/baseline.json`. Renaming a case drops its baseline. */
  name: string;
  /** Runs once before warm-up, untimed: build inputs, check the kernel gives the right answer (throw if not). */
  setup?: () => void | Promise<void>;
  /** The timed work: `opsPerCall` operations. Return something derived from the results. */
  fn: () => unknown;
  /** `fn` returns a Promise that must be awaited (worker pools, child processes). Default false. */
  async?: boolean;
  /**
   * How a sample is timed. 'busy' (default for synchronous cases): min(wall time, this process's
   * CPU time), so a sample during which the OS ran someone else is not counted as slow (the shared
   * machine's main source of noise). 'cpu': this process's CPU time, every thread included: for
   * work in worker threads (2 workers busy for 1 s cost 2 s), gated without counting the time
   * other processes take from the cores; it does not see time spent waiting. 'wall' (default for
   * async cases): wall-clock time only; REQUIRED when the work runs in child processes or waits
   * on I/O, which process CPU time misses.
   */
  clock?: 'busy' | 'cpu' | 'wall';
  /** Operations performed per `fn` call (default 1). medianNs = median per-call time / opsPerCall. */
  opsPerCall?: number;
  /** What one operation is ('call', 'day', 'batch', 'line'…); medianNs is nanoseconds per one of these. */
  unit?: string;
  /** `false`: measured and reported, never gated (default true). */
  gate?: boolean;
  /** `false`: skipped by `--ci` (quick mode), e.g. a case that takes seconds per sample (default true). */
  ci?: boolean;
  /** Informational target for one operation, nanoseconds (shown as ✓/✗ in the table, never gated). */
  targetNs?: number;
  /** Minimum number of samples (tinybench iterations); default set by the mode (quick 5, full 10). */
  minSamples?: number;
  /** Extra figures reported in the table and the JSON, computed after measuring (e.g. callsPerSecond, peakRssMB). */
  metrics?: (timing: CaseTiming) => Record<string, number>;
  /** Runs once after measuring, untimed: release workers, files. */
  teardown?: () => void | Promise<void>;
}

/** A case as registered: the suite it came from is attached by the registry. */
export interface RegisteredCase extends BenchCase {
  suite: string;
}

/** The measured figures of one case. Times are per operation, nanoseconds. */
export interface Measured {
  medianNs: number;
  p75Ns: number;
  /** number of tinybench samples the median is taken over */
  samples: number;
  opsPerSecond: number;
  metrics: Record<string, number>;
  /**
   * The case's cost in reference steps, paired sample by sample: the median over samples of
   * (the sample's ns per op ÷ the ns per step of a reference timing run right after it). Absent
   * when the case was measured without a reference (the reference itself).
   */
  pairedRatio?: number;
}

/** The outcome of measuring one case: a type that carries its state (STYLE §7). */
export type CaseOutcome =
  | ({ state: 'completed'; name: string; suite: string } & Measured)
  | { state: 'errored'; name: string; suite: string; error: string };
