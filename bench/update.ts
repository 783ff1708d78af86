/**
 * `npm run bench -- --update-baseline --runs N [--ci] [--suite S] [--filter F]`: rewrites
 * bench/baseline.json from N runs of the bench in SEPARATE processes, in CI's quick mode
 * (`--quick`, or `--ci --no-gate` with `--ci`), one after the other. Per case: the median ratio,
 * the run-to-run spread (largest |ln(ratio / median)|) and the gate's limit from it
 * (bench/gate.ts limitFromSpread). Separate processes, because a slowdown the gate must tell
 * from noise includes what varies between processes (JIT decisions, memory layout), not only
 * between samples of one process. Entries of cases not measured are kept (a partial update),
 * except entries that name no registered case (they would fail the CI gate).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeBaseline, type BaselineEntry, type BaselineFile } from './baseline.js';
import { fmtRatio, limitFromSpread, median, spreadOf } from './gate.js';
import { REFERENCE_NAME } from './reference.js';

/** What one child run reports per case (bench/table.ts jsonRow, the fields used here). */
interface ChildRow {
  name: string;
  medianNs: number | null;
  refRatio?: number | null;
  error?: string;
}

export interface UpdateOptions {
  /** the compiled runner (dist/bench/run.js) */
  runJs: string;
  runs: number;
  /** flags passed on to every child: --ci, --suite, --filter */
  forward: string[];
  /** the baseline to rewrite, and its current content */
  path: string;
  current: BaselineFile | undefined;
  /** every registered case, in suite order (entries naming none of them are dropped) */
  registered: string[];
  log: (line: string) => void;
}

/**
 * Runs the children, writes the baseline, prints each case's spread and limit.
 * Returns 1 when a case errored in some run (it gets no new entry), else 0.
 */
export function updateBaseline(o: UpdateOptions): number {
  const loadStart = loadavg()[0] as number;
  const dir = mkdtempSync(join(tmpdir(), 'ccsim-baseline-'));
  const perCase = new Map<string, { ratios: number[]; ns: number[] }>();
  const errored = new Map<string, string>();
  const referenceNs: number[] = [];
  try {
    for (let k = 1; k <= o.runs; k++) {
      const out = join(dir, `run-${k}.json`);
      o.log(`bench: baseline run ${k}/${o.runs} (a separate process, quick mode; load average ${loadavg()[0]?.toFixed(2)})`);
      const child = spawnSync(process.execPath, [o.runJs, '--no-gate', '--json', out, ...(o.forward.includes('--ci') ? [] : ['--quick']), ...o.forward], {
        stdio: ['ignore', 'ignore', 'inherit'],
      });
      if (child.error) throw child.error;
      let rows: ChildRow[];
      try {
        rows = JSON.parse(readFileSync(out, 'utf8')) as ChildRow[];
      } catch {
        throw new Error(`baseline run ${k} wrote no report (exit ${child.status}); see its messages above`);
      }
      for (const row of rows) {
        if (row.name === REFERENCE_NAME) {
          if (row.medianNs !== null) referenceNs.push(row.medianNs);
          continue;
        }
        if (row.medianNs === null || typeof row.refRatio !== 'number') {
          errored.set(row.name, row.error ?? 'no ratio');
          continue;
        }
        const c = perCase.get(row.name) ?? { ratios: [], ns: [] };
        c.ratios.push(row.refRatio);
        c.ns.push(row.medianNs);
        perCase.set(row.name, c);
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }

  const fresh = new Map<string, BaselineEntry>();
  for (const [name, c] of perCase) {
    // a case must be measured in every run; one that errored in some run keeps its old entry
    if (errored.has(name) || c.ratios.length < o.runs) continue;
    const spread = o.runs >= 2 ? spreadOf(c.ratios) : 0;
    fresh.set(name, {
      refRatio: Number(median(c.ratios).toPrecision(4)),
      medianNs: Number(median(c.ns).toPrecision(4)),
      spread: Number(spread.toPrecision(3)),
    });
  }
  const old = o.current?.cases ?? {};
  const known = new Set(o.registered);
  const dropped = Object.keys(old).filter((n) => !known.has(n));
  const cases: Record<string, BaselineEntry> = {};
  for (const name of o.registered) {
    const e = fresh.get(name) ?? old[name];
    if (e !== undefined) cases[name] = e;
  }
  const loadEnd = loadavg()[0] as number;
  const file: BaselineFile = {
    about:
      'Per case: refRatio = median over `runs` separate quick-mode processes of (case median ÷ reference loop median, bench/reference.ts); ' +
      'spread = largest |ln(ratio / refRatio)| over those runs. `npm run bench:ci` fails a gated case whose ratio exceeds ' +
      'limit × refRatio on the first measurement and on a retry, limit = limitFromSpread(spread) (bench/gate.ts). ' +
      'Written by `npm run bench -- --update-baseline --runs N`.',
    createdAt: new Date().toISOString(),
    node: process.version,
    runs: o.runs,
    mode: 'quick',
    loadAverage: [Number(loadStart.toFixed(2)), Number(loadEnd.toFixed(2))],
    referenceNs: referenceNs.length > 0 ? Number(median(referenceNs).toPrecision(4)) : (o.current?.referenceNs ?? 0),
    cases,
  };
  writeBaseline(o.path, file);

  const width = Math.max(...[...fresh.keys()].map((n) => n.length), 4);
  o.log(`${'case'.padEnd(width)}  ratio      spread  limit  each run's ratio ÷ the median`);
  for (const [name, e] of fresh) {
    const runs = (perCase.get(name)?.ratios ?? []).map((r) => (r / e.refRatio).toFixed(2)).join(' ');
    o.log(`${name.padEnd(width)}  ${fmtRatio(e.refRatio).padStart(9)}  ${`±${((Math.exp(e.spread ?? 0) - 1) * 100).toFixed(1)}%`.padStart(6)}  ${limitFromSpread(e.spread ?? 0).toFixed(2)}×  ${runs}`);
  }
  o.log(`bench: wrote ${o.path}: ${fresh.size} case(s) from ${o.runs} run(s), ${Object.keys(cases).length - fresh.size} kept; load average ${loadStart.toFixed(2)} → ${loadEnd.toFixed(2)}`);
  if (dropped.length > 0) o.log(`bench: dropped entries naming no case: ${dropped.join(', ')}`);
  for (const [name, error] of errored) o.log(`bench: ERROR ${name}: ${error} (no new entry)`);
  return errored.size > 0 ? 1 : 0;
}
