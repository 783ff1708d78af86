/**
 * The regression gate, as pure functions (the timing is injected, so tests need no clock).
 *
 * A case's cost is its ratio to the reference loop timed in the same run
 * (ratio = case medianNs / reference medianNs). A case FAILS only if
 *   1. it is gated (`gate !== false`) and has an entry in the baseline, and
 *   2. its ratio exceeds `factor` × the baseline ratio (factor 2 by default), and
 *   3. every retry agrees: the exceeding cases are re-measured (more samples, the reference
 *      re-timed too) up to `retries` times, and one retry within the limit clears the case.
 * A shared machine swings ±30% between runs; a 2× limit confirmed by a retry keeps such noise
 * from ever failing CI while a real 2× slowdown still does. Cases that throw fail too: a
 * benchmark whose kernel gives a wrong answer (asserted in setup) must not look fast.
 */

/** Default limit: a case fails when its ratio exceeds this multiple of its baseline ratio. */
export const DEFAULT_FACTOR = 2;

/** Default number of re-measurements a suspected regression must survive. */
export const DEFAULT_RETRIES = 1;

/**
 * A case's cost in reference steps: case median / reference median (both ns per operation).
 * @throws {RangeError} either time not finite and > 0
 * @example refRatio(60, 1.5) // 40: one op costs as much as 40 reference steps
 */
export function refRatio(caseNs: number, referenceNs: number): number {
  if (!(caseNs > 0) || !Number.isFinite(caseNs)) throw new RangeError(`refRatio: caseNs must be finite and > 0, got ${caseNs}`);
  if (!(referenceNs > 0) || !Number.isFinite(referenceNs)) {
    throw new RangeError(`refRatio: referenceNs must be finite and > 0, got ${referenceNs}`);
  }
  return caseNs / referenceNs;
}

/** True when `ratio` is over the limit: ratio > factor × baselineRatio. */
export function exceeds(ratio: number, baselineRatio: number, factor: number = DEFAULT_FACTOR): boolean {
  return ratio > factor * baselineRatio;
}

/** One case as seen by the gate after its first measurement. */
export type GateInput =
  | { name: string; gated: boolean; state: 'completed'; ratio: number }
  | { name: string; gated: boolean; state: 'errored'; error: string };

/**
 * What the gate concluded about one case.
 * - `ok`: within the limit on the first measurement (`improved` when under 1/factor of the baseline: refresh it)
 * - `ok-after-retry`: over the limit once, within it on a retry: noise, passes
 * - `regression`: over the limit on the first measurement and on every retry: fails
 * - `new`: no baseline entry: reported, not gated
 * - `ungated`: the case says `gate: false`: reported, not gated
 * - `errored`: the case threw (or could not be re-measured): fails
 */
export type Verdict =
  | { kind: 'ok' | 'improved' | 'ok-after-retry' | 'regression'; name: string; ratio: number; baselineRatio: number; attempts: number[] }
  | { kind: 'new' | 'ungated'; name: string; ratio: number; attempts: number[] }
  | { kind: 'errored'; name: string; error: string };

/** The kinds of verdict that make the gate fail. */
export function isFailure(v: Verdict): boolean {
  return v.kind === 'regression' || v.kind === 'errored';
}

/**
 * Judges one case from its ratios so far (first measurement, then retries, in order).
 * The ratio reported is the last attempt's.
 * @example judge('K1', [2.5, 1.1], 1, true) // { kind: 'ok-after-retry', ... }
 */
export function judge(
  name: string,
  attempts: number[],
  baselineRatio: number | undefined,
  gated: boolean,
  factor: number = DEFAULT_FACTOR,
): Verdict {
  const last = attempts[attempts.length - 1];
  if (last === undefined) return { kind: 'errored', name, error: 'no measurement' };
  if (!gated) return { kind: 'ungated', name, ratio: last, attempts };
  if (baselineRatio === undefined) return { kind: 'new', name, ratio: last, attempts };
  const first = attempts[0] as number;
  if (!exceeds(first, baselineRatio, factor)) {
    const kind = first * factor < baselineRatio ? 'improved' : 'ok';
    return { kind, name, ratio: first, baselineRatio, attempts };
  }
  const cleared = attempts.slice(1).some((r) => !exceeds(r, baselineRatio, factor));
  return { kind: cleared ? 'ok-after-retry' : 'regression', name, ratio: last, baselineRatio, attempts };
}

/** Re-measures the named cases (more samples, the reference re-timed) and returns their new ratios. */
export type Remeasure = (names: string[]) => Promise<Map<string, number>>;

/** Everything the gate concluded. */
export interface GateReport {
  verdicts: Verdict[];
  /** the verdicts that fail the gate, in input order */
  failures: Verdict[];
  /** baseline entries no case in this run carries (renamed or removed cases): reported only */
  missing: string[];
  /** how many retry rounds ran */
  retryRounds: number;
  exitCode: 0 | 1;
}

/**
 * Runs the gate: judges every case, re-measures the ones over the limit up to `retries`
 * times (stopping early when none remains), and decides the exit code.
 * Only cases that are gated, have a baseline, and stay over the limit on every attempt fail
 * (plus errored cases).
 */
export async function runGate(opts: {
  inputs: GateInput[];
  baseline: Record<string, number>;
  remeasure: Remeasure;
  factor?: number;
  retries?: number;
}): Promise<GateReport> {
  const factor = opts.factor ?? DEFAULT_FACTOR;
  const retries = opts.retries ?? DEFAULT_RETRIES;
  if (!(factor > 1)) throw new RangeError(`runGate: factor must be > 1, got ${factor}`);
  if (!(Number.isInteger(retries) && retries >= 1)) {
    throw new RangeError(`runGate: retries must be an integer >= 1 (a regression must be confirmed), got ${retries}`);
  }
  const attempts = new Map<string, number[]>();
  const errors = new Map<string, string>();
  for (const input of opts.inputs) {
    if (input.state === 'completed') attempts.set(input.name, [input.ratio]);
    else errors.set(input.name, input.error);
  }
  const gatedNames = new Set(opts.inputs.filter((i) => i.gated).map((i) => i.name));
  const suspects = (): string[] =>
    [...attempts.entries()]
      .filter(([name, rs]) => {
        const base = opts.baseline[name];
        return gatedNames.has(name) && base !== undefined && rs.every((r) => exceeds(r, base, factor));
      })
      .map(([name]) => name);

  let retryRounds = 0;
  for (let round = 0; round < retries; round++) {
    const names = suspects();
    if (names.length === 0) break;
    retryRounds++;
    const again = await opts.remeasure(names);
    for (const name of names) {
      const r = again.get(name);
      if (r === undefined || !(r > 0)) {
        attempts.delete(name);
        errors.set(name, 'could not be re-measured');
      } else (attempts.get(name) as number[]).push(r);
    }
  }

  const verdicts: Verdict[] = opts.inputs.map((input) => {
    const error = errors.get(input.name);
    if (error !== undefined) return { kind: 'errored', name: input.name, error };
    return judge(input.name, attempts.get(input.name) ?? [], opts.baseline[input.name], input.gated, factor);
  });
  const failures = verdicts.filter(isFailure);
  const present = new Set(opts.inputs.map((i) => i.name));
  const missing = Object.keys(opts.baseline).filter((name) => !present.has(name));
  return { verdicts, failures, missing, retryRounds, exitCode: failures.length > 0 ? 1 : 0 };
}

/**
 * The line CI prints for a failing case.
 * @example failureLine(v) // "bench: REGRESSION K1 erlang-c sl N=100: ratio 84.2 > 2 × baseline 30.1 (attempts 84.2, 80.9)"
 */
export function failureLine(v: Verdict, factor: number = DEFAULT_FACTOR): string {
  if (v.kind === 'errored') return `bench: ERROR ${v.name}: ${v.error}`;
  if (v.kind === 'regression') {
    return `bench: REGRESSION ${v.name}: ratio ${fmtRatio(v.ratio)} > ${factor} × baseline ${fmtRatio(v.baselineRatio)} (attempts ${v.attempts.map(fmtRatio).join(', ')})`;
  }
  return `bench: ${v.kind} ${v.name}`;
}

/** A ratio with 3 significant digits (scientific below 0.001 or above 1e6). */
export function fmtRatio(r: number): string {
  if (!Number.isFinite(r)) return String(r);
  if (r !== 0 && (Math.abs(r) < 1e-3 || Math.abs(r) >= 1e6)) return r.toExponential(2);
  return Number(r.toPrecision(3)).toString();
}

/**
 * The baseline from several runs: for each case, the median of its ratios over the runs that
 * measured it (an even count takes the mean of the middle two).
 * @example medianOfRuns([{ a: 1 }, { a: 3 }, { a: 2 }]) // { a: 2 }
 */
export function medianOfRuns(runs: Record<string, number>[]): Record<string, number> {
  const byName = new Map<string, number[]>();
  for (const run of runs) {
    for (const [name, r] of Object.entries(run)) {
      if (!(r > 0)) continue;
      const list = byName.get(name) ?? [];
      list.push(r);
      byName.set(name, list);
    }
  }
  const out: Record<string, number> = {};
  for (const [name, list] of byName) out[name] = median(list);
  return out;
}

/** Median of a non-empty list. */
export function median(values: number[]): number {
  if (values.length === 0) throw new RangeError('median: values must be non-empty');
  const s = [...values].sort((x, y) => x - y);
  const mid = s.length >> 1;
  return s.length % 2 === 1 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
}
