// @ts-check
/**
 * The vitest config of a Stryker run (test/mutation/stryker.config.mjs): the project's config
 * - with `include` narrowed to the test files of MUTATE_FOLDER (mutationTestFiles; for the event
 *   loop's files, named by MUTATE_FILE, a focused subset of them: testFiles.mjs `FOCUSED`). The test files
 *   are chosen here rather than with Stryker's `testFiles`: with `testFiles` set, Stryker 9.6.1
 *   activates a static mutant (module-level code, run once when the module loads) only after the
 *   test files have imported the module (stryker-js issue #6144), so no static mutant could be
 *   killed; without it, the mutant is active before anything is imported;
 * - with the mutation profile of the simulator's tests (CCSIM_TEST_PROFILE=mutation,
 *   test/des/profile.ts: smaller samples, the same tolerances in standard errors);
 * - with test files in the order that kills a mutant soonest: files that failed last first (a
 *   mutant is often killed by the file that killed the previous one), then the shortest first.
 *   Vitest's own order runs the longest first, which suits parallel workers, but Stryker runs one
 *   worker and stops at the first failing test (`disableBail` false), so a killed mutant costs the
 *   tests run before the one that fails. The same tests run either way; only the order differs.
 * Reproduce the des profile outside Stryker: `MUTATE_FOLDER=des npx vitest run -c test/mutation/vitest.config.mjs`.
 */
import { relative } from 'node:path';
import { BaseSequencer } from 'vitest/node';
import base from '../../vitest.config.ts';
import { mutationTestFiles } from './testFiles.mjs';

const folder = process.env.MUTATE_FOLDER;
if (!folder || !/^[a-z]+$/.test(folder)) throw new Error(`MUTATE_FOLDER must name an engine folder (erlang, rng, des), got ${folder}`);

class KillSoonestFirst extends BaseSequencer {
  /** @param {import('vitest/node').TestSpecification[]} files */
  async sort(files) {
    const { cache, config } = this.ctx;
    /** @param {import('vitest/node').TestSpecification} f */
    const state = (f) => cache.getFileTestResults(`${f.project.name}:${relative(config.root, f.moduleId)}`);
    /** @param {import('vitest/node').TestSpecification} f */
    const failed = (f) => (state(f)?.failed ? 0 : 1);
    /** @param {import('vitest/node').TestSpecification} f */
    const duration = (f) => state(f)?.duration ?? Infinity;
    return [...files].sort((a, b) => failed(a) - failed(b) || duration(a) - duration(b));
  }
}

export default {
  ...base,
  test: {
    ...base.test,
    include: mutationTestFiles(folder),
    env: { CCSIM_TEST_PROFILE: 'mutation' },
    sequence: { sequencer: KillSoonestFirst },
  },
};
