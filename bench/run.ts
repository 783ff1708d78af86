/**
 * The bench runner: `npm run bench [-- flags]` (builds, then runs `node dist/bench/run.js`).
 *
 *   (no flag)              full budgets, all suites, table + bench/results/latest.json
 *   --ci                   quick budgets + the regression gate: exit 1 on a persistent regression or an error
 *   --quick                quick budgets without failing on regressions
 *   --json FILE            also write the JSON rows to FILE
 *   --suite NAME           only this suite (repeatable);  --filter TEXT  only cases whose name contains TEXT
 *   --update-baseline      rewrite bench/baseline.json from this run (median over --runs, default 3);
 *                          with --suite/--filter, only those entries are replaced, the others kept
 *   --runs N               measure everything N times and report per-case medians
 *   --baseline FILE        another baseline file;  --factor F (default 2);  --retries N (default 1)
 *
 * Every case is timed between two timings of the reference loop (`bench/reference.ts`); its
 * ratio is its median over the mean of the two. The gate (`bench/gate.ts`) fails a case only
 * when its ratio exceeds factor × the baseline ratio on the first measurement AND on every
 * retry (re-measured with 3× the time budget, the reference re-timed).
 */
import { mkdirSync, writeFileSync, existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import type { CaseOutcome, RegisteredCase } from './case.js';
import { baselineRatios, readBaseline, writeBaseline, type BaselineFile } from './baseline.js';
import { DEFAULT_FACTOR, DEFAULT_RETRIES, failureLine, fmtRatio, median, medianOfRuns, runGate, type GateInput, type Verdict } from './gate.js';
import { FULL, QUICK, measureCase, retryOptions, sinkChecksum, type MeasureOptions } from './measure.js';
import { REFERENCE_NAME, referenceCase } from './reference.js';
import { suites } from './suites/index.js';
import { formatTable, fmtTime, jsonRow, type ReportRow } from './table.js';

const HELP = `usage: npm run bench -- [--ci | --quick] [--json FILE] [--suite NAME]... [--filter TEXT]
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

/** A measured case and the reference time (ns per step) it is divided by. */
interface Timed {
  outcome: CaseOutcome;
  referenceNs?: number;
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

/** Measures the cases in order, each between two reference timings. */
async function measureAll(cases: RegisteredCase[], opts: MeasureOptions): Promise<{ timed: Timed[]; references: number[] }> {
  const references = [await timeReference(opts)];
  const timed: Timed[] = [];
  for (const c of cases) {
    const outcome = await measureCase(c, opts);
    const before = references[references.length - 1] as number;
    const after = await timeReference(opts);
    references.push(after);
    const referenceNs = (before + after) / 2;
    log(
      outcome.state === 'completed'
        ? `  ${c.name}: ${fmtTime(outcome.medianNs)}/op, ${fmtRatio(outcome.medianNs / referenceNs)} ref steps`
        : `  ${c.name}: ERROR ${outcome.error}`,
    );
    timed.push(outcome.state === 'completed' ? { outcome, referenceNs } : { outcome });
  }
  return { timed, references };
}

/** Combines runs: per case, the median of medianNs, p75Ns and ratio; samples summed; metrics of the median run. */
function combineRuns(runs: Timed[][]): { outcome: CaseOutcome; ratio?: number }[] {
  const first = runs[0] ?? [];
  return first.map((_, i) => {
    const versions = runs.map((r) => r[i] as Timed);
    const done = versions.filter((v) => v.outcome.state === 'completed' && v.referenceNs !== undefined);
    if (done.length < versions.length) {
      const failed = versions.find((v) => v.outcome.state === 'errored') as Timed;
      return { outcome: failed.outcome };
    }
    const outs = done.map((v) => v.outcome as Extract<CaseOutcome, { state: 'completed' }>);
    const last = outs[outs.length - 1] as Extract<CaseOutcome, { state: 'completed' }>;
    const medianNs = median(outs.map((o) => o.medianNs));
    const ratio = median(done.map((v) => (v.outcome as { medianNs: number }).medianNs / (v.referenceNs as number)));
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

async function loadCases(only: string[], filter: string | undefined): Promise<{ cases: RegisteredCase[]; loadErrors: CaseOutcome[] }> {
  const unknown = only.filter((s) => !(s in suites));
  if (unknown.length > 0) throw new Error(`--suite ${unknown.join(', ')}: no such suite; known: ${Object.keys(suites).join(', ')}`);
  const cases: RegisteredCase[] = [];
  const loadErrors: CaseOutcome[] = [];
  const seen = new Set<string>([REFERENCE_NAME]);
  for (const [suite, load] of Object.entries(suites)) {
    if (only.length > 0 && !only.includes(suite)) continue;
    try {
      const mod = await load();
      for (const c of mod.cases) {
        if (seen.has(c.name)) throw new Error(`duplicate case name "${c.name}": names key the baseline and must be unique`);
        seen.add(c.name);
        if (filter === undefined || c.name.toLowerCase().includes(filter.toLowerCase())) cases.push({ ...c, suite });
      }
    } catch (err) {
      const error = `suite failed to load: ${err instanceof Error ? err.message : String(err)}`;
      loadErrors.push({ state: 'errored', name: `suite ${suite}`, suite, error });
    }
  }
  return { cases, loadErrors };
}

async function main(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      ci: { type: 'boolean', default: false },
      quick: { type: 'boolean', default: false },
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
  const runs = Number(values.runs ?? (update ? 3 : 1));
  if (!(Number.isInteger(runs) && runs >= 1 && runs <= 20)) throw new RangeError(`--runs must be an integer in 1..20, got ${values.runs}`);
  const factor = Number(values.factor ?? DEFAULT_FACTOR);
  if (!(factor > 1)) throw new RangeError(`--factor must be a number > 1, got ${values.factor}`);
  const retries = Number(values.retries ?? DEFAULT_RETRIES);
  if (!(Number.isInteger(retries) && retries >= 1 && retries <= 5)) {
    throw new RangeError(`--retries must be an integer in 1..5, got ${values.retries}`);
  }
  const quick = values.ci || values.quick;
  const opts = quick ? QUICK : FULL;
  const baselinePath = resolve(root, values.baseline ?? 'bench/baseline.json');
  const baselineFile = readBaseline(baselinePath);
  const baseline = baselineRatios(baselineFile);

  const { cases: allCases, loadErrors } = await loadCases(values.suite, values.filter);
  const cases = values.ci ? allCases.filter((c) => c.ci !== false) : allCases;
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

  // The gate (not when rewriting the baseline: there is nothing to compare with yet).
  let verdicts = new Map<string, Verdict>();
  let gateExit: 0 | 1 = 0;
  let gateLines: string[] = [];
  if (!update) {
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
      factor,
      retries,
      remeasure: async (names) => {
        log(`bench: ${names.length} case(s) over ${factor}× baseline; re-measuring with longer budgets: ${names.join(', ')}`);
        const again = await measureAll(
          names.map((n) => byName.get(n) as RegisteredCase),
          retryOptions(opts),
        );
        const out = new Map<string, number>();
        for (const t of again.timed) {
          if (t.outcome.state === 'completed' && t.referenceNs !== undefined) out.set(t.outcome.name, t.outcome.medianNs / t.referenceNs);
        }
        return out;
      },
    });
    verdicts = new Map(report.verdicts.map((v) => [v.name, v]));
    gateExit = report.exitCode;
    gateLines = [
      ...report.failures.map((v) => failureLine(v, factor)),
      ...(report.missing.length > 0 && values.suite.length === 0 && values.filter === undefined
        ? [`bench: baseline entries not measured in this run (renamed or removed cases?): ${report.missing.join(', ')}`]
        : []),
    ];
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
        ...(baseline[outcome.name] !== undefined ? { baselineRatio: baseline[outcome.name] as number } : {}),
        ...(v ? { verdict: v } : {}),
        ...(c?.targetNs !== undefined ? { targetNs: c.targetNs } : {}),
      };
    }),
  ];

  const lines = formatTable(rows);
  process.stdout.write(`\n${lines.join('\n')}\n\n`);
  process.stdout.write(
    `reference loop ${fmtTime(referenceNs)}/step (median of ${allRefs.length} timings); ref× = case median ÷ reference; ` +
      `gate: fail if ref× > ${factor} × base× on every one of ${1 + retries} attempts; ${((performance.now() - started) / 1000).toFixed(1)} s; sink ${sinkChecksum().toPrecision(6)}\n`,
  );

  const json = rows.map(jsonRow);
  const resultsDir = join(root, 'bench', 'results');
  mkdirSync(resultsDir, { recursive: true });
  writeFileSync(join(resultsDir, 'latest.json'), `${JSON.stringify(json, null, 2)}\n`);
  if (values.json !== undefined) writeFileSync(resolve(values.json), `${JSON.stringify(json, null, 2)}\n`);

  const errored = rows.filter((r) => r.outcome.state === 'errored');
  if (update) {
    // Errored cases get no new entry (a previous one is kept): a wrong kernel must not set the bar.
    for (const r of errored) log(failureLine({ kind: 'errored', name: r.outcome.name, error: (r.outcome as { error: string }).error }));
    const partial = values.suite.length > 0 || values.filter !== undefined;
    const ratios = medianOfRuns(runResults.map((run) => Object.fromEntries(run.map((t) => [t.outcome.name, t.outcome.state === 'completed' && t.referenceNs ? t.outcome.medianNs / t.referenceNs : NaN]))));
    const keep = new Set(errored.map((r) => r.outcome.name));
    const entries: BaselineFile['cases'] = {};
    for (const [name, entry] of Object.entries(baselineFile?.cases ?? {})) if (partial || keep.has(name)) entries[name] = entry;
    for (const row of rows.slice(1)) {
      const o = row.outcome;
      const r = ratios[o.name];
      if (o.state === 'completed' && r !== undefined) entries[o.name] = { refRatio: Number(r.toPrecision(4)), medianNs: Number(o.medianNs.toPrecision(4)) };
    }
    const file: BaselineFile = {
      about: 'Ratios of each case median to the reference loop (bench/reference.ts), median over runs. Written by `npm run bench -- --update-baseline`; the CI gate fails a case only above 2x its refRatio on every retry.',
      createdAt: new Date().toISOString(),
      node: process.version,
      runs,
      mode: quick ? 'quick' : 'full',
      referenceNs: Number(referenceNs.toPrecision(4)),
      cases: entries,
    };
    writeBaseline(baselinePath, file);
    log(`bench: wrote ${baselinePath} (${Object.keys(entries).length} cases, median of ${runs} run(s))`);
    if (errored.length > 0) log(`bench: ${errored.length} errored case(s) got no new baseline entry: ${errored.map((r) => r.outcome.name).join(', ')}`);
    return errored.length > 0 ? 1 : 0;
  }

  for (const l of gateLines) log(l);
  if (values.ci) {
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
