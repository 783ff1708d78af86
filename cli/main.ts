#!/usr/bin/env node
/**
 * The `ccsim` command: parse → typed options → engine → format. Each command lives in
 * `cli/commands/<name>.ts` and exports a yargs CommandModule; this file only wires them
 * and turns failures into one line on stderr with exit code 1 (bad input) or 2 (usage).
 */
import { fileURLToPath } from 'node:url';
import { realpathSync } from 'node:fs';
import yargs from 'yargs';
import type { Argv } from 'yargs';
import { exitCodeOf, UsageError } from './errors.js';
import { releaseHeldLocks } from './io/lock.js';
import { commands } from './commands/index.js';
import { displayPath, docsIndex, packageVersion } from './io/package.js';
import { renameDeprecatedFlags } from './vocabulary.js';
import { setCommandArgs } from './report/flag.js';

/** Command names, for finding the command in a command line. */
export const COMMAND_NAMES: readonly string[] = commands.map((c) => String(c.command).split(' ')[0]!);

/** Builds the parser; tests call it with an argv array and their own output sinks. */
export function buildCli(argv: string[]): Argv {
  let cli = yargs(argv)
    .scriptName('ccsim')
    .usage('$0 <command> [options]: contact-centre capacity from Erlang kernels and discrete-event simulation')
    .option('debug', { type: 'boolean', default: false, describe: 'print stack traces on errors' })
    .strict()
    .demandCommand(1, 'name a command: ccsim <command> --help')
    .recommendCommands()
    .version(packageVersion())
    .help()
    .example('$0 simulate --example china-banking-2017', 'the calibrated 2017 baseline, simulated beside the kernels')
    .example('$0 whatif --example china-banking-2017 --staff -8% --self-service +6pt', 'a what-if beside the baseline')
    .example('$0 erlang --agents 14 --erlangs 10 --aht 180', 'Erlang C figures')
    .example('$0 erlang --solve agents --erlangs 10 --aht 180 --sl-target 0.8', 'agents for 80/20')
    .example('$0 examples', 'the scenario, forecast and batch files ccsim ships')
    .epilog(
      `Every command: --help for its flags; a table by default, --json for one JSON document (full precision), --csv where rows fit (units in the header, rounded per unit).\n` +
        `Documentation: ${displayPath(docsIndex())} (figures, scenario format, vocabulary, levers, batch format).`,
    )
    .wrap(Math.min(110, process.stdout.columns || 100))
    .fail((msg, err) => {
      // yargs calls this for its own parse errors (msg, with a YError for some, e.g. a flag
      // missing its value) and for errors thrown by handlers (err).
      if (err && err.name !== 'YError') throw err;
      // yargs spreads some messages over lines ("Invalid values:\n  Argument: …"): keep one line.
      throw new UsageError(msg.replace(/:?\s*\n\s*/g, ': '));
    });
  for (const command of commands) cli = cli.command(command);
  return cli;
}

/** Runs the CLI; returns the exit code (0 ok, 1 bad input or failed run, 2 usage). */
export async function runCli(argv: string[]): Promise<number> {
  const debug = argv.includes('--debug');
  const renamed = renameDeprecatedFlags(argv, COMMAND_NAMES);
  for (const w of renamed.warnings) process.stderr.write(`${w}\n`);
  setCommandArgs(renamed.argv);
  // A command reports a failure it has already printed (e.g. a batch line) via process.exitCode;
  // start each run clean so in-process callers (tests) do not inherit an earlier run's code.
  process.exitCode = undefined;
  try {
    await buildCli(renamed.argv).parseAsync();
    return typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    process.stderr.write(`ccsim: ${message}\n`);
    if (debug && err instanceof Error && err.stack) process.stderr.write(`${err.stack}\n`);
    return exitCodeOf(err);
  } finally {
    releaseHeldLocks(); // output locks last as long as the command (cli/io/lock.ts)
  }
}

const isMain = (() => {
  try {
    return process.argv[1] !== undefined && realpathSync(process.argv[1]) === fileURLToPath(import.meta.url);
  } catch {
    return false;
  }
})();

if (isMain) {
  runCli(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
