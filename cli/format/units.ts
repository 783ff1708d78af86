/**
 * Units of `--csv` columns, each rounded by its unit's function in round.ts (docs/figures.md,
 * "Units and rounding in CSV"). A column carries its unit after its key, `asa (s)`, so
 * `name.split(' (')[0]` is always the JSON key; a long-form CSV (a `figure` column, values in
 * rows) has a `unit` column instead.
 *
 * Where units come from: figure keys from FIGURES (figures.ts), inputs echoed beside them from
 * INPUT_UNITS below (the units of docs/vocabulary.md's table), sweep axes from their lever, and
 * scenario paths from the unit their key names (docs/scenario-format.md: `…Seconds`,
 * `callsPerYear`, shares are fractions). A column without a unit (text, a cell index, a count
 * of replications) keeps its bare key and its value as is.
 */
import type { LeverName } from '../../scenarios/plan/levers.js';
import { UNITS, type Unit } from './round.js';
import { FIGURES } from './figures.js';
import { csvLine, type CsvCell } from './csv.js';

/**
 * Inputs and other keys echoed in CSV beside the figures (`erlang`, `staff`, `calibrate`), with
 * the units docs/vocabulary.md gives their flags ("seconds" written `s`).
 */
export const INPUT_UNITS = {
  calls: 'calls per interval',
  intervalSeconds: 's',
  arrivalRate: 'per s',
  aht: 's',
  patience: 's',
  targetSeconds: 's',
  slTarget: 'fraction',
  asaTarget: 's',
  abandonTarget: 'fraction',
  maxOccupancy: 'fraction',
  shrinkage: 'fraction',
  maxAgents: 'agents',
  /** calibrate's ranges: the mean patience of the first channel with one */
  meanPatience: 's',
  /** whatif --hold: the staff that holds the figure */
  staffToHold: 'head count',
} as const satisfies Record<string, Unit>;

/** The unit of each what-if lever's sweep axis values (scenarios/studies/sweep/levers.ts). */
const AXIS_UNITS: Record<LeverName, Unit> = {
  staff: 'relative change',
  volume: 'relative change',
  aht: 'relative change',
  patience: 'relative change',
  selfService: 'fraction',
  shift: 'fraction',
  shiftConversion: 'contacts per moved contact',
  concurrency: 'sessions per agent',
  deadline: 's',
  retrial: 'fraction',
};

const GROUP_PREFIX = /^group([A-Z])/;

/**
 * The unit of a column or figure name: a figure key, an input key, `KEY[CHANNEL]`,
 * `groupKEY[GROUP]` (a group's figure in whatif and sweep), `KEYCi95` (a half-width: the
 * figure's unit); undefined when the name has no unit.
 * @example unitOf('answerRate[voice]Ci95') // 'fraction'; unitOf('groupAgents[team]') // 'agents'; unitOf('cell') // undefined
 */
export function unitOf(name: string): Unit | undefined {
  let key = name.replace(/Ci95$/, '').replace(/\[[^\]]*\]$/, '');
  if (!(key in FIGURES) && !(key in INPUT_UNITS)) key = key.replace(GROUP_PREFIX, (_, c: string) => c.toLowerCase());
  if (key in FIGURES) return FIGURES[key as keyof typeof FIGURES].unit;
  if (key in INPUT_UNITS) return INPUT_UNITS[key as keyof typeof INPUT_UNITS];
  return undefined;
}

/** Keys of distribution parameters that are durations when the distribution is (`…Seconds`). */
const DURATION_PARAMETERS = new Set(['mean', 'value', 'values']);
const FRACTION_KEYS = new Set(['share', 'shrinkage', 'volumeShare', 'staffShare', 'probability', 'weight']);
const SCENARIO_KEY_UNITS: Readonly<Record<string, Unit>> = {
  callsPerYear: 'calls per year', callsPerDay: 'calls per day', staffPerCentre: 'head count', paidHoursPerYear: 'hours per year', concurrency: 'sessions per agent',
};

/**
 * The unit of a scenario path's value, by the key naming rules of docs/scenario-format.md: a
 * key ending in `Seconds` (and the mean or values of a `…Seconds` distribution) is seconds,
 * shares are fractions, `callsPerYear` is calls per year; undefined for a dimensionless
 * parameter (a coefficient of variation, a shape) or a key without a rule.
 * @example scenarioPathUnit('channels[voice].patienceSeconds.components[1].mean') // 's'
 */
export function scenarioPathUnit(path: string): Unit | undefined {
  const keys = path.split('.').map((k) => k.replace(/\[[^\]]*\]$/, ''));
  const last = keys[keys.length - 1]!;
  if (last.endsWith('Seconds')) return 's';
  if (FRACTION_KEYS.has(last)) return 'fraction';
  if (DURATION_PARAMETERS.has(last) && keys.slice(0, -1).some((k) => k.endsWith('Seconds'))) return 's';
  return SCENARIO_KEY_UNITS[last];
}

/**
 * The unit of a sweep axis: its lever's (`staff` is a relative change, `selfService` a share,
 * `deadline.email` seconds), or its scenario path's.
 */
export function axisUnit(name: string, kind: 'lever' | 'path'): Unit | undefined {
  if (kind === 'path') return scenarioPathUnit(name);
  return AXIS_UNITS[name.split('.')[0] as LeverName];
}

/** A column name with its unit: `asa (s)`; the bare name when `unit` is undefined. */
export function withUnit(name: string, unit: Unit | undefined): string {
  return unit === undefined ? name : `${name} (${unit})`;
}

/** A value rounded for its unit (as is without one; non-numbers and non-finite numbers pass through). */
export function roundFor<T>(unit: Unit | undefined, value: T): T {
  return unit !== undefined && typeof value === 'number' ? (UNITS[unit](value) as T) : value;
}

/**
 * A wide CSV (one column per key): the header with each key's unit (`unitOf`, or `units` for
 * keys it does not know), each number rounded for its column's unit.
 * @example unitCsv(['model', 'asa'], [{ model: 'erlang-c', asa: 7.835937 }]) // 'model,asa (s)\nerlang-c,7.836\n'
 */
export function unitCsv(keys: readonly string[], rows: readonly Readonly<Record<string, CsvCell>>[], units: Readonly<Record<string, Unit | undefined>> = {}): string {
  const unitsOf = keys.map((k) => (k in units ? units[k] : unitOf(k)));
  let out = csvLine(keys.map((k, i) => withUnit(k, unitsOf[i])));
  for (const row of rows) out += csvLine(keys.map((k, i) => roundFor(unitsOf[i], row[k])));
  return out;
}
