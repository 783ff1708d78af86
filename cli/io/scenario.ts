/**
 * What every scenario command shares: the FILE positional (or `--example NAME`, a scenario
 * ccsim ships) and `--set` overrides, loading with every problem turned into one InputError
 * (exit 1) before anything runs, and `--replications` of a scenario run.
 */
import { readFileSync } from 'node:fs';
import type { Argv } from 'yargs';
import { loadScenarioFile, MAX_SCENARIO_BYTES, readScenarioFile, ScenarioError } from '../../scenarios/index.js';
import type { Scenario } from '../../scenarios/index.js';
import { InputError, UsageError } from '../errors.js';
import type { Range } from './fields.js';
import { numberFlag, numericOption, stringFlag } from './flags.js';
import { displayPath, exampleScenarioPath } from './package.js';

type Args = Record<string, unknown>;

/** The FILE positional, `--example NAME`, the `--set` option (repeatable) and `--max-file-mb`. */
export function withScenarioOptions<T>(y: Argv<T>, setDescription = 'override one value: path=value (e.g. channels[voice].handleTimeSeconds.mean=180); repeatable'): Argv<T> {
  return y
    .positional('file', { type: 'string', describe: 'scenario file (YAML or JSON); or --example NAME' })
    .option('example', { type: 'string', requiresArg: true, describe: 'a scenario ccsim ships, by name, instead of FILE (ccsim examples lists them)' })
    .option('set', { type: 'string', requiresArg: true, describe: setDescription })
    .option('max-file-mb', maxFileOption) as Argv<T>;
}

/**
 * The scenario file a command reads: FILE, or the shipped scenario `--example` names.
 * @throws {UsageError} neither or both given; {InputError} an unknown example name
 */
export function scenarioFileOf(argv: Args): string {
  const file = typeof argv.file === 'string' && argv.file !== '' ? argv.file : undefined;
  const example = stringFlag(argv, 'example');
  if (file !== undefined && example !== undefined) throw new UsageError(`give a scenario FILE or --example ${example}, not both`);
  if (example !== undefined) {
    try {
      return displayPath(exampleScenarioPath(example));
    } catch (err) {
      throw new InputError((err as Error).message);
    }
  }
  if (file === undefined) throw new UsageError('name a scenario: ccsim <command> FILE, or --example NAME (ccsim examples lists the shipped ones)');
  return file;
}

/** `--max-file-mb`: the scenario file size limit (checked before the file is read). */
export const maxFileOption = numericOption(`largest scenario file read, megabytes (default ${MAX_SCENARIO_BYTES / 1024 / 1024}); checked before reading`);

/** The scenario size limit in bytes: `--max-file-mb` (a number > 0) or the default. */
export function maxBytesOf(argv: Args): number {
  const mb = numberFlag(argv, 'max-file-mb', { min: 0, minOpen: true, max: 1e6, unit: 'megabytes' });
  return mb === undefined ? MAX_SCENARIO_BYTES : Math.floor(mb * 1024 * 1024);
}

/** A scenario file's text, its size checked first (`--max-file-mb`). @throws {InputError} one line naming the file and the problem */
export function readScenarioForCommand(file: string, argv: Args): string {
  try {
    return readScenarioFile(file, { maxBytes: maxBytesOf(argv) });
  } catch (err) {
    if (err instanceof ScenarioError) throw new InputError(err.message);
    throw err;
  }
}

/** The `--set` values as a list (yargs gives a string for one, an array for several). */
export function setsOf(argv: Args): string[] {
  const v = argv.set;
  if (v === undefined) return [];
  return (Array.isArray(v) ? v : [v]).map(String);
}

/** Replications of a scenario run: at least 2, so every figure has a 95% interval. */
const RANGE_SCENARIO_REPLICATIONS: Range = { min: 2, integer: true };

/**
 * `--replications` of a scenario command, or undefined when absent (the file's value applies).
 * @throws {InputError} not a whole number ≥ 2; {UsageError} given twice
 */
export function replicationsOf(argv: Args): number | undefined {
  return numberFlag(argv, 'replications', RANGE_SCENARIO_REPLICATIONS);
}

/**
 * Loads a scenario for a command; a scenario with problems becomes one InputError listing
 * every problem (exit code 1), before anything runs. Notes of the load (calibration entries a
 * `--set` made stale) go to stderr.
 */
export async function loadForCommand(argv: Args): Promise<{ file: string; scenario: Scenario; formulas: number; text: string; raw: unknown }> {
  const file = scenarioFileOf(argv);
  try {
    const { notes, ...loaded } = await loadScenarioFile(file, setsOf(argv), { maxBytes: maxBytesOf(argv) });
    for (const n of notes) process.stderr.write(`ccsim: note: ${n}\n`);
    return { file, ...loaded };
  } catch (err) {
    if (err instanceof ScenarioError) throw new InputError(err.message);
    throw err;
  }
}

/** The text of a file. @throws {InputError} it cannot be read (names the path and why) */
export function readWholeText(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new InputError(`${path}: cannot read (${code === 'ENOENT' ? 'no such file' : (code ?? 'error')})`);
  }
}
