/**
 * The mutation profile of the simulator's tests. Stryker's runs set CCSIM_TEST_PROFILE=mutation
 * (test/mutation/vitest.config.mjs); `npm test` and plain `npx vitest` never do, and then
 * every test runs exactly as written. In the mutation profile the costliest tests draw smaller
 * samples: fewer calls per replication (test/des/erlang, chat, mmng), fewer days (timevarying),
 * fewer random steps (heap). Every tolerance stays in standard errors computed from the sample
 * itself, and each allowance that depends on the sample size (the end effect, ≈ queue / calls)
 * is scaled with it, so a correct engine fails no more often than in the full profile; only the
 * power to see a small bias drops. A figure that is a claim about one sample size (the 95%
 * half-width at one million calls) is rescaled by the law that governs it (1/√calls), said where
 * it is used.
 *
 * Why: a surviving mutant re-runs every test that covers it, under Stryker's instrumented (slower)
 * code; the full profile's 30 s a run made engine/des/ (2,600 mutants) a 10–20 core-hour job.
 */
export const MUTATION_PROFILE = process.env.CCSIM_TEST_PROFILE === 'mutation';

/** How many times smaller a sample is in the mutation profile (`factor`), 1 in the full profile. */
export function shrink(factor: number): number {
  return MUTATION_PROFILE ? factor : 1;
}
