/**
 * The local sweep backend: worker threads of this process (engine/parallel's pool), or the
 * calling thread for one worker. Simulation: blocks of one cell, one task per (cell,
 * replication), so a few cells with many replications still fill every thread; a cell is
 * delivered when its last replication is merged (in replication order). Analytic: one task per block of cells, the
 * figures coming back as one transferred Float64Array.
 */
import { openInlinePool, openPool, type Task, type WorkerPool } from '../../../../engine/parallel/index.js';
import type { Tally } from '../../../../engine/stats/figures.js';
import { SWEEP_TASK_MODULES, type BlockResult, type CellBlock, type SweepBackend } from '../backend.js';
import { analyticResult, NO_WORK, simResult, sweepFigureNames, type CellResult } from '../cellResult.js';
import { cellLabel } from '../grid.js';
import type { SweepSpec } from '../spec.js';
import type { SweepAnalyticInput, SweepAnalyticOutput, SweepSimInput, SweepSimOutput } from '../tasks.js';

/** What runs the local backend's tasks: the pool's contract (results in task order). */
export type SweepRunner = Pick<WorkerPool, 'run' | 'close'>;

export interface LocalBackendOptions {
  /** worker threads; 1 runs the cells on the calling thread */
  workers: number;
  /** cells per analytic task (default: chosen from the grid size and the worker count) */
  analyticBlock?: number;
  /** handler modules for the workers (default SWEEP_TASK_MODULES); tests substitute failing handlers */
  modules?: readonly (URL | string)[];
  /** opens the runner (default: the pool of `workers` threads, or the calling thread for 1) */
  openRunner?: (modules: readonly (URL | string)[]) => Promise<SweepRunner>;
}

function defaultRunner(workers: number): (modules: readonly (URL | string)[]) => Promise<SweepRunner> {
  // One worker: the calling thread runs the cells itself (as `simulate --workers 1` does), without
  // a thread to start and warm up; the same handlers, so the same bytes as with any number of workers.
  return (modules) => (workers <= 1 ? openInlinePool({ modules: [...modules] }) : openPool({ workers, modules: [...modules] }));
}

/**
 * Cells per analytic task: about 8 tasks per worker, at most 2,048 cells. Analytic cells cost
 * alike, so few large blocks balance well; and a block evaluates its cells staff-fastest
 * (tasks.ts `kernelFriendlyOrder`), so the more staff levels a block spans, the more of its
 * kernel pairs the results memos find. The 6,480-cell staff × AHT grid of the baseline, one
 * worker: 22.4 s in 810-cell blocks, 34.9 s before (202-cell blocks in the grid's order); with
 * the memos made 4× larger, 810-cell blocks 20.6 s, 400-cell 22.4 s, 202-cell 23.6 s.
 */
export function analyticBlockSize(todo: number, workers: number): number {
  return Math.max(1, Math.min(2048, Math.floor(todo / (workers * 8))));
}

export function localBackend(o: LocalBackendOptions): SweepBackend {
  let runner: SweepRunner | undefined;
  return {
    where: `with ${o.workers} worker(s)`,
    async blockSize(spec, todo) {
      return spec.model === 'simulation' ? 1 : (o.analyticBlock ?? analyticBlockSize(todo, o.workers));
    },
    async run(spec, blocks, { onBlock, signal }) {
      runner ??= await (o.openRunner ?? defaultRunner(o.workers))(o.modules ?? SWEEP_TASK_MODULES);
      const common = signal ? { signal } : {};
      if (spec.model === 'simulation') {
        await runSimulation(runner, spec, blocks, onBlock, { ...common, maxAhead: Math.max(64, 4 * o.workers * spec.replications) });
      } else {
        await runAnalytic(runner, spec, blocks, onBlock, { ...common, maxAhead: 8 * o.workers });
      }
    },
    async close() {
      await runner?.close();
    },
  };
}

type Deliver = (result: BlockResult) => void | Promise<void>;
interface Common { signal?: AbortSignal; maxAhead: number }

async function runSimulation(runner: SweepRunner, spec: SweepSpec, blocks: Iterable<CellBlock>, onBlock: Deliver, common: Common): Promise<void> {
  const R = spec.replications;
  const axes = spec.def.axes;
  function* tasks(): Generator<Task<SweepSimInput>> {
    for (const { first, count } of blocks) {
      for (let cell = first; cell < first + count; cell++) {
        const label = cellLabel(axes, cell);
        for (let r = 0; r < R; r++) {
          yield {
            kind: 'sweep-sim',
            input: { def: spec.def, cell, replication: r, seed: spec.seed, warmupSeconds: spec.warmupSeconds },
            label: R > 1 ? `${label}, replication ${r}` : label,
          };
        }
      }
    }
  }
  // blockSize is 1 for the simulation: each cell is its own block, delivered when its last replication is merged
  let current = -1;
  let totals: Float64Array[] = [];
  let arrivals = 0;
  await runner.run<SweepSimOutput>(tasks(), {
    ...common,
    onResult: (_, result, task) => {
      const { cell, replication } = task.input as SweepSimInput;
      if (cell !== current || replication !== totals.length) {
        // A new cell (a cell missing a replication after a failure is dropped, not delivered).
        current = cell;
        totals = [];
        arrivals = 0;
        if (replication !== 0) return;
      }
      totals.push(result.figures);
      arrivals += result.arrivals;
      if (totals.length < R) return;
      return onBlock({ block: { first: cell, count: 1 }, cells: [simResult(spec, cell, totals)], work: { ...NO_WORK, arrivals } });
    },
  });
}

async function runAnalytic(runner: SweepRunner, spec: SweepSpec, blocks: Iterable<CellBlock>, onBlock: Deliver, common: Common): Promise<void> {
  const axes = spec.def.axes;
  function* tasks(): Generator<Task<SweepAnalyticInput>> {
    for (const { first, count } of blocks) {
      yield { kind: 'sweep-analytic', input: { def: spec.def, first, count }, label: count === 1 ? cellLabel(axes, first) : `cells ${first}–${first + count - 1}` };
    }
  }
  const width = sweepFigureNames(spec.def).length;
  await runner.run<SweepAnalyticOutput>(tasks(), {
    ...common,
    onResult: (_, result, t) => {
      const { first, count } = t.input as SweepAnalyticInput;
      const cells: CellResult[] = [];
      for (let c = 0; c < count; c++) cells.push(analyticResult(spec, first + c, result.figures, c * width));
      return onBlock({ block: { first, count }, cells, work: { arrivals: 0, evaluations: result.evaluations, kernelEvaluations: result.kernelEvaluations } });
    },
  });
}
