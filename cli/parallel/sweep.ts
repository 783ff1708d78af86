/**
 * The sweep driver behind `ccsim sweep`: the grid's unfinished cells become tasks for the
 * worker pool, finished cells become rows appended to the results file in cell order.
 *
 * Tasks. `--model simulation` (default): one task per (cell, replication), in cell-major
 * order; a cell's row is written when its last replication is merged (figures = means over
 * replications of the period figures, CI = Student-t 95% half-widths, as `simulatePlan`).
 * `--model analytic`: blocks of consecutive cells per task (the figures come back as one
 * transferred Float64Array per block); no CIs.
 *
 * Determinism. Cell K's replication r uses task = K × runs + run index, replication = r: the
 * numbers depend on the seed, the grid and K only — not on the worker count, the order in
 * which cells finish, `--resume` or `--only-cell`.
 */
import { FIGURE_KEYS, type Tally } from '../../engine/stats/figures.js';
import { figuresOf } from '../../engine/stats/figures.js';
import { summarizeFigures } from '../../engine/stats/summarizeFigures.js';
import { openInlinePool, openPool, siblingUrl, type Task } from '../../engine/parallel/index.js';
import { cellCount, cellLabel, cellValues } from '../../scenarios/lib/sweep/grid.js';
import { formatRow, headerOf, readFinished, ResultsWriter, rewriteOrdered, type ResultFormat } from './results.js';
import type { SweepDefinition } from '../../scenarios/lib/sweep/cell.js';
import { sweepAnalytic, sweepSim, type SweepAnalyticInput, type SweepAnalyticOutput, type SweepSimInput, type SweepSimOutput } from '../../scenarios/lib/sweep/tasks.js';
import type { Progress } from './progress.js';
import { existsSync, statSync } from 'node:fs';

export type SweepModel = 'simulation' | 'analytic';

export interface SweepOptions {
  def: SweepDefinition;
  model: SweepModel;
  replications: number;
  seed: string | number;
  warmupSeconds: number;
  workers: number;
  out: string;
  format: ResultFormat;
  resume: boolean;
  signal?: AbortSignal;
  /** makes the progress display; called once the number of cells to run is known */
  progress?: (total: number, alreadyDone: number) => Progress;
  /** cells per analytic task (default: chosen from the grid size and the worker count) */
  analyticBlock?: number;
  /** handler modules for the workers (default: scenarios/lib/sweep/tasks); tests substitute failing handlers */
  modules?: (URL | string)[];
}

export interface SweepSummary {
  cells: number;
  /** cells already in the file when the run started (`--resume`) */
  resumed: number;
  /** cells computed by this run */
  computed: number;
  /** intervals evaluated (analytic model: runs × intervals per cell) */
  evaluations: number;
  /** Erlang A/C evaluations made (analytic model: two per interval with fractional agents) */
  kernelEvaluations: number;
  /** calls generated (simulation model) */
  arrivals: number;
  seconds: number;
}

/** Row of one cell from its replications' period tallies. */
function simRow(o: SweepOptions, cell: number, totals: Tally[]): string {
  const s = summarizeFigures(totals.map(figuresOf));
  const fig = FIGURE_KEYS.map((k) => s.figures[k]);
  const ci = FIGURE_KEYS.map((k) => s.ci95[k]);
  return formatRow(o.format, o.def.axes, cell, cellValues(o.def.axes, cell), totals.length, fig, ci);
}

function analyticRow(o: SweepOptions, cell: number, figures: Float64Array, offset: number): string {
  return formatRow(o.format, o.def.axes, cell, cellValues(o.def.axes, cell), 0, figures.subarray(offset, offset + FIGURE_KEYS.length), undefined);
}

/**
 * Runs (or resumes) a sweep, writing rows to `o.out`.
 * @throws {TaskError} a cell failed (its label names the cell and its values); rows of finished cells are on disk
 * @throws {WorkerCrashError | AbortedError} likewise
 */
export async function runSweep(o: SweepOptions): Promise<SweepSummary> {
  const started = performance.now();
  const axes = o.def.axes;
  const cells = cellCount(axes);
  const header = headerOf(o.format, axes);
  const existing = o.resume
    ? readFinished(o.out, o.format, axes, (c) => cellValues(axes, c), cells)
    : { rows: new Map<number, string>(), ordered: true };
  const fresh = !existsSync(o.out) || statSync(o.out).size === 0;
  const writer = new ResultsWriter(o.out, header, fresh);
  let lastWritten = existing.rows.size > 0 ? Math.max(...existing.rows.keys()) : -1;
  let ordered = existing.ordered;
  const todo = cells - existing.rows.size;
  const progress = o.progress?.(cells, existing.rows.size);
  let done = existing.rows.size;
  let computed = 0;
  let evaluations = 0;
  let kernelEvaluations = 0;
  let arrivals = 0;

  const write = (cell: number, row: string) => {
    if (cell < lastWritten) ordered = false;
    lastWritten = Math.max(lastWritten, cell);
    writer.append(row);
    computed++;
    progress?.update(++done);
  };
  function* unfinished(): Generator<number> {
    for (let c = 0; c < cells; c++) if (!existing.rows.has(c)) yield c;
  }

  const modules = o.modules ?? [siblingUrl(import.meta.url, '../../scenarios/lib/sweep/tasks')];
  // One worker: the main thread runs the cells itself (as `simulate --workers 1` does), without a
  // thread to start and warm up; the same handlers, so the same bytes as with any number of workers.
  const pool = todo === 0 ? undefined : o.workers <= 1 ? await openInlinePool({ modules }) : await openPool({ workers: o.workers, modules });
  try {
    if (pool && o.model === 'simulation') {
      const R = o.replications;
      function* tasks(): Generator<Task<SweepSimInput>> {
        for (const cell of unfinished()) {
          const label = cellLabel(axes, cell);
          for (let r = 0; r < R; r++) {
            yield {
              kind: 'sweep-sim',
              input: { def: o.def, cell, replication: r, seed: o.seed, warmupSeconds: o.warmupSeconds },
              label: R > 1 ? `${label}, replication ${r}` : label,
            };
          }
        }
      }
      let current = -1;
      let totals: Tally[] = [];
      await pool.run<SweepSimOutput>(tasks(), {
        maxAhead: Math.max(64, 4 * o.workers * R),
        ...(o.signal ? { signal: o.signal } : {}),
        onResult: (_, result, task) => {
          const { cell, replication } = task.input as SweepSimInput;
          if (cell !== current || replication !== totals.length) {
            // A new cell (a cell missing a replication after a failure is dropped, not written).
            current = cell;
            totals = [];
            if (replication !== 0) return;
          }
          totals.push(result.total);
          arrivals += result.arrivals;
          if (totals.length === R) write(cell, simRow(o, cell, totals));
        },
      });
    } else if (pool) {
      const block = o.analyticBlock ?? Math.max(1, Math.min(512, Math.floor(todo / (o.workers * 32))));
      function* tasks(): Generator<Task<SweepAnalyticInput>> {
        let first = -1;
        let count = 0;
        for (const cell of unfinished()) {
          if (count > 0 && (cell !== first + count || count === block)) {
            yield { kind: 'sweep-analytic', input: { def: o.def, first, count }, label: count === 1 ? cellLabel(axes, first) : `cells ${first}–${first + count - 1}` };
            count = 0;
          }
          if (count === 0) first = cell;
          count++;
        }
        if (count > 0) yield { kind: 'sweep-analytic', input: { def: o.def, first, count }, label: count === 1 ? cellLabel(axes, first) : `cells ${first}–${first + count - 1}` };
      }
      const width = FIGURE_KEYS.length;
      await pool.run<SweepAnalyticOutput>(tasks(), {
        maxAhead: 8 * o.workers,
        ...(o.signal ? { signal: o.signal } : {}),
        onResult: (_, result, task) => {
          const { first, count } = task.input as SweepAnalyticInput;
          evaluations += result.evaluations;
          kernelEvaluations += result.kernelEvaluations;
          let text = '';
          for (let c = 0; c < count; c++) text += analyticRow(o, first + c, result.figures, c * width);
          if (first < lastWritten) ordered = false;
          lastWritten = Math.max(lastWritten, first + count - 1);
          writer.append(text);
          computed += count;
          done += count;
          progress?.update(done);
        },
      });
    }
  } finally {
    progress?.stop();
    writer.close();
    await pool?.close();
  }
  if (!ordered) {
    // A resumed sweep that appended cells below ones already written: put rows in cell order.
    const all = readFinished(o.out, o.format, axes, (c) => cellValues(axes, c), cells);
    rewriteOrdered(o.out, header, all.rows);
  }
  return { cells, resumed: existing.rows.size, computed, evaluations, kernelEvaluations, arrivals, seconds: (performance.now() - started) / 1000 };
}

/** One cell computed on the calling thread, as its row (`--only-cell K`): the same bytes as in a sweep's file. */
export async function runOneCell(o: Omit<SweepOptions, 'workers' | 'out' | 'resume'>, cell: number): Promise<string> {
  const cells = cellCount(o.def.axes);
  if (!(Number.isInteger(cell) && cell >= 0 && cell < cells)) {
    throw new RangeError(`--only-cell must be a whole number in [0, ${cells - 1}] (the grid has ${cells} cells), got ${cell}`);
  }
  if (o.model === 'analytic') {
    const r = await sweepAnalytic({ def: o.def, first: cell, count: 1 });
    return analyticRow(o as SweepOptions, cell, r.figures, 0);
  }
  const totals: Tally[] = [];
  for (let r = 0; r < o.replications; r++) {
    totals.push((await sweepSim({ def: o.def, cell, replication: r, seed: o.seed, warmupSeconds: o.warmupSeconds })).total);
  }
  return simRow(o as SweepOptions, cell, totals);
}
