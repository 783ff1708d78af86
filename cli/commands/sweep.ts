/**
 * `ccsim sweep FILE --vary NAME=FROM:TO:STEP … --out results.csv`: a grid of what-ifs over a
 * scenario, on worker threads, streamed to disk, resumable, the same bytes for any `--workers`.
 *
 *   ccsim sweep scenarios/china-banking-2017.yaml --vary staff=-20%:0%:2% \
 *     --vary selfService=+0pt:+16pt:+2pt --replications 8 --workers 2 --out results.csv
 *
 * Axes: the levers of `ccsim whatif` — `selfService` (the share, or `pt` changes from the
 * file's share), `staff`, `volume`, `aht`, `patience` (relative changes, −0.08 or −8%) — or any
 * scenario path `--set` accepts. Cell K is row-major: the first `--vary` slowest (cli/io/vary.ts).
 * Every cell's replication r draws from the same random streams (common random numbers, docs/levers.md).
 * Rows: `cell`, the axis values, `replications`, every figure and its `…Ci95` half-width
 * (cli/io/results.ts). `--model analytic`: period-by-period kernels (M/M/N+G, Erlang A for exponential patience), no replications.
 * `--resume` continues a file of the same experiment (cli/io/sweepRecord.ts: the record
 * `OUT.sweep.json` holds its identity and whether it is complete; any changed option is
 * refused, naming it); `--only-cell K` prints cell K's row (identical to the file's; with `--csv`
 * rounded per unit, units in the header, for reading).
 * One writer per file: `OUT.lock` (cli/io/lock.ts) refuses a second sweep on the same --out.
 * The work of the unfinished cells is estimated first (--allow-large above the limits).
 * `--backend redis://HOST:PORT[/DB]`: the cells run as jobs on `ccsim worker` processes
 * (docs/cluster.md); the same rows, the same file, the same resume.
 * Exit codes: 0 done; 1 a cell or the scenario failed (finished cells stay on disk), or the
 * a --vary value is refused — by its lever (a share above 1, concurrency 0) or by the scenario (a
 * channel it does not have, shares above 100%) — before any cell runs, as `ccsim whatif` refuses
 * the same lever; 2 bad usage (a malformed --vary: no '=', a step of 0, an axis given twice); 130 interrupted (Ctrl-C; finished cells on disk, --resume continues).
 */
import { existsSync, statSync } from 'node:fs';
import type { Argv, CommandModule } from 'yargs';
import { AbortedError, TaskError } from '../../engine/parallel/index.js';
import { InputError, UsageError } from '../errors.js';
import { given, numberFlag, numericOption } from '../io/flags.js';
import { maxBytesOf, readScenarioForCommand, readWholeText, scenarioFileOf, setsOf, withScenarioOptions } from '../io/scenario.js';
import { parseGrid } from '../io/vary.js';
import { cellCount, cellValues } from '../../scenarios/studies/sweep/grid.js';
import { AxisError, AxisValueError, defineSweep, SweepScenarioError } from '../../scenarios/studies/sweep/define.js';
import { createProgress } from '../io/progress.js';
import { columns, formatOf, headerOf, readFinished, ResultsWriter, rewriteOrdered, rowsText, type ResultFormat } from '../io/results.js';
import { axisUnit, unitCsv } from '../format/index.js';
import type { Axis } from '../../scenarios/studies/sweep/grid.js';
import { lockOutput, type OutputLock } from '../io/lock.js';
import { allowLargeOption, enforceWork } from '../io/budget.js';
import { sweepWork } from '../../scenarios/studies/sweep/work.js';
import { checkResume, readRecord, recordPathOf, writeRecord } from '../io/sweepRecord.js';
import { sweepIdentity, type SweepIdentity } from '../../scenarios/studies/sweep/identity.js';
import { runOneCell, runSweep, sweepFigureNames, type CellResult, type SweepModel, type SweepSpec } from '../../scenarios/studies/sweep/run.js';
import { parseLever, type Lever } from '../../scenarios/plan/levers.js';
import { SHIFT_BASES, type ShiftBasis } from '../../scenarios/plan/channelLevers.js';
import type { SweepDefinition } from '../../scenarios/studies/sweep/cell.js';
import type { SweepBackend } from '../../scenarios/studies/sweep/backend.js';
import { withInterrupt, workersFlag, workersOption } from '../io/workers.js';
import { backendFlag, backendOption, reconnectFlag, reconnectOption } from '../io/cluster.js';
import { deprecatedHelp } from '../vocabulary.js';
import { SweepCollector, sweepReport } from '../../scenarios/index.js';
import { commandArgs, reportFlag, reportOption } from '../report/flag.js';
import { commandLine, reportDocument, sha256, writeReport } from '../report/write.js';

/** Finished rows read back from a results file (`readFinished`) as cells for the report: every figure column `names`, with its half-width. */
function parseRows(format: 'csv' | 'jsonl', axes: readonly { name: string }[], names: readonly string[], rows: ReadonlyMap<number, string>): { cell: number; figures: number[]; ci95: number[] }[] {
  const num = (v: unknown) => (v === '' || v === null || v === undefined ? NaN : Number(v));
  return [...rows].map(([cell, line]) => {
    if (format === 'jsonl') {
      const o = JSON.parse(line) as Record<string, unknown>;
      return { cell, figures: names.map((k) => num(o[k])), ci95: names.map((k) => num(o[`${k}Ci95`])) };
    }
    const parts = line.split(',');
    const first = 2 + axes.length; // cell, the axes, replications
    return { cell, figures: names.map((_, k) => num(parts[first + 2 * k])), ci95: names.map((_, k) => num(parts[first + 2 * k + 1])) };
  });
}

type Args = Record<string, unknown>;

/**
 * `--only-cell K --csv`: the cell's row for reading (the results file's columns, each with its
 * unit, values rounded per unit; the --out file and the plain --only-cell row keep full precision).
 */
function cellCsv(axes: readonly Axis[], names: readonly string[], r: CellResult): string {
  const row: Record<string, number | undefined> = { cell: r.cell, replications: r.replications };
  axes.forEach((a, i) => (row[a.name] = r.values[i]));
  names.forEach((k, i) => {
    row[k] = r.figures[i];
    row[`${k}Ci95`] = r.ci95?.[i];
  });
  const units = Object.fromEntries(axes.map((a) => [a.name, axisUnit(a.name, a.kind)]));
  return unitCsv(columns(axes, names), [row], units);
}

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
  const onlyCell = numberFlag(argv, 'only-cell', { min: 0, integer: true });
  const backendUrl = onlyCell === undefined ? backendFlag(argv) : undefined;
  if (backendUrl !== undefined && given(argv, 'workers')) {
    throw new UsageError('--workers sets the threads of this machine; with --backend the cells run on `ccsim worker` processes (give each --concurrency N)');
  }
  // Redis is reached while the scenario is read and checked (each may take seconds), so a
  // Redis that is down is one line within seconds; the results file is not touched before.
  const opening = backendUrl === undefined ? undefined : openBackend(backendUrl, reconnectFlag(argv), argv.quiet === true);
  opening?.catch(() => {}); // reported where it is awaited
  let backend: SweepBackend | undefined;
  try {
    const prepared = await prepare(argv, onlyCell);
    if (prepared === undefined) {
      void opening?.then((b) => b.close(), () => {});
      return;
    }
    backend = await opening;
    await sweep(argv, prepared, backend);
  } catch (err) {
    if (backend === undefined) void opening?.then((b) => b.close(), () => {});
    throw err;
  }
}

interface Prepared {
  common: SweepSpec & { format: ResultFormat };
  /** the scenario file */
  file: string;
  /** --out (absent when only --report is asked for) */
  out: string | undefined;
  /** --report */
  report: string | undefined;
  existing: ReturnType<typeof readFinished>;
  cells: number;
  identity: SweepIdentity;
  /** the --out file's lock, held until the sweep ends (released by `sweep`) */
  lock: OutputLock | undefined;
}

/**
 * Flags, the definition, the --out file's lock and its existing results, and the work of the
 * unfinished cells checked against the limits; undefined when `--only-cell` printed its row or
 * the --out file is already complete.
 */
async function prepare(argv: Args, onlyCell: number | undefined): Promise<Prepared | undefined> {
  const file = scenarioFileOf(argv);
  let axes = parseGrid(list(argv.vary), (w) => process.stderr.write(`${w}\n`));
  const sets = setsOf(argv);
  const model = (single(argv, 'model') ?? 'simulation') as SweepModel;
  const outPath = single(argv, 'out');
  const report = reportFlag(argv);
  if (onlyCell === undefined && outPath === undefined && report === undefined) throw new UsageError('--out FILE (.csv or .jsonl) or --report FILE.html is required, or give --only-cell K to print one cell');
  if (onlyCell !== undefined && report !== undefined) throw new UsageError('--report draws a whole sweep; --only-cell prints one row');
  if (argv.csv === true && onlyCell === undefined) throw new UsageError('--csv prints the row of --only-cell K (rounded, units in the header); the --out file keeps full precision');
  if (argv.resume === true && outPath === undefined) throw new UsageError('--resume continues an --out file: give --out');
  const format = formatOf(outPath ?? (argv.json ? 'x.jsonl' : 'x.csv'));

  const shiftBasis = single(argv, 'shift-basis') as ShiftBasis | undefined;
  const conversion = single(argv, 'shift-conversion');
  let levers: Lever[] = [];
  try {
    if (conversion !== undefined) levers = [parseLever('shiftConversion', conversion)];
  } catch (err) {
    throw new InputError((err as Error).message);
  }
  // The definition once on this thread: its problems are one line before any worker starts.
  let def: SweepDefinition;
  try {
    def = await defineSweep(file, readScenarioForCommand(file, argv), sets, axes, { maxBytes: maxBytesOf(argv), ...(shiftBasis !== undefined ? { shiftBasis } : {}), levers });
  } catch (err) {
    if (err instanceof AxisValueError) throw new InputError(err.message);
    if (err instanceof AxisError) throw new UsageError(err.message);
    if (err instanceof SweepScenarioError) throw new InputError(err.message);
    throw err;
  }
  axes = def.axes; // a selfService axis in points now holds shares
  const sim = def.base?.simulation ?? {};
  const replications = numberFlag(argv, 'replications', { min: 1, max: 10_000, integer: true }) ?? sim.replications ?? 8;
  // As text, however given: 3 and '3' seed the same streams, and so give one identity.
  const seed = String(single(argv, 'seed') ?? sim.seed ?? 1);
  const common = { def, model, replications: model === 'analytic' ? 0 : replications, seed, warmupSeconds: sim.warmupSeconds ?? 0, format };
  const names = sweepFigureNames(def);

  if (onlyCell !== undefined) {
    const result = await runOneCell(common, onlyCell);
    if (argv.csv === true) {
      process.stdout.write(cellCsv(axes, names, result));
      return undefined;
    }
    const row = rowsText(format, axes, names, [result]);
    process.stdout.write(format === 'csv' ? headerOf(format, axes, names) + row : row);
    return undefined;
  }
  const out = outPath;
  const resume = argv.resume === true;
  const cells = cellCount(axes);
  const identity = sweepIdentity(common);
  const lock = out === undefined ? undefined : lockOutput(out, '--out'); // one writer: a second sweep on this file is refused here
  try {
    if (out !== undefined && !resume && existsSync(out)) throw new InputError(`${out} exists; add --resume to continue it, or delete it to start over`);
    if (out !== undefined && resume && existsSync(out) && checkResume(out, readRecord(out), identity) === 'complete' && report === undefined) {
      if (argv.quiet !== true) process.stderr.write(`sweep: ${out} is already complete (${cells} cells, its record ${recordPathOf(out)} says so); nothing to do\n`);
      lock?.release();
      return undefined;
    }
    const existing = resume && out !== undefined ? readFinished(out, format, axes, names, (c) => cellValues(axes, c), cells) : { rows: new Map<number, string>(), ordered: true };
    // Before anything runs or is written: the unfinished cells' work against the limits (per
    // machine: with --backend each worker process runs one cell at a time per --concurrency).
    const machineWorkers = argv.backend === undefined ? workersFlag(argv) : 1;
    enforceWork(await sweepWork(common, cells - existing.rows.size, machineWorkers), argv, 'sweep');
    return { common, file, out, report, existing, cells, identity, lock };
  } catch (err) {
    lock?.release();
    throw err;
  }
}

/** Runs the sweep into its file and/or its report (runSweep closes the backend), keeping the file's record; releases the lock. */
async function sweep(argv: Args, prepared: Prepared, backend: SweepBackend | undefined): Promise<void> {
  try {
    await sweepLocked(argv, prepared, backend);
  } finally {
    prepared.lock?.release();
  }
}

async function sweepLocked(argv: Args, { common, file, out, report, existing, cells, identity }: Prepared, backend: SweepBackend | undefined): Promise<void> {
  const { format, model } = common;
  const axes = common.def.axes;
  const workers = workersFlag(argv);
  const quiet = argv.quiet === true;
  const names = sweepFigureNames(common.def);
  let writer: ResultsWriter | undefined;
  try {
    if (out !== undefined) {
      writeRecord(out, identity, cells, format, 'running');
      writer = new ResultsWriter(out, headerOf(format, axes, names), !existsSync(out) || statSync(out).size === 0);
    }
  } catch (err) {
    await backend?.close();
    throw err;
  }
  // --report: every cell's figures in memory (resumed ones read back from the file)
  const collected = report === undefined ? undefined : new SweepCollector(axes, names);
  if (collected) collected.add(parseRows(format, axes, names, existing.rows));
  let ordered = existing.ordered;
  let lastWritten = existing.rows.size > 0 ? Math.max(...existing.rows.keys()) : -1;
  // Cells of this grid on disk: those the file held (read and checked above) and those written since.
  let onDisk = existing.rows.size;
  const onCells = (results: readonly CellResult[]) => {
    if (results[0]!.cell < lastWritten) ordered = false;
    lastWritten = Math.max(lastWritten, results[results.length - 1]!.cell);
    writer?.append(rowsText(format, axes, names, results));
    collected?.add(results);
    onDisk += results.length;
  };
  try {
    const s = await withInterrupt((signal) =>
      runSweep({ ...common, workers, ...(backend ? { backend } : {}), finished: new Set(existing.rows.keys()), onCells, signal, progress: (total, start) => createProgress({ total, start, unit: 'cells', quiet }) })
        .finally(() => writer?.close()));
    if (!ordered && out !== undefined) {
      // A resumed sweep that appended cells below ones already written: put rows in cell order.
      rewriteOrdered(out, headerOf(format, axes, names), readFinished(out, format, axes, names, (c) => cellValues(axes, c), cells).rows);
    }
    if (out !== undefined) writeRecord(out, identity, cells, format, 'complete');
    if (!quiet) {
      const rate = s.computed / s.seconds;
      const per = backend ? 1 : workers;
      const extra = model === 'analytic'
        ? `, ${(s.evaluations / s.seconds / per / 1e6).toFixed(2)} M intervals/s (${(s.kernelEvaluations / s.seconds / per / 1e6).toFixed(2)} M kernel results/s, memo hits included)${backend ? '' : ' per worker'}`
        : '';
      process.stderr.write(`sweep: ${s.cells} cells${out !== undefined ? ` in ${out}` : ''} (${s.computed} computed, ${s.resumed} resumed) in ${s.seconds.toFixed(1)} s, ${rate.toFixed(1)} cells/s ${s.where}${extra}\n`);
    }
    if (report !== undefined && collected) {
      const { def, seed, replications } = common;
      const body = sweepReport({ ...(def.base ? { scenario: def.base } : {}), scenarioName: def.base?.name ?? file, axes, model, replications, collected });
      const doc = reportDocument(body, { scenario: { name: def.base?.name ?? file, file, sha256: sha256(readWholeText(file)) }, command: commandLine(commandArgs()), ...(model === 'simulation' ? { seed, replications } : {}) }, def.base?.channels[0]?.targetSeconds);
      const bytes = writeReport(report, doc);
      if (!quiet) process.stderr.write(`sweep: report ${report} (${(bytes / 1024).toFixed(0)} KB)\n`);
    }
  } catch (err) {
    const interrupted = err instanceof AbortedError;
    // A cell that failed fails again with the same inputs, and --resume refuses other inputs: no
    // resume hint. An interrupt, a worker that died, a Redis that went away: worth a try.
    const resumable = !(err instanceof TaskError);
    let where: string;
    if (out === undefined) {
      where = `${onDisk} of ${cells} cells were computed; no --out file keeps them`;
    } else {
      writeRecord(out, identity, cells, format, interrupted ? 'interrupted' : 'failed');
      where = `${onDisk} of ${cells} cells are in ${out} (incomplete: ${recordPathOf(out)} says ${interrupted ? 'interrupted' : 'failed'})${resumable ? '; --resume continues' : ''}`;
    }
    if (interrupted) {
      process.stderr.write(`ccsim: interrupted; ${where}\n`);
      process.exitCode = 130;
      return;
    }
    throw new InputError(`${(err as Error).message}; ${where}`);
  }
}

/** The Redis backend, loaded only when asked for (BullMQ is not needed by local sweeps). */
async function openBackend(url: string, reconnectSeconds: number, quiet: boolean): Promise<SweepBackend> {
  const { openRedisBackend } = await import('../../scenarios/studies/sweep/backends/redis.js');
  const { ClusterError } = await import('../../scenarios/studies/sweep/cluster/connection.js');
  try {
    return await openRedisBackend({ url, reconnectSeconds, ...(quiet ? {} : { notice: (line: string) => void process.stderr.write(`sweep: ${line}\n`) }) });
  } catch (err) {
    throw err instanceof ClusterError ? new InputError(err.message) : err;
  }
}

export const sweepCommand: CommandModule<object, Args> = {
  command: 'sweep [file]',
  describe: 'a grid of what-ifs (levers or scenario paths) on worker threads, streamed to a resumable CSV / JSON-lines file',
  builder: (y) =>
    withScenarioOptions(y as Argv<Args>, 'path=value override applied to every cell; repeatable')
      .option('vary', {
        type: 'string', array: true, requiresArg: true,
        describe: 'an axis, repeatable: NAME=FROM:TO:STEP or NAME=v1,v2,…; NAME: staff, volume, aht, patience (changes: -8% or -0.08), ' +
          'selfService (the share: 0.75 or 75%, or changes from the file\'s share: +6pt), shift.FROM:TO (the share of FROM\'s demand moved: shift.voice:wechat=0%:30%:5%), ' +
          'shiftConversion, concurrency.CHANNEL (sessions per agent), deadline.CHANNEL (seconds, or 1h:8h:1h), retrial or retrial.CHANNEL (the redial share), ' +
          'or a scenario path (groups[voice-agents].shrinkage)',
      })
      .option('shift-basis', {
        type: 'string', choices: [...SHIFT_BASES], describe: 'what shift.FROM:TO axes move: arrivals (default: a share of FROM\'s arrivals, before self-service) or agent (a share of its agent-directed contacts)',
      })
      .option('shift-conversion', { type: 'string', requiresArg: true, describe: 'contacts on the receiving channel per contact a shift moves (default 1: demand conserved), e.g. 1.2' })
      .option('model', { type: 'string', choices: ['simulation', 'analytic'], describe: 'simulation (default, with CIs) or analytic (the kernels per interval: M/M/N+G for the patience, Erlang A when exponential, chat kernels; "–" where a channel has none)' })
      .option('replications', numericOption('replications per cell (default: the scenario\'s, else 8)'))
      .option('seed', { type: 'string', requiresArg: true, describe: 'master seed (default: the scenario\'s, else 1)' })
      .option('workers', workersOption)
      .option('backend', backendOption)
      .option('reconnect-seconds', reconnectOption)
      .option('out', { type: 'string', requiresArg: true, describe: 'results file: .csv or .jsonl' })
      .option('report', reportOption)
      .option('resume', { type: 'boolean', describe: 'continue an interrupted sweep: skip the cells already in --out' })
      .option('only-cell', numericOption('compute cell K alone (0-based, the first --vary slowest) and print its row'))
      .option('json', { type: 'boolean', describe: 'with --only-cell: print a JSON line instead of CSV' })
      .option('csv', { type: 'boolean', describe: 'with --only-cell: the row with units in the header, rounded per unit (the plain row and --out keep full precision)' })
      .conflicts('json', 'csv')
      .option('quiet', { type: 'boolean', describe: 'no progress bar, no summary line' })
      .option('allow-large', allowLargeOption)
      .example('$0 sweep scenarios/china-banking-2017.yaml --vary staff=-20%:0%:2% --vary selfService=+0pt:+16pt:+2pt --replications 8 --out results.csv', '99 cells × 8 replications, from the baseline')
      .example('$0 sweep scenarios/china-banking-2017.yaml --vary staff=-20%:0%:1% --replications 8 --backend redis://10.0.0.5:6379/0 --out results.csv', 'cells on `ccsim worker` processes (docs/cluster.md)')
      .example('$0 sweep scenarios/china-banking-2017.yaml --model analytic --vary staff=-30%:0%:0.1% --vary aht=-20%:20%:0.5% --out grid.jsonl', 'kernel-only sweep')
      .epilog('Columns: cell, one per axis, replications, then every figure and its 95% half-width (answerRate, answerRateCi95, …; docs/figures.md). ' +
        'Cells share random numbers: replication r of every cell uses the same streams (docs/levers.md). ' +
        'The record OUT.sweep.json says whether OUT is complete; --resume continues only the same experiment; OUT.lock keeps a second writer out.\n' + deprecatedHelp('sweep', ['--vary self-service=… → --vary selfService=…'])),
  handler: (argv) => handler(argv as Args),
};
