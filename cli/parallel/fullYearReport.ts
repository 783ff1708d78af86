/**
 * The full-year run as a table (and its `--json` document): the year's figures from every
 * simulated call, the calibrated model's mean ± 95% CI (representative days, replications),
 * and the report's figure (the scenario's targets) with the full year's relative difference.
 */
import type { Figures } from '../../engine/stats/figures.js';
import type { FullYearResult, Scenario } from '../../scenarios/index.js';
import { FIGURES, figureLabel as labelOf, formatByKind, formatFigure as formatKnown, renderTable, type FigureKey } from '../format/index.js';

const KEYS = [
  'offered', 'answered', 'abandoned', 'answerRate', 'pAbandon', 'serviceLevel', 'slAnswered', 'asa', 'meanWait',
  'occupancy', 'agents', 'selfServiceCompleted', 'selfServiceShare',
] as const satisfies readonly (keyof Figures)[];

/** Figures the shared table lacks (self-service), with their kind and label. */
const EXTRA: Record<string, { label: string; kind: 'real' | 'fraction' }> = {
  selfServiceCompleted: { label: 'self-service completed', kind: 'real' },
  selfServiceShare: { label: 'self-service share', kind: 'fraction' },
};

/** Counts of a whole year are whole contacts (or, for the model's means, need no decimals). */
const YEAR_COUNTS = new Set(['offered', 'answered', 'abandoned', 'selfServiceCompleted']);

function formatFigure(key: string, value: number): string {
  if (YEAR_COUNTS.has(key)) return formatByKind('count', value);
  if (key in FIGURES) return formatKnown(key as FigureKey, value);
  return formatByKind(EXTRA[key]?.kind ?? 'real', value);
}

function figureLabel(key: string, target: number | undefined): string {
  return key in FIGURES ? labelOf(key as FigureKey, target) : (EXTRA[key]?.label ?? key);
}

function reportValue(s: Scenario, key: string): { value: number; source: string } | undefined {
  const t = s.targets?.find((x) => x.figure === key);
  return t ? { value: t.value, source: t.source } : undefined;
}

/** The table printed by `--full-year`. */
export function renderFullYear(r: FullYearResult, s: Scenario): string {
  const target = s.channels[0]?.targetSeconds;
  const rows: string[][] = KEYS.map((key) => {
    const rep = reportValue(s, key);
    const y = r.figures[key];
    const m = r.model ? `${formatFigure(key, r.model.figures[key])} ± ${formatFigure(key, r.model.ci95[key])}` : '';
    const diff = rep ? `${(((y - rep.value) / rep.value) * 100).toFixed(2)}%` : '';
    return [figureLabel(key, target), formatFigure(key, y), m, rep ? formatFigure(key, rep.value) : '', diff, key];
  });
  const staff = reportValue(s, 'staff');
  rows.push(['staff (head count, an input)', String(Math.round(r.staff)), '', staff ? String(staff.value) : '', staff ? `${(((r.staff - staff.value) / staff.value) * 100).toFixed(2)}%` : '', 'staff']);
  const table = renderTable(
    [
      { header: 'figure' }, { header: 'full year, every call', align: 'right' },
      { header: r.model ? `model (${r.model.replications} reps) ± 95% CI` : 'model', align: 'right' },
      { header: 'report 2017', align: 'right' }, { header: 'year vs report', align: 'right' }, { header: 'key' },
    ],
    rows,
  );
  const classes = renderTable(
    [{ header: 'centre class' }, { header: 'centres', align: 'right' }, { header: 'answered', align: 'right' }, { header: 'answer rate', align: 'right' }, { header: `SL ${target ?? 'T'} s`, align: 'right' }],
    r.byClass.map((c) => [c.centreClass, String(c.centres), formatFigure('answered', c.figures.answered), formatFigure('answerRate', c.figures.answerRate), formatFigure('serviceLevel', c.figures.serviceLevel)]),
  );
  const head =
    `Full year: ${r.centreDays.toLocaleString('en-US')} centre-days, ${(r.calls / 1e9).toFixed(3)} billion calls ` +
    `(${(r.simulatedCalls / 1e9).toFixed(3)} billion agent-directed simulated call by call, ` +
    `${((r.calls - r.simulatedCalls) / 1e9).toFixed(3)} billion self-service drawn as exact Poisson counts per centre-day), ` +
    `${r.seconds.toFixed(0)} s on ${r.workers} worker(s), ${(r.simulatedCalls / r.seconds / 1e6).toFixed(2)} M simulated calls/s\n`;
  const sources = (s.targets ?? []).map((t) => `  ${t.figure}: ${t.source}`).join('\n');
  return `${head}\n${table}\n${classes}${sources ? `\nreport figures:\n${sources}\n` : ''}`;
}

/** The `--json` document. */
export function fullYearJson(r: FullYearResult, s: Scenario): Record<string, unknown> {
  return {
    figures: r.figures,
    model: r.model,
    report: Object.fromEntries((s.targets ?? []).map((t) => [t.figure, t.value])),
    byClass: r.byClass,
    tally: r.tally,
    centreDays: r.centreDays,
    calls: r.calls,
    simulatedCalls: r.simulatedCalls,
    selfServiceDrawn: r.calls - r.simulatedCalls,
    events: r.events,
    staff: r.staff,
    seconds: r.seconds,
    workers: r.workers,
  };
}
