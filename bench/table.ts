/**
 * The printed table and the JSON rows of a bench run. One row per case:
 * name, median time of one operation, ops/s, samples, ratio to the reference loop (ref×),
 * baseline ratio (base×), ratio ÷ baseline (vs base), the gate's limit on that, gate verdict,
 * the absolute target (informational, never gated) with "met" / "not met", and any extra
 * metrics the case reports.
 */
import type { CaseOutcome } from './case.js';
import { fmtRatio, type Verdict } from './gate.js';

/** One row of the report: a measured (or errored) case with its gate verdict. */
export interface ReportRow {
  outcome: CaseOutcome;
  unit: string;
  opsPerCall: number;
  refRatio?: number;
  baselineRatio?: number;
  /** the case fails the gate above limit × baselineRatio */
  limit?: number;
  verdict?: Verdict;
  targetNs?: number;
}

/** A duration in ns, with a unit chosen so 3 significant digits show: "48.2 ns", "1.23 µs", "31.0 ms". */
export function fmtTime(ns: number): string {
  if (!Number.isFinite(ns)) return String(ns);
  const abs = Math.abs(ns);
  const [v, u] = abs < 1e3 ? [ns, 'ns'] : abs < 1e6 ? [ns / 1e3, 'µs'] : abs < 1e9 ? [ns / 1e6, 'ms'] : [ns / 1e9, 's'];
  return `${v.toPrecision(3)} ${u}`;
}

/** A rate with a k/M/G suffix: "20.8M", "35.1k", "412". */
export function fmtRate(perSecond: number): string {
  if (!Number.isFinite(perSecond)) return String(perSecond);
  const abs = Math.abs(perSecond);
  if (abs >= 1e9) return `${(perSecond / 1e9).toPrecision(3)}G`;
  if (abs >= 1e6) return `${(perSecond / 1e6).toPrecision(3)}M`;
  if (abs >= 1e3) return `${(perSecond / 1e3).toPrecision(3)}k`;
  return perSecond.toPrecision(3);
}

function fmtMetric(v: number): string {
  if (Number.isInteger(v) && Math.abs(v) < 1e6) return String(v);
  return Math.abs(v) >= 1e3 ? fmtRate(v) : Number(v.toPrecision(3)).toString();
}

const VERDICT_LABEL: Record<Verdict['kind'], string> = {
  ok: 'ok',
  improved: 'ok (faster)',
  'ok-after-retry': 'ok, noise',
  regression: 'REGRESSION',
  new: 'new',
  ungated: 'ungated',
  errored: 'ERROR',
};

/** The table as text lines (columns padded; the name column left-aligned, numbers right-aligned). */
export function formatTable(rows: ReportRow[]): string[] {
  const header = ['case', 'median/op', 'ops/s', 'samples', 'ref×', 'base×', 'vs base', 'limit', 'verdict', 'target', 'extra'];
  const body = rows.map((row) => {
    const o = row.outcome;
    const v = row.verdict;
    const retried = v && 'attempts' in v && v.attempts.length > 1 ? ` (retry ${v.attempts.slice(1).map(fmtRatio).join(', ')})` : '';
    const verdict = v ? `${VERDICT_LABEL[v.kind]}${retried}` : '';
    if (o.state === 'errored') {
      const first = o.error.split('\n', 1)[0] ?? '';
      return [o.name, '—', '—', '—', '—', baseCell(row), '—', limitCell(row), 'ERROR', targetCell(row), first.length > 100 ? `${first.slice(0, 99)}…` : first];
    }
    const vs = row.refRatio !== undefined && row.baselineRatio !== undefined ? `${(row.refRatio / row.baselineRatio).toFixed(2)}×` : '—';
    const extra = Object.entries(o.metrics)
      .map(([k, v]) => `${k}=${fmtMetric(v)}`)
      .join(' ');
    return [
      `${o.name}`,
      `${fmtTime(o.medianNs)}/${row.unit}`,
      fmtRate(o.opsPerSecond),
      String(o.samples),
      row.refRatio === undefined ? '—' : fmtRatio(row.refRatio),
      baseCell(row),
      vs,
      limitCell(row),
      verdict,
      targetCell(row),
      extra,
    ];
  });
  const all = [header, ...body];
  const widths = header.map((_, i) => Math.max(...all.map((r) => (r[i] ?? '').length)));
  const left = new Set([0, 8, 9, 10]);
  const line = (r: string[]): string =>
    r
      .map((cell, i) => (left.has(i) ? cell.padEnd(widths[i] as number) : cell.padStart(widths[i] as number)))
      .join('  ')
      .trimEnd();
  const rule = widths.map((w) => '─'.repeat(w)).join('  ');
  return [line(header), rule, ...body.map(line)];
}

function baseCell(row: ReportRow): string {
  return row.baselineRatio === undefined ? '—' : fmtRatio(row.baselineRatio);
}

function limitCell(row: ReportRow): string {
  return row.limit === undefined ? '—' : `${fmtRatio(row.limit)}×`;
}

/** The absolute target beside the measured value: "< 167 ns: met" or "< 167 ns: not met". */
function targetCell(row: ReportRow): string {
  if (row.targetNs === undefined) return '';
  const o = row.outcome;
  const mark = o.state === 'completed' ? (o.medianNs < row.targetNs ? ': met' : ': NOT met') : '';
  return `< ${fmtTime(row.targetNs)}${mark}`;
}

/** One JSON row: `name`, `medianNs` (null when errored), then the other figures and the case's metrics. */
export function jsonRow(row: ReportRow): Record<string, unknown> {
  const o = row.outcome;
  const common = {
    suite: o.suite,
    unit: row.unit,
    opsPerCall: row.opsPerCall,
    baselineRatio: row.baselineRatio ?? null,
    limit: row.limit ?? null,
    verdict: row.verdict?.kind ?? null,
    ...(row.targetNs !== undefined ? { targetNs: row.targetNs } : {}),
  };
  if (o.state === 'errored') return { name: o.name, medianNs: null, ...common, error: o.error };
  const attempts = row.verdict && 'attempts' in row.verdict && row.verdict.attempts.length > 1 ? { attempts: row.verdict.attempts } : {};
  return {
    name: o.name,
    medianNs: o.medianNs,
    p75Ns: o.p75Ns,
    samples: o.samples,
    opsPerSecond: o.opsPerSecond,
    refRatio: row.refRatio ?? null,
    ...common,
    ...(row.targetNs !== undefined ? { targetMet: o.medianNs < row.targetNs } : {}),
    ...attempts,
    ...o.metrics,
  };
}
