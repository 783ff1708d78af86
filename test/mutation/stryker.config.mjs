// @ts-check
/**
 * Stryker (mutation testing) for one engine folder at a time: `MUTATE_FOLDER=erlang` mutates
 * engine/erlang/ and runs only test/erlang/ (each folder's score is what its own tests kill;
 * test/mutation/testFiles.mjs).
 * Run all folders with `npm run mutate` (test/mutation/run.mjs); not part of CI.
 */
const folder = process.env.MUTATE_FOLDER;
if (!folder || !/^[a-z]+$/.test(folder)) throw new Error(`MUTATE_FOLDER must name an engine folder (erlang, rng, des), got ${folder}`);
/** One source file of the folder (engine/<folder>/…/x.ts), or the whole folder when unset. */
const file = process.env.MUTATE_FILE;
if (file !== undefined && !(file.startsWith(`engine/${folder}/`) && file.endsWith('.ts'))) throw new Error(`MUTATE_FILE must be a .ts file under engine/${folder}/, got ${file}`);
/**
 * Optional line ranges of MUTATE_FILE (`MUTATE_LINES=1-200`, or `11-18,67-67`): mutate only those lines, keeping the
 * file's report and incremental file. A long file is then run in growing ranges (1-200, then
 * 1-350, then the whole file), each run re-using the results of the one before, so a run stopped
 * part-way (Stryker writes its incremental file only at the end) loses one range, not the file.
 * The report covers only the range until the whole file has been run.
 */
const lines = process.env.MUTATE_LINES;
if (lines !== undefined && !(file !== undefined && /^\d+-\d+(,\d+-\d+)*$/.test(lines))) throw new Error(`MUTATE_LINES must be line ranges like 1-200 or 11-18,67-67, with MUTATE_FILE set, got ${lines}`);
/** Report name: the folder, or <folder>/<the file's path inside it, '/' as '.'> (reports/mutation/<name>.json). */
const name = file === undefined ? folder : `${folder}/${file.slice(`engine/${folder}/`.length, -3).replaceAll('/', '.')}`;

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'vitest',
  // The folder's own tests (test/mutation/testFiles.mjs), chosen by the vitest config and not by
  // Stryker's `testFiles`, which keeps static mutants from ever being activated (vitest.config.mjs);
  // that config also sets test/des's mutation profile and a kill-soonest file order.
  vitest: { configFile: 'test/mutation/vitest.config.mjs', related: false },
  coverageAnalysis: 'perTest',
  mutate: file === undefined ? [`engine/${folder}/**/*.ts`, `!engine/${folder}/index.ts`] : lines === undefined ? [file] : lines.split(',').map((range) => `${file}:${range}`),
  // Our tsconfig has no `extends`/`references` to rewrite, and TypeScript 7 (native) has no JS API
  // for Stryker's tsconfig rewriter: point it at a file that does not exist so it skips the step.
  tsconfigFile: 'tsconfig.stryker-none.json',
  ignorePatterns: ['dist', 'bench/results', 'reports'],
  incremental: true,
  incrementalFile: `reports/mutation/${name}.incremental.json`,
  reporters: ['clear-text', 'progress-append-only', 'json', 'html'],
  jsonReporter: { fileName: `reports/mutation/${name}.json` },
  htmlReporter: { fileName: `reports/mutation/${name}.html` },
  clearTextReporter: { allowColor: false, logTests: false, maxTestsToLog: 0 },
  // test runner processes: 2 by default (the cores), MUTATE_CONCURRENCY to share them with other runs
  concurrency: Number(process.env.MUTATE_CONCURRENCY ?? 2),
  // Timeouts: a mutant times out after 3 × its tests' dry-run time + 15 s. On a shared, loaded
  // machine a slow but finishing test run must not pass for a "timed out" (detected) mutant: the
  // factor 3 covers a machine three times busier than at the dry run. The flat part was 60 s,
  // which made each mutant that loops for ever cost over a minute (25 of the first 355 of
  // mmngIntegrals.ts took 29 of its 45 minutes at load 5).
  // engine/des/ (measured 2026-12-06 evening, load 3–4): a mutant run needs at most its tests'
  // dry-run time (which also counted coverage), and 3 × + 15 s made each of the ~10% of des
  // mutants that loop cost 70 s; 2 × + 10 s still leaves twice the dry run's time.
  timeoutFactor: folder === 'des' ? 2 : 3,
  timeoutMS: folder === 'des' ? 10_000 : 15_000,
  tempDirName: `.stryker-tmp/${name.replaceAll('/', '-')}`,
  cleanTempDir: true,
};
