/**
 * What computes a sweep's cells: the contract between the sweep driver (run.ts) and a
 * backend. The driver owns the cells — which are unfinished (resume), how they are cut into
 * blocks, the progress count, and finished cells handed to its caller in cell order; a
 * backend computes blocks and gives each one back, in block order, with its cells' results.
 *
 * Backends: `localBackend` (backends/local.ts) — worker threads of this process, or the
 * calling thread; `openRedisBackend` (backends/redis.ts) — jobs on a Redis queue (BullMQ)
 * that `ccsim worker` processes on any number of machines serve. Either way a cell's numbers
 * depend on the spec and the cell index only, so the bytes are the same.
 */
import { siblingUrl } from '../../../engine/parallel/index.js';
import type { CellResult, CellWork } from './cellResult.js';
import type { SweepSpec } from './spec.js';

/** Consecutive cells first … first + count − 1, computed together (one task, one job). */
export interface CellBlock {
  first: number;
  count: number;
}

/** A computed block. */
export interface BlockResult {
  block: CellBlock;
  /** the block's cells, in cell order */
  cells: readonly CellResult[];
  work: CellWork;
}

/** What the driver hands a backend's `run`. */
export interface BackendRun {
  /** One call per block, in block order (after an abort or a failure, finished blocks may follow with gaps); a Promise is awaited. */
  onBlock(result: BlockResult): void | Promise<void>;
  /** Cells of this run finished so far, when a backend learns of results before it can deliver them in order (a Redis hash). */
  onFinished?(cells: number): void;
  signal?: AbortSignal;
}

export interface SweepBackend {
  /** Where the cells run, for the summary line: `with 2 worker(s)`, `on redis://10.0.0.5:6379/0`. */
  readonly where: string;
  /** Cells per block for this sweep: the driver cuts the unfinished cells into runs of consecutive cells that never cross a multiple of it. */
  blockSize(spec: SweepSpec, todo: number): Promise<number>;
  /**
   * Computes the blocks (pulled lazily); resolves once each was handed to `onBlock`.
   * @throws {TaskError | WorkerCrashError} a cell failed: the message names it; blocks before it were delivered
   * @throws {AbortedError} `signal` aborted
   * @throws {ClusterError} the backend's service failed (Redis unreachable for too long)
   */
  run(spec: SweepSpec, blocks: Iterable<CellBlock>, run: BackendRun): Promise<void>;
  /** Releases threads and connections; safe to call twice. */
  close(): Promise<void>;
}

/** The handler modules a sweep's tasks need (`sweep-sim`, `sweep-analytic`, `sweep-cells`). */
export const SWEEP_TASK_MODULES: readonly URL[] = [siblingUrl(import.meta.url, './tasks')];

/**
 * The unfinished cells of a grid as blocks of at most `size` consecutive cells, each within
 * one multiple of `size` (cells ⌊c / size⌋ alike), so the same grid gives the same blocks on
 * every run, less the cells finished meanwhile.
 * @example [...cutBlocks(10, new Set([2]), 4)] // [{0,2}, {3,1}, {4,4}, {8,2}]
 */
export function* cutBlocks(cells: number, finished: ReadonlySet<number>, size: number): Generator<CellBlock> {
  let first = -1;
  let count = 0;
  for (let c = 0; c < cells; c++) {
    if (finished.has(c)) continue;
    if (count > 0 && (c !== first + count || c % size === 0)) {
      yield { first, count };
      count = 0;
    }
    if (count === 0) first = c;
    count++;
  }
  if (count > 0) yield { first, count };
}
