/**
 * `ccsim sweep FILE --vary NAME=FROM:TO:STEP … --out results.csv`: a grid of what-ifs over a
 * scenario, on worker threads, streamed to disk, resumable, the same bytes for any `--workers`.
 *
 *   ccsim sweep scenarios/china-banking-2017.yaml --vary staff=-20%:0%:2% \
 *     --vary selfService=0.69:0.85:0.02 --replications 8 --workers 2 --out results.csv
 *
 * Axes: the levers of `ccsim whatif` — `selfService` (the share), `staff`, `volume`, `aht`,
 * `patience` (relative changes, −0.08 or −8%) — or any scenario path `--set` accepts. Cell K is row-major: the first `--vary` slowest (cli/parallel/grid.ts).
 * Rows: `cell`, the axis values, `replications`, every figure and its `…Ci95` half-width
 * (cli/parallel/results.ts). `--model analytic`: period-by-period Erlang A, no replications.
 * `--resume` continues a file; `--only-cell K` prints cell K's row (identical to the file's).
 * Exit codes: 0 done; 1 a cell or the scenario failed (finished cells stay on disk), 2 bad
 * usage (e.g. a bad --vary), 130 interrupted (Ctrl-C; finished cells on disk, --resume continues).
 */
import { existsSync } from 'node:fs';
import type { Argv, CommandModule } from 'yargs';
import { AbortedError } from '../../engine/parallel/index.js';
import { formatProblems, parsePath, parseScenarioText, resolvePath, validateScenarioData } from '../../scenarios/index.js';
import { InputError, UsageError } from '../errors.js';
import { numberFlag } from '../io/flags.js';
import { readWholeText } from '../parallel/text.js';
import { parseGrid } from '../parallel/grid.js';
import { cellCount, cellLabel } from '../../scenarios/lib/sweep/grid.js';
import { leverOf } from '../../scenarios/lib/sweep/levers.js';
import { applyLevers } from '../../scenarios/lib/levers.js';
import { createProgress } from '../parallel/progress.js';
import { columns, formatOf, headerOf } from '../parallel/results.js';
import { runOneCell, runSweep, type SweepModel } from '../parallel/sweep.js';
import type { SweepDefinition } from '../../scenarios/lib/sweep/cell.js';
import { withInterrupt, workersFlag, workersOption } from '../parallel/workers.js';

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

  // The base scenario once on this thread: its errors are one line before any worker starts.
  const text = readWholeText(file);
  const parsed = parseScenarioText(text);
  if ('problems' in parsed) throw new InputError(formatProblems(file, parsed.problems).split('\n').join('; '));
  const base = await validateScenarioData(structuredClone(parsed.data), sets);
  if (base.state === 'invalid') throw new InputError(formatProblems(file, base.problems).split('\n').join('; '));
  for (const a of axes) {
    if (a.kind === 'path') {
      // A path that names nothing fails every cell: say so once, as a bad --vary.
      let where: ReturnType<typeof resolvePath>;
      try {
        where = resolvePath(parsed.data, parsePath(a.name));
      } catch (err) {
        throw new UsageError(`--vary ${a.name}: ${(err as Error).message}`);
      }
      if ('error' in where) throw new UsageError(`--vary ${a.name}: names no value in ${file}: ${where.error}`);
      continue;
    }
    for (const v of a.values) {
      try {
        applyLevers(base.scenario, [leverOf(a.name, v)]);
      } catch (err) {
        throw new UsageError(`--vary ${a.name}: ${(err as Error).message}`);
      }
    }
  }
  if (axes.some((a) => a.kind === 'path')) {
    // Cell 0 on this thread: an unknown key in a path axis fails every cell; one line before any worker starts.
    const first = await validateScenarioData(structuredClone(parsed.data), [...sets, ...axes.filter((a) => a.kind === 'path').map((a) => `${a.name}=${a.values[0]}`)]);
    if (first.state === 'invalid') throw new InputError(`${cellLabel(axes, 0)}: ${formatProblems(file, first.problems).split('\n').join('; ')}`);
  }
  const sim = base.scenario.simulation ?? {};
  const replications = numberFlag(argv, 'replications', { min: 1, max: 10_000, integer: true }) ?? sim.replications ?? 8;
  const seed = single(argv, 'seed') ?? sim.seed ?? 1;
  const def: SweepDefinition = { file, raw: parsed.data, sets, axes, base: base.scenario };
  const common = { def, model, replications: model === 'analytic' ? 0 : replications, seed, warmupSeconds: sim.warmupSeconds ?? 0, format };

  if (onlyCell !== undefined) {
    const row = await runOneCell(common, onlyCell);
    process.stdout.write(format === 'csv' ? headerOf(format, axes) + row : row);
    return;
  }
  const out = outPath!;
  const resume = argv.resume === true;
  if (!resume && existsSync(out)) throw new InputError(`${out} exists; add --resume to continue it, or delete it to start over`);
  const workers = workersFlag(argv);
  const quiet = argv.quiet === true;
  const cells = cellCount(axes);
  try {
    const s = await withInterrupt((signal) =>
      runSweep({ ...common, workers, out, resume, signal, progress: (total, start) => createProgress({ total, start, unit: 'cells', quiet }) }));
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
