// @ts-check
import { readdirSync } from 'node:fs';

/**
 * The test files that run against a folder's mutants: the folder's own tests (test/<folder>/*.test.ts),
 * minus the ones that only spawn the built CLI (it runs dist/, which Stryker does not mutate).
 * Listed one by one: vitest's include and Stryker's file lists ignore `!` patterns.
 */
const SPAWNS_CLI = new Set(['test/des/cli.test.ts']);

/**
 * The event loop's files run against a focused subset of test/des (MUTATE_FILE names the file;
 * MUTATE_ALL_TESTS=1 restores the folder's whole list). Instrumented by Stryker, the event
 * loop's hot paths run every test/des test ~13 times slower, and nearly every test covers them:
 * with the whole list, heap.ts's dry run took 4.5 min and each surviving mutant a full
 * instrumented run (stopped at 24 of 186 mutants after 13 min, 2026-12-06). The subset holds
 * fast tests that drive the event loop hard and check exact things: the heap against a sorted
 * reference (heap.test.ts); small models against conservation laws, per-contact trace
 * consistency and the draws' laws (eventLoop.test.ts); for desks.ts also its unit test (desks.test.ts,
 * hand-worked cases) and the chat agents' tests
 * (chat.test.ts: the stretch rule on deterministic work, least loaded first, shifts; blended.test.ts:
 * the routing rules and the books of desk groups rebuilt from the trace); for engine.ts also
 * untraced.test.ts (a run without a trace, every contact found abandoned at its end).
 * Measured plain (`MUTATE_FILE=engine/des/<file>.ts MUTATE_FOLDER=des npx vitest run -c
 * test/mutation/vitest.config.mjs`, 2026-12-06 22:10 at load 5–7, beside two Stryker runs):
 * heap 0.6 s of tests, state 1.8 s, engine 3.1 s, desks 7.0 s (chat.test.ts most of it).
 * A subset can only kill fewer mutants than the whole list, so the score of a file measured
 * this way is a LOWER BOUND of its score with the folder's whole list.
 * @type {Record<string, string[]>}
 */
const FOCUSED = {
  'engine/des/heap.ts': ['test/des/heap.test.ts'],
  'engine/des/desks.ts': ['test/des/desks.test.ts', 'test/des/eventLoop.test.ts', 'test/des/chat.test.ts', 'test/des/blended.test.ts'],
  'engine/des/state.ts': ['test/des/eventLoop.test.ts'],
  'engine/des/engine.ts': ['test/des/eventLoop.test.ts', 'test/des/untraced.test.ts'],
  // engine/erlang/'s two largest files (1,206 and 707 mutants), measured 2026-12-07: with the
  // whole of test/erlang (10 s plain, 22 files) Stryker estimated 17 s per mutant of
  // mmngIntegrals.ts and 11 s of incompleteGamma.ts, over 6 hours for the two on one core.
  // Each keeps the tests that check it against independent values and drops the slow files that
  // only reach it through other kernels (plain seconds, `npx vitest run test/erlang
  // --reporter=json`): the incomplete gamma ratios against 50-digit sums (special), Erlang A
  // and B/C against the 70-digit oracle (erlangA, erlangC.accuracy), its extremes and tiny loads,
  // and gamma patience (patience); the M/M/N+G integrals against Erlang A, the Runge–Kutta
  // reference and their own driver's cases, and the integrator's work (every mmng*.test.ts), plus the files that killed
  // mutants of its first 336 (erlangAExtremes, staffing, staffing.mutation). LOWER BOUNDS, as above.
  'engine/erlang/special/incompleteGamma.ts': [
    'test/erlang/special.test.ts', 'test/erlang/erlangA.test.ts', 'test/erlang/erlangAExtremes.test.ts',
    'test/erlang/erlangC.accuracy.test.ts', 'test/erlang/erlangC.properties.test.ts', 'test/erlang/erlangCTiny.test.ts',
    'test/erlang/tinyLoads.test.ts', 'test/erlang/patience.test.ts',
  ],
  'engine/erlang/mmngIntegrals.ts': [
    'test/erlang/mmng.test.ts', 'test/erlang/mmngIntegrals.mutation.test.ts', 'test/erlang/mmngIntegralsDriver.test.ts',
    'test/erlang/mmngLongPatience.test.ts', 'test/erlang/mmngPairUnderflow.test.ts', 'test/erlang/mmngSharpPatience.test.ts',
    'test/erlang/mmngWork.test.ts',
    'test/erlang/erlangAExtremes.test.ts', 'test/erlang/staffing.test.ts', 'test/erlang/staffing.mutation.test.ts',
  ],
};

/**
 * @param {string} folder an engine folder (erlang, rng, des)
 * @param {string | undefined} file the source file mutated (MUTATE_FILE), when one is
 */
export function mutationTestFiles(folder, file = process.env.MUTATE_FILE) {
  if (file !== undefined && file in FOCUSED && process.env.MUTATE_ALL_TESTS !== '1') return FOCUSED[file];
  return readdirSync(`test/${folder}`)
    .filter((f) => f.endsWith('.test.ts'))
    .map((f) => `test/${folder}/${f}`)
    .filter((f) => !SPAWNS_CLI.has(f));
}
