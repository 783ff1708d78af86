import { ALL_FIGURE_KEYS, type Figures } from './figures.js';
import { summarize } from './summarize.js';

/** Figures across replications: their means and the 95% half-widths, key by key. */
export interface FiguresSummary {
  /** per key, the mean over the replications where the figure is defined */
  figures: Figures;
  /** per key, the 95% confidence half-width of that mean (Student's t); NaN with fewer than 2 defined values */
  ci95: Figures;
  /** per key, the number of replications whose value was used (not NaN) */
  n: Record<keyof Figures, number>;
  /** replications given */
  replications: number;
}

/**
 * Summarizes the figures of independent replications, for every key of `ALL_FIGURE_KEYS`, with
 * {@link summarize}: `figures` holds the means, `ci95` the half-widths. A replication
 * whose value for a key is NaN (a ratio with a zero denominator, e.g. the ASA of a
 * replication that answered nothing) is skipped *for that key only*, so a key's mean may
 * be over fewer replications than another's (see `n`). Note that the mean of per-replication
 * ratios is the usual replication estimator, not the ratio of summed tallies.
 * @example summarizeFigures([figuresOf(t0), figuresOf(t1), figuresOf(t2)]).ci95.serviceLevel
 */
export function summarizeFigures(perReplication: readonly Figures[]): FiguresSummary {
  const figures = {} as Figures, ci95 = {} as Figures, n = {} as Record<keyof Figures, number>;
  const column = new Float64Array(perReplication.length);
  for (const key of ALL_FIGURE_KEYS) {
    for (let r = 0; r < perReplication.length; r++) column[r] = perReplication[r]![key];
    const s = summarize(column);
    figures[key] = s.mean; ci95[key] = s.halfWidth95; n[key] = s.n;
  }
  return { figures, ci95, n, replications: perReplication.length };
}

/**
 * {@link summarizeFigures} of figures stored as rows of a flat array (row r, key k at
 * `r × ALL_FIGURE_KEYS.length + k`, keys in ALL_FIGURE_KEYS order): the same numbers, bit for bit,
 * from 8 bytes per figure instead of an object per replication.
 * @example summarizeFigureRows(rows, replications).ci95.answerRate
 */
export function summarizeFigureRows(rows: Float64Array, count: number): FiguresSummary {
  const F = ALL_FIGURE_KEYS.length;
  const figures = {} as Figures, ci95 = {} as Figures, n = {} as Record<keyof Figures, number>;
  const column = new Float64Array(count);
  ALL_FIGURE_KEYS.forEach((key, k) => {
    for (let r = 0; r < count; r++) column[r] = rows[r * F + k]!;
    const s = summarize(column);
    figures[key] = s.mean; ci95[key] = s.halfWidth95; n[key] = s.n;
  });
  return { figures, ci95, n, replications: count };
}

/** Appends one Figures object as a row of `rows` (grown by doubling); returns the array to keep. */
export function appendFigureRow(rows: Float64Array, count: number, f: Figures): Float64Array {
  const F = ALL_FIGURE_KEYS.length;
  let out = rows;
  if ((count + 1) * F > rows.length) {
    out = new Float64Array(Math.max(F * 8, rows.length * 2));
    out.set(rows);
  }
  ALL_FIGURE_KEYS.forEach((key, k) => { out[count * F + k] = f[key]; });
  return out;
}
