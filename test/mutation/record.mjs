// @ts-check
/**
 * The mutation record: what Stryker measured, per source file, kept in git
 * (test/mutation/scores.json) so that a measurement outlives the machine it ran on. Stryker's own
 * reports and incremental files (reports/mutation/, not committed: megabytes) are lost with the
 * checkout; this file is a few characters per mutant.
 *
 * A file's mutants are planned by Stryker's own instrumenter (@stryker-mutator/instrumenter, the
 * code `stryker run` uses, same version), so the record and the summary know every mutant of the
 * file, not only those a run reached: a run over part of a file (MUTATE_LINES) shows as part.
 * Entry per file: the SHA-1 of the source the statuses are for, the SHA-1 of the tests that ran
 * (the folder's test files and what they import from test/, and the mutation configs), the time
 * of the last fold, and `statuses`: one character per planned mutant, in the instrumenter's order
 * (deterministic for a given source):
 *   K killed, T timed out, S survived, N no coverage (these four count in the score),
 *   R runtime error, C compile error, I ignored (not counted, as in Stryker's score), . not measured.
 * An entry whose source SHA-1 differs from the file's is stale: the summary ignores it.
 *
 * @example node test/mutation/run.mjs --record   (folds reports/mutation/ into scores.json)
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { Instrumenter } from '@stryker-mutator/instrumenter';
import { mutationTestFiles } from './testFiles.mjs';

export const RECORD = 'test/mutation/scores.json';
/**
 * Survivors reviewed as equivalent (test/mutation/SURVIVORS.md gives each one's reasoning): per
 * file, the SHA-1 of the source they were reviewed on and, by `mutantKey`, the reason no input can
 * change any output. Stryker's mechanism for the same is a `// Stryker disable` comment in the
 * source, which makes the mutant "ignored"; this list keeps the kernels' code free of them and does
 * not touch the sources the record was measured on. The summary prints Stryker's score and, beside
 * it, the score over the mutants not listed here (the textbook mutation score: killed / (mutants −
 * equivalent ones)). A list of another version of the file is stale and not used.
 */
export const EQUIVALENT = 'test/mutation/equivalent.json';
/** Report status → record character. */
const CODE = { Killed: 'K', Timeout: 'T', Survived: 'S', NoCoverage: 'N', RuntimeError: 'R', CompileError: 'C', Ignored: 'I' };
/** Characters counted in the score: detected, then undetected. */
const DETECTED = 'KT';
const UNDETECTED = 'SN';

/** @param {string} text */
export function sha1(text) {
  return createHash('sha1').update(text).digest('hex');
}

const quiet = { debug() {}, info() {}, warn() {}, error() {}, trace() {}, fatal() {}, isDebugEnabled: () => false, isTraceEnabled: () => false, isInfoEnabled: () => false, isWarnEnabled: () => false, isErrorEnabled: () => false, isFatalEnabled: () => false };
const instrumenter = new Instrumenter(/** @type {any} */ (quiet));

/**
 * Every mutant Stryker makes of `file` (its current text), in order, by `mutantKey`.
 * @param {string} file
 * @returns {Promise<string[]>}
 */
export async function plannedMutants(file) {
  const content = readFileSync(file, 'utf8');
  const key = `${file}\0${sha1(content)}`;
  let planned = plannedByContent.get(key);
  if (planned === undefined) {
    planned = instrumentedKeys(file, content);
    plannedByContent.set(key, planned);
  }
  return planned;
}

/** The keys of plannedMutants by file and content: a run asks for a file's before and after its Stryker run and in the summary. */
const plannedByContent = new Map();

/** @param {string} file @param {string} content @returns {Promise<string[]>} */
async function instrumentedKeys(file, content) {
  const result = await instrumenter.instrument([{ name: file, content, mutate: true }], /** @type {any} */ ({ plugins: null, excludedMutations: [], ignorers: [], noHeader: false }));
  return result.mutants.map((m) => mutantKey(m.location.start, m.location.end, 1, m.mutatorName, m.replacement));
}

/**
 * A mutant's key, `line:column-line:column mutator: replacement`, counted from 1 as in Stryker's
 * reports and editors (two mutants can start at the same place: \`a < b || c\` → false, and
 * \`a < b\` → false).
 * @param {{ line: number, column: number }} start @param {{ line: number, column: number }} end
 * @param {number} shift added to the positions: 1 for the instrumenter's (counted from 0), 0 for a report's
 * @param {string} mutator @param {string} replacement
 */
function mutantKey(start, end, shift, mutator, replacement) {
  return `${start.line + shift}:${start.column + shift}-${end.line + shift}:${end.column + shift} ${mutator}: ${replacement.replace(/\s+/g, ' ')}`;
}

/**
 * SHA-1 of the test code whose change can change a folder's results: the folder's whole test list
 * (testFiles.mjs), every file under test/ they import (transitively: relative imports), and the
 * mutation and vitest configs.
 * @param {string} folder
 */
export function testsSha1(folder) {
  const files = new Set(['test/mutation/stryker.config.mjs', 'test/mutation/vitest.config.mjs', 'test/mutation/testFiles.mjs', 'vitest.config.ts']);
  // '' (not undefined, which would take MUTATE_FILE): the folder's whole list, not a file's focused one
  const todo = [...mutationTestFiles(folder, '')];
  while (todo.length > 0) {
    const f = /** @type {string} */ (todo.pop());
    if (files.has(f)) continue;
    files.add(f);
    for (const [, spec] of readFileSync(f, 'utf8').matchAll(/(?:from|import)\s+'(\.\.?\/[^']+)'/g)) {
      let p = join(dirname(f), spec);
      if (p.endsWith('.js') && existsSync(`${p.slice(0, -3)}.ts`)) p = `${p.slice(0, -3)}.ts`;
      if (p.startsWith('test/') && existsSync(p) && !files.has(p)) todo.push(p);
    }
  }
  const h = createHash('sha1');
  for (const f of [...files].sort()) h.update(`${f}\0${readFileSync(f, 'utf8')}\0`);
  return h.digest('hex');
}

/** @typedef {{ source: string, tests: string, folded: string, statuses: string }} Entry */

/** @returns {Record<string, Entry>} */
export function readRecord() {
  if (!existsSync(RECORD)) return {};
  return JSON.parse(readFileSync(RECORD, 'utf8')).files;
}

/** @param {Record<string, Entry>} files */
export function writeRecord(files) {
  const sorted = Object.fromEntries(Object.entries(files).sort(([a], [b]) => a.localeCompare(b)));
  const doc = {
    about: 'Stryker mutation statuses per source file (test/mutation/record.mjs): K killed, T timed out, S survived, N no coverage, R runtime error, C compile error, I ignored, . not measured; one per mutant in the instrumenter\'s order.',
    files: sorted,
  };
  writeFileSync(RECORD, `${JSON.stringify(doc, null, 1)}\n`);
}

/**
 * Folds a Stryker JSON report of `file` into the record, when the report is of the file's
 * current source: its mutants' statuses replace the entry's; the others are kept when the entry
 * is of the same source, else start unmeasured. Returns what happened, for the log.
 * @param {Record<string, Entry>} record @param {string} folder @param {string} file @param {string} reportPath
 */
export async function foldReport(record, folder, file, reportPath) {
  const current = readFileSync(file, 'utf8');
  const report = JSON.parse(readFileSync(reportPath, 'utf8'));
  const reported = Object.values(report.files).find((f) => f.source === current);
  if (!reported) return `${file}: its report is of another version of the file, not folded`;
  const planned = await plannedMutants(file);
  const source = sha1(current);
  const old = record[file];
  const statuses = old && old.source === source && old.statuses.length === planned.length ? old.statuses.split('') : planned.map(() => '.');
  const index = new Map(planned.map((k, i) => [k, i]));
  let folded = 0;
  const unknown = [];
  for (const m of reported.mutants) {
    const i = index.get(mutantKey(m.location.start, m.location.end, 0, m.mutatorName, m.replacement ?? ''));
    const code = CODE[/** @type {keyof typeof CODE} */ (m.status)];
    if (i === undefined || code === undefined) { unknown.push(m.id); continue; }
    statuses[i] = code;
    folded++;
  }
  if (unknown.length > 0) return `${file}: ${unknown.length} reported mutants match no planned one (instrumenter version?), not folded`;
  record[file] = { source, tests: testsSha1(folder), folded: new Date().toISOString().slice(0, 16) + 'Z', statuses: statuses.join('') };
  return `${file}: ${folded} mutants folded`;
}

/** @typedef {{ source: string, mutants: Record<string, string> }} EquivalentEntry */

/** @returns {Record<string, EquivalentEntry>} the reviewed-equivalent list by file ({} without the file) */
export function readEquivalents() {
  if (!existsSync(EQUIVALENT)) return {};
  return JSON.parse(readFileSync(EQUIVALENT, 'utf8')).files;
}

/**
 * A file's standing in the record: counts by status, the surviving mutants, how many are not
 * measured, and whether the entry is current (source) and its tests unchanged. With `equivalents`
 * (readEquivalents), `count.equivalent` counts the undetected mutants listed as equivalent for
 * the current source (they stay in `count.undetected`: Stryker's score is unchanged), and
 * `problems` names list entries that cannot hold: a key that is no mutant of the source, or a
 * mutant listed as equivalent that a test detects (then the review was wrong).
 * @param {Record<string, Entry>} record @param {string} folder @param {string} file
 * @param {string} tests the folder's `testsSha1` now (computed once by a caller that asks for many files)
 * @param {Record<string, EquivalentEntry>} equivalents
 */
export async function standing(record, folder, file, tests = testsSha1(folder), equivalents = {}) {
  const planned = await plannedMutants(file);
  const source = sha1(readFileSync(file, 'utf8'));
  const entry = record[file];
  const current = entry !== undefined && entry.source === source && entry.statuses.length === planned.length;
  const statuses = current ? entry.statuses : '.'.repeat(planned.length);
  const listed = equivalents[file];
  const reviewed = listed !== undefined && listed.source === source ? listed.mutants : {};
  const problems = [];
  if (listed !== undefined && listed.source !== source) problems.push(`${file}: its equivalent list (${EQUIVALENT}) is of another version of the file, not used`);
  const plannedSet = new Set(planned);
  for (const key of Object.keys(reviewed)) if (!plannedSet.has(key)) problems.push(`${file}: "${key}" in ${EQUIVALENT} is no mutant of the file`);
  const count = { detected: 0, undetected: 0, equivalent: 0, unmeasured: 0, notCounted: 0 };
  const survivors = [];
  for (let i = 0; i < statuses.length; i++) {
    const c = statuses[i];
    const equivalent = reviewed[planned[i]] !== undefined;
    if (DETECTED.includes(c)) {
      count.detected++;
      if (equivalent) problems.push(`${file}: "${planned[i]}" is listed as equivalent in ${EQUIVALENT}, but a test detects it`);
    } else if (UNDETECTED.includes(c)) {
      count.undetected++;
      if (equivalent) count.equivalent++;
      survivors.push(`${file}:${planned[i]} (${c === 'S' ? 'survived' : 'no coverage'}${equivalent ? '; reviewed equivalent' : ''})`);
    } else if (c === '.') count.unmeasured++;
    else count.notCounted++;
  }
  return { planned: planned.length, count, survivors, problems, stale: entry !== undefined && !current, testsChanged: current && entry.tests !== tests, folded: current ? entry.folded : undefined };
}
