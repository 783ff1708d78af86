/**
 * Errors the CLI turns into one line on stderr and an exit code, never a stack trace
 * (unless `--debug`). Engine code throws RangeError/TypeError with a message that names
 * the field, the value and what is allowed; the CLI maps those to exit code 1 as well.
 */

/** Bad input (a value out of range, a malformed file): exit code 1. */
export class InputError extends Error {
  override name = 'InputError';
  readonly exitCode = 1;
}

/** Bad usage (an unknown or missing flag, flags that exclude each other): exit code 2. */
export class UsageError extends Error {
  override name = 'UsageError';
  readonly exitCode = 2;
}

/** The exit code for any thrown value: 2 for usage, 1 for everything else. */
export function exitCodeOf(err: unknown): number {
  return err instanceof UsageError ? 2 : 1;
}
