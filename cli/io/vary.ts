/**
 * The grid of a sweep: `--vary NAME=FROM:TO:STEP` axes (or `NAME=v1,v2,…`), their values, and
 * the cell index. NAME is a what-if lever of `ccsim whatif` or any scenario path `--set`
 * accepts (it contains a `.` or a `[`, e.g. `groups[voice-agents].shrinkage`). Lever values:
 * `selfService` is the new share (0.75); `staff`, `volume`, `aht`, `patience` are relative
 * changes (−0.08 or −8%), applied by `applyLevers` (scenarios/plan/levers.ts).
 *
 * Values: `FROM:TO:STEP` is FROM, FROM+STEP, … up to TO inclusive (within 1e-9 of a step);
 * a value ending in `%` is divided by 100 (`staff=-20%:0%:2%` is −0.20 … 0 by 0.02). Each
 * value is FROM + i·STEP rounded to 12 significant digits, so 0.69 + 3·0.02 prints 0.75.
 *
 * The first `--vary` varies slowest; the cell index and each cell's values are
 * scenarios/studies/sweep/grid.ts's.
 */
import { LEVER_NAMES } from '../../scenarios/plan/levers.js';
import { cellCount, MAX_CELLS, type Axis } from '../../scenarios/studies/sweep/grid.js';
import { UsageError } from '../errors.js';

/** What-if levers a sweep can vary by name: those of `ccsim whatif` (scenarios/plan/levers.ts). */
export const LEVERS = LEVER_NAMES;

function parseValue(text: string, flag: string): number {
  const t = text.trim();
  const pct = t.endsWith('%');
  const body = pct ? t.slice(0, -1) : t;
  const v = body === '' ? NaN : Number(body);
  if (!Number.isFinite(v)) throw new UsageError(`${flag}: '${text}' is not a number (write e.g. 0.75, -8% or -20%:0%:2%)`);
  return pct ? v / 100 : v;
}

function tidy(x: number): number {
  return Number(x.toPrecision(12));
}

/**
 * Parses one `--vary` value.
 * @throws {UsageError} malformed, unknown lever, step of 0, empty range, too many values
 * @example parseVary('staff=-20%:0%:2%') // { name: 'staff', kind: 'lever', values: [-0.2, -0.18, …, 0] }
 */
export function parseVary(spec: string): Axis {
  const flag = `--vary ${spec}`;
  const eq = spec.indexOf('=');
  if (eq <= 0 || eq === spec.length - 1) {
    throw new UsageError(`${flag}: write NAME=FROM:TO:STEP or NAME=v1,v2,… (e.g. staff=-20%:0%:2%, selfService=0.69:0.85:0.02)`);
  }
  const typed = spec.slice(0, eq).trim();
  const name = typed === 'self-service' ? 'selfService' : typed;
  const isPath = /[.[]/.test(name);
  if (!isPath && !(LEVERS as readonly string[]).includes(name)) {
    throw new UsageError(`${flag}: unknown lever '${name}'; levers are ${LEVERS.join(', ')}, or give a scenario path such as groups[0].shrinkage`);
  }
  const body = spec.slice(eq + 1);
  let values: number[];
  if (body.includes(':')) {
    const parts = body.split(':');
    if (parts.length !== 3) throw new UsageError(`${flag}: a range is FROM:TO:STEP (three numbers), got ${parts.length} part(s)`);
    const [from, to, step] = parts.map((p) => parseValue(p, flag)) as [number, number, number];
    if (step === 0) throw new UsageError(`${flag}: step must not be 0`);
    const count = Math.floor((to - from) / step + 1e-9) + 1;
    if (!(count >= 1)) throw new UsageError(`${flag}: empty range (from ${from} ${step > 0 ? 'up' : 'down'} to ${to} by ${step}); swap FROM and TO or change the sign of STEP`);
    if (count > 1e7) throw new UsageError(`${flag}: ${count} values is too many; use a larger step`);
    values = Array.from({ length: count }, (_, i) => tidy(from + i * step));
  } else {
    values = body.split(',').map((p) => parseValue(p, flag));
  }
  return { name, kind: isPath ? 'path' : 'lever', values };
}

/**
 * Axes of a sweep, checked together.
 * @throws {UsageError} no axis, an axis named twice, too many cells
 */
export function parseGrid(specs: readonly string[]): Axis[] {
  if (specs.length === 0) throw new UsageError('sweep needs at least one --vary NAME=FROM:TO:STEP');
  const axes = specs.map(parseVary);
  const seen = new Set<string>();
  for (const a of axes) {
    if (seen.has(a.name)) throw new UsageError(`--vary ${a.name} given twice; give each axis once`);
    seen.add(a.name);
  }
  const cells = cellCount(axes);
  if (cells > MAX_CELLS) throw new UsageError(`the grid has ${cells} cells, more than ${MAX_CELLS}; use larger steps`);
  return axes;
}
