/**
 * The `--report FILE.html` flag of simulate (scenario files), whatif, sweep and staff, and the
 * command line it records (the argv `runCli` was given, set once per run by cli/main.ts).
 */
import type { Options } from 'yargs';
import { UsageError } from '../errors.js';
import { stringFlag } from '../io/flags.js';
import { lockOutput } from '../io/lock.js';

/** The option's definition (add with `.option('report', reportOption)`). */
export const reportOption: Options = {
  type: 'string',
  requiresArg: true,
  describe: 'also write a self-contained HTML report with charts (opens offline, prints to PDF): FILE.html',
};

/**
 * The `--report` path, or undefined; the path is locked for this run (`FILE.lock`, cli/io/lock.ts:
 * a second ccsim writing the same report is refused before it starts; released when the command ends).
 * @throws {UsageError} a path not ending in .html or .htm; {InputError} another ccsim writes it
 */
export function reportFlag(argv: Record<string, unknown>): string | undefined {
  const path = stringFlag(argv, 'report');
  if (path === undefined) return undefined;
  if (!/\.html?$/i.test(path)) throw new UsageError(`--report ${path}: the file name must end in .html`);
  lockOutput(path, '--report');
  return path;
}

let current: readonly string[] = [];

/** Records the command line of this run (cli/main.ts, before parsing). */
export function setCommandArgs(argv: readonly string[]): void {
  current = [...argv];
}

/** The command line of this run's arguments (without `ccsim`). */
export function commandArgs(): readonly string[] {
  return current;
}
