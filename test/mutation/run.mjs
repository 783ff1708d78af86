#!/usr/bin/env node
/**
 * `npm run mutate [-- erlang rng des]`: Stryker mutation testing of engine folders, one Stryker
 * run per folder (test/mutation/stryker.config.mjs: the folder's code mutated, only the folder's
 * own tests run), incremental (reports/mutation/<folder>.incremental.json: unchanged code and
 * tests are not re-tested), then one line per folder: its mutation score and the survivors,
 * with a pointer to the HTML report. Not part of CI: a full run takes hours on 2 shared cores
 * (docs: README, "Testing").
 *
 * Score (Stryker's definition): detected / valid = (killed + timed out) / (killed + timed out +
 * survived + no coverage); compile and runtime errors and ignored mutants do not count.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';

const FOLDERS = ['erlang', 'rng', 'des'];
const asked = process.argv.slice(2);
const bad = asked.filter((f) => !FOLDERS.includes(f));
if (bad.length > 0) {
  process.stderr.write(`mutate: unknown folder ${bad.join(', ')}; choose from ${FOLDERS.join(', ')}\n`);
  process.exit(2);
}
const folders = asked.length > 0 ? asked : FOLDERS;

/** Mutation score and survivors of one folder from Stryker's JSON report. */
function summary(folder) {
  const report = JSON.parse(readFileSync(`reports/mutation/${folder}.json`, 'utf8'));
  const count = { Killed: 0, Timeout: 0, Survived: 0, NoCoverage: 0 };
  const survivors = [];
  for (const [file, { mutants }] of Object.entries(report.files)) {
    for (const m of mutants) {
      if (m.status in count) count[m.status]++;
      if (m.status === 'Survived' || m.status === 'NoCoverage') survivors.push(`${file}:${m.location.start.line} ${m.mutatorName} ${m.status}`);
    }
  }
  const detected = count.Killed + count.Timeout;
  const valid = detected + count.Survived + count.NoCoverage;
  return { score: valid > 0 ? (100 * detected) / valid : NaN, count, survivors };
}

let failed = false;
const lines = [];
for (const folder of folders) {
  const started = Date.now();
  const r = spawnSync('npx', ['stryker', 'run', 'test/mutation/stryker.config.mjs'], { stdio: 'inherit', env: { ...process.env, MUTATE_FOLDER: folder } });
  const minutes = ((Date.now() - started) / 60_000).toFixed(1);
  if (r.status !== 0 || !existsSync(`reports/mutation/${folder}.json`)) {
    lines.push(`engine/${folder}: Stryker failed (exit ${r.status}) after ${minutes} min`);
    failed = true;
    continue;
  }
  const s = summary(folder);
  lines.push(
    `engine/${folder}: mutation score ${s.score.toFixed(2)}% (killed ${s.count.Killed}, timed out ${s.count.Timeout}, survived ${s.count.Survived}, ` +
      `no coverage ${s.count.NoCoverage}) in ${minutes} min; report reports/mutation/${folder}.html`,
  );
  for (const sv of s.survivors) lines.push(`  survivor ${sv}`);
}
process.stdout.write(`\n${lines.join('\n')}\n`);
process.exit(failed ? 1 : 0);
