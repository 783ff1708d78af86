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
  const text = Math.abs(fraction * 100).toFixed(decimals);
  return `${fraction >= 0 || !/[1-9]/.test(text) ? '+' : '−'}${text}%`; // never −0.00%
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

/**
 * A simulated count with its 95% half-width, rounded to what the interval supports: the
 * half-width to 2 significant digits and the mean to the same place, in millions (M) from a
 * half-width of 100,000 and thousands (k) from 10,000.
 * @example countEstimate(1176128534, 2367450) // '1,176.1 M ± 2.4 M'; countEstimate(19350, 1245) // '19,300 ± 1,200'
 */
export function countEstimate(mean: number | undefined, halfWidth: number | undefined): string {
  if (mean === undefined || !Number.isFinite(mean)) return DASH;
  if (halfWidth === undefined || !Number.isFinite(halfWidth)) return count(mean);
  if (halfWidth === 0) return `${count(mean)} ± 0`;
  const [scale, unit] = halfWidth >= 1e5 ? [1e6, ' M'] : halfWidth >= 1e4 ? [1e3, ' k'] : [1, ''];
  const h = halfWidth / scale;
  const place = 1 - Math.floor(Math.log10(h)); // decimals for 2 significant digits (negative: tens, hundreds…)
  const round = (x: number) => (place >= 0 ? fixed(x, place) : count(Math.round(x / 10 ** -place) * 10 ** -place));
  return `${round(mean / scale)}${unit} ± ${round(h)}${unit}`;
}
