/**
 * Reading numeric flags from yargs argv. Numeric flags are kept as text by the parser (so a
 * message can quote what was typed, and `80%` reaches the checks) but shown as `[number]` in
 * help; these helpers turn them into checked numbers, and reject a flag given twice (usage
 * error) or a value out of range (input error).
 */
import type { Options } from 'yargs';
import { UsageError } from '../errors.js';
import { parseFlagNumber, type Range } from './fields.js';

/**
 * A numeric flag for yargs: listed as `[number]` in help, but kept as text by the parser (a
 * flag that is both `string` and `number` is not coerced; help shows the last type) and
 * parsed by `numberFlag`.
 */
export function numericOption(describe: string, extra: Partial<Options> = {}): Options {
  return { string: true, number: true, describe, requiresArg: true, ...extra };
}

/** True when the flag was given on the command line. */
export function given(argv: Record<string, unknown>, name: string): boolean {
  return argv[name] !== undefined;
}

/**
 * The flag's text, or undefined when absent.
 * @throws {UsageError} the flag was given more than once
 */
export function stringFlag(argv: Record<string, unknown>, name: string): string | undefined {
  const raw = argv[name];
  if (raw === undefined) return undefined;
  if (Array.isArray(raw)) throw new UsageError(`--${name} given ${raw.length} times; give it once`);
  return String(raw);
}

/**
 * The flag's value as a checked number, or undefined when absent.
 * @throws {UsageError} the flag was given more than once
 * @throws {InputError} the value is not a number in `range`
 */
export function numberFlag(argv: Record<string, unknown>, name: string, range: Range): number | undefined {
  const raw = argv[name];
  if (raw === undefined) return undefined;
  if (Array.isArray(raw)) throw new UsageError(`--${name} given ${raw.length} times; give it once`);
  return parseFlagNumber(`--${name}`, raw, range);
}

/**
 * The flag's value, which must be present.
 * @throws {UsageError} the flag is missing (`why` says what it is for) or repeated
 */
export function requiredNumberFlag(argv: Record<string, unknown>, name: string, range: Range, why: string): number {
  const v = numberFlag(argv, name, range);
  if (v === undefined) throw new UsageError(`--${name} is required (${why})`);
  return v;
}
