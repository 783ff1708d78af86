/**
 * How figures read in tables: fractions as percentages (2–3 decimals), seconds with 1–2
 * decimals, counts as integers with thousands separators. Infinite values print as `∞`,
 * NaN and missing values as `–`. JSON and CSV never go through these: they keep full precision.
 */

const DASH = '–';

/** A fraction as a percentage. @example percent(0.80123) // '80.12%' */
export function percent(fraction: number | undefined, decimals = 2): string {
  if (fraction === undefined || Number.isNaN(fraction)) return DASH;
  if (!Number.isFinite(fraction)) return fraction > 0 ? '∞' : '-∞';
  return `${(fraction * 100).toFixed(decimals)}%`;
}

/** A signed change as a percentage, always with its sign (− is U+2212). @example signedPercent(-0.0412) // '−4.12%' */
export function signedPercent(fraction: number | undefined, decimals = 2): string {
  if (fraction === undefined || !Number.isFinite(fraction)) return DASH;
  return `${fraction >= 0 ? '+' : '−'}${Math.abs(fraction * 100).toFixed(decimals)}%`;
}

/** A duration in seconds. @example seconds(12.345) // '12.35 s'; seconds(Infinity) // '∞' */
export function seconds(value: number | undefined, decimals = 2): string {
  if (value === undefined || Number.isNaN(value)) return DASH;
  if (!Number.isFinite(value)) return value > 0 ? '∞' : '-∞';
  return `${value.toFixed(decimals)} s`;
}

/** A plain number with a fixed number of decimals and thousands separators. @example fixed(20565, 0) // '20,565' */
export function fixed(value: number | undefined, decimals = 2): string {
  if (value === undefined || Number.isNaN(value)) return DASH;
  if (!Number.isFinite(value)) return value > 0 ? '∞' : '-∞';
  return value.toLocaleString('en-US', { minimumFractionDigits: decimals, maximumFractionDigits: decimals });
}

/** An integer count. @example count(1234) // '1,234' */
export function count(value: number | undefined): string {
  return fixed(value, 0);
}
