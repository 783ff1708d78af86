/**
 * Checks for numbers arriving from outside (flags, JSON lines, CSV cells). Each failure is an
 * InputError whose message names the field, the value received and the allowed range, e.g.
 * `agents must be a whole number ≥ 0, got -1`. Ranges are plain constants declared once.
 */
import { InputError } from '../errors.js';

/** An allowed range: bounds (open or closed), integrality, and a unit for the message. */
export interface Range {
  readonly min?: number;
  readonly minOpen?: boolean;
  readonly max?: number;
  readonly maxOpen?: boolean;
  readonly integer?: boolean;
  /** e.g. 'seconds', printed after the range */
  readonly unit?: string;
  /** a way out, appended to the message, e.g. 'e.g. 0.8 for 80%' */
  readonly hint?: string;
}

/** The ranges used across commands. */
export const RANGES = {
  agents: { min: 0, integer: true },
  erlangs: { min: 0, unit: 'erlangs' },
  calls: { min: 0, unit: 'calls' },
  arrivalRate: { min: 0, unit: 'per second' },
  seconds: { min: 0, unit: 'seconds' },
  positiveSeconds: { min: 0, minOpen: true, unit: 'seconds' },
  /** an SL or abandonment target: strictly between 0 and 1 */
  openFraction: { min: 0, minOpen: true, max: 1, maxOpen: true, hint: 'a fraction, e.g. 0.8 for 80%' },
  /** a ceiling such as maximum occupancy: above 0, at most 1 */
  ceilingFraction: { min: 0, minOpen: true, max: 1, hint: 'a fraction, e.g. 0.9 for 90%' },
  /** shrinkage: 0 allowed, 1 not */
  shrinkage: { min: 0, max: 1, maxOpen: true, hint: 'a fraction, e.g. 0.3 for 30%' },
  maxAgents: { min: 1, integer: true },
} as const satisfies Record<string, Range>;

/** The range in words: `a whole number ≥ 0`, `a number in (0, 1)`, `a number > 0 seconds`. */
export function describeRange(range: Range): string {
  const kind = range.integer ? 'a whole number' : 'a number';
  const { min, max } = range;
  let text: string;
  if (min !== undefined && max !== undefined) {
    text = `${kind} in ${range.minOpen ? '(' : '['}${min}, ${max}${range.maxOpen ? ')' : ']'}`;
  } else if (min !== undefined) {
    text = `${kind} ${range.minOpen ? '>' : '≥'} ${min}`;
  } else if (max !== undefined) {
    text = `${kind} ${range.maxOpen ? '<' : '≤'} ${max}`;
  } else {
    text = `a finite number`;
  }
  if (range.unit) text += ` ${range.unit}`;
  if (range.hint) text += ` (${range.hint})`;
  return text;
}

/** A received value as it reads in a message: strings quoted, objects as JSON. */
export function show(value: unknown): string {
  if (typeof value === 'number') return String(value);
  if (value === undefined) return 'nothing';
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

/** True when `value` is a number inside `range`. NaN and ±Infinity are never inside. */
export function inRange(value: number, range: Range): boolean {
  if (!Number.isFinite(value)) return false;
  if (range.integer && !Number.isInteger(value)) return false;
  if (range.min !== undefined && (range.minOpen ? !(value > range.min) : !(value >= range.min))) return false;
  if (range.max !== undefined && (range.maxOpen ? !(value < range.max) : !(value <= range.max))) return false;
  return true;
}

/**
 * `value` as a number inside `range`, or an InputError naming `name`.
 * @example checkNumber('agents', 14, RANGES.agents) // 14
 * @throws {InputError} `agents must be a whole number ≥ 0, got 1.5`
 */
export function checkNumber(name: string, value: unknown, range: Range): number {
  if (typeof value === 'number' && inRange(value, range)) return value;
  throw new InputError(`${name} must be ${describeRange(range)}, got ${show(value)}`);
}

/**
 * A flag's text as a number inside `range`. Accepts a trailing `%` for fractions
 * (`--sl-target 80%` is 0.8). yargs hands numbers over as strings here so the message can quote
 * exactly what was typed.
 * @throws {InputError} `--sl-target must be a number in (0, 1) (a fraction, e.g. 0.8 for 80%), got "80"`
 */
export function parseFlagNumber(flag: string, raw: unknown, range: Range): number {
  const text = typeof raw === 'number' ? String(raw) : typeof raw === 'string' ? raw.trim() : '';
  let value = NaN;
  if (/^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?%$/.test(text)) value = Number(text.slice(0, -1)) / 100;
  else if (/^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(text)) value = Number(text);
  if (inRange(value, range)) return value;
  throw new InputError(`${flag} must be ${describeRange(range)}, got ${typeof raw === 'string' ? JSON.stringify(raw) : show(raw)}`);
}
