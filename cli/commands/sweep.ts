/**
 * `ccsim sweep FILE --vary NAME=FROM:TO:STEP … --out results.csv`: a grid of what-ifs over a
 * scenario, on worker threads, streamed to disk, resumable, the same bytes for any `--workers`.
 *
 *   ccsim sweep scenarios/china-banking-2017.yaml --vary staff=-20%:0%:2% \
 *     --vary selfService=0.69:0.85:0.02 --replications 8 --workers 2 --out results.csv
 *
 * Axes: the levers of `ccsim whatif` — `selfService` (the share), `staff`, `volume`, `aht`,
 * `patience` (relative changes, −0.08 or −8%) — or any scenario path `--set` accepts. Cell K is row-major: the first `--vary` slowest (cli/io/vary.ts).
 * Rows: `cell`, the axis values, `replications`, every figure and its `…Ci95` half-width
 * (cli/io/results.ts). `--model analytic`: period-by-period Erlang A, no replications.
 * `--resume` continues a file; `--only-cell K` prints cell K's row (identical to the file's).
 * Exit codes: 0 done; 1 a cell or the scenario failed (finished cells stay on disk), 2 bad
 * usage (e.g. a bad --vary), 130 interrupted (Ctrl-C; finished cells on disk, --resume continues).
 */
import { existsSync, statSync } from 'node:fs';
import type { Argv, CommandModule } from 'yargs';
import { AbortedError } from '../../engine/parallel/index.js';
import { InputError, UsageError } from '../errors.js';
import { numberFlag } from '../io/flags.js';
import { readWholeText } from '../io/scenario.js';
import { parseGrid } from '../io/vary.js';
import { cellCount, cellValues } from '../../scenarios/studies/sweep/grid.js';
import { AxisError, defineSweep, SweepScenarioError } from '../../scenarios/studies/sweep/define.js';
import { createProgress } from '../io/progress.js';
import { columns, formatOf, headerOf, readFinished, ResultsWriter, rewriteOrdered, rowsText } from '../io/results.js';
import { runOneCell, runSweep, type CellResult, type SweepModel } from '../../scenarios/studies/sweep/run.js';
import type { SweepDefinition } from '../../scenarios/studies/sweep/cell.js';
import { withInterrupt, workersFlag, workersOption } from '../io/workers.js';

type Args = Record<string, unknown>;

function list(v: unknown): string[] {
  if (v === undefined) return [];
  return (Array.isArray(v) ? v : [v]).map(String);
}

function single(argv: Args, name: string): string | undefined {
  const v = argv[name];
  if (v === undefined) return undefined;
  if (Array.isArray(v)) throw new UsageError(`--${name} given ${v.length} times; give it once`);
  return String(v);
}

async function handler(argv: Args): Promise<void> {
  const file = String(argv.file);
  const axes = parseGrid(list(argv.vary));
  const sets = list(argv.set);
  const model = (single(argv, 'model') ?? 'simulation') as SweepModel;
  const onlyCell = numberFlag(argv, 'only-cell', { min: 0, integer: true });
  const outPath = single(argv, 'out');
  if (onlyCell === undefined && outPath === undefined) throw new UsageError('--out FILE is required (.csv or .jsonl), or give --only-cell K to print one cell');
  const format = formatOf(outPath ?? (argv.json ? 'x.jsonl' : 'x.csv'));

  // The definition once on this thread: its problems are one line before any worker starts.
  let def: SweepDefinition;
  try {
    def = await defineSweep(file, readWholeText(file), sets, axes);
  } catch (err) {
    if (err instanceof AxisError) throw new UsageError(err.message);
    if (err instanceof SweepScenarioError) throw new InputError(err.message);
    throw err;
  }
  const sim = def.base?.simulation ?? {};
  const replications = numberFlag(argv, 'replications', { min: 1, max: 10_000, integer: true }) ?? sim.replications ?? 8;
  const seed = single(argv, 'seed') ?? sim.seed ?? 1;
  const common = { def, model, replications: model === 'analytic' ? 0 : replications, seed, warmupSeconds: sim.warmupSeconds ?? 0, format };

  if (onlyCell !== undefined) {
    const row = rowsText(format, axes, [await runOneCell(common, onlyCell)]);
    process.stdout.write(format === 'csv' ? headerOf(format, axes) + row : row);
    return;
  }
  const out = outPath!;
  const resume = argv.resume === true;
  if (!resume && existsSync(out)) throw new InputError(`${out} exists; add --resume to continue it, or delete it to start over`);
  const workers = workersFlag(argv);
  const quiet = argv.quiet === true;
  const cells = cellCount(axes);
  const existing = resume ? readFinished(out, format, axes, (c) => cellValues(axes, c), cells) : { rows: new Map<number, string>(), ordered: true };
  const writer = new ResultsWriter(out, headerOf(format, axes), !existsSync(out) || statSync(out).size === 0);
  let ordered = existing.ordered;
  let lastWritten = existing.rows.size > 0 ? Math.max(...existing.rows.keys()) : -1;
  const onCells = (results: readonly CellResult[]) => {
    if (results[0]!.cell < lastWritten) ordered = false;
    lastWritten = Math.max(lastWritten, results[results.length - 1]!.cell);
    writer.append(rowsText(format, axes, results));
  };
  try {
    const s = await withInterrupt((signal) =>
      runSweep({ ...common, workers, finished: new Set(existing.rows.keys()), onCells, signal, progress: (total, start) => createProgress({ total, start, unit: 'cells', quiet }) })
        .finally(() => writer.close()));
    if (!ordered) {
      // A resumed sweep that appended cells below ones already written: put rows in cell order.
      rewriteOrdered(out, headerOf(format, axes), readFinished(out, format, axes, (c) => cellValues(axes, c), cells).rows);
    }
    if (!quiet) {
      const rate = s.computed / s.seconds;
      const extra = model === 'analytic'
        ? `, ${(s.evaluations / s.seconds / workers / 1e6).toFixed(2)} M intervals/s (${(s.kernelEvaluations / s.seconds / workers / 1e6).toFixed(2)} M Erlang A evaluations/s) per worker`
        : '';
      process.stderr.write(`sweep: ${s.cells} cells in ${out} (${s.computed} computed, ${s.resumed} resumed) in ${s.seconds.toFixed(1)} s, ${rate.toFixed(1)} cells/s with ${workers} worker(s)${extra}\n`);
    }
  } catch (err) {
    const onDisk = countRows(out, format, columns(axes).length);
    const where = `${onDisk} of ${cells} cells are in ${out}; --resume continues`;
    if (err instanceof AbortedError) {
      process.stderr.write(`ccsim: interrupted; ${where}\n`);
      process.exitCode = 130;
      return;
    }
    throw new InputError(`${(err as Error).message}; ${where}`);
  }
}

function countRows(path: string, format: 'csv' | 'jsonl', _width: number): number {
  if (!existsSync(path)) return 0;
  const text = readWholeText(path);
  let n = 0;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) n++;
  return format === 'csv' ? Math.max(0, n - 1) : n;
}

export const sweepCommand: CommandModule<object, Args> = {
  command: 'sweep <file>',
  describe: 'a grid of what-ifs (levers or scenario paths) on worker threads, streamed to a resumable CSV / JSON-lines file',
  builder: (y) =>
    (y as Argv<Args>)
      .positional('file', { type: 'string', describe: 'scenario file (YAML or JSON)' })
      .option('vary', { type: 'string', array: true, requiresArg: true, describe: 'an axis: NAME=FROM:TO:STEP or NAME=v1,v2; NAME: staff, selfService, volume, aht, patience, or a scenario path; % allowed' })
      .option('set', { type: 'string', array: true, requiresArg: true, describe: 'path=value override applied to every cell' })
      .option('model', { type: 'string', choices: ['simulation', 'analytic'], describe: 'simulation (default, with CIs) or analytic (period-by-period Erlang A)' })
      .option('replications', { type: 'string', requiresArg: true, describe: 'replications per cell (default: the scenario\'s, else 8)' })
      .option('seed', { type: 'string', requiresArg: true, describe: 'master seed (default: the scenario\'s, else 1)' })
      .option('workers', workersOption)
      .option('out', { type: 'string', requiresArg: true, describe: 'results file: .csv or .jsonl' })
      .option('resume', { type: 'boolean', describe: 'continue an interrupted sweep: skip the cells already in --out' })
      .option('only-cell', { type: 'string', requiresArg: true, describe: 'compute cell K alone and print its row' })
      .option('json', { type: 'boolean', describe: 'with --only-cell: print a JSON line instead of CSV' })
      .option('quiet', { type: 'boolean', describe: 'no progress bar, no summary line' })
      .example('$0 sweep scenarios/china-banking-2017.yaml --vary staff=-20%:0%:2% --vary selfService=0.69:0.85:0.02 --replications 8 --out results.csv', '99 cells × 8 replications')
      .example('$0 sweep scenarios/china-banking-2017.yaml --model analytic --vary staff=-30%:0%:0.1% --vary aht=-20%:20%:0.5% --out grid.jsonl', 'kernel-only sweep'),
  handler: (argv) => handler(argv as Args),
};
