/**
 * Number formats of reports, the same as the terminal's (cli/format/number.ts): fractions as
 * percentages, seconds with 2 decimals, counts with thousands separators; a simulated value
 * with its 95% half-width, counts rounded to what the interval supports.
 */

const DASH = '–';
const ok = (x: number | null | undefined): x is number => typeof x === 'number' && Number.isFinite(x);

/** A number with fixed decimals and thousands separators. */
export function fixed(x: number | null | undefined, decimals: number): string {
  return ok(x) ? x.toLocaleString('en-US', { minimumFractionDigits: decimals, maximumFractionDigits: decimals }) : DASH;
}

/** A value by the kind of its figure (fraction, seconds, count, real, erlangs). */
export function byKind(kind: string, x: number | null | undefined): string {
  if (!ok(x)) return DASH;
  switch (kind) {
    case 'fraction': return `${(x * 100).toFixed(x > 0.999 && x < 1 ? 3 : 2)}%`;
    case 'seconds': return `${x.toFixed(2)} s`;
    case 'count': return fixed(x, 0);
    case 'erlangs': return fixed(x, 3);
    default: return fixed(x, Math.abs(x) >= 1000 ? 0 : 2);
  }
}

/** A change by kind: points for fractions, seconds, counts; always signed. */
export function change(kind: string, x: number | null | undefined): string {
  if (!ok(x)) return DASH;
  const sign = x >= 0 ? '+' : '−';
  const a = Math.abs(x);
  return kind === 'fraction' ? `${sign}${(a * 100).toFixed(2)} pt` : kind === 'seconds' ? `${sign}${a.toFixed(2)} s` : `${sign}${fixed(a, kind === 'count' || a >= 1000 ? 0 : 2)}`;
}

/** A count with its half-width, rounded to the half-width's 2 significant digits (k, M when large). */
export function countEstimate(mean: number, half: number): string {
  if (!ok(half) || half === 0) return fixed(mean, 0);
  const [scale, unit] = half >= 1e6 ? [1e6, ' M'] : half >= 1e4 ? [1e3, ' k'] : [1, ''];
  const h = half / scale;
  const d = Math.max(0, 1 - Math.floor(Math.log10(h)));
  return `${fixed(mean / scale, d)}${unit} ± ${fixed(h, d)}${unit}`;
}

/** A simulated value ± its 95% half-width. */
export function estimate(kind: string, mean: number | null | undefined, half: number | null | undefined, signed = false): string {
  if (!ok(mean)) return DASH;
  if ((kind === 'count' || (kind === 'real' && Math.abs(mean) >= 1000)) && ok(half) && half > 0) return (signed ? (mean >= 0 ? '+' : '−') : '') + countEstimate(signed ? Math.abs(mean) : mean, half);
  const v = signed ? change(kind, mean) : byKind(kind, mean);
  if (!ok(half)) return v;
  return `${v} ± ${kind === 'fraction' ? `${(half * 100).toFixed(2)} pt` : kind === 'seconds' ? `${half.toFixed(2)} s` : fixed(half, 0)}`;
}

/** Seconds from midnight as HH:MM. */
export function clock(secondsOfDay: number): string {
  const m = Math.round(secondsOfDay / 60);
  return `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
}

/** A sweep axis value as typed: lever changes in %, shares as they are. */
export function axisValue(name: string, v: number): string {
  if (['staff', 'volume', 'aht', 'patience'].includes(name)) {
    const p = Math.round(Math.abs(v * 100) * 1e6) / 1e6; // −14.000000000000002 → 14
    return `${v >= 0 ? '+' : '−'}${Number.isInteger(p) ? p : +p.toFixed(2)}%`;
  }
  if (name === 'selfService') return `${(v * 100).toFixed(1)}%`;
  return String(v);
}
