/**
 * The sweep driver: the grid's unfinished cells, cut into blocks, go to a backend (the local
 * worker pool by default, or a Redis queue served by `ccsim worker` processes), and finished
 * cells are handed to the caller in cell order, each with its figures and 95% half-widths.
 * Where results are kept (a file, a store) is the caller's: the CLI appends them to a CSV /
 * JSON-lines file and resumes from it. One code path whatever the backend (backend.ts).
 *
 * Cells. `model: 'simulation'`: a cell's figures are means over its replications of the
 * period figures, CI = Student-t 95% half-widths (as `simulatePlan`). `model: 'analytic'`:
 * the period-by-period kernels (M/M/N+G for the channels' patience, Erlang A when exponential, chat kernels); no CIs. The figures are the sweep's columns (columns.ts): all
 * channels, then per channel and per group when the scenario has several.
 *
 * Determinism and common random numbers. Replication r of run i (centre class × day type)
 * uses task = i, replication = r in every cell: cells share their random streams, so the
 * differences between cells are the levers' effects, not sampling noise (arrivals are
 * identical; handle and patience draws follow the order in which contacts reach service and
 * the queue, so they stay aligned as far as the cells' queues agree). A cell's numbers depend
 * on the seed, the grid and K only — not on the backend, the worker count, the order in which
 * cells finish, or which cells were already finished (resume).
 */
import { cellCount } from './grid.js';
import { cutBlocks, SWEEP_TASK_MODULES, type SweepBackend } from './backend.js';
import { localBackend, type LocalBackendOptions, type SweepRunner } from './backends/local.js';
import { NO_WORK, sweepFigureNames, type CellResult } from './cellResult.js';
import type { SweepModel, SweepSpec } from './spec.js';
import { sweepCells } from './tasks.js';
import type { ProgressSink } from '../progress.js';

export { SWEEP_TASK_MODULES, sweepFigureNames };
export type { CellResult, SweepModel, SweepRunner, SweepSpec };

export interface SweepOptions extends SweepSpec, Partial<Omit<LocalBackendOptions, 'workers'>> {
  /** worker threads of the local backend (default 1: the calling thread); ignored with `backend` */
  workers?: number;
  /** what computes the cells (default: `localBackend` with `workers`); the sweep closes it when done */
  backend?: SweepBackend;
  /** cells already finished (resume): not run again */
  finished?: ReadonlySet<number>;
  /**
   * Receives finished cells, a batch at a time (one cell, or a block of cells). Batches come
   * in increasing cell order; after resuming, a batch may hold cells below ones finished earlier.
   */
  onCells: (cells: readonly CellResult[]) => void;
  signal?: AbortSignal;
  /** makes the progress display (unit: cells); called once the number of cells is known */
  progress?: (total: number, alreadyDone: number) => ProgressSink;
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
  /** where the cells ran (the backend's `where`) */
  where: string;
}

/**
 * Runs the unfinished cells of a sweep.
 * @throws {TaskError} a cell failed (its label names the cell and its values); cells delivered before stay delivered
 * @throws {WorkerCrashError | AbortedError | ClusterError} likewise
 */
export async function runSweep(o: SweepOptions): Promise<SweepSummary> {
  const started = performance.now();
  const cells = cellCount(o.def.axes);
  const finished = o.finished ?? new Set<number>();
  const resumed = [...finished].filter((c) => c >= 0 && c < cells).length;
  const todo = cells - resumed;
  const backend = o.backend ?? localBackend({
    workers: o.workers ?? 1,
    ...(o.analyticBlock !== undefined ? { analyticBlock: o.analyticBlock } : {}),
    ...(o.modules ? { modules: o.modules } : {}),
    ...(o.openRunner ? { openRunner: o.openRunner } : {}),
  });
  const spec: SweepSpec = { def: o.def, model: o.model, replications: o.replications, seed: o.seed, warmupSeconds: o.warmupSeconds };
  const work = { ...NO_WORK };
  let computed = 0;
  let last = -1;
  const progress = o.progress?.(cells, resumed);
  try {
    if (todo > 0) {
      const size = await backend.blockSize(spec, todo);
      await backend.run(spec, cutBlocks(cells, finished, size), {
        ...(o.signal ? { signal: o.signal } : {}),
        onBlock: ({ cells: batch, work: w }) => {
          if (batch.length === 0) return;
          if (!(batch[0]!.cell > last)) throw new Error(`sweep backend ${backend.where} delivered cell ${batch[0]!.cell} after cell ${last}`);
          last = batch[batch.length - 1]!.cell;
          o.onCells(batch);
          computed += batch.length;
          work.arrivals += w.arrivals;
          work.evaluations += w.evaluations;
          work.kernelEvaluations += w.kernelEvaluations;
          progress?.update(resumed + computed);
        },
        onFinished: (n) => progress?.update(resumed + Math.min(todo, Math.max(computed, n))),
      });
    }
  } finally {
    progress?.stop();
    await backend.close();
  }
  return { cells, resumed, computed, ...work, seconds: (performance.now() - started) / 1000, where: backend.where };
}

/** One cell computed on the calling thread (`--only-cell K`): the same numbers as in a sweep. */
export async function runOneCell(o: SweepSpec, cell: number): Promise<CellResult> {
  const cells = cellCount(o.def.axes);
  if (!(Number.isInteger(cell) && cell >= 0 && cell < cells)) {
    throw new RangeError(`--only-cell must be a whole number in [0, ${cells - 1}] (the grid has ${cells} cells), got ${cell}`);
  }
  const r = await sweepCells({ spec: o, first: cell, count: 1 });
  if (r.failed) throw Object.assign(new Error(r.failed.error.message), { name: r.failed.error.name });
  return r.cells[0]!;
}
