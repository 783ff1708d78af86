/**
 * The sweep driver: the grid's unfinished cells become tasks for a runner (the local worker
 * pool by default), and finished cells are handed to the caller in cell order, each with its
 * figures and 95% half-widths. Where results are kept (a file, a store) is the caller's: the
 * CLI appends them to a CSV / JSON-lines file and resumes from it.
 *
 * Tasks. `model: 'simulation'`: one task per (cell, replication), in cell-major order; a
 * cell's result is delivered when its last replication is merged (figures = means over
 * replications of the period figures, CI = Student-t 95% half-widths, as `simulatePlan`).
 * `model: 'analytic'`: blocks of consecutive cells per task (the figures come back as one
 * transferred Float64Array per block); no CIs.
 *
 * Determinism and common random numbers. Replication r of run i (centre class × day type)
 * uses task = i, replication = r in every cell: cells share their random streams, so the
 * differences between cells are the levers' effects, not sampling noise (arrivals are
 * identical; handle and patience draws follow the order in which contacts reach service and
 * the queue, so they stay aligned as far as the cells' queues agree). A cell's numbers depend
 * on the seed, the grid and K only — not on the worker count, the runner, the order in which
 * cells finish, or which cells were already finished (resume).
 */
import { FIGURE_KEYS, figuresOf, type Tally } from '../../../engine/stats/figures.js';
import { summarizeFigures } from '../../../engine/stats/summarizeFigures.js';
import { openInlinePool, openPool, siblingUrl, type WorkerPool, type Task } from '../../../engine/parallel/index.js';
import type { ProgressSink } from '../progress.js';
import { cellCount, cellLabel, cellValues } from './grid.js';
import type { SweepDefinition } from './cell.js';
import { sweepAnalytic, sweepSim, type SweepAnalyticInput, type SweepAnalyticOutput, type SweepSimInput, type SweepSimOutput } from './tasks.js';

export type SweepModel = 'simulation' | 'analytic';

/** What runs a sweep's tasks: the local pool, or another backend with the same contract. */
export type SweepRunner = Pick<WorkerPool, 'run' | 'close'>;

/** The handler modules a sweep's tasks need (`sweep-sim`, `sweep-analytic`). */
export const SWEEP_TASK_MODULES: readonly URL[] = [siblingUrl(import.meta.url, './tasks')];

/** One finished cell. */
export interface CellResult {
  cell: number;
  /** the cell's axis values, in axis order */
  values: readonly number[];
  /** replications behind the figures (0 for the analytic model) */
  replications: number;
  /** figures in FIGURE_KEYS order */
  figures: ArrayLike<number>;
  /** 95% half-widths in FIGURE_KEYS order; undefined for the analytic model */
  ci95: ArrayLike<number> | undefined;
}

/** What decides a sweep's numbers. */
export interface SweepSpec {
  def: SweepDefinition;
  model: SweepModel;
  /** replications per cell (simulation) */
  replications: number;
  seed: string | number;
  warmupSeconds: number;
}

export interface SweepOptions extends SweepSpec {
  /** worker threads of the local pool; 1 runs the cells on the calling thread */
  workers: number;
  /** cells already finished (resume): not run again */
  finished?: ReadonlySet<number>;
  /**
   * Receives finished cells, a batch at a time (one cell for the simulation model, a block for
   * the analytic one). Batches come in task order; after resuming, a batch may hold cells
   * below ones finished earlier.
   */
  onCells: (cells: readonly CellResult[]) => void;
  signal?: AbortSignal;
  /** makes the progress display (unit: cells); called once the number of cells is known */
  progress?: (total: number, alreadyDone: number) => ProgressSink;
  /** cells per analytic task (default: chosen from the grid size and the worker count) */
  analyticBlock?: number;
  /** handler modules for the workers (default SWEEP_TASK_MODULES); tests substitute failing handlers */
  modules?: readonly (URL | string)[];
  /** opens the runner (default: the local pool of `workers` threads, or the calling thread for 1) */
  openRunner?: (modules: readonly (URL | string)[]) => Promise<SweepRunner>;
}

export interface SweepSummary {
  cells: number;
  /** cells finished before this run (resume) */
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

/** A cell's result from its replications' period tallies. */
function simResult(o: SweepSpec, cell: number, totals: readonly Tally[]): CellResult {
  const s = summarizeFigures(totals.map(figuresOf));
  return {
    cell,
    values: cellValues(o.def.axes, cell),
    replications: totals.length,
    figures: FIGURE_KEYS.map((k) => s.figures[k]),
    ci95: FIGURE_KEYS.map((k) => s.ci95[k]),
  };
}

function analyticResult(o: SweepSpec, cell: number, figures: Float64Array, offset: number): CellResult {
  return { cell, values: cellValues(o.def.axes, cell), replications: 0, figures: figures.subarray(offset, offset + FIGURE_KEYS.length), ci95: undefined };
}

function defaultRunner(workers: number): (modules: readonly (URL | string)[]) => Promise<SweepRunner> {
  // One worker: the calling thread runs the cells itself (as `simulate --workers 1` does), without
  // a thread to start and warm up; the same handlers, so the same bytes as with any number of workers.
  return (modules) => (workers <= 1 ? openInlinePool({ modules: [...modules] }) : openPool({ workers, modules: [...modules] }));
}

/**
 * Runs the unfinished cells of a sweep.
 * @throws {TaskError} a cell failed (its label names the cell and its values); cells delivered before stay delivered
 * @throws {WorkerCrashError | AbortedError} likewise
 */
export async function runSweep(o: SweepOptions): Promise<SweepSummary> {
  const started = performance.now();
  const axes = o.def.axes;
  const cells = cellCount(axes);
  const finished = o.finished ?? new Set<number>();
  const resumed = [...finished].filter((c) => c >= 0 && c < cells).length;
  const todo = cells - resumed;
  const progress = o.progress?.(cells, resumed);
  let done = resumed;
  let computed = 0;
  let evaluations = 0;
  let kernelEvaluations = 0;
  let arrivals = 0;
  const deliver = (batch: CellResult[]) => {
    o.onCells(batch);
    computed += batch.length;
    done += batch.length;
    progress?.update(done);
  };
  function* unfinished(): Generator<number> {
    for (let c = 0; c < cells; c++) if (!finished.has(c)) yield c;
  }

  const runner = todo === 0 ? undefined : await (o.openRunner ?? defaultRunner(o.workers))(o.modules ?? SWEEP_TASK_MODULES);
  try {
    if (runner && o.model === 'simulation') {
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
      await runner.run<SweepSimOutput>(tasks(), {
        maxAhead: Math.max(64, 4 * o.workers * R),
        ...(o.signal ? { signal: o.signal } : {}),
        onResult: (_, result, task) => {
          const { cell, replication } = task.input as SweepSimInput;
          if (cell !== current || replication !== totals.length) {
            // A new cell (a cell missing a replication after a failure is dropped, not delivered).
            current = cell;
            totals = [];
            if (replication !== 0) return;
          }
          totals.push(result.total);
          arrivals += result.arrivals;
          if (totals.length === R) deliver([simResult(o, cell, totals)]);
        },
      });
    } else if (runner) {
      const block = o.analyticBlock ?? Math.max(1, Math.min(512, Math.floor(todo / (o.workers * 32))));
      const task = (first: number, count: number): Task<SweepAnalyticInput> =>
        ({ kind: 'sweep-analytic', input: { def: o.def, first, count }, label: count === 1 ? cellLabel(axes, first) : `cells ${first}–${first + count - 1}` });
      function* tasks(): Generator<Task<SweepAnalyticInput>> {
        let first = -1;
        let count = 0;
        for (const cell of unfinished()) {
          if (count > 0 && (cell !== first + count || count === block)) {
            yield task(first, count);
            count = 0;
          }
          if (count === 0) first = cell;
          count++;
        }
        if (count > 0) yield task(first, count);
      }
      const width = FIGURE_KEYS.length;
      await runner.run<SweepAnalyticOutput>(tasks(), {
        maxAhead: 8 * o.workers,
        ...(o.signal ? { signal: o.signal } : {}),
        onResult: (_, result, t) => {
          const { first, count } = t.input as SweepAnalyticInput;
          evaluations += result.evaluations;
          kernelEvaluations += result.kernelEvaluations;
          const batch: CellResult[] = [];
          for (let c = 0; c < count; c++) batch.push(analyticResult(o, first + c, result.figures, c * width));
          deliver(batch);
        },
      });
    }
  } finally {
    progress?.stop();
    await runner?.close();
  }
  return { cells, resumed, computed, evaluations, kernelEvaluations, arrivals, seconds: (performance.now() - started) / 1000 };
}

/** One cell computed on the calling thread (`--only-cell K`): the same numbers as in a sweep. */
export async function runOneCell(o: SweepSpec, cell: number): Promise<CellResult> {
  const cells = cellCount(o.def.axes);
  if (!(Number.isInteger(cell) && cell >= 0 && cell < cells)) {
    throw new RangeError(`--only-cell must be a whole number in [0, ${cells - 1}] (the grid has ${cells} cells), got ${cell}`);
  }
  if (o.model === 'analytic') {
    const r = await sweepAnalytic({ def: o.def, first: cell, count: 1 });
    return analyticResult(o, cell, r.figures, 0);
  }
  const totals: Tally[] = [];
  for (let r = 0; r < o.replications; r++) {
    totals.push((await sweepSim({ def: o.def, cell, replication: r, seed: o.seed, warmupSeconds: o.warmupSeconds })).total);
  }
  return simResult(o, cell, totals);
}
