/**
 * Rounding for `--csv` output: each unit kind to the precision that means something for a
 * planner, one function per kind (docs/figures.md, "Units and rounding in CSV"). JSON keeps
 * full precision (it is the machine format); tables have their own formats (number.ts).
 *
 * A rounded value is never 0 unless the value is 0: a nonzero value smaller than the kind's
 * precision allows to show with two significant digits keeps 6 significant digits instead
 * (an Erlang B blocking of 3.2e-9 stays 3.2e-9, not 0). Non-finite values pass through (the
 * CSV writer turns them into empty cells).
 */

/** Significant digits kept for tiny values and for quantities without a natural decimal place. */
export const SIGNIFICANT_DIGITS = 6;

/**
 * `x` to `decimals` places, or to 6 significant digits when it is nonzero and below
 * 10^(1 − decimals) (where the fixed places would keep at most one digit of it).
 * @example roundDecimals(0.123456789, 6) // 0.123457; roundDecimals(3.2e-9, 6) // 3.2e-9
 */
export function roundDecimals(x: number, decimals: number): number {
  if (!Number.isFinite(x) || x === 0) return x;
  if (Math.abs(x) < 10 ** (1 - decimals)) return roundSignificant(x);
  return Number(x.toFixed(decimals));
}

/**
 * `x` to `digits` significant digits: for quantities whose scale varies (rates per second,
 * scenario parameters without a fixed unit kind) and for tiny values.
 * @example roundSignificant(0.0123456789) // 0.0123457; roundSignificant(1234567.89) // 1234570
 */
export function roundSignificant(x: number, digits = SIGNIFICANT_DIGITS): number {
  if (!Number.isFinite(x) || x === 0) return x;
  return Number(x.toPrecision(digits));
}

/**
 * A fraction (answer rate, service level, occupancy, shares, probabilities) to 6 decimals:
 * 1e-4 percentage points, well below any difference a planner acts on and below the 95%
 * half-width of any simulation ccsim runs in reasonable time, so no information is lost.
 * @example roundFraction(0.9121987654321) // 0.912199
 */
export function roundFraction(x: number): number {
  return roundDecimals(x, 6);
}

/**
 * A duration in seconds (ASA, mean wait, time to handle) to 3 decimals: milliseconds, finer
 * than any clock a contact centre measures waits with.
 * @example roundSeconds(7.835937011777241) // 7.836
 */
export function roundSeconds(x: number): number {
  return roundDecimals(x, 3);
}

/**
 * A count of contacts: whole numbers from 1,000 on (expectations of whole counts over a period;
 * a fraction of a contact in a year means nothing), 2 decimals below 1,000 (means per interval
 * or per replication, where 12.35 contacts is a useful resolution).
 * @example roundCount(1176128534.27) // 1176128534; roundCount(12.3456) // 12.35
 */
export function roundCount(x: number): number {
  if (!Number.isFinite(x)) return x;
  return Math.abs(x) >= 1000 ? Math.round(x) : roundDecimals(x, 2);
}

/**
 * Erlangs, agents and head counts to 3 decimals: a thousandth of an agent, finer than any
 * staffing decision (and exact for the whole numbers of required agents and rounded staff).
 * @example roundLoad(13.999999999) // 14; roundLoad(57.1234567) // 57.123
 */
export function roundLoad(x: number): number {
  return roundDecimals(x, 3);
}

/** Each unit and the one rounding its values get in `--csv` (each function above says why its precision). */
export const UNITS = {
  fraction: roundFraction,
  s: roundSeconds,
  'contacts per period': roundCount,
  contacts: roundCount,
  'calls per interval': roundCount,
  'calls per year': roundCount,
  'calls per day': roundCount,
  erlangs: roundLoad,
  agents: roundLoad,
  'head count': roundLoad,
  'contacts per busy agent': roundLoad,
  'sessions per agent': roundLoad,
  'per s': roundSignificant,
  'hours per year': roundSignificant,
  'relative change': roundFraction,
  'contacts per moved contact': roundSignificant,
} as const satisfies Record<string, (x: number) => number>;

export type Unit = keyof typeof UNITS;
