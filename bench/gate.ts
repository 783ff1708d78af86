/**
 * The regression gate, as pure functions (the timing is injected, so tests need no clock).
 *
 * A case's cost is its ratio to the reference loop timed in the same run
 * (ratio = case medianNs / reference medianNs). Under `--ci` the gate FAILS when
 *   1. the baseline cannot gate the run (see {@link baselineProblems}): no baseline file, a gated
 *      case without an entry, or an entry that names no case (renamed or removed: stale); or
 *   2. a gated case's ratio exceeds its limit × its baseline ratio on the first measurement AND
 *      on every retry ({@link DEFAULT_RETRIES} by default; each re-measures its suite in a fresh
 *      process with 3× the time budget: a
 *      process can be slow as a whole, from its JIT decisions and code layout, not only from a
 *      burst of load); or
 *   3. a case throws (a benchmark whose kernel gives a wrong answer, asserted in setup, must
 *      not look fast).
 *
 * Each case's limit comes from its measured run-to-run spread (written into the baseline by
 * `--update-baseline`, which times every case in separate processes in CI's quick mode):
 * limit = clamp(e^(SPREAD_MULTIPLIER · spread), MIN_LIMIT, MAX_LIMIT), spread = the largest
 * |ln(ratio / median ratio)| over those runs. See {@link limitFromSpread}.
 */

/**
 * How many times a case's run-to-run spread (in log ratio) its limit allows. With a retry that
 * must agree, a clean case fails only if two measurements in a row exceed twice the largest
 * deviation seen in the baseline runs.
 */
export const SPREAD_MULTIPLIER = 2;

/** The smallest limit: a case whose runs agreed within a few percent still gets this much room. */
export const MIN_LIMIT = 1.25;

/**
 * The largest limit, the gate's old flat one: nanosecond loops whose speed depends on the
 * process (code layout: 2.2 or 3.3 ns per uniform draw in different processes) fail only
 * beyond it.
 */
export const MAX_LIMIT = 2;

/** The limit of an entry that carries none (a baseline written before limits were measured). */
export const DEFAULT_LIMIT = MAX_LIMIT;

/**
 * Default number of re-measurements a suspected regression must survive (each in a fresh
 * process): 2, so a case fails only when 3 measurements in a row exceed its limit. One retry was
 * not enough on CI's shared machine: on 2026-12-06 an untouched kernel (K1 erlang-c sl N=10,
 * 24.3 ns/call on a quiet machine, before and after the change under test) measured 1.28× and then
 * 1.79× its baseline ratio in CI, while the same code passed every run here. An injected slowdown
 * is systematic, so it exceeds the limit in every attempt and still fails.
 */
export const DEFAULT_RETRIES = 2;

/**
 * A case's limit from its spread: clamp(e^(SPREAD_MULTIPLIER · spread), MIN_LIMIT, MAX_LIMIT).
 * @throws {RangeError} spread not finite and ≥ 0
 * @example limitFromSpread(0.05) // 1.25 (e^0.1 = 1.105, raised to the floor)
 * @example limitFromSpread(0.15) // 1.35
 * @example limitFromSpread(0.5) // 2 (e^1 = 2.72, capped)
 */
export function limitFromSpread(spread: number): number {
  if (!(spread >= 0) || !Number.isFinite(spread)) throw new RangeError(`limitFromSpread: spread must be finite and >= 0, got ${spread}`);
  return Math.min(MAX_LIMIT, Math.max(MIN_LIMIT, Math.exp(SPREAD_MULTIPLIER * spread)));
}

/**
 * A case's spread over runs: the largest |ln(ratio / median)|, i.e. how far (as a factor) the
 * farthest run strayed from the median run, in either direction.
 * @throws {RangeError} fewer than 2 ratios, or one not finite and > 0
 * @example spreadOf([100, 110, 95]) // ln(110/100) ≈ 0.0953
 */
export function spreadOf(ratios: number[]): number {
  if (ratios.length < 2) throw new RangeError(`spreadOf: needs at least 2 runs, got ${ratios.length}`);
  for (const r of ratios) if (!(r > 0) || !Number.isFinite(r)) throw new RangeError(`spreadOf: ratios must be finite and > 0, got ${r}`);
  const m = median(ratios);
  return Math.max(...ratios.map((r) => Math.abs(Math.log(r / m))));
}

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

/** True when `ratio` is over the limit: ratio > limit × baselineRatio (NaN is over). */
export function exceeds(ratio: number, baselineRatio: number, limit: number): boolean {
  return !(ratio <= limit * baselineRatio);
}

/** One baseline entry as the gate sees it. */
export interface GateBaseline {
  refRatio: number;
  /** the case fails above limit × refRatio */
  limit: number;
}

/** One case as seen by the gate after its first measurement. */
export type GateInput =
  | { name: string; gated: boolean; state: 'completed'; ratio: number }
  | { name: string; gated: boolean; state: 'errored'; error: string };

/**
 * What the gate concluded about one case.
 * - `ok`: within the limit on the first measurement (`improved` when under baseline ÷ limit: refresh it)
 * - `ok-after-retry`: over the limit once, within it on a retry: noise, passes
 * - `regression`: over the limit on the first measurement and on every retry: fails
 * - `new`: no baseline entry (outside `--ci`, where {@link baselineProblems} fails first): reported
 * - `ungated`: the case says `gate: false`: reported, not gated
 * - `errored`: the case threw (or could not be re-measured): fails
 */
export type Verdict =
  | { kind: 'ok' | 'improved' | 'ok-after-retry' | 'regression'; name: string; ratio: number; baselineRatio: number; limit: number; attempts: number[] }
  | { kind: 'new' | 'ungated'; name: string; ratio: number; attempts: number[] }
  | { kind: 'errored'; name: string; error: string };

/** The kinds of verdict that make the gate fail. */
export function isFailure(v: Verdict): boolean {
  return v.kind === 'regression' || v.kind === 'errored';
}

/**
 * Judges one case from its ratios so far (first measurement, then retries, in order).
 * The ratio reported is the last attempt's.
 * @example judge('K1', [2.5, 1.1], { refRatio: 1, limit: 1.3 }, true) // { kind: 'ok-after-retry', ... }
 */
export function judge(name: string, attempts: number[], base: GateBaseline | undefined, gated: boolean): Verdict {
  const last = attempts[attempts.length - 1];
  if (last === undefined) return { kind: 'errored', name, error: 'no measurement' };
  if (!gated) return { kind: 'ungated', name, ratio: last, attempts };
  if (base === undefined) return { kind: 'new', name, ratio: last, attempts };
  const { refRatio: baselineRatio, limit } = base;
  const first = attempts[0] as number;
  if (!exceeds(first, baselineRatio, limit)) {
    const kind = first * limit < baselineRatio ? 'improved' : 'ok';
    return { kind, name, ratio: first, baselineRatio, limit, attempts };
  }
  const cleared = attempts.slice(1).some((r) => !exceeds(r, baselineRatio, limit));
  return { kind: cleared ? 'ok-after-retry' : 'regression', name, ratio: last, baselineRatio, limit, attempts };
}

/** Re-measures the named cases (more samples, the reference re-timed) and returns their new ratios. */
export type Remeasure = (names: string[]) => Promise<Map<string, number>>;

/** Everything the gate concluded. */
export interface GateReport {
  verdicts: Verdict[];
  /** the verdicts that fail the gate, in input order */
  failures: Verdict[];
  /** how many retry rounds ran */
  retryRounds: number;
  exitCode: 0 | 1;
}

/**
 * Runs the gate: judges every case, re-measures the ones over their limit up to `retries`
 * times (stopping early when none remains), and decides the exit code. Only cases that are
 * gated, have a baseline entry, and stay over the limit on every attempt fail (plus errored
 * cases). `limit` replaces every entry's own limit (the `--factor` flag).
 */
export async function runGate(opts: {
  inputs: GateInput[];
  baseline: Record<string, GateBaseline>;
  remeasure: Remeasure;
  retries?: number;
  limit?: number;
}): Promise<GateReport> {
  const retries = opts.retries ?? DEFAULT_RETRIES;
  if (!(Number.isInteger(retries) && retries >= 1)) {
    throw new RangeError(`runGate: retries must be an integer >= 1 (a regression must be confirmed), got ${retries}`);
  }
  if (opts.limit !== undefined && !(opts.limit > 1)) throw new RangeError(`runGate: limit must be > 1, got ${opts.limit}`);
  const baseOf = (name: string): GateBaseline | undefined => {
    const b = opts.baseline[name];
    return b === undefined || opts.limit === undefined ? b : { refRatio: b.refRatio, limit: opts.limit };
  };
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
        const base = baseOf(name);
        return gatedNames.has(name) && base !== undefined && rs.every((r) => exceeds(r, base.refRatio, base.limit));
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
    return judge(input.name, attempts.get(input.name) ?? [], baseOf(input.name), input.gated);
  });
  const failures = verdicts.filter(isFailure);
  return { verdicts, failures, retryRounds, exitCode: failures.length > 0 ? 1 : 0 };
}

/**
 * Why a baseline cannot gate a CI run, one line each (empty: it can): the file is missing, a
 * gated case of the run has no entry, or an entry names no registered case (a renamed or removed
 * case would otherwise leave its regression ungated without anyone noticing).
 * @param gated names of the gated cases this run measures
 * @param registered names of every case of every suite (whatever --suite/--filter select)
 */
export function baselineProblems(
  path: string,
  entries: Record<string, unknown> | undefined,
  gated: string[],
  registered: string[],
): string[] {
  const refresh = 'npm run bench -- --update-baseline --runs 5';
  if (entries === undefined) return [`bench: no baseline file ${path}: nothing to gate against; write it with \`${refresh}\``];
  const known = new Set(registered);
  return [
    ...gated.filter((n) => !(n in entries)).map((n) => `bench: gated case "${n}" has no entry in ${path}; add it with \`${refresh} --filter "${n}"\``),
    ...Object.keys(entries).filter((n) => !known.has(n)).map((n) => `bench: ${path} has an entry "${n}" that names no case (renamed or removed?); remove it or rename it to the case's new name`),
  ];
}

/**
 * The line CI prints for a failing case.
 * @example failureLine(v) // "bench: REGRESSION K1 erlang-c sl N=100: ratio 84.2 > 1.3 × baseline 30.1 (attempts 84.2, 80.9)"
 */
export function failureLine(v: Verdict): string {
  if (v.kind === 'errored') return `bench: ERROR ${v.name}: ${v.error}`;
  if (v.kind === 'regression') {
    return `bench: REGRESSION ${v.name}: ratio ${fmtRatio(v.ratio)} > ${fmtRatio(v.limit)} × baseline ${fmtRatio(v.baselineRatio)} (attempts ${v.attempts.map(fmtRatio).join(', ')})`;
  }
  return `bench: ${v.kind} ${v.name}`;
}

/** A ratio with 3 significant digits (scientific below 0.001 or above 1e6). */
export function fmtRatio(r: number): string {
  if (!Number.isFinite(r)) return String(r);
  if (r !== 0 && (Math.abs(r) < 1e-3 || Math.abs(r) >= 1e6)) return r.toExponential(2);
  return Number(r.toPrecision(3)).toString();
}

/** Median of a non-empty list (an even count takes the mean of the middle two). */
export function median(values: number[]): number {
  if (values.length === 0) throw new RangeError('median: values must be non-empty');
  const s = [...values].sort((x, y) => x - y);
  const mid = s.length >> 1;
  return s.length % 2 === 1 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
}
