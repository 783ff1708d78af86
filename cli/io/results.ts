/**
 * The results file of a sweep (the CLI's record of `runSweep`'s cells): one row per finished cell, CSV (with a header) or JSON lines,
 * chosen by the `--out` extension (`.csv`, `.jsonl`). Columns: `cell`, one per axis (its
 * name as typed), `replications`, then every figure column (scenarios/studies/sweep/columns.ts:
 * the totals, then per channel `answerRate[voice]` … and per group, docs/figures.md) followed
 * by its 95% half-width (`answerRate`, `answerRateCi95`, `answerRate[voice]Ci95`, …). A NaN or
 * infinite number is an empty CSV cell / JSON null (analytic sweeps have no confidence
 * intervals: empty).
 *
 * Order and durability: rows are appended in cell order as cells finish (out-of-order
 * completions wait in the pool's reorder buffer), each batch written with one `writeSync`,
 * so a killed sweep leaves every written row on disk and at most one torn last line.
 * `--resume` reads the file, drops a torn last line, skips the cells it holds and appends
 * the others; when a resumed sweep completes, a file whose rows are not in cell order is
 * rewritten in order (temporary file + rename), so the final bytes equal those of an
 * uninterrupted run whatever the worker count or the interruptions.
 */
import { closeSync, existsSync, ftruncateSync, openSync, readFileSync, renameSync, writeFileSync, writeSync } from 'node:fs';
import { csvLine } from '../format/csv.js';
import { jsonNumber } from '../format/json.js';
import { InputError, UsageError } from '../errors.js';
import type { Axis } from '../../scenarios/studies/sweep/grid.js';
import type { CellResult } from '../../scenarios/studies/sweep/run.js';

export type ResultFormat = 'csv' | 'jsonl';

/** The format an `--out` path asks for. @throws {UsageError} another extension */
export function formatOf(path: string): ResultFormat {
  if (path.endsWith('.csv')) return 'csv';
  if (path.endsWith('.jsonl')) return 'jsonl';
  throw new UsageError(`--out ${path}: the extension must be .csv or .jsonl (JSON lines)`);
}

/** Column names, in order; `figures` are the figure columns' names (scenarios/studies/sweep/columns.ts). */
export function columns(axes: readonly Axis[], figures: readonly string[]): string[] {
  const cols = ['cell', ...axes.map((a) => a.name), 'replications'];
  for (const k of figures) cols.push(k, `${k}Ci95`);
  return cols;
}

/** The CSV header line (with `\n`); JSON lines have none. */
export function headerOf(format: ResultFormat, axes: readonly Axis[], figureNames: readonly string[]): string {
  return format === 'csv' ? csvLine(columns(axes, figureNames)) : '';
}

/** One row (with `\n`). `figures` and `ci95` in `figureNames` order; `ci95` undefined: empty. */
export function formatRow(
  format: ResultFormat, axes: readonly Axis[], figureNames: readonly string[], cell: number, values: readonly number[], replications: number,
  figures: ArrayLike<number>, ci95: ArrayLike<number> | undefined,
): string {
  if (format === 'csv') {
    const cells: (number | undefined)[] = [cell, ...values, replications];
    for (let k = 0; k < figureNames.length; k++) cells.push(figures[k], ci95 ? ci95[k] : undefined);
    return csvLine(cells);
  }
  let s = `{"cell":${cell}`;
  axes.forEach((a, i) => (s += `,${JSON.stringify(a.name)}:${jsonNumber(values[i]!)}`));
  s += `,"replications":${replications}`;
  for (let k = 0; k < figureNames.length; k++) {
    const key = JSON.stringify(figureNames[k]!);
    s += `,${key}:${jsonNumber(figures[k]!)},${JSON.stringify(`${figureNames[k]!}Ci95`)}:${ci95 ? jsonNumber(ci95[k]!) : 'null'}`;
  }
  return `${s}}\n`;
}

/** The rows of finished cells, concatenated. */
export function rowsText(format: ResultFormat, axes: readonly Axis[], figureNames: readonly string[], results: readonly CellResult[]): string {
  let text = '';
  for (const r of results) text += formatRow(format, axes, figureNames, r.cell, r.values, r.replications, r.figures, r.ci95);
  return text;
}

/** The cell index a row starts with, or undefined when the line is not a whole row. */
function cellOfRow(format: ResultFormat, line: string, width: number): number | undefined {
  if (format === 'csv') {
    const parts = line.split(',');
    if (parts.length !== width) return undefined;
    const k = Number(parts[0]);
    return Number.isInteger(k) && k >= 0 && parts[0] !== '' ? k : undefined;
  }
  try {
    const o = JSON.parse(line) as { cell?: unknown };
    return typeof o.cell === 'number' && Number.isInteger(o.cell) && o.cell >= 0 ? o.cell : undefined;
  } catch {
    return undefined;
  }
}

/** What an existing results file holds. */
export interface Finished {
  /** finished cells → their row text (with `\n`) */
  rows: Map<number, string>;
  /** rows appear in increasing cell order */
  ordered: boolean;
}

/**
 * Reads an existing results file for `--resume`. A last line without its `\n` (a row torn by
 * a kill) is cut off the file. A row whose axis values differ from the grid's means the file
 * belongs to another sweep.
 * @throws {InputError} a header of another sweep, a malformed row, a row of another grid
 */
export function readFinished(
  path: string, format: ResultFormat, axes: readonly Axis[], figureNames: readonly string[], valuesOf: (cell: number) => number[], cells: number,
): Finished {
  const rows = new Map<number, string>();
  if (!existsSync(path)) return { rows, ordered: true };
  const text = readFileSync(path, 'utf8');
  const end = text.lastIndexOf('\n') + 1;
  if (end < text.length) {
    // A torn last row: drop it from the file so appended rows start on a fresh line.
    const fd = openSync(path, 'r+');
    try {
      ftruncateSync(fd, Buffer.byteLength(text.slice(0, end)));
    } finally {
      closeSync(fd);
    }
  }
  const lines = text.slice(0, end).split('\n');
  lines.pop();
  let i = 0;
  const header = headerOf(format, axes, figureNames);
  if (format === 'csv' && lines.length > 0) {
    if (`${lines[0]}\n` !== header) {
      throw new InputError(`${path}: its header is not this sweep's (${lines[0]?.slice(0, 60)}…); give another --out, or delete the file to start over`);
    }
    i = 1;
  }
  const width = columns(axes, figureNames).length;
  let ordered = true;
  let last = -1;
  for (; i < lines.length; i++) {
    const line = lines[i]!;
    const cell = cellOfRow(format, line, width);
    if (cell === undefined || cell >= cells) {
      throw new InputError(`${path}: line ${i + 1} is not a row of this sweep (${line.slice(0, 60)}); give another --out, or delete the file to start over`);
    }
    const values = valuesOf(cell);
    const expected = formatRow(format, axes, [], cell, values, 0, [], undefined);
    const prefix = format === 'csv' ? expected.split(',').slice(0, 1 + axes.length).join(',') : expected.slice(0, expected.indexOf(',"replications"'));
    if (!line.startsWith(`${prefix},`)) {
      throw new InputError(`${path}: line ${i + 1} holds cell ${cell} with other axis values than this grid's (${prefix}); give another --out, or delete the file`);
    }
    if (cell <= last) ordered = false;
    last = cell;
    rows.set(cell, `${line}\n`);
  }
  return { rows, ordered };
}

/** Appends rows to a results file as they come; each `append` is one `writeSync` (on disk at once). */
export class ResultsWriter {
  private fd: number;
  constructor(readonly path: string, header: string, fresh: boolean) {
    this.fd = openSync(path, fresh ? 'w' : 'a');
    if (fresh && header) writeSync(this.fd, header);
  }
  append(text: string): void {
    if (text) writeSync(this.fd, text);
  }
  close(): void {
    closeSync(this.fd);
  }
}

/** Rewrites a results file with its rows in cell order (temporary file, then rename). */
export function rewriteOrdered(path: string, header: string, rows: Map<number, string>): void {
  const cells = [...rows.keys()].sort((a, b) => a - b);
  let text = header;
  for (const c of cells) text += rows.get(c)!;
  const tmp = `${path}.tmp-${process.pid}`;
  writeFileSync(tmp, text);
  renameSync(tmp, path);
}
