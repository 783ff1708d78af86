// @ts-check
/**
 * The vitest config of a Stryker run (test/mutation/stryker.config.mjs): the project's config
 * with `include` narrowed to the test files of MUTATE_FOLDER (mutationTestFiles). The test files
 * are chosen here rather than with Stryker's `testFiles`: with `testFiles` set, Stryker 9.6.1
 * activates a static mutant (module-level code, run once when the module loads) only after the
 * test files have imported the module (stryker-js issue #6144), so no static mutant could be
 * killed; without it, the mutant is active before anything is imported.
 */
import base from '../../vitest.config.ts';
import { mutationTestFiles } from './testFiles.mjs';

const folder = process.env.MUTATE_FOLDER;
if (!folder || !/^[a-z]+$/.test(folder)) throw new Error(`MUTATE_FOLDER must name an engine folder (erlang, rng, des), got ${folder}`);

export default { ...base, test: { ...base.test, include: mutationTestFiles(folder) } };
