/**
 * The bench runner: `npm run bench [-- flags]` (builds, then runs `node dist/bench/run.js`).
 *
 *   (no flag)              full budgets, all suites, table + bench/results/latest.json
 *   --ci                   quick budgets, CI's cases, and the regression gate: exit 1 when the baseline
 *                          cannot gate the run (no file, a gated case without entry, an entry naming no
 *                          case), on a persistent regression, or on an error
 *   --quick                quick budgets without failing on regressions
 *   --no-gate              measure and report only (what --update-baseline's runs and the gate's retries use)
 *   --retry-budgets        3× the time budget per case (what the gate's retries use)
 *   --json FILE            also write the JSON rows to FILE
 *   --suite NAME           only this suite (repeatable);  --filter TEXT  only cases whose name contains TEXT
 *   --update-baseline      rewrite bench/baseline.json from --runs N (default 5) runs in separate
 *                          processes in quick mode (bench/update.ts); with --ci only CI's cases; with
 *                          --suite/--filter only those entries are replaced, the others kept
 *   --runs N               measure everything N times and report per-case medians
 *   --baseline FILE        another baseline file;  --factor F  one limit for every case instead of each
 *                          entry's own;  --retries N (default 2)
 *
 * Every sample of a case is followed by a short timing of the reference loop
 * (`bench/reference.ts`); its ratio is the median over samples of (sample ns per op ÷ that
 * reference's ns per step), so both sides share the host's state of that millisecond. The gate
 * (`bench/gate.ts`) fails a case only when its ratio exceeds its limit (from its measured
 * spread) × its baseline ratio on the first measurement AND on every retry (its suite
 * re-measured in a fresh process with 3× the time budget).
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync, existsSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import type { CaseOutcome, RegisteredCase } from './case.js';
import { gateBaselines, readBaseline } from './baseline.js';
import { baselineProblems, DEFAULT_RETRIES, failureLine, fmtRatio, median, runGate, type GateInput, type Verdict } from './gate.js';
import { FULL, QUICK, measureCase, retryOptions, sinkChecksum, type MeasureOptions } from './measure.js';
import { REFERENCE_NAME, REFERENCE_STEPS, referenceCase, referenceLoop } from './reference.js';
import { suites } from './suites/index.js';
import { formatTable, fmtTime, jsonRow, type ReportRow } from './table.js';
import { updateBaseline } from './update.js';

const HELP = `usage: npm run bench -- [--ci | --quick] [--no-gate] [--json FILE] [--suite NAME]... [--filter TEXT]
                         [--update-baseline] [--runs N] [--baseline FILE] [--factor F] [--retries N]
see the comment at the top of bench/run.ts`;

/** The package root: the nearest directory above this file holding package.json. */
function packageRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    if (existsSync(join(dir, 'package.json'))) {
      try {
        if ((JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { name?: string }).name === 'ccsim') return dir;
      } catch {
        // not ours; keep climbing
      }
    }
    const up = dirname(dir);
    if (up === dir) return process.cwd();
    dir = up;
  }
}

/** A measured case and its cost in reference steps (absent when it errored). */
interface Timed {
  outcome: CaseOutcome;
  ratio?: number;
}

const log = (s: string): void => {
  process.stderr.write(`${s}\n`);
};

/** p75 of every reference timing of the run (the table's reference row reports their median). */
const referenceP75s: number[] = [];

/** Times the reference (ns per step); throws if it cannot be measured (nothing is comparable without it). */
async function timeReference(opts: MeasureOptions): Promise<number> {
  const ref = await measureCase(referenceCase, { ...opts, timeMs: Math.max(50, opts.timeMs * 0.6) });
  if (ref.state !== 'completed') throw new Error(`reference loop failed: ${ref.error}`);
  referenceP75s.push(ref.p75Ns);
  return ref.medianNs;
}

/**
 * Measures the cases in order, each paired sample by sample with the reference loop (its ratio),
 * with a reference timing before the first case and after each one (the table's reference row).
 */
async function measureAll(cases: RegisteredCase[], opts: MeasureOptions): Promise<{ timed: Timed[]; references: number[] }> {
  const references = [await timeReference(opts)];
  const outcomes: CaseOutcome[] = [];
  for (const c of cases) {
    const outcome = await measureCase(c, opts, { fn: referenceLoop, opsPerCall: REFERENCE_STEPS });
    references.push(await timeReference(opts));
    log(outcome.state === 'completed' ? `  ${c.name}: ${fmtTime(outcome.medianNs)}/op` : `  ${c.name}: ERROR ${outcome.error}`);
    outcomes.push(outcome);
  }
  // A case's ratio is paired sample by sample (measureCase's pairedRatio); the timings between
  // cases give the table's reference row only.
  const timed = outcomes.map((outcome): Timed => (outcome.state === 'completed' && outcome.pairedRatio !== undefined ? { outcome, ratio: outcome.pairedRatio } : { outcome }));
  return { timed, references };
}

/** Combines runs: per case, the median of medianNs, p75Ns and ratio; samples summed; metrics of the median run. */
function combineRuns(runs: Timed[][]): { outcome: CaseOutcome; ratio?: number }[] {
  const first = runs[0] ?? [];
  return first.map((_, i) => {
    const versions = runs.map((r) => r[i] as Timed);
    const done = versions.filter((v) => v.outcome.state === 'completed' && v.ratio !== undefined);
    if (done.length < versions.length) {
      const failed = versions.find((v) => v.outcome.state === 'errored') as Timed;
      return { outcome: failed.outcome };
    }
    const outs = done.map((v) => v.outcome as Extract<CaseOutcome, { state: 'completed' }>);
    const last = outs[outs.length - 1] as Extract<CaseOutcome, { state: 'completed' }>;
    const medianNs = median(outs.map((o) => o.medianNs));
    const ratio = median(done.map((v) => v.ratio as number));
    const outcome: CaseOutcome = {
      ...last,
      medianNs,
      p75Ns: median(outs.map((o) => o.p75Ns)),
      samples: outs.reduce((s, o) => s + o.samples, 0),
      opsPerSecond: 1e9 / medianNs,
    };
    // Metrics (some are costly, e.g. a child process for peak RSS) are not recomputed: take those of
    // the run whose median is nearest the combined one (the very run when the count is odd).
    const nearest = outs.reduce((best, o) => (Math.abs(o.medianNs - medianNs) < Math.abs(best.medianNs - medianNs) ? o : best));
    outcome.metrics = nearest.metrics;
    return { outcome, ratio };
  });
}

/** Every registered case (all suites, for the baseline's stale-entry check), the selected ones, and suites that failed to load. */
async function loadCases(only: string[], filter: string | undefined): Promise<{ registered: RegisteredCase[]; cases: RegisteredCase[]; loadErrors: CaseOutcome[] }> {
  const unknown = only.filter((s) => !(s in suites));
  if (unknown.length > 0) throw new Error(`--suite ${unknown.join(', ')}: no such suite; known: ${Object.keys(suites).join(', ')}`);
  const registered: RegisteredCase[] = [];
  const loadErrors: CaseOutcome[] = [];
  const seen = new Set<string>([REFERENCE_NAME]);
  for (const [suite, load] of Object.entries(suites)) {
    try {
      const mod = await load();
      for (const c of mod.cases) {
        if (seen.has(c.name)) throw new Error(`duplicate case name "${c.name}": names key the baseline and must be unique`);
        seen.add(c.name);
        registered.push({ ...c, suite });
      }
    } catch (err) {
      const error = `suite failed to load: ${err instanceof Error ? err.message : String(err)}`;
      loadErrors.push({ state: 'errored', name: `suite ${suite}`, suite, error });
    }
  }
  const cases = registered.filter(
    (c) => (only.length === 0 || only.includes(c.suite)) && (filter === undefined || c.name.toLowerCase().includes(filter.toLowerCase())),
  );
  return { registered, cases, loadErrors };
}

/**
 * Re-measures whole suites in a child process (`--no-gate --retry-budgets`) and returns the
 * named cases' ratios (a case missing from the child's report is left out: the gate then calls
 * it "could not be re-measured", an error).
 */
function remeasureInChild(suiteNames: string[], names: string[], ci: boolean, baseline: string | undefined): Map<string, number> {
  const dir = mkdtempSync(join(tmpdir(), 'ccsim-retry-'));
  const out = join(dir, 'retry.json');
  try {
    const args = [fileURLToPath(import.meta.url), '--no-gate', '--retry-budgets', '--json', out, ci ? '--ci' : '--quick',
      ...suiteNames.flatMap((s) => ['--suite', s]), ...(baseline !== undefined ? ['--baseline', baseline] : [])];
    const child = spawnSync(process.execPath, args, { stdio: ['ignore', 'ignore', 'inherit'] });
    if (child.error) throw child.error;
    const rows = existsSync(out) ? (JSON.parse(readFileSync(out, 'utf8')) as { name: string; refRatio?: number | null }[]) : [];
    const wanted = new Set(names);
    return new Map(rows.filter((r) => wanted.has(r.name) && typeof r.refRatio === 'number').map((r) => [r.name, r.refRatio as number]));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function main(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      ci: { type: 'boolean', default: false },
      quick: { type: 'boolean', default: false },
      'no-gate': { type: 'boolean', default: false },
      'retry-budgets': { type: 'boolean', default: false },
      json: { type: 'string' },
      suite: { type: 'string', multiple: true, default: [] },
      filter: { type: 'string' },
      'update-baseline': { type: 'boolean', default: false },
      runs: { type: 'string' },
      baseline: { type: 'string' },
      factor: { type: 'string' },
      retries: { type: 'string' },
      help: { type: 'boolean', default: false },
    },
    strict: true,
  });
  if (values.help) {
    log(HELP);
    return 0;
  }
  const root = packageRoot();
  const update = values['update-baseline'];
  const runs = Number(values.runs ?? (update ? 5 : 1));
  if (!(Number.isInteger(runs) && runs >= 1 && runs <= 20)) throw new RangeError(`--runs must be an integer in 1..20, got ${values.runs}`);
  const factor = values.factor === undefined ? undefined : Number(values.factor);
  if (factor !== undefined && !(factor > 1)) throw new RangeError(`--factor must be a number > 1, got ${values.factor}`);
  const retries = Number(values.retries ?? DEFAULT_RETRIES);
  if (!(Number.isInteger(retries) && retries >= 1 && retries <= 5)) {
    throw new RangeError(`--retries must be an integer in 1..5, got ${values.retries}`);
  }
  const quick = values.ci || values.quick;
  const opts = values['retry-budgets'] ? retryOptions(quick ? QUICK : FULL) : quick ? QUICK : FULL;
  const baselinePath = resolve(root, values.baseline ?? 'bench/baseline.json');
  const baselineFile = readBaseline(baselinePath);
  const baseline = gateBaselines(baselineFile);

  const { registered, cases: selected, loadErrors } = await loadCases(values.suite, values.filter);
  const cases = values.ci ? selected.filter((c) => c.ci !== false) : selected;
  if (update) {
    for (const e of loadErrors) log(failureLine({ kind: 'errored', name: e.name, error: e.state === 'errored' ? e.error : '' }));
    if (loadErrors.length > 0) return 1;
    const forward = [...(values.ci ? ['--ci'] : []), ...values.suite.flatMap((s) => ['--suite', s]), ...(values.filter !== undefined ? ['--filter', values.filter] : [])];
    return updateBaseline({
      runJs: fileURLToPath(import.meta.url), runs, forward, path: baselinePath, current: baselineFile,
      registered: registered.map((c) => c.name), log,
    });
  }
  const gate = !values['no-gate'];
  if (values.ci && gate) {
    // the baseline must be able to gate this run: fail before measuring anything
    const problems = baselineProblems(baselinePath, baselineFile?.cases, cases.filter((c) => c.gate !== false).map((c) => c.name), registered.map((c) => c.name));
    if (problems.length > 0) {
      for (const p of problems) log(p);
      log('bench: gate FAILED');
      return 1;
    }
  }
  const started = performance.now();
  log(
    `bench: ${cases.length} case(s), ${quick ? 'quick' : 'full'} mode, ${runs} run(s), node ${process.version}; ` +
      `baseline ${baselineFile ? `${baselinePath} (${Object.keys(baseline).length} cases)` : 'none'}`,
  );

  const runResults: Timed[][] = [];
  const allRefs: number[] = [];
  for (let k = 0; k < runs; k++) {
    if (runs > 1) log(`run ${k + 1}/${runs}`);
    const { timed, references } = await measureAll(cases, opts);
    runResults.push(timed);
    allRefs.push(...references);
  }
  const combined = combineRuns(runResults);
  const referenceNs = median(allRefs);
  const byName = new Map(cases.map((c) => [c.name, c]));

  // The gate (not with --no-gate: the runs of --update-baseline).
  let verdicts = new Map<string, Verdict>();
  let gateExit: 0 | 1 = 0;
  let gateLines: string[] = [];
  if (gate) {
    const inputs: GateInput[] = [
      ...combined.map(({ outcome, ratio }): GateInput => {
        const gated = byName.get(outcome.name)?.gate !== false;
        return outcome.state === 'completed' && ratio !== undefined
          ? { name: outcome.name, gated, state: 'completed', ratio }
          : { name: outcome.name, gated, state: 'errored', error: outcome.state === 'errored' ? outcome.error : 'no reference' };
      }),
      ...loadErrors.map((e): GateInput => ({ name: e.name, gated: true, state: 'errored', error: e.state === 'errored' ? e.error : '' })),
    ];
    const report = await runGate({
      inputs,
      baseline,
      retries,
      ...(factor !== undefined ? { limit: factor } : {}),
      remeasure: async (names) => {
        // In a fresh process: what a retry must rule out is a slow state of THIS process (JIT
        // decisions, code layout) as much as a burst of load; the suspects' whole suites run again
        // so their cases see the same company as in the first measurement.
        const suitesOf = [...new Set(names.map((n) => (byName.get(n) as RegisteredCase).suite))];
        log(`bench: ${names.length} case(s) over their limit (${names.join(', ')}); re-measuring suite(s) ${suitesOf.join(', ')} in a fresh process with longer budgets`);
        return remeasureInChild(suitesOf, names, values.ci, values.baseline);
      },
    });
    verdicts = new Map(report.verdicts.map((v) => [v.name, v]));
    gateExit = report.exitCode;
    gateLines = report.failures.map(failureLine);
  }

  const rows: ReportRow[] = [
    {
      outcome: { state: 'completed', name: REFERENCE_NAME, suite: 'harness', medianNs: referenceNs, p75Ns: median(referenceP75s), samples: allRefs.length, opsPerSecond: 1e9 / referenceNs, metrics: {} },
      unit: 'step',
      opsPerCall: referenceCase.opsPerCall ?? 1,
      refRatio: 1,
    },
    ...[...combined, ...loadErrors.map((outcome) => ({ outcome, ratio: undefined }))].map(({ outcome, ratio }): ReportRow => {
      const c = byName.get(outcome.name);
      const v = verdicts.get(outcome.name);
      return {
        outcome,
        unit: c?.unit ?? 'op',
        opsPerCall: c?.opsPerCall ?? 1,
        ...(ratio !== undefined ? { refRatio: ratio } : {}), // the first measurement's; retries show in the verdict
        ...(baseline[outcome.name] !== undefined ? { baselineRatio: baseline[outcome.name]!.refRatio, limit: factor ?? baseline[outcome.name]!.limit } : {}),
        ...(v ? { verdict: v } : {}),
        ...(c?.targetNs !== undefined ? { targetNs: c.targetNs } : {}),
      };
    }),
  ];

  const lines = formatTable(rows);
  process.stdout.write(`\n${lines.join('\n')}\n\n`);
  process.stdout.write(
    `reference loop ${fmtTime(referenceNs)}/step (median of ${allRefs.length} timings); ref× = median over samples of (case ns/op ÷ the reference timed right after the sample); ` +
      `gate: fail if ref× > ${factor ?? "the case's limit (baseline.json)"} × base× on every one of ${1 + retries} attempts; ${((performance.now() - started) / 1000).toFixed(1)} s; sink ${sinkChecksum().toPrecision(6)}\n`,
  );

  const json = rows.map(jsonRow);
  const resultsDir = join(root, 'bench', 'results');
  mkdirSync(resultsDir, { recursive: true });
  writeFileSync(join(resultsDir, 'latest.json'), `${JSON.stringify(json, null, 2)}\n`);
  if (values.json !== undefined) writeFileSync(resolve(values.json), `${JSON.stringify(json, null, 2)}\n`);

  const errored = rows.filter((r) => r.outcome.state === 'errored');
  for (const l of gateLines) log(l);
  if (values.ci && gate) {
    log(gateExit === 0 ? 'bench: gate passed' : 'bench: gate FAILED');
    return gateExit;
  }
  return errored.length > 0 ? 1 : 0;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    log(`bench: ${err instanceof Error ? err.message : String(err)}`);
    process.exitCode = 2;
  },
);
