import { relative } from 'node:path';
import { mergeConfig } from 'vitest/config';
import { BaseSequencer, type TestSpecification } from 'vitest/node';
import base from '../../vitest.config.js';

/**
 * Vitest as Stryker runs it (test/mutation/stryker.config.mjs): the project's configuration plus
 * - the mutation profile of the simulator's tests (CCSIM_TEST_PROFILE=mutation, test/des/profile.ts:
 *   smaller samples, the same tolerances in standard errors);
 * - test files in the order that kills a mutant soonest: files that failed last first (a mutant is
 *   often killed by the file that killed the previous one), then the shortest first. Vitest's own
 *   order runs the longest first, which suits parallel workers, but Stryker runs one worker and
 *   stops at the first failing test (`disableBail` false), so a killed mutant costs the tests run
 *   before the one that fails. The same tests run either way; only the order differs.
 * Reproduce the profile outside Stryker: `npx vitest run -c test/mutation/vitest.mutation.config.ts test/des`.
 */
class KillSoonestFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const { cache, config } = this.ctx;
    const state = (f: TestSpecification) => cache.getFileTestResults(`${f.project.name}:${relative(config.root, f.moduleId)}`);
    const failed = (f: TestSpecification): number => (state(f)?.failed ? 0 : 1);
    const duration = (f: TestSpecification): number => state(f)?.duration ?? Infinity;
    return [...files].sort((a, b) => failed(a) - failed(b) || duration(a) - duration(b));
  }
}

export default mergeConfig(base, {
  test: {
    env: { CCSIM_TEST_PROFILE: 'mutation' },
    sequence: { sequencer: KillSoonestFirst },
  },
});
