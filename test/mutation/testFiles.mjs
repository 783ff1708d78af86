// @ts-check
import { readdirSync } from 'node:fs';

/**
 * The test files that run against a folder's mutants: the folder's own tests (test/<folder>/*.test.ts),
 * minus the ones that only spawn the built CLI (it runs dist/, which Stryker does not mutate).
 * Listed one by one: vitest's include and Stryker's file lists ignore `!` patterns.
 */
const SPAWNS_CLI = new Set(['test/des/cli.test.ts']);

/** @param {string} folder an engine folder (erlang, rng, des) */
export function mutationTestFiles(folder) {
  return readdirSync(`test/${folder}`)
    .filter((f) => f.endsWith('.test.ts'))
    .map((f) => `test/${folder}/${f}`)
    .filter((f) => !SPAWNS_CLI.has(f));
}
