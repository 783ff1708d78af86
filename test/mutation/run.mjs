#!/usr/bin/env node
/**
 * `npm run mutate [-- erlang rng des]`: Stryker mutation testing of engine folders. Each source
 * file of a folder is its own Stryker run (test/mutation/stryker.config.mjs with MUTATE_FILE: that
 * file mutated, only the folder's own tests run), incremental and reported per file
 * (reports/mutation/<folder>/<file>.json and .incremental.json), so a run stopped part-way keeps
 * the files it finished and the next run re-tests only changed code and tests. Then one line per
 * folder: its mutation score over all its files, those not run yet named, and the survivors.
 * Not part of CI: the whole of engine/erlang/ takes hours on 2 shared cores (README, "Testing").
 *
 * Score (Stryker's definition): detected / valid = (killed + timed out) / (killed + timed out +
 * survived + no coverage); compile and runtime errors and ignored mutants do not count.
 *
 * MUTATE_CONCURRENCY (default 2): test-runner processes per Stryker run. `--summary` prints the
 * folders' scores from the reports on disk without running anything.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const FOLDERS = ['erlang', 'rng', 'des'];
const args = process.argv.slice(2);
const summaryOnly = args.includes('--summary');
const asked = args.filter((a) => a !== '--summary');
const bad = asked.filter((f) => !FOLDERS.includes(f));
if (bad.length > 0) {
  process.stderr.write(`mutate: unknown folder ${bad.join(', ')}; choose from ${FOLDERS.join(', ')} (and --summary)\n`);
  process.exit(2);
}
const folders = asked.length > 0 ? asked : FOLDERS;

/** The folder's source files that are mutated (index.ts only re-exports). */
function sourceFiles(folder) {
  const out = [];
  const walk = (dir) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const p = join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith('.ts') && !(dir === `engine/${folder}` && e.name === 'index.ts')) out.push(p);
    }
  };
  walk(`engine/${folder}`);
  return out.sort();
}

/** A file's report path. */
function reportOf(folder, file) {
  return `reports/mutation/${folder}/${file.slice(`engine/${folder}/`.length, -3).replaceAll('/', '.')}.json`;
}

/** Counts and survivors of a folder, summed over the files that have a report. */
function summary(folder) {
  const count = { Killed: 0, Timeout: 0, Survived: 0, NoCoverage: 0 };
  const survivors = [];
  const missing = [];
  for (const f of sourceFiles(folder)) {
    const path = reportOf(folder, f);
    if (!existsSync(path)) {
      missing.push(f);
      continue;
    }
    const report = JSON.parse(readFileSync(path, 'utf8'));
    for (const [file, { mutants }] of Object.entries(report.files)) {
      for (const m of mutants) {
        if (m.status in count) count[m.status]++;
        if (m.status === 'Survived' || m.status === 'NoCoverage') survivors.push(`${file}:${m.location.start.line} ${m.mutatorName} ${m.status}${m.replacement ? `: ${m.replacement.replace(/\s+/g, ' ').slice(0, 80)}` : ''}`);
      }
    }
  }
  const detected = count.Killed + count.Timeout;
  const valid = detected + count.Survived + count.NoCoverage;
  return { score: valid > 0 ? (100 * detected) / valid : NaN, count, survivors, missing };
}

let failed = false;
const lines = [];
for (const folder of folders) {
  const started = Date.now();
  if (!summaryOnly) {
    for (const file of sourceFiles(folder)) {
      const r = spawnSync('npx', ['stryker', 'run', 'test/mutation/stryker.config.mjs'], { stdio: 'inherit', env: { ...process.env, MUTATE_FOLDER: folder, MUTATE_FILE: file } });
      if (r.status !== 0 || !existsSync(reportOf(folder, file))) {
        lines.push(`${file}: Stryker failed (exit ${r.status})`);
        failed = true;
      }
    }
  }
  const minutes = ((Date.now() - started) / 60_000).toFixed(1);
  const s = summary(folder);
  lines.push(
    `engine/${folder}: mutation score ${s.score.toFixed(2)}% (killed ${s.count.Killed}, timed out ${s.count.Timeout}, survived ${s.count.Survived}, ` +
      `no coverage ${s.count.NoCoverage})${summaryOnly ? '' : ` in ${minutes} min`}; reports in reports/mutation/${folder}/` +
      (s.missing.length > 0 ? `; NOT YET RUN: ${s.missing.join(', ')}` : ''),
  );
  for (const sv of s.survivors) lines.push(`  survivor ${sv}`);
  if (s.missing.length > 0) failed = true;
}
process.stdout.write(`\n${lines.join('\n')}\n`);
process.exit(failed ? 1 : 0);
