#!/usr/bin/env node
/**
 * `npm run mutate [-- erlang rng des | engine/<folder>/<file>.ts …]`: Stryker mutation testing of
 * engine folders (or of the named source files only). Each source
 * file of a folder is its own Stryker run (test/mutation/stryker.config.mjs with MUTATE_FILE: that
 * file mutated, only the folder's own tests run), incremental and reported per file
 * (reports/mutation/<folder>/<file>.json and .incremental.json), so a run stopped part-way keeps
 * the files it finished and the next run re-tests only changed code and tests. After each file,
 * its report is folded into the committed record (test/mutation/scores.json, record.mjs), which
 * outlives the checkout; a file whose record is of its current source and tests, every mutant
 * measured, is not re-run (`--again` re-runs it). Then one line per folder: its score over the
 * mutants measured, how many of the folder's mutants that is (Stryker's instrumenter plans them
 * all), the files not complete, the target (erlang 85%, des 75%), and the survivors.
 * `--summary` prints that from the record without running anything; `--record` folds the reports
 * on disk of the named folders or files (e.g. copied from another checkout) into the record first,
 * with the tests' SHA-1 of this checkout: fold a report where its tests are. Exit 1 while a folder is not
 * fully measured or below its target.
 * Not part of CI: the whole of engine/erlang/ takes hours on 2 shared cores (README, "Testing").
 *
 * Score (Stryker's definition): detected / valid = (killed + timed out) / (killed + timed out +
 * survived + no coverage); compile and runtime errors and ignored mutants do not count.
 *
 * MUTATE_CONCURRENCY (default 2): test-runner processes per Stryker run.
 *
 * Memory guard: a mutant of engine/des/queue.ts made a ring buffer double for ever, and its test
 * runner held 22 GB of the machine's 24 (2026-12-06). Typed arrays live outside V8's heap, so
 * `--max-old-space-size` does not stop that, and `ulimit -v` cannot be used (a vitest worker
 * reserves over 12 GB of address space). So while a Stryker run goes, every process under it is
 * checked each second, and one whose resident memory passes MUTATE_MAX_RSS_MB (default 2,500;
 * Stryker's test runner holds ~0.3 GB on test/des) is killed: Stryker restarts its test runner,
 * retries the mutant twice, then reports it as a runtime error (not counted in the score; such
 * mutants are listed among the survivors reviewed).
 */
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { EQUIVALENT, foldReport, readEquivalents, readRecord, RECORD, standing, testsSha1, writeRecord } from './record.mjs';

const FOLDERS = ['erlang', 'rng', 'des'];
const args = process.argv.slice(2);
const summaryOnly = args.includes('--summary');
const recordOnly = args.includes('--record');
const again = args.includes('--again');
const asked = args.filter((a) => !['--summary', '--record', '--again'].includes(a));
/** Source files named on the command line (engine/<folder>/….ts): only those are run. */
const FILE = /^engine\/([a-z]+)\/.+\.ts$/;
const askedFiles = asked.filter((a) => FILE.test(a));
const bad = asked.filter((f) => !FOLDERS.includes(f) && !(FILE.test(f) && FOLDERS.includes(FILE.exec(f)[1]) && existsSync(f)));
if (bad.length > 0) {
  process.stderr.write(`mutate: unknown folder or file ${bad.join(', ')}; choose from ${FOLDERS.join(', ')} or name files engine/<folder>/<file>.ts (and --summary, --record, --again)\n`);
  process.exit(2);
}
const folders = asked.length > 0 ? [...new Set(asked.map((a) => (FILE.test(a) ? FILE.exec(a)[1] : a)))] : FOLDERS;
/** Resident memory cap of each process under a Stryker run, MB (see the header). */
const MAX_RSS_MB = Number(process.env.MUTATE_MAX_RSS_MB ?? 2500);

/** The processes under `root` (children, grandchildren…) with their resident memory in MB, from /proc. */
function descendants(root) {
  const children = new Map();
  const rss = new Map();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      const ppid = Number(fields[1]);
      rss.set(Number(entry), (Number(fields[21]) * 4096) / 2 ** 20);
      if (!children.has(ppid)) children.set(ppid, []);
      children.get(ppid).push(Number(entry));
    } catch {
      // the process ended while being read
    }
  }
  const out = [];
  const stack = [...(children.get(root) ?? [])];
  while (stack.length > 0) {
    const pid = stack.pop();
    out.push({ pid, rssMb: rss.get(pid) ?? 0 });
    stack.push(...(children.get(pid) ?? []));
  }
  return out;
}

/** Runs one Stryker run (one source file), killing any process under it past MAX_RSS_MB; resolves to its exit code. */
function stryker(env) {
  return new Promise((resolve) => {
    const child = spawn('npx', ['stryker', 'run', 'test/mutation/stryker.config.mjs'], { stdio: 'inherit', env });
    const guard = setInterval(() => {
      for (const { pid, rssMb } of descendants(child.pid)) {
        if (rssMb > MAX_RSS_MB) {
          process.stderr.write(`mutate: process ${pid} holds ${rssMb.toFixed(0)} MB > MUTATE_MAX_RSS_MB ${MAX_RSS_MB}: killed (a mutant allocating without end)\n`);
          try { process.kill(pid, 'SIGKILL'); } catch { /* already gone */ }
        }
      }
    }, 1000);
    child.on('exit', (code) => { clearInterval(guard); resolve(code); });
  });
}

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

/** Folder targets of issue 15 (mutation score, %). */
const TARGETS = { erlang: 85, des: 75 };

/** A folder's score from the record: over the mutants measured, with what is not measured named. */
async function summary(record, folder) {
  const total = { detected: 0, undetected: 0, equivalent: 0, unmeasured: 0, notCounted: 0, planned: 0 };
  const problems = [];
  const equivalents = readEquivalents();
  const survivors = [];
  const incomplete = [];
  /** measured on the current source, with the folder's tests as they were then (a re-run may kill more) */
  const olderTests = [];
  /** one line per file: its score, how much of it is measured, when */
  const perFile = [];
  const tests = testsSha1(folder);
  for (const f of sourceFiles(folder)) {
    const s = await standing(record, folder, f, tests, equivalents);
    for (const k of Object.keys(s.count)) total[k] += s.count[k];
    total.planned += s.planned;
    survivors.push(...s.survivors);
    problems.push(...s.problems);
    const fileValid = s.count.detected + s.count.undetected;
    if (s.planned > 0) {
      perFile.push(`  ${f}: ${fileValid > 0 ? `${((100 * s.count.detected) / fileValid).toFixed(2)}% (${s.count.detected}/${fileValid})` : '–'}` +
        `${s.count.unmeasured > 0 ? `, ${s.planned - s.count.unmeasured} of ${s.planned} mutants measured` : ''}${s.folded ? `, folded ${s.folded}` : ''}`);
    }
    if (s.count.unmeasured > 0) incomplete.push(`${f} (${s.planned - s.count.unmeasured} of ${s.planned} measured${s.stale ? '; its record is of an older version' : ''})`);
    else if (s.testsChanged) olderTests.push(f);
  }
  const valid = total.detected + total.undetected;
  const nonEquivalent = valid - total.equivalent;
  return {
    score: valid > 0 ? (100 * total.detected) / valid : NaN,
    scoreNonEquivalent: nonEquivalent > 0 ? (100 * total.detected) / nonEquivalent : NaN,
    total, survivors, problems, incomplete, olderTests, perFile,
  };
}

/** Whether the command line names `file`: itself, its folder, or nothing (every file). */
function isAsked(folder, file) {
  return askedFiles.length === 0 || askedFiles.includes(file) || asked.includes(folder);
}

let failed = false;
const lines = [];
const record = readRecord();
if (recordOnly) {
  // fold the reports on disk (e.g. copied from another checkout) into the record
  for (const folder of folders) {
    for (const file of sourceFiles(folder)) {
      if (isAsked(folder, file) && existsSync(reportOf(folder, file))) lines.push(await foldReport(record, folder, file, reportOf(folder, file)));
    }
  }
  writeRecord(record);
}
for (const folder of folders) {
  const started = Date.now();
  if (!summaryOnly && !recordOnly) {
    const files = sourceFiles(folder).filter((f) => isAsked(folder, f));
    const tests = testsSha1(folder);
    for (const file of files) {
      const s = await standing(record, folder, file, tests);
      if (!again && process.env.MUTATE_LINES === undefined && s.count.unmeasured === 0 && !s.testsChanged && s.planned > 0) {
        lines.push(`${file}: measured ${s.folded} on this source and these tests (${RECORD}); not re-run (--again re-runs)`);
        continue;
      }
      if (s.planned === 0) continue; // types only: nothing to mutate
      const status = await stryker({ ...process.env, MUTATE_FOLDER: folder, MUTATE_FILE: file });
      if (status !== 0 || !existsSync(reportOf(folder, file))) {
        lines.push(`${file}: Stryker failed (exit ${status})`);
        failed = true;
        continue;
      }
      // read afresh: another run may have folded its files since this one began
      Object.assign(record, readRecord());
      lines.push(await foldReport(record, folder, file, reportOf(folder, file)));
      writeRecord(record);
    }
  }
  const minutes = ((Date.now() - started) / 60_000).toFixed(1);
  const s = await summary(record, folder);
  const target = TARGETS[folder];
  const measured = s.total.planned - s.total.unmeasured;
  const pct = (x) => (Number.isNaN(x) ? '–' : `${x.toFixed(2)}%`);
  const verdict = (x) => (s.incomplete.length > 0 ? 'not established (folder not fully measured)' : x >= target ? 'met' : 'NOT met');
  lines.push(
    `engine/${folder}: mutation score ${Number.isNaN(s.score) ? "– (nothing measured)" : pct(s.score)} (Stryker's: detected ${s.total.detected}, undetected ${s.total.undetected}; ` +
      `${measured} of ${s.total.planned} mutants measured, ${s.total.notCounted} runtime/compile errors not counted)` +
      (s.total.equivalent > 0 ? `; ${pct(s.scoreNonEquivalent)} over the ${s.total.detected + s.total.undetected - s.total.equivalent} not reviewed as equivalent (${s.total.equivalent} listed in ${EQUIVALENT})` : '') +
      `${summaryOnly || recordOnly ? '' : ` in ${minutes} min`}` +
      (target === undefined ? '' : `; target ${target}%: ${verdict(s.score)} by Stryker's score${s.total.equivalent > 0 ? `, ${verdict(s.scoreNonEquivalent)} over the mutants not reviewed as equivalent` : ''}`) +
      (s.problems.length > 0 ? `\n  equivalent list: ${s.problems.join('; ')}` : '') +
      (s.incomplete.length > 0 ? `\n  not complete: ${s.incomplete.join(', ')}` : '') +
      (s.olderTests.length > 0 ? `\n  measured before the folder's tests last changed (npm run mutate re-runs them): ${s.olderTests.join(', ')}` : ''),
  );
  lines.push(...s.perFile);
  for (const sv of s.survivors) lines.push(`  survivor ${sv}`);
  if (s.incomplete.length > 0 || s.problems.length > 0 || (target !== undefined && !(s.score >= target))) failed = true;
}
process.stdout.write(`\n${lines.join('\n')}\n`);
process.exit(failed ? 1 : 0);
