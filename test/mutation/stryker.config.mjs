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
 * Lines of MUTATE_FILE to mutate ("from-to", e.g. 1-240), or the whole file when unset: a large
 * file in parts, each its own run and report, so that no run outlasts the time left (a stopped
 * run keeps nothing) — run.mjs's summary adds a file's parts.
 */
const lines = process.env.MUTATE_LINES;
if (lines !== undefined && !(file !== undefined && /^\d+-\d+$/.test(lines))) throw new Error(`MUTATE_LINES must be "from-to" (line numbers) with MUTATE_FILE, got ${lines}`);
/** Report name: the folder, or <folder>/<the file's path inside it, '/' as '.'>[@<lines>] (reports/mutation/<name>.json). */
const name = file === undefined ? folder : `${folder}/${file.slice(`engine/${folder}/`.length, -3).replaceAll('/', '.')}${lines === undefined ? '' : `@${lines}`}`;

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'vitest',
  // the project's vitest configuration, plus the mutation profile of test/des and a kill-soonest file order
  vitest: { configFile: 'test/mutation/vitest.mutation.config.ts', related: false },
  coverageAnalysis: 'perTest',
  mutate: file === undefined ? [`engine/${folder}/**/*.ts`, `!engine/${folder}/index.ts`] : [lines === undefined ? file : `${file}:${lines}`],
  testFiles,
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
