/**
 * What a sweep's coordinator (`ccsim sweep --backend`) and its `ccsim worker` processes share
 * on Redis, every key under the `ccsim` prefix:
 *
 * - the BullMQ queue `ccsim-sweep` (keys `ccsim:ccsim-sweep:…`): one job per block of
 *   cells, id `<sweep hash>-<first cell>` (`…+<count>` for a block of several), data `JobData`;
 *   re-adding a job that exists is a no-op, so re-running a sweep finds its jobs;
 * - `ccsim:sweep:<hash>:def` — the spec (scenario data, sets, axes, model, replications,
 *   seed, warm-up) as exact JSON with the engine version that made it, stored once per sweep;
 * - `ccsim:sweep:<hash>:results` — hash: cell index → the cell's result (`encodeCell`);
 * - `ccsim:sweep:<hash>:errors` — hash: cell index → why that cell failed (`CellFailure`, JSON).
 *
 * The hash is `sweepIdentity(spec).hash`: the same sweep has the same keys on every run.
 */
import { ENGINE_VERSION } from '../../../../engine/version.js';
import { FIGURE_KEYS } from '../../../../engine/stats/figures.js';
import type { CellBlock } from '../backend.js';
import type { CellResult, CellWork } from '../cellResult.js';
import { exactParse, exactStringify } from '../exactJson.js';
import { cellValues, type Axis } from '../grid.js';
import type { SweepSpec } from '../spec.js';

/** BullMQ's key prefix and queue name. */
export const PREFIX = 'ccsim';
export const QUEUE = 'ccsim-sweep';

/** One job: cells first … first + count − 1 of the sweep `sweep`. */
export interface JobData {
  sweep: string;
  first: number;
  count: number;
  /** ENGINE_VERSION of the coordinator that made the job */
  version: string;
  /** names the cells in messages: `cell 17 (staff=-0.1)` or `cells 16–19` */
  label: string;
}

/** Why a cell failed, as a worker reports it. */
export interface CellFailure {
  cell: number;
  /** the cell's label (`cell 3 (staff=-0.25)`) */
  label: string;
  /** the error's name (`CellError`, `WorkerCrashError`, `VersionError`, …) and message, without the label */
  name: string;
  message: string;
}

export function sweepKeys(sweep: string): { def: string; results: string; errors: string } {
  const base = `${PREFIX}:sweep:${sweep}`;
  return { def: `${base}:def`, results: `${base}:results`, errors: `${base}:errors` };
}

/** The job id of a block: `<hash>-<first>` or `<hash>-<first>+<count>` (never an integer, never a `:`, as BullMQ requires). */
export function jobIdOf(sweep: string, b: CellBlock): string {
  return b.count === 1 ? `${sweep}-${b.first}` : `${sweep}-${b.first}+${b.count}`;
}

/** The stored definition: the spec with the engine version that made it. */
export function encodeDefinition(spec: SweepSpec): string {
  return exactStringify({ version: ENGINE_VERSION, spec });
}

export function decodeDefinition(text: string): { version: string; spec: SweepSpec } {
  return exactParse(text) as { version: string; spec: SweepSpec };
}

const HEAD = 5; // replications, arrivals, evaluations, kernelEvaluations, has CIs

/**
 * A cell's result as bytes: little-endian doubles [replications, arrivals, evaluations,
 * kernel evaluations, 1 if CIs, the figures, the CIs]; every number exact (NaN included).
 * The axis values are not stored: `decodeCell` recomputes them from the grid.
 */
export function encodeCell(r: CellResult, work: CellWork): Buffer {
  const k = r.figures.length;
  const n = HEAD + k + (r.ci95 ? k : 0);
  const buf = Buffer.alloc(8 * n);
  const head = [r.replications, work.arrivals, work.evaluations, work.kernelEvaluations, r.ci95 ? 1 : 0];
  head.forEach((v, i) => buf.writeDoubleLE(v, 8 * i));
  for (let i = 0; i < k; i++) buf.writeDoubleLE(r.figures[i]!, 8 * (HEAD + i));
  if (r.ci95) for (let i = 0; i < k; i++) buf.writeDoubleLE(r.ci95[i]!, 8 * (HEAD + k + i));
  return buf;
}

/**
 * @param width the sweep's figure columns (scenarios/studies/sweep/columns.ts: more with several channels or groups)
 * @throws {Error} bytes of another layout (another ccsim version, or another scenario's columns)
 */
export function decodeCell(axes: readonly Axis[], cell: number, buf: Buffer, width: number = FIGURE_KEYS.length): { result: CellResult; work: CellWork } {
  const k = width;
  const at = (i: number) => buf.readDoubleLE(8 * i);
  const hasCi = buf.length >= 8 * HEAD && at(4) === 1;
  if (buf.length !== 8 * (HEAD + k + (hasCi ? k : 0))) throw new Error(`cell ${cell}: a stored result of ${buf.length} bytes is not this version's layout`);
  const figures = new Float64Array(k);
  for (let i = 0; i < k; i++) figures[i] = at(HEAD + i);
  let ci95: Float64Array | undefined;
  if (hasCi) {
    ci95 = new Float64Array(k);
    for (let i = 0; i < k; i++) ci95[i] = at(HEAD + k + i);
  }
  return {
    result: { cell, values: cellValues(axes, cell), replications: at(0), figures, ci95 },
    work: { arrivals: at(1), evaluations: at(2), kernelEvaluations: at(3) },
  };
}
