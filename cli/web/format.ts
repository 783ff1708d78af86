/**
 * Number formats of reports: the terminal's (cli/format/number.ts and figures.ts, bundled in):
 * fractions as percentages, seconds with 2 decimals, counts with thousands separators; a
 * simulated value with its 95% half-width, counts rounded to what the interval supports.
 */

import { countEstimate, fixed as fixedCli } from '../format/number.js';
import { formatByKind } from '../format/figures.js';

export { countEstimate };

const DASH = '–';
const ok = (x: number | null | undefined): x is number => typeof x === 'number' && Number.isFinite(x);

/** A number with fixed decimals and thousands separators (JSON's null prints –). */
export function fixed(x: number | null | undefined, decimals: number): string {
  return fixedCli(x ?? undefined, decimals);
}

/** A value by the kind of its figure, as the terminal prints it; large `real` values (contacts) whole. */
export function byKind(kind: string, x: number | null | undefined): string {
  if (!ok(x)) return DASH;
  if (kind === 'real' && Math.abs(x) >= 1000) return fixed(x, 0);
  return formatByKind(kind as Parameters<typeof formatByKind>[0], x);
}

/** A change by kind: points for fractions, seconds, counts; always signed. */
export function change(kind: string, x: number | null | undefined): string {
  if (!ok(x)) return DASH;
  const a = Math.abs(x);
  const text = kind === 'fraction' ? `${(a * 100).toFixed(2)} pt` : kind === 'seconds' ? `${a.toFixed(2)} s` : fixed(a, kind === 'count' || a >= 1000 ? 0 : 2);
  return `${x >= 0 || !/[1-9]/.test(text) ? '+' : '−'}${text}`; // a change that rounds to zero is +0, never −0
}

/** variant − baseline, NaN unless both are numbers (JSON writes NaN as null, and null − null would be 0). */
export function difference(variant: number | null | undefined, baseline: number | null | undefined): number {
  return ok(variant) && ok(baseline) ? variant - baseline : NaN;
}

/** A simulated value ± its 95% half-width (counts rounded to what the interval supports). */
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
