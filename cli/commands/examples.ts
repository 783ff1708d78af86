/**
 * `ccsim examples`: the example files ccsim ships — scenarios (for `--example NAME` on every
 * scenario command), forecasts (for `ccsim staff`) and batch input (for `ccsim erlang --batch`)
 * — with the path of each in the installed package, so they can be run or copied from any
 * working directory.
 */
import type { ArgumentsCamelCase, Argv, CommandModule } from 'yargs';
import { UsageError } from '../errors.js';
import { renderTable, TERMINAL_COLUMNS, toCsv, toJson, wrapText } from '../format/index.js';
import { displayPath, listExamples } from '../io/package.js';

type Args = Record<string, unknown>;

const COLUMNS = ['name', 'kind', 'usage', 'path', 'description'] as const;

export const examplesCommand: CommandModule<object, Args> = {
  command: 'examples',
  describe: 'list the example files ccsim ships (scenarios for --example NAME, forecasts, batch input), with their paths',
  builder: (y) =>
    (y as Argv<Args>)
      .option('json', { type: 'boolean', describe: 'one JSON document' })
      .option('csv', { type: 'boolean', describe: 'CSV, one row per file' })
      .example('$0 examples', 'name, kind, the command that reads it, path; the description below each')
      .example('$0 simulate --example china-banking-2017', 'run a shipped scenario from any folder'),
  handler: (argv: ArgumentsCamelCase<Args>) => {
    if (argv.json && argv.csv) throw new UsageError('give --csv or --json, not both');
    const rows = listExamples().map((e) => ({ ...e, path: displayPath(e.path) }));
    if (argv.json) process.stdout.write(`${toJson(rows, 2)}\n`);
    else if (argv.csv) process.stdout.write(toCsv(COLUMNS, rows));
    else {
      // name, kind and usage in the table; each path and description wrapped under it (≤ 120 columns)
      const table = renderTable(COLUMNS.slice(0, 3).map((header) => ({ header })), rows.map((r) => COLUMNS.slice(0, 3).map((c) => r[c]))).trimEnd().split('\n');
      const out = table.slice(0, 2);
      rows.forEach((r, i) => out.push(table[i + 2]!, wrapText(`    ${r.path}${r.description ? `: ${r.description}` : ''}`, TERMINAL_COLUMNS, '    ')));
      process.stdout.write(`${out.join('\n')}\n`);
    }
  },
};
