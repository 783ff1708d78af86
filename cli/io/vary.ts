/**
 * The grid of a sweep: `--vary NAME=FROM:TO:STEP` axes (or `NAME=v1,v2,…`), their values, and
 * the cell index. NAME is a what-if lever of `ccsim whatif` (its key: `selfService`, not the
 * flag's `self-service`) or any scenario path `--set` accepts (it contains a `.` or a `[`,
 * e.g. `groups[voice-agents].shrinkage`). Lever values: `selfService` is the new share (0.75),
 * or a change in points from the file's share (`+2pt`); `staff`, `volume`, `aht`, `patience`
 * are relative changes (−0.08 or −8%), applied by `applyLevers` (scenarios/plan/levers.ts).
 *
 * Values: `FROM:TO:STEP` is FROM, FROM+STEP, … up to TO inclusive (within 1e-9 of a step);
 * a value ending in `%` is divided by 100 (`staff=-20%:0%:2%` is −0.20 … 0 by 0.02), one
 * ending in `pt` too (`selfService=+0pt:+16pt:+2pt`: changes of 0 … 0.16 in share). Each
 * value is FROM + i·STEP rounded to 12 significant digits, so 0.69 + 3·0.02 prints 0.75.
 *
 * The first `--vary` varies slowest; the cell index and each cell's values are
 * scenarios/studies/sweep/grid.ts's.
 */
import { LEVER_NAMES, leverOfAxisName, TARGETED_LEVERS } from '../../scenarios/plan/levers.js';
import { parseDuration } from '../../scenarios/plan/channelLevers.js';
import { cellCount, MAX_CELLS, type Axis } from '../../scenarios/studies/sweep/grid.js';
import { UsageError } from '../errors.js';
import { DEPRECATED_AXIS_NAMES, deprecation } from '../vocabulary.js';

/** What-if levers a sweep can vary by name: those of `ccsim whatif` (scenarios/plan/levers.ts). */
export const LEVERS = LEVER_NAMES;

/** A value's number and whether it was written in points (`+2pt` is 0.02); `durations`: `4h`, `30m`, `1d`, `900s` are seconds. */
function parseValue(text: string, flag: string, durations = false): { value: number; points: boolean } {
  const t = text.trim();
  if (durations && /[smhd]$/i.test(t)) {
    const v = parseDuration(t);
    if (v === undefined) throw new UsageError(`${flag}: '${text}' is not a duration (write e.g. 14400, 30m, 4h or 1d)`);
    return { value: v, points: false };
  }
  const unit = /(%|pt)$/.exec(t)?.[1];
  const body = unit ? t.slice(0, -unit.length) : t;
  const v = body === '' ? NaN : Number(body);
  if (!Number.isFinite(v)) throw new UsageError(`${flag}: '${text}' is not a number (write e.g. 0.75, -8%, +2pt or -20%:0%:2%)`);
  return { value: unit ? v / 100 : v, points: unit === 'pt' };
}

function tidy(x: number): number {
  return Number(x.toPrecision(12));
}

/**
 * Parses one `--vary` value; `warn` receives a deprecation warning for an old name.
 * @throws {UsageError} malformed, unknown lever, step of 0, empty range, too many values, points where they mean nothing
 * @example parseVary('staff=-20%:0%:2%') // { name: 'staff', kind: 'lever', values: [-0.2, -0.18, …, 0] }
 */
export function parseVary(spec: string, warn: (message: string) => void = () => {}): Axis {
  const flag = `--vary ${spec}`;
  const eq = spec.indexOf('=');
  if (eq <= 0 || eq === spec.length - 1) {
    throw new UsageError(`${flag}: write NAME=FROM:TO:STEP or NAME=v1,v2,… (e.g. staff=-20%:0%:2%, selfService=+0pt:+16pt:+2pt)`);
  }
  const typed = spec.slice(0, eq).trim();
  const renamed = DEPRECATED_AXIS_NAMES[typed];
  if (renamed !== undefined) warn(deprecation(`--vary ${typed}=…`, `--vary ${renamed}=…`));
  const name = renamed ?? typed;
  const lever = leverOfAxisName(name);
  const isPath = lever === undefined && /[.[]/.test(name);
  if (!isPath && lever === undefined) {
    throw new UsageError(`${flag}: unknown lever '${name}'; levers are ${LEVERS.join(', ')} (shift.FROM:TO, concurrency.CHANNEL and deadline.CHANNEL name channels), or give a scenario path such as groups[voice-agents].shrinkage`);
  }
  if (lever !== undefined && lever.target === undefined && TARGETED_LEVERS.includes(lever.lever) && lever.lever !== 'retrial') {
    const example = lever.lever === 'shift' ? 'shift.voice:wechat=0%:30%:5%' : lever.lever === 'concurrency' ? 'concurrency.wechat=1:4:1' : 'deadline.email=1h:8h:1h';
    throw new UsageError(`${flag}: ${lever.lever} names its channel${lever.lever === 'shift' ? 's' : ''}: write e.g. ${example}`);
  }
  const durations = lever?.lever === 'deadline';
  const body = spec.slice(eq + 1);
  let values: number[];
  let parsed: { value: number; points: boolean }[];
  if (body.includes(':')) {
    const parts = body.split(':');
    if (parts.length !== 3) throw new UsageError(`${flag}: a range is FROM:TO:STEP (three numbers), got ${parts.length} part(s)`);
    parsed = parts.map((p) => parseValue(p, flag, durations));
    const [from, to, step] = parsed.map((p) => p.value) as [number, number, number];
    if (step === 0) throw new UsageError(`${flag}: step must not be 0`);
    const count = Math.floor((to - from) / step + 1e-9) + 1;
    if (!(count >= 1)) throw new UsageError(`${flag}: empty range (from ${from} ${step > 0 ? 'up' : 'down'} to ${to} by ${step}); swap FROM and TO or change the sign of STEP`);
    if (count > 1e7) throw new UsageError(`${flag}: ${count} values is too many; use a larger step`);
    values = Array.from({ length: count }, (_, i) => tidy(from + i * step));
  } else {
    parsed = body.split(',').map((p) => parseValue(p, flag, durations));
    values = parsed.map((p) => p.value);
  }
  const points = parsed.filter((p) => p.points).length;
  if (points > 0 && (name !== 'selfService' || points !== parsed.length)) {
    throw new UsageError(name === 'selfService'
      ? `${flag}: give every value in points (+0pt:+16pt:+2pt) or none (shares 0.70:0.80:0.02)`
      : `${flag}: 'pt' (points of share) applies only to selfService; write ${name} changes in % (e.g. -8%)`);
  }
  return points > 0 ? { name, kind: 'lever', values, points: true } : { name, kind: isPath ? 'path' : 'lever', values };
}

/**
 * Axes of a sweep, checked together.
 * @throws {UsageError} no axis, an axis named twice, too many cells
 */
export function parseGrid(specs: readonly string[], warn: (message: string) => void = () => {}): Axis[] {
  if (specs.length === 0) throw new UsageError('sweep needs at least one --vary NAME=FROM:TO:STEP');
  const axes = specs.map((s) => parseVary(s, warn));
  const seen = new Set<string>();
  for (const a of axes) {
    if (seen.has(a.name)) throw new UsageError(`--vary ${a.name} given twice; give each axis once`);
    seen.add(a.name);
  }
  const cells = cellCount(axes);
  if (cells > MAX_CELLS) throw new UsageError(`the grid has ${cells} cells, more than ${MAX_CELLS}; use larger steps`);
  return axes;
}
