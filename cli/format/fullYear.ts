/**
 * The full-year run as a table: `fullYearComparison`'s rows (the year's figures from every
 * simulated call, the calibrated model's mean ± 95% CI, the report's figure and the year's
 * relative difference), then the centre classes. Within 120 columns: the figures' keys are in
 * `--json` and `--csv` (this table's rows are labelled in words).
 */
import { classSlices, fullYearComparison, targetName, type FullYearResult, type Scenario } from '../../scenarios/index.js';
import { wrapLines } from './wrap.js';
import { countEstimate } from './number.js';
import { csvLine, FIGURES, figureLabel as labelOf, formatByKind, formatFigure as formatKnown, renderTable, type FigureKey } from './index.js';
import { roundFor, unitOf, withUnit } from './units.js';

/** Counts of a whole year are whole contacts (or, for the model's means, need no decimals). */
const YEAR_COUNTS = new Set(['offered', 'answered', 'abandoned', 'selfServiceCompleted', 'served']);

function formatFigure(key: string, value: number): string {
  if (YEAR_COUNTS.has(key)) return formatByKind('count', value);
  if (key in FIGURES) return formatKnown(key as FigureKey, value);
  return formatByKind('real', value);
}

function figureLabel(key: string, target: number | undefined): string {
  return key in FIGURES ? labelOf(key as FigureKey, target) : key;
}

/** The table printed by `--full-year`. */
export function renderFullYear(r: FullYearResult, s: Scenario): string {
  const target = s.channels[0]?.targetSeconds;
  const targetOf = (channel: string | undefined) => (channel === undefined ? target : s.channels.find((c) => c.name === channel)?.targetSeconds);
  const rows: string[][] = fullYearComparison(r, s).map((x) => {
    const pct = x.relativeDifference === undefined ? '' : `${(x.relativeDifference * 100).toFixed(2)}%`;
    if (x.key === 'staff') return ['staff (head count, an input)', String(Math.round(x.year)), '', x.reported ? String(x.reported.value) : '', pct];
    // a simulated count with its half-width, rounded to what the interval supports (1,176.1 M ± 2.4 M)
    const m = !x.model ? '' : YEAR_COUNTS.has(x.key) ? countEstimate(x.model.mean, x.model.ci95) : `${formatFigure(x.key, x.model.mean)} ± ${formatFigure(x.key, x.model.ci95)}`;
    const label = figureLabel(x.key, targetOf(x.channel));
    return [x.channel === undefined ? label : `${x.channel}: ${label}`, formatFigure(x.key, x.year), m, x.reported ? formatFigure(x.key, x.reported.value) : '', pct];
  });
  const table = renderTable(
    [
      { header: 'figure' }, { header: 'full year', align: 'right' },
      { header: r.model ? `model (${r.model.replications} reps) ± 95%` : 'model', align: 'right' },
      { header: 'report', align: 'right' }, { header: 'vs report', align: 'right' },
    ],
    rows,
  );
  const single = s.channels.length === 1;
  const classes = renderTable(
    [
      { header: 'centre class' }, ...(single ? [] : [{ header: 'channel' }]), { header: 'centres', align: 'right' },
      { header: 'answered', align: 'right' }, { header: 'answer rate', align: 'right' }, { header: single ? `SL ${target ?? 'T'} s` : 'SL (its target)', align: 'right' },
    ],
    r.byClass.flatMap((c) =>
      classSlices(c, s).map(({ channel, figures: f }) => [
        c.centreClass, ...(single ? [] : [channel ?? '']), String(c.centres),
        formatFigure('answered', f.answered), formatFigure('answerRate', f.answerRate), formatFigure('serviceLevel', f.serviceLevel),
      ])),
  );
  const head =
    `Full year: ${r.centreDays.toLocaleString('en-US')} centre-days, ${(r.calls / 1e9).toFixed(3)} billion calls ` +
    `(${(r.simulatedCalls / 1e9).toFixed(3)} billion agent-directed simulated call by call, ` +
    `${((r.calls - r.simulatedCalls) / 1e9).toFixed(3)} billion self-service drawn as exact Poisson counts per centre-day), ` +
    `${r.seconds.toFixed(0)} s on ${r.workers} worker(s), ${(r.simulatedCalls / r.seconds / 1e6).toFixed(2)} M simulated calls/s\n`;
  const sources = (s.targets ?? []).map((t) => `  ${t.figure}: ${t.source}`).join('\n');
  return `${wrapLines(head)}\n${table}\n${classes}${sources ? `\nreport figures:\n${sources}\n` : ''}`;
}

/**
 * The full-year comparison as CSV, one table in long form: a row per compared figure (its unit,
 * the year, the model's mean and 95% half-width, the report's value, each rounded for the unit,
 * and the year's relative difference, a fraction), then a row per centre class and figure of the year.
 */
export function fullYearCsv(r: FullYearResult, s: Scenario): string {
  let out = csvLine(['table', 'name', 'figure', 'unit', 'year', 'model', 'modelCi95', 'reported', withUnit('relativeDifference', 'fraction')]);
  for (const x of fullYearComparison(r, s)) {
    const u = unitOf(x.key);
    out += csvLine(['figures', s.name, targetName({ figure: x.key, channel: x.channel }), u, ...[x.year, x.model?.mean, x.model?.ci95, x.reported?.value].map((v) => roundFor(u, v)), roundFor('fraction', x.relativeDifference)]);
  }
  for (const c of r.byClass) {
    for (const x of classSlices(c, s)) {
      for (const key of ['answered', 'answerRate', 'serviceLevel'] as const) out += csvLine(['centreClasses', c.centreClass, targetName({ figure: key, channel: x.channel }), unitOf(key), roundFor(unitOf(key), x.figures[key])]);
    }
  }
  return out;
}
